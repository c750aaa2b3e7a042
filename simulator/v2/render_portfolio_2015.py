"""Balances, positions and position groups in the 2015 dialect's shapes (tradestation/webapi-docs-v2:
en/accounts/balances.md, positions.md, position-groups.md), from the same Position and Balance as the classic
ones in render_portfolio.py.

A margin account's holding in a symbol is a position group, as the 2015 Positions example shows one (its
number is the Position's group_id).
"""

from __future__ import annotations

from decimal import Decimal

from tradestation.dialects import ASSET_OF_NAME

from ..accounts import ASSETS_BY_TYPE, FUND_SOURCES_BY_TYPE
from ..holdings import Balance, Position

COUNTRY_CODES = {"JPY": "JP"}
# The Japanese fees the margin FundSource carries; the simulator charges none.
MARGIN_FEES = ("Commission", "CommissionConsumptionTax", "CorporateActionFee", "CorporateActionFeeConsumptionTax",
               "Interest", "ManagementFee", "ManagementFeeConsumptionTax", "OnOrderQuantity", "RealizedGainLoss",
               "ShortInterest")


def _number(value: Decimal) -> int | float:
    """A whole number where the price is one (the 2015 examples print yen prices as integers)."""
    return int(value) if value == value.to_integral_value() else float(value)


def _quote(held: Position) -> dict:
    quote = held.quote
    previous, delta = quote.previous_close, quote.change
    return {"DisplayType": 1, "PreviousClose": _number(previous), "PreviousCloseDelta": _number(delta),
            "PreviousCloseDeltaPercent": float(delta / previous * 100) if previous else 0.0,
            "Last": _number(quote.last), "Ask": _number(quote.ask), "Bid": _number(quote.bid),
            "Symbol": held.symbol, "Description": held.instrument.description}


def _common(held: Position) -> dict:
    currency = held.instrument.currency
    return {
        "AccountId": held.account.key, "Symbol": held.symbol, "Asset": {"Type": ASSET_OF_NAME[held.asset]},
        "TaxationMethod": "Calculated", "CountryCode": COUNTRY_CODES.get(currency, ""),
        "Currency": currency, "TotalQuantity": held.size, "AvailableQuantity": held.size,
        "AveragePrice": _number(held.average_price), "Quote": _quote(held),
    }


def _position(held: Position, in_group: bool = False) -> dict:
    entry = {"Id": held.key, **_common(held), "Direction": "Long" if held.long else "Short",
             "FundSource": {"Type": "Margin" if held.account.margin else "Cash"}}
    if in_group:
        entry["ExchangeCode"] = held.instrument.exchange
        entry["FundSource"] = {"GroupId": held.group_id, **dict.fromkeys(MARGIN_FEES, 0),
                               "ContractExpirationDate": "", "ExecutedQuantity": 0, "MarginLimitCautionFlag": 0,
                               "OpenQuantity": held.size, "OpenSettleDate": "", "OpenTradeDate": "",
                               "OpenTradePrice": _number(held.average_price), "Type": "Margin"}
    return entry


def position_group(held: Position, with_positions: bool = True) -> dict:
    """The Position Group of a margin account's holding, with its positions unless told not to."""
    group = {"GroupId": held.group_id, "TotalPositions": 1, **_common(held),
             "ExchangeCode": held.instrument.exchange,
             "FundSource": {**dict.fromkeys(MARGIN_FEES, 0), "Type": "Margin"}}
    if with_positions:
        group["Positions"] = [_position(held, in_group=True)]
    return group


def positions(held: list[Position]) -> list[dict]:
    """A cash account's positions; a margin account's holdings as position groups (without their members)."""
    return [position_group(entry, with_positions=False) if entry.account.margin else _position(entry)
            for entry in held]


def balance(money: Balance) -> dict:
    """The 2015 Account object: the account's description and its buying power, at the start of the day and
    now."""
    account = money.account
    start = float(money.start_of_day)
    cash, value = float(money.cash), float(money.market_value)
    unrealized, realized = float(money.unrealized_profit), float(money.realized_profit)
    power = float(money.buying_power)
    margin = account.margin
    real_time = dict.fromkeys((
        "BuyOrderValue", "ClosedMarginPositionCost", "LongClosingOrderValue", "LongOrderValue",
        "MarginCashRequirement", "MarginExpense", "MarginPositionOpeningCost", "MarginRequirement",
        "MutualFundCollateral", "SellOrderValue",
        "ShortClosingOrderValue", "ShortOrderValue", "StockCollateral", "TaxRestraint", "TotalCollateral"), 0.0)
    real_time.update({
        "AssetValue": cash + value, "CashAvailableForWithdrawalTPlus1": cash,
        "CashAvailableForWithdrawalTPlus2": cash, "CashAvailableForWithdrawalTPlus3": cash,
        "Commission": float(money.commission), "RealizedProfitLoss": realized,
        "RealizedProfit": max(realized, 0.0), "RealizedLoss": max(-realized, 0.0),
        "CashBalance": cash, "CashBuyingPower": cash if margin else power,
        "CashUnrealizedProfitLoss": 0.0 if margin else unrealized,
        "MarginBuyingPower": power if margin else 0.0, "MarginExcess": power / 2 if margin else 0.0,
        "MarginMaintenanceRatio": 0.0, "MarginUnrealizedProftLoss": unrealized if margin else 0.0,
        "StockValue": value,
    })
    return {
        "Id": account.key, "AccountDisplayName": account.name, "Status": "Open", "Currency": account.currency,
        "Restrictions": [], "AllowedFundSources": list(FUND_SOURCES_BY_TYPE[account.type]),
        "AllowedAssets": [ASSET_OF_NAME[asset] for asset in ASSETS_BY_TYPE[account.type]],
        "Equity": {"Enabled": "EQ" in ASSETS_BY_TYPE[account.type],
                   "DayTrading": {"Enabled": account.type == "M"}},
        # "MarginUnrealizedProftLoss" is spelt as the page spells it.
        "BODBuyingPower": {"AssetValue": start, "CashBalance": start, "CashBuyingPower": start,
                           "CashUnrealizedProfitLoss": 0.0, "MarginBuyingPower": start if margin else 0.0,
                           "MarginMaintenanceRatio": 0.0, "MarginUnrealizedProftLoss": 0.0, "StockValue": 0.0},
        "RealTimeBuyingPower": real_time,
    }
