"""Balances, positions and position groups in the 2015 dialect's shapes (tradestation/webapi-docs-v2:
en/accounts/balances.md, positions.md, position-groups.md), worked out from the same fills as the classic
ones in portfolio.py.

A margin account's holding in a symbol is a position group, as the 2015 Positions example shows one; an
account's groups are numbered from FIRST_GROUP in the order their symbols were first filled, so that the
Position Groups page's example (group 1234) names the account's first group.
"""

from decimal import Decimal

from tradestation.dialects import ASSET_OF_NAME
from tradestation.errors import ApiError

from . import portfolio
from .accounts import ASSETS_BY_TYPE, FUND_SOURCES_BY_TYPE

FIRST_GROUP = 1234
GROUP_NOT_FOUND = "Not Found"
COUNTRY_CODES = {"JPY": "JP"}
# The Japanese fees the margin FundSource carries; the simulator charges none.
MARGIN_FEES = ("Commission", "CommissionConsumptionTax", "CorporateActionFee", "CorporateActionFeeConsumptionTax",
               "Interest", "ManagementFee", "ManagementFeeConsumptionTax", "OnOrderQuantity", "RealizedGainLoss",
               "ShortInterest")


def _number(value):
    """A whole number where the price is one (the 2015 examples print yen prices as integers)."""
    value = Decimal(str(value))
    return int(value) if value == value.to_integral_value() else float(value)


def _quote(market, symbol, description):
    quote = market.quote(symbol)
    previous, delta = quote.previous_close, quote.change
    return {"DisplayType": 1, "PreviousClose": _number(previous), "PreviousCloseDelta": _number(delta),
            "PreviousCloseDeltaPercent": float(delta / previous * 100) if previous else 0.0,
            "Last": _number(quote.last), "Ask": _number(quote.ask), "Bid": _number(quote.bid),
            "Symbol": symbol, "Description": description}


def _group_ids(book, account):
    """Each held symbol's group id: FIRST_GROUP, FIRST_GROUP + 1, ... by first fill."""
    ids = {}
    for order in book.orders.values():
        if order.account == account.key and order.filled_quantity and order.order.symbol not in ids:
            ids[order.order.symbol] = FIRST_GROUP + len(ids)
    return ids


def _fund_source(account):
    return "Margin" if "Margin" in FUND_SOURCES_BY_TYPE[account.type] else "Cash"


def _common(account, held, market):
    return {
        "AccountId": account.key, "Symbol": held["Symbol"], "Asset": {"Type": ASSET_OF_NAME[held["AssetType"]]},
        "TaxationMethod": "Calculated", "CountryCode": COUNTRY_CODES.get(held["Currency"], ""),
        "Currency": held["Currency"], "TotalQuantity": held["Quantity"], "AvailableQuantity": held["Quantity"],
        "AveragePrice": _number(held["AveragePrice"]),
        "Quote": _quote(market, held["Symbol"], held["Description"]),
    }


def _position(account, held, market, group_id=None):
    entry = {"Id": held["Key"], **_common(account, held, market),
             "Direction": "Long" if held["LongShort"] == "L" else "Short",
             "FundSource": {"Type": _fund_source(account)}}
    if group_id is not None:
        entry["ExchangeCode"] = market.instrument(held["Symbol"]).exchange
        entry["FundSource"] = {"GroupId": group_id, **dict.fromkeys(MARGIN_FEES, 0),
                               "ContractExpirationDate": "", "ExecutedQuantity": 0, "MarginLimitCautionFlag": 0,
                               "OpenQuantity": held["Quantity"], "OpenSettleDate": "", "OpenTradeDate": "",
                               "OpenTradePrice": _number(held["AveragePrice"]), "Type": "Margin"}
    return entry


def _group(account, held, market, group_id, with_positions):
    group = {"GroupId": group_id, "TotalPositions": 1, **_common(account, held, market),
             "ExchangeCode": market.instrument(held["Symbol"]).exchange,
             "FundSource": {**dict.fromkeys(MARGIN_FEES, 0), "Type": "Margin"}}
    if with_positions:
        group["Positions"] = [_position(account, held, market, group_id)]
    return group


def positions(book, market, account):
    """A cash account's positions; a margin account's holdings as position groups (without their members)."""
    held = portfolio.positions(book, market, account)
    if _fund_source(account) == "Cash":
        return [_position(account, entry, market) for entry in held]
    ids = _group_ids(book, account)
    return [_group(account, entry, market, ids[entry["Symbol"]], False) for entry in held]


def position_group(book, market, account, group_id):
    """The Position Group, with its positions; 404 for a group the account does not have."""
    ids = _group_ids(book, account)
    for entry in portfolio.positions(book, market, account):
        if str(ids.get(entry["Symbol"])) == str(group_id) and _fund_source(account) == "Margin":
            return [_group(account, entry, market, ids[entry["Symbol"]], True)]
    raise ApiError(404, GROUP_NOT_FOUND)


def balances(book, market, account):
    """The 2015 Account object: the account's description and its buying power, at the start of the day and
    now."""
    classic = portfolio.balances(book, market, account)
    start = float(account.buying_power)
    cash, value = classic["RealTimeAccountBalance"], classic["MarketValue"]
    unrealized = classic["RealTimeUnrealizedProfitLoss"]
    margin = _fund_source(account) == "Margin"
    real_time = dict.fromkeys((
        "BuyOrderValue", "ClosedMarginPositionCost", "Commission", "LongClosingOrderValue", "LongOrderValue",
        "MarginCashRequirement", "MarginExpense", "MarginPositionOpeningCost", "MarginRequirement",
        "MutualFundCollateral", "RealizedLoss", "RealizedProfitLoss", "RealizedProfit", "SellOrderValue",
        "ShortClosingOrderValue", "ShortOrderValue", "StockCollateral", "TaxRestraint", "TotalCollateral"), 0.0)
    real_time.update({
        "AssetValue": cash + value, "CashAvailableForWithdrawalTPlus1": cash,
        "CashAvailableForWithdrawalTPlus2": cash, "CashAvailableForWithdrawalTPlus3": cash,
        "CashBalance": cash, "CashBuyingPower": start, "CashUnrealizedProfitLoss": 0.0 if margin else unrealized,
        "MarginBuyingPower": start if margin else 0.0, "MarginExcess": start if margin else 0.0,
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
