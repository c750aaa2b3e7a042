"""Positions and balances, as TradeStation's Accounts service shows them, worked out from the book's fills.

Cash moves with every fill (a buy pays its value, a sell receives it). Buying power is the account's fixed
figure that orders are checked against (backend._rejection), so that a long soak never runs out of it.
"""

import zlib
from decimal import Decimal

from .accounts import TYPE_DESCRIPTIONS

BALANCE_TYPES = {"C": "EquityAccount", "M": "EquityAccount", "F": "FuturesAccount", "X": "ForexAccount"}


def _signed(order):
    """The quantity filled so far, negative for a sale."""
    return order.filled_quantity if order.buying else -order.filled_quantity


def positions(book, market, account):
    """One entry per symbol with a quantity left, in the documented Position shape."""
    held = {}
    for order in book.orders.values():
        if order.account != account.key or not order.filled_quantity or order.instrument is None:
            continue
        entry = held.setdefault(order.order.symbol, {"instrument": order.instrument, "quantity": 0,
                                                      "cost": Decimal(0), "asset": order.order.asset})
        entry["quantity"] += _signed(order)
        entry["time"] = max(filter(None, (entry.get("time"), order.placed_at)))
        entry["cost"] += _signed(order) * order.filled_price
    answers = []
    for symbol, entry in sorted(held.items()):
        quantity, instrument = entry["quantity"], entry["instrument"]
        if quantity == 0:
            continue
        average = entry["cost"] / quantity
        last, bid, ask = market.last(symbol), market.bid(symbol), market.ask(symbol)
        value = last * abs(quantity) * instrument.point_value
        profit = (last - average) * quantity * instrument.point_value
        answers.append({
            "AccountID": account.key, "Symbol": symbol, "Description": instrument.description,
            "AssetType": entry["asset"], "Currency": instrument.currency,
            "Key": zlib.crc32(f"{account.key}:{symbol}".encode()),
            "Quantity": abs(quantity), "LongShort": "L" if quantity > 0 else "S",
            "AveragePrice": float(average), "AveragePriceDisplay": instrument.display(average),
            "LastPrice": float(last), "LastPriceDisplay": instrument.display(last),
            "BidPrice": float(bid), "BidPriceDisplay": instrument.display(bid),
            "AskPrice": float(ask), "AskPriceDisplay": instrument.display(ask),
            "BigPointValue": float(instrument.point_value), "MarketValue": float(value),
            "OpenProfitLoss": float(profit.quantize(Decimal("0.01"))),
            **_documented_position_fields(instrument, entry, quantity, average, last),
        })
    return answers


COUNTRIES = {"USD": "United States", "JPY": "Japan"}
# .NET's DateTime.MinValue, which the Positions examples show for an instrument that does not expire.
NO_EXPIRY = "1/1/0001 12:00:00 AM"


def _documented_position_fields(instrument, entry, quantity, average, last):
    """The Position example's fields beyond the ticket's needs (tradestation/webapi-docs:
    en/accounts/positions.md, en/users/get-user-positions.md), worked out from the same fill."""
    per_unit = (last - average) if quantity > 0 else (average - last)
    percent = (per_unit / average * 100) if average else Decimal(0)
    cost = abs(entry["cost"]) * instrument.point_value
    return {
        "ContractExpireDate": NO_EXPIRY, "ConversionRate": 1, "Country": COUNTRIES.get(instrument.currency, ""),
        "InitialMargin": float(instrument.initial_margin or 0), "OpenProfitLossQty": float(per_unit.quantize(
            Decimal("0.01"))), "OpenProfitLossPercent": float(percent.quantize(Decimal("0.0001"))),
        "SettlePrice": float(last), "StrikePrice": 0.0, "StrikePriceDisplay": "0.00",
        "TimeStamp": _timestamp(entry.get("time")), "TotalCost": float(cost),
    }


def _timestamp(moment):
    """M/D/YYYY h:mm:ss AM, as the examples print times (unpadded, 12-hour)."""
    if moment is None:
        return NO_EXPIRY
    hour = moment.hour % 12 or 12
    return (f"{moment.month}/{moment.day}/{moment.year} {hour}:{moment.minute:02d}:{moment.second:02d} "
            f"{'AM' if moment.hour < 12 else 'PM'}")


