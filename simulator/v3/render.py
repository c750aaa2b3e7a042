"""The simulator's objects in API v3's words (its OpenAPI document's shapes): numbers sent as strings, as v3
sends them. Nothing here reads another face's answer: each function takes the model's own objects."""

from tradestation import errors as E
from tradestation import v3_vocabulary as words
from tradestation.errors import ApiError

from ..accounts import Account
from ..holdings import Balance, Position
from ..market import Quote, UnknownSymbol

# What v3 calls each asset type it trades (a type it has no word for is shown as the simulator's code).
ASSET_WORDS = {asset: word for asset, word in words.ASSET_CATEGORIES.items() if word}


def error_body(error: ApiError) -> dict:
    return {"Error": words.ERROR_WORDS.get(error.status, "Error"), "Message": error.message}


def _decimal(number) -> str:
    """A price as v2's JSON number would print it, as text (420.0, 0.05)."""
    return str(float(number))


def _asset(asset: str) -> str:
    return ASSET_WORDS.get(asset, asset)


def _unknown(found: UnknownSymbol) -> dict:
    return {"Symbol": found.symbol, "Error": E.INVALID_SYMBOL_QUOTE}


def quotes(found: list[Quote | UnknownSymbol]) -> dict:
    """v3's quotes answer: the quotes, and an Errors entry for each symbol the market does not list."""
    return {"Quotes": [quote(entry) for entry in found if isinstance(entry, Quote)],
            "Errors": [_unknown(entry) for entry in found if isinstance(entry, UnknownSymbol)]}


def quote(found: Quote) -> dict:
    entry = {"Symbol": found.symbol}
    for name, number in (("Open", found.open), ("High", found.high), ("Low", found.low),
                         ("PreviousClose", found.previous_close), ("Last", found.last), ("Ask", found.ask),
                         ("Bid", found.bid), ("NetChange", found.change), ("NetChangePct", found.change_percent)):
        entry[name] = _decimal(number)
    entry.update({"AskSize": str(found.ask_size), "BidSize": str(found.bid_size), "Volume": str(found.volume),
                  "MarketFlags": {"IsDelayed": False, "IsHalted": False}})
    return entry


def symbols(found: list[Quote | UnknownSymbol]) -> dict:
    """Symbol details: what a v3 quote leaves out (description, point value), of each listed instrument."""
    details = []
    for entry in found:
        if isinstance(entry, Quote):
            instrument = entry.instrument
            details.append({"Symbol": instrument.symbol, "Description": instrument.description,
                            "AssetType": _asset(instrument.asset), "Exchange": instrument.exchange,
                            "Currency": instrument.currency,
                            "PriceFormat": {"Format": "Decimal", "Increment": _decimal(instrument.min_move),
                                            "PointValue": str(instrument.point_value)}})
    return {"Symbols": details, "Errors": [_unknown(entry) for entry in found if isinstance(entry, UnknownSymbol)]}


def _money(amount) -> str:
    return f"{float(amount):.2f}"


def account(account: Account) -> dict:
    """An account as v3 lists it."""
    listed = {"AccountID": account.key, "AccountType": words.ACCOUNT_TYPES[account.type], "Alias": "", "AltID": "",
              "Currency": account.currency, "Status": "Active"}
    if account.type == "F":
        return listed   # futures accounts have no AccountDetail
    listed["AccountDetail"] = {"IsStockLocateEligible": False, "EnrolledInRegTProgram": False,
                               "RequiresBuyingPowerWarning": False, "DayTradingQualified": account.type == "M",
                               "OptionApprovalLevel": 1, "PatternDayTrader": False}
    return listed


def lists(account: Account) -> bool:
    """Whether v3 has the account at all (it has no forex accounts)."""
    return account.type in words.ACCOUNT_TYPES


def balance(money: Balance) -> dict:
    account = money.account
    return {"AccountID": account.key, "AccountType": words.ACCOUNT_TYPES[account.type],
            "CashBalance": _money(money.cash), "BuyingPower": _money(money.buying_power),
            "Equity": _money(money.equity), "MarketValue": _money(money.market_value),
            "TodaysProfitLoss": _money(money.unrealized_profit), "UnclearedDeposit": "0",
            "Commission": str(money.commission),
            "BalanceDetail": {"UnrealizedProfitLoss": _money(money.unrealized_profit),
                              "RealizedProfitLoss": str(money.realized_profit), "DayTrades": "0"}}


def position(held: Position) -> dict:
    quote, average = held.quote, float(held.average_price)
    cost, profit = float(held.total_cost), float(held.open_profit)
    return {"AccountID": held.account.key, "PositionID": str(held.key), "Symbol": held.symbol,
            "AssetType": _asset(held.asset), "LongShort": words.LONG_SHORT["L" if held.long else "S"],
            "Quantity": str(held.quantity), "AveragePrice": str(average), "Last": _decimal(quote.last),
            "Bid": _decimal(quote.bid), "Ask": _decimal(quote.ask), "MarkToMarketPrice": _decimal(quote.last),
            "MarketValue": _money(held.market_value), "TotalCost": _money(cost),
            "UnrealizedProfitLoss": _money(profit),
            "UnrealizedProfitLossPercent": _money(profit / cost * 100 if cost else 0),
            "UnrealizedProfitLossQty": str(round(float(quote.last) - average, 6)),
            "TodaysProfitLoss": _money(profit), "ConversionRate": "1"}
