"""Positions and balances in the classic dialect's shapes (tradestation/webapi-docs: en/accounts/positions.md,
balances.md, en/users/get-user-positions.md), from the model's Position and Balance."""

from __future__ import annotations

import datetime
from decimal import Decimal

from ..accounts import TYPE_DESCRIPTIONS
from ..holdings import Balance, Position

BALANCE_TYPES = {"C": "EquityAccount", "M": "EquityAccount", "F": "FuturesAccount", "X": "ForexAccount"}
# .NET's DateTime.MinValue, which the Positions examples show for an instrument that does not expire.
NO_EXPIRY = "1/1/0001 12:00:00 AM"


def position(held: Position) -> dict:
    """One entry of the documented Position shape."""
    instrument, quote = held.instrument, held.quote
    average = held.average_price
    return {
        "AccountID": held.account.key, "Symbol": held.symbol, "Description": instrument.description,
        "AssetType": held.asset, "Currency": instrument.currency, "Key": held.key,
        "Quantity": held.size, "LongShort": "L" if held.long else "S",
        "AveragePrice": float(average), "AveragePriceDisplay": instrument.display(average),
        "LastPrice": float(quote.last), "LastPriceDisplay": instrument.display(quote.last),
        "BidPrice": float(quote.bid), "BidPriceDisplay": instrument.display(quote.bid),
        "AskPrice": float(quote.ask), "AskPriceDisplay": instrument.display(quote.ask),
        "BigPointValue": float(instrument.point_value), "MarketValue": float(held.market_value),
        "OpenProfitLoss": float(held.open_profit),
        **_documented_position_fields(held),
    }


def _documented_position_fields(held: Position) -> dict:
    """The Position example's fields beyond the ticket's needs (tradestation/webapi-docs:
    en/accounts/positions.md, en/users/get-user-positions.md), worked out from the same fill."""
    instrument = held.instrument
    return {
        "ContractExpireDate": NO_EXPIRY, "ConversionRate": 1, "Country": instrument.country,
        "InitialMargin": float(instrument.initial_margin or 0),
        "OpenProfitLossQty": float(held.open_profit_per_unit.quantize(Decimal("0.01"))),
        "OpenProfitLossPercent": float(held.open_profit_percent.quantize(Decimal("0.0001"))),
        "SettlePrice": float(held.quote.last), "StrikePrice": 0.0, "StrikePriceDisplay": "0.00",
        "TimeStamp": _timestamp(held.last_fill_order_at), "TotalCost": float(held.total_cost),
    }


def _timestamp(moment: datetime.datetime | None) -> str:
    """M/D/YYYY h:mm:ss AM, as the examples print times (unpadded, 12-hour)."""
    if moment is None:
        return NO_EXPIRY
    hour = moment.hour % 12 or 12
    return (f"{moment.month}/{moment.day}/{moment.year} {hour}:{moment.minute:02d}:{moment.second:02d} "
            f"{'AM' if moment.hour < 12 else 'PM'}")


def balance(money: Balance) -> dict:
    """The documented balance entry, with cash after the day's fills."""
    account = money.account
    return {
        "__type": f"{BALANCE_TYPES[account.type]}:#TradeStation.Web.Services.DataContracts",
        "Key": int(account.key) if account.key.isdigit() else account.key, "Name": account.name,
        "DisplayName": account.name, "Alias": "", "Type": account.type,
        "TypeDescription": TYPE_DESCRIPTIONS[account.type], "Status": "A", "StatusDescription": "Active",
        "BODNetCash": float(money.start_of_day), "RealTimeAccountBalance": float(money.cash),
        "RealTimeBuyingPower": float(money.buying_power), "MarketValue": float(money.market_value),
        "RealTimeEquity": float(money.equity), "RealTimeUnrealizedProfitLoss": float(money.unrealized_profit),
        **_documented_balance_fields(money),
    }


def _documented_balance_fields(money: Balance) -> dict:
    """The Balances examples' fields beyond the ticket's needs (tradestation/webapi-docs:
    en/accounts/balances.md): the equities example's, and the futures example's for a futures account."""
    account = money.account
    start, power = float(money.start_of_day), float(money.buying_power)
    unrealized, realized = float(money.unrealized_profit), float(money.realized_profit)
    fields = {
        "BODEquity": start, "ClosedPositions": [], "RealTimeRealizedProfitLoss": realized,
        "RealTimeUnrealizedGains": unrealized, "UnclearedDeposit": 0.0,
        "BODAccountBalance": start, "BODDayTradingMarginableEquitiesBuyingPower": power,
        "BODOptionBuyingPower": power, "BODOptionValue": 0.0, "BODOvernightBuyingPower": power,
        "CanDayTrade": account.type == "M", "Commission": float(money.commission), "DayTrades": 0,
        "DayTradingQualified": account.type == "M", "OptionApprovalLevel": 0, "PatternDayTrader": False,
        "RealTimeCostOfPositions": float(money.market_value),
        "RealTimeDayTradingMarginableEquitiesBuyingPower": power,
        "RealTimeOptionBuyingPower": power, "RealTimeOptionValue": 0.0, "RealTimeOvernightBuyingPower": power,
        "UnsettledFund": 0.0,
    }
    if account.type == "F":
        fields.update({
            "BODOpenTradeEquity": 0.0, "Currency": account.currency, "OpenOrderMargin": 0.0,
            "RealTimeInitialMargin": 0.0, "RealTimeMaintenanceMargin": 0.0, "RealTimeTradeEquity": unrealized,
            "SecurityOnDeposit": 0.0, "TodayRealTimeTradeEquity": unrealized,
            "CurrencyDetails": [_currency_detail(money)],
        })
    return fields


def _currency_detail(money: Balance) -> dict:
    """One entry of the futures example's CurrencyDetails: the account holds one currency, so each of its
    figures is also the account's (a conversion rate of 1)."""
    cash, unrealized, start = float(money.cash), float(money.unrealized_profit), float(money.start_of_day)
    realized, commission = float(money.realized_profit), float(money.commission)
    return {
        "BODAccountCashBalance": start, "BODCashBalance": start, "Commission": commission,
        "Currency": money.account.currency,
        "RealTimeAccountCashBalance": cash, "RealTimeAccountMarginRequirement": 0.0,
        "RealTimeAccountRealizedProfitLoss": realized, "RealTimeAccountUnrealizedProfitLoss": unrealized,
        "RealTimeCashBalance": cash, "RealTimeRealizedProfitLoss": realized, "RealTimeUnrealizedProfitLoss": unrealized,
        "ToAccountConversionRate": 1, "AccountOpenOrderInitMargin": 0.0, "BODAccountOpenTradeEquity": 0.0,
        "BODAccountSecurities": 0.0, "BODOpenTradeEquity": 0.0, "BODSecurities": 0.0, "OpenOrderInitMargin": 0.0,
        "RealTimeAccountInitMargin": 0.0, "RealTimeAccountMaintenanceMargin": 0.0, "RealTimeInitMargin": 0.0,
        "RealTimeMaintenanceMargin": 0.0, "TodayRealTimeUnrealizedProfitLoss": unrealized,
    }