def balances(book, market, account):
    """The documented balance entry, with cash after the day's fills."""
    cash = account.buying_power
    for order in book.orders.values():
        if order.account == account.key and order.filled_quantity and order.instrument is not None:
            cash -= _signed(order) * order.filled_price * order.instrument.point_value
    held = positions(book, market, account)
    value = sum(Decimal(str(p["MarketValue"])) * (1 if p["LongShort"] == "L" else -1) for p in held)
    unrealized = sum(Decimal(str(p["OpenProfitLoss"])) for p in held)
    return {
        "__type": f"{BALANCE_TYPES[account.type]}:#TradeStation.Web.Services.DataContracts",
        "Key": int(account.key) if account.key.isdigit() else account.key, "Name": account.name,
        "DisplayName": account.name, "Alias": "", "Type": account.type,
        "TypeDescription": TYPE_DESCRIPTIONS[account.type], "Status": "A", "StatusDescription": "Active",
        "BODNetCash": float(account.buying_power), "RealTimeAccountBalance": float(cash),
        "RealTimeBuyingPower": float(account.buying_power), "MarketValue": float(value),
        "RealTimeEquity": float(cash + value), "RealTimeUnrealizedProfitLoss": float(unrealized),
        **_documented_balance_fields(account, cash, value, unrealized),
    }


def _documented_balance_fields(account, cash, value, unrealized):
    """The Balances examples' fields beyond the ticket's needs (tradestation/webapi-docs:
    en/accounts/balances.md): the equities example's, and the futures example's for a futures account."""
    start, power = float(account.buying_power), float(account.buying_power)
    fields = {
        "BODEquity": start, "ClosedPositions": [], "RealTimeRealizedProfitLoss": 0.0,
        "RealTimeUnrealizedGains": float(unrealized), "UnclearedDeposit": 0.0,
        "BODAccountBalance": start, "BODDayTradingMarginableEquitiesBuyingPower": power,
        "BODOptionBuyingPower": power, "BODOptionValue": 0.0, "BODOvernightBuyingPower": power,
        "CanDayTrade": account.type == "M", "Commission": 0.0, "DayTrades": 0,
        "DayTradingQualified": account.type == "M", "OptionApprovalLevel": 0, "PatternDayTrader": False,
        "RealTimeCostOfPositions": float(value), "RealTimeDayTradingMarginableEquitiesBuyingPower": power,
        "RealTimeOptionBuyingPower": power, "RealTimeOptionValue": 0.0, "RealTimeOvernightBuyingPower": power,
        "UnsettledFund": 0.0,
    }
    if account.type == "F":
        fields.update({
            "BODOpenTradeEquity": 0.0, "Currency": account.currency, "OpenOrderMargin": 0.0,
            "RealTimeInitialMargin": 0.0, "RealTimeMaintenanceMargin": 0.0, "RealTimeTradeEquity": float(unrealized),
            "SecurityOnDeposit": 0.0, "TodayRealTimeTradeEquity": float(unrealized),
            "CurrencyDetails": [_currency_detail(account.currency, float(cash), float(unrealized), start)],
        })
    return fields


def _currency_detail(currency, cash, unrealized, start):
    """One entry of the futures example's CurrencyDetails: the account holds one currency, so each of its
    figures is also the account's (a conversion rate of 1)."""
    return {
        "BODAccountCashBalance": start, "BODCashBalance": start, "Commission": 0.0, "Currency": currency,
        "RealTimeAccountCashBalance": cash, "RealTimeAccountMarginRequirement": 0.0,
        "RealTimeAccountRealizedProfitLoss": 0.0, "RealTimeAccountUnrealizedProfitLoss": unrealized,
        "RealTimeCashBalance": cash, "RealTimeRealizedProfitLoss": 0.0, "RealTimeUnrealizedProfitLoss": unrealized,
        "ToAccountConversionRate": 1, "AccountOpenOrderInitMargin": 0.0, "BODAccountOpenTradeEquity": 0.0,
        "BODAccountSecurities": 0.0, "BODOpenTradeEquity": 0.0, "BODSecurities": 0.0, "OpenOrderInitMargin": 0.0,
        "RealTimeAccountInitMargin": 0.0, "RealTimeAccountMaintenanceMargin": 0.0, "RealTimeInitMargin": 0.0,
        "RealTimeMaintenanceMargin": 0.0, "TodayRealTimeUnrealizedProfitLoss": unrealized,
    }
