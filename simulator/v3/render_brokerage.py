"""Accounts, balances (now and as the day began) and positions in v3's words, from the model's objects."""

from decimal import Decimal

from tradestation import v3_vocabulary as words

from ..accounts import Account
from ..holdings import Balance, Position
from .render import asset, day, decimal, moment, money

ZERO = "0"
# The share of a margin account's equity positions that must stay covered (Regulation T's maintenance rate).
MAINTENANCE_SHARE = Decimal("0.25")


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


def _sum(values) -> Decimal:
    return sum(values, Decimal(0))


def balance(money_now: Balance) -> dict:
    account, held = money_now.account, money_now.positions
    required = _sum(position.requirement for position in held)
    body = {"AccountID": account.key, "AccountType": words.ACCOUNT_TYPES[account.type],
            "CashBalance": money(money_now.cash), "BuyingPower": money(money_now.buying_power),
            "Equity": money(money_now.equity), "MarketValue": money(money_now.market_value),
            "TodaysProfitLoss": money(money_now.todays_profit), "UnclearedDeposit": ZERO,
            "Commission": money(money_now.commission)}
    profit = {"RealizedProfitLoss": money(money_now.realized_profit),
              "UnrealizedProfitLoss": money(money_now.unrealized_profit)}
    if account.type == "F":
        body["BalanceDetail"] = {
            "DayTradeExcess": money(money_now.buying_power), **profit, "DayTradeOpenOrderMargin": ZERO,
            "OpenOrderMargin": ZERO, "DayTradeMargin": money(required), "InitialMargin": money(required),
            "MaintenanceMargin": money(required), "TradeEquity": money(money_now.todays_profit),
            "SecurityOnDeposit": ZERO, "TodayRealTimeTradeEquity": money(money_now.unrealized_profit)}
        body["CurrencyDetails"] = [{"Currency": account.currency, "Commission": money(money_now.commission),
                                    "CashBalance": money(money_now.cash), **profit, "InitialMargin": money(required),
                                    "MaintenanceMargin": money(required), "AccountConversionRate": "1"}]
        return body
    options_value = _sum(position.market_value for position in held if position.instrument.asset == "OP")
    body["BalanceDetail"] = {
        "CostOfPositions": money(_sum(position.total_cost for position in held)), "DayTrades": ZERO,
        "MaintenanceRate": money(money_now.market_value * MAINTENANCE_SHARE if account.margin else 0),
        "OptionBuyingPower": money(money_now.buying_power), "OptionsMarketValue": money(options_value),
        "OvernightBuyingPower": money(money_now.buying_power),
        "RequiredMargin": money(required if account.margin else 0), **profit}
    return body


def opening_balance(opening: Balance) -> dict:
    """A balance as the day began (v3's BODBalance)."""
    account = opening.account
    body = {"AccountID": account.key, "AccountType": words.ACCOUNT_TYPES[account.type]}
    cash, equity = money(opening.cash), money(opening.equity)
    if account.type == "F":
        body["BalanceDetail"] = {"Equity": equity, "CashAvailableToWithdraw": cash, "NetCash": cash,
                                 "OpenTradeEquity": ZERO, "SecurityOnDeposit": ZERO}
        body["CurrencyDetails"] = [{"Currency": account.currency, "CashBalance": cash, "AccountOpenTradeEquity": ZERO,
                                    "AccountSecurities": ZERO, "OpenTradeEquity": ZERO, "Securities": ZERO}]
        return body
    power = money(opening.buying_power)
    body["BalanceDetail"] = {"AccountBalance": cash, "CashAvailableToWithdraw": cash,
                             "DayTradingMarginableBuyingPower": power, "DayTrades": ZERO, "Equity": equity,
                             "NetCash": cash, "OptionBuyingPower": cash, "OptionValue": ZERO,
                             "OvernightBuyingPower": power}
    return body


def position(held: Position) -> dict:
    quote, average = held.quote, decimal(held.average_price)
    cost, profit = float(held.total_cost), float(held.open_profit)
    instrument = held.instrument
    margined = instrument.asset in ("FU", "OP")
    body = {"AccountID": held.account.key, "PositionID": str(held.key), "Symbol": held.symbol,
            "AssetType": asset(held.asset), "LongShort": words.LONG_SHORT["L" if held.long else "S"],
            "Quantity": str(held.quantity), "AveragePrice": average, "Last": decimal(quote.last),
            "Bid": decimal(quote.bid), "Ask": decimal(quote.ask),
            # Opened today, so marked to what it was bought at (not yesterday's close).
            "MarkToMarketPrice": average,
            "MarketValue": money(held.market_value), "TotalCost": money(cost),
            "UnrealizedProfitLoss": money(profit),
            "UnrealizedProfitLossPercent": money(profit / cost * 100 if cost else 0),
            "UnrealizedProfitLossQty": str(round(float(held.open_profit_per_unit), 6)),
            "TodaysProfitLoss": money(profit), "ConversionRate": "1",
            "DayTradeRequirement": money(held.requirement) if instrument.asset == "FU" else ZERO,
            "InitialRequirement": money(held.requirement) if margined else ZERO,
            "MaintenanceMargin": money(held.requirement) if margined or held.account.margin else ZERO,
            "Timestamp": moment(held.last_fill_order_at)}
    if instrument.option:
        body["ExpirationDate"] = day(instrument.option.expiry)
    return body
