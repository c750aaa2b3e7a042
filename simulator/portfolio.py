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
            "AssetType": entry["asset"], "Currency": instrument.currency, "Key": zlib.crc32(f"{account.key}:{symbol}".encode()),
            "Quantity": abs(quantity), "LongShort": "L" if quantity > 0 else "S",
            "AveragePrice": float(average), "AveragePriceDisplay": instrument.display(average),
            "LastPrice": float(last), "LastPriceDisplay": instrument.display(last),
            "BidPrice": float(bid), "BidPriceDisplay": instrument.display(bid),
            "AskPrice": float(ask), "AskPriceDisplay": instrument.display(ask),
            "BigPointValue": float(instrument.point_value), "MarketValue": float(value),
            "OpenProfitLoss": float(profit.quantize(Decimal("0.01"))),
        })
    return answers


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
    }
