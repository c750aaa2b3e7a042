"""The account order list in each dialect's documented Order Detail shape.

Classic (tradestation/webapi-docs: en/accounts/orders.md and en/objects/order-response.md): the book's own
entry, which the bridge's reconciliation reads, with every key of the page's example added in the kind the
example shows. 2015 (tradestation/webapi-docs-v2: en/accounts/orders.md, en/objects/order-detail.md): the
page's keys, plus the OrderConfirmId that reconciliation needs.
"""

from __future__ import annotations

import datetime
import zlib

from tradestation.dialects import ASSET_OF_NAME, CLASSIC
from tradestation.orders import words

from ..book import CANCELLED, EXPIRED, FILLED, OPEN, PARTIAL, QUEUED, REJECTED, STATUS_DESCRIPTIONS, BookOrder
from ..market import Quote, option_terms

# The order types' numbers in a leg, in the order the classic example's OrderTypeDescription implies
# (Limit is 0); the others are ours.
ORDER_TYPE_CODES = {"Limit": 0, "Market": 1, "StopMarket": 2, "StopLimit": 3}
# The 2015 page's statuses are words (its example: "Filled"); the classic codes map onto them.
STATUS_WORDS = {OPEN: "Open", QUEUED: "Queued", FILLED: "Filled", CANCELLED: "Canceled", REJECTED: "Rejected",
                EXPIRED: "Expired", PARTIAL: "Partially Filled"}
# The classic list's side letter for each side of an order.
SIDE_LETTERS = {"buy": "B", "sell": "S", "short": "T", "cover": "C"}


def originator(user: str) -> int:
    """A stable number for a user, as the classic list's Originator (an FDCN id) is a number."""
    return 500000 + zlib.crc32(user.encode()) % 100000


def detail(dialect: str, order: BookOrder, quote: Quote | None) -> dict:
    """One order of the list; `quote` is its instrument's now (None for a symbol the market does not list)."""
    return (classic_detail if dialect == CLASSIC else global_detail)(order, quote)


def _listing(order: BookOrder) -> dict:
    """The book's own entry: the keys the bridge and the ticket read."""
    instrument = order.instrument
    display = instrument.display if instrument else (lambda price: f"{price:,.2f}")

    def text(price):
        return display(price) if price is not None else ""

    def number(price):
        return float(price) if price is not None else None
    return {
        "OrderID": int(order.id), "OrderConfirmId": order.order.confirm_id or "", "AccountID": order.account,
        "Symbol": order.order.symbol, "AssetType": order.order.asset, "Type": words(order.order.action),
        "OrderType": order.type, "Quantity": order.quantity, "QuantityLeft": order.leaves,
        "ExecuteQuantity": order.filled_quantity,
        "LimitPrice": number(order.limit_price), "LimitPriceText": text(order.limit_price),
        "StopPrice": number(order.stop_price), "StopPriceText": text(order.stop_price),
        "FilledPrice": number(order.filled_price), "FilledPriceText": text(order.filled_price),
        "Duration": order.order.time_in_force, "Routing": order.order.route, "Status": order.status,
        "StatusDescription": STATUS_DESCRIPTIONS[order.status], "RejectReason": order.reason or "",
        "Denomination": instrument.currency if instrument else "", "GroupName": order.group or "",
        "TriggeredBy": order.parent or "", "ClientTag": order.order.client_tag or "",
        "TimeStamp": order.placed_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "FilledCanceled": order.closed_at.strftime("%Y-%m-%dT%H:%M:%SZ") if order.closed_at else "",
        "Legs": [{
            "OrderID": int(order.id), "Symbol": order.order.symbol, "Side": SIDE_LETTERS.get(order.side, ""),
            "Quantity": order.quantity, "ExecQuantity": order.filled_quantity, "Leaves": order.leaves,
            "ExecPrice": number(order.filled_price), "OrderType": order.type,
        }],
    }


