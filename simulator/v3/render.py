"""The simulator's objects in API v3's words (its OpenAPI document's shapes): numbers sent as strings, as v3
sends them. Nothing here reads another face's answer: each function takes the model's own objects."""

from tradestation import errors as E
from tradestation import v3_vocabulary as words
from tradestation.errors import ApiError

from .. import estimates
from ..accounts import Account
from ..book import REJECTED, STATUS_DESCRIPTIONS, BookOrder
from ..desk import CANCEL_SENT, REPLACE_SENT, SENT, Cancellation, Confirmation
from ..holdings import Balance, Position
from ..market import Quote, UnknownSymbol

# What v3 calls each asset type it trades (a type it has no word for is shown as the simulator's code).
ASSET_WORDS = {asset: word for asset, word in words.ASSET_CATEGORIES.items() if word}
# An order refused downstream is listed under Errors with this word (the order still got an id).
FAILED = "FAILED"


def error_body(error: ApiError) -> dict:
    return {"Error": words.ERROR_WORDS.get(error.status, "Error"), "Message": error.message}


def _decimal(number) -> str:
    """A price as v2's JSON number would print it, as text (420.0, 0.05)."""
    return str(float(number))


def _asset(asset: str) -> str:
    return ASSET_WORDS.get(asset, asset)


def unknown(found: UnknownSymbol) -> dict:
    return {"Symbol": found.symbol, "Error": E.INVALID_SYMBOL_QUOTE}


def quotes(found: list[Quote | UnknownSymbol]) -> dict:
    """v3's quotes answer: the quotes, and an Errors entry for each symbol the market does not list."""
    return {"Quotes": [quote(entry) for entry in found if isinstance(entry, Quote)],
            "Errors": [unknown(entry) for entry in found if isinstance(entry, UnknownSymbol)]}


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
    return {"Symbols": details, "Errors": [unknown(entry) for entry in found if isinstance(entry, UnknownSymbol)]}


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
            "TodaysProfitLoss": _money(money.todays_profit), "UnclearedDeposit": "0",
            "Commission": _money(money.commission),
            "BalanceDetail": {"UnrealizedProfitLoss": _money(money.unrealized_profit),
                              "RealizedProfitLoss": _money(money.realized_profit), "DayTrades": "0"}}


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


# Orders

def order_answers(orders: list[BookOrder]) -> dict:
    """v3's answer to placing: {"Orders": [...], "Errors": [...]} (Errors only when an order was rejected; a
    rejected order still has its id)."""
    body = {"Orders": [{"OrderID": order.id, "Message": SENT + order.description}
                       for order in orders if order.status != REJECTED]}
    errors = [{"OrderID": order.id, "Error": FAILED, "Message": order.reason}
              for order in orders if order.status == REJECTED]
    if errors:
        body["Errors"] = errors
    return body


def cancelled(answer: Cancellation) -> dict:
    if not answer.cancelled:
        raise ApiError(400, E.NOT_OPEN)
    return {"OrderID": answer.order.id, "Message": CANCEL_SENT}


def replaced(order: BookOrder) -> dict:
    return {"OrderID": order.id, "Message": REPLACE_SENT}


def confirmation(preview: Confirmation, request: dict) -> dict:
    """A preview in v3's names, numbers as strings: `request` is the v3 order as sent."""
    order, instrument = preview.order, preview.instrument
    body = {"Route": order.route, "TimeInForce": request["TimeInForce"], "AccountID": preview.account.key,
            "SummaryMessage": order.describe(instrument.decimals), "OrderAssetCategory": ASSET_WORDS[order.asset],
            "OrderConfirmID": preview.confirm_id}
    uses = {"Limit": ("LimitPrice",), "StopMarket": ("StopPrice",), "StopLimit": ("LimitPrice", "StopPrice")}
    for name in uses.get(request.get("OrderType"), ()):
        body[name] = str(request[name])
    body.update({"EstimatedPrice": _decimal(preview.price), "EstimatedPriceDisplay": instrument.display(preview.price),
                 "EstimatedCost": _decimal(preview.cost), "EstimatedCostDisplay": estimates.display(preview.cost),
                 "EstimatedCommission": _decimal(preview.commission),
                 "EstimatedCommissionDisplay": estimates.display(preview.commission)})
    # A buy debits the account (positive), a sell credits it (negative).
    debit = float(preview.cost) + float(preview.commission)
    body["DebitCreditEstimatedCost"] = str(round(debit if preview.buying else -debit, 2))
    if instrument.asset == "FU":
        body.update({"ProductCurrency": instrument.currency, "AccountCurrency": preview.account.currency})
    if preview.initial_margin is not None:
        body["InitialMarginDisplay"] = estimates.display(preview.initial_margin)
    return body


def listed_order(order: BookOrder, with_confirm_id: bool = True) -> dict:
    """An order of the account's list in v3's Order shape, numbers as strings; with its OrderConfirmID, which
    v3's Order object does not have, unless told not to."""
    def number(value) -> str:
        return "0" if value is None else _decimal(value)

    def text(value) -> str | None:
        return None if value is None else _decimal(value)

    limit, stop = order.limit_price, order.stop_price
    used = limit if limit is not None else (stop if stop is not None else order.filled_price)
    entry = {
        "AccountID": order.account,
        "OrderID": order.id,
        "OrderConfirmID": (order.order.confirm_id or "") if with_confirm_id else None,
        "AdvancedOptions": order.advanced_options_text,
        "ClosedDateTime": _time(order.closed_at),
        "CommissionFee": "0",
        "Currency": order.instrument.currency if order.instrument else "",
        "Duration": order.order.time_in_force,
        "FilledPrice": number(order.filled_price),
        "GroupName": order.group or "",
        # Only the prices the order type has.
        "LimitPrice": text(limit),
        "StopPrice": text(stop),
        "OpenedDateTime": _time(order.placed_at),
        "OrderType": order.type,
        "PriceUsedForBuyingPower": number(used),
        "RejectReason": order.reason or "",
        "Routing": order.order.route,
        "Status": order.status,
        "StatusDescription": STATUS_DESCRIPTIONS[order.status],
        "UnbundledRouteFee": "0",
        "Legs": [{
            "AssetType": _asset(order.order.asset),
            "BuyOrSell": words.BUY_OR_SELL[order.side],
            "ExecQuantity": str(order.filled_quantity),
            "ExecutionPrice": number(order.filled_price),
            "OpenOrClose": "Close" if order.closes else "Open",
            "QuantityOrdered": str(order.quantity),
            "QuantityRemaining": str(order.leaves),
            "Symbol": order.order.symbol,
        }],
    }
    return {name: value for name, value in entry.items() if value is not None}


def _time(moment) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ") if moment else ""