def classic_detail(order: BookOrder, quote: Quote | None) -> dict:
    entry = _listing(order)
    option = option_terms(order.order.symbol) if order.order.asset == "OP" else None
    expiry = f"{option.expiry.month}/{option.expiry.day}/{option.expiry.year} 12:00:00 AM" if option else ""
    entry.update({
        "AdvancedOptions": order.advanced_options_text, "CommissionFee": 0.0, "UnbundledRouteFee": 0.0,
        "ContractExpireDate": expiry, "ConversionRate": 0, "Country": None,
        "Originator": originator(order.user), "Spread": "",
    })
    limit, stop = order.limit_price, order.stop_price
    used = limit if limit is not None else (stop if stop is not None else order.filled_price)
    for number, leg in enumerate(entry["Legs"], 1):
        leg.update({
            "ExecPrice": leg["ExecPrice"] if leg["ExecPrice"] is not None else 0,   # the example's 0 when unfilled
            "Ask": float(quote.ask) if quote else 0,
            "Bid": float(quote.bid) if quote else 0,
            "BaseSymbol": option.root if option else "",
            "ExpireDate": expiry,
            "LegNumber": number,
            "LimitPrice": float(limit) if limit is not None else 0,
            "LimitPriceDisplay": str(limit) if limit is not None else "0",
            "Month": option.expiry.month if option else 0,
            "OpenOrClose": "C" if order.closes else "O",
            "OrderType": ORDER_TYPE_CODES[order.type],
            "OrderTypeDescription": order.type,
            "PointValue": float(order.instrument.point_value) if order.instrument else 1.0,
            "PriceUsedForBuyingPower": float(used) if used is not None else 0,
            "PutOrCall": option.put_call if option else "",
            "StopPrice": float(stop) if stop is not None else 0,
            "StopPriceDisplay": str(stop) if stop is not None else "0",
            "StrikePrice": float(option.strike) if option else 0,
            "TimeExecuted": entry["FilledCanceled"] if order.status == FILLED else "",
            "Year": option.expiry.year if option else 0,
        })
    return entry


def global_detail(order: BookOrder, quote: Quote | None) -> dict:
    sent, instrument = order.order, order.instrument
    filled = order.status == FILLED
    stamp = _stamp(order.placed_at)
    return {
        "Id": int(order.id),
        "OrderConfirmId": sent.confirm_id or "",
        "AccountId": order.account,
        "AssetType": ASSET_OF_NAME[sent.asset],
        "Side": sent.action,
        "Symbol": sent.symbol,
        "Quantity": order.quantity,
        "Type": order.type,
        "LimitPrice": float(order.limit_price) if order.limit_price is not None else 0,
        "StopPrice": float(order.stop_price) if order.stop_price is not None else 0,
        "TimeInForce": sent.time_in_force,
        "FundSource": sent.fields.get("FundSource") or "Cash",
        "TaxationMethod": sent.fields.get("TaxationMethod") or "Undefined",
        "OriginatorId": str(originator(order.user)),
        "Commission": 0.0,
        "CountryCode": "JP" if sent.symbol.startswith("JP:") else "US",
        "CreatedDateTime": stamp,
        "ExecutedDateTime": _stamp(order.closed_at) if filled else "",
        "ExchangeDateTime": stamp,
        "ExchangeCode": instrument.exchange if instrument else "",
        "Status": STATUS_WORDS.get(order.status, order.status),
        "StatusDateTime": _stamp(order.closed_at or order.placed_at),
        "ExecutedQuantity": order.quantity if filled else 0,
        "RemainingQuantity": order.quantity if order.live else 0,
        "AverageExecutedPrice": float(order.filled_price) if filled else 0,
        "Quote": _quote(sent.symbol, quote),
    }


def _quote(symbol: str, quote: Quote | None) -> dict:
    if quote is None:
        return {"PreviousClose": 0, "PreviousCloseDelta": 0, "PreviousCloseDeltaPercent": 0, "Last": 0, "Ask": 0,
                "Bid": 0, "Symbol": symbol, "Description": ""}
    return {"PreviousClose": float(quote.previous_close), "PreviousCloseDelta": float(quote.change),
            "PreviousCloseDeltaPercent": float(quote.change_percent), "Last": float(quote.last),
            "Ask": float(quote.ask), "Bid": float(quote.bid), "Symbol": symbol,
            "Description": quote.instrument.description}


def _stamp(moment: datetime.datetime) -> str:
    # The 2015 page's "YYYY-MM-DD hh:mm:ss.ttt" in UTC, with the offset its example shows.
    return moment.strftime("%Y-%m-%d %H:%M:%S.") + f"{moment.microsecond // 1000:03d}+00:00"
