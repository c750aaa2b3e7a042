"""The account order list in each dialect's documented Order Detail shape, and the OData `$filter` subset
the Orders page describes (`symbol eq 'AAPL'`).

Classic (tradestation/webapi-docs: en/accounts/orders.md and en/objects/order-response.md): the book's own
entry, which the bridge's reconciliation reads, with every key of the page's example added in the kind the
example shows. 2015 (tradestation/webapi-docs-v2: en/accounts/orders.md, en/objects/order-detail.md): the
page's keys, plus the OrderConfirmId that reconciliation needs.
"""

import re
import zlib

from tradestation.dialects import ASSET_OF_NAME, CLASSIC

from .book import CANCELLED, EXPIRED, FILLED, OPEN, PARTIAL, QUEUED, REJECTED

# The order types' numbers in a leg, in the order the classic example's OrderTypeDescription implies
# (Limit is 0); the others are ours.
ORDER_TYPE_CODES = {"Limit": 0, "Market": 1, "StopMarket": 2, "StopLimit": 3}
# The 2015 page's statuses are words (its example: "Filled"); the classic codes map onto them.
STATUS_WORDS = {OPEN: "Open", QUEUED: "Queued", FILLED: "Filled", CANCELLED: "Canceled", REJECTED: "Rejected",
                EXPIRED: "Expired", PARTIAL: "Partially Filled"}
# Option symbols as the simulator lists them: "MSFT 261218C420" (root, YYMMDD, C or P, strike).
_OPTION = re.compile(r"(?P<root>[A-Z]+) (?P<yy>[0-9]{2})(?P<mm>[0-9]{2})(?P<dd>[0-9]{2})(?P<pc>[CP])(?P<strike>[0-9.]+)")


def originator(user):
    """A stable number for a user, as the classic list's Originator (an FDCN id) is a number."""
    return 500000 + zlib.crc32(user.encode()) % 100000


def classic_detail(book_order, market):
    entry = book_order.listing()
    instrument = book_order.instrument
    option = _OPTION.fullmatch(book_order.order.symbol) if book_order.order.asset == "OP" else None
    expiry = f"{int(option['mm'])}/{int(option['dd'])}/20{option['yy']} 12:00:00 AM" if option else ""
    trail = book_order.order.trailing_stop
    entry.update({
        "AdvancedOptions": _trail_text(trail) if trail else "",
        "CommissionFee": 0.0,
        "UnbundledRouteFee": 0.0,
        "ContractExpireDate": expiry,
        "ConversionRate": 0,
        "Country": None,
        "Originator": originator(book_order.user),
        "Spread": "",
    })
    limit, stop = book_order.limit_price, book_order.stop_price
    used = limit if limit is not None else (stop if stop is not None else book_order.filled_price)
    for number, leg in enumerate(entry["Legs"], 1):
        leg.update({
            "ExecPrice": leg["ExecPrice"] if leg["ExecPrice"] is not None else 0,   # the example's 0 when unfilled
            "Ask": float(market.ask(instrument.symbol)) if instrument else 0,
            "Bid": float(market.bid(instrument.symbol)) if instrument else 0,
            "BaseSymbol": option["root"] if option else "",
            "ExpireDate": expiry,
            "LegNumber": number,
            "LimitPrice": float(limit) if limit is not None else 0,
            "LimitPriceDisplay": str(limit) if limit is not None else "0",
            "Month": int(option["mm"]) if option else 0,
            "OpenOrClose": "C" if book_order.order.action.endswith("Close") or book_order.order.action == "BuyToCover"
            else "O",
            "OrderType": ORDER_TYPE_CODES[book_order.type],
            "OrderTypeDescription": book_order.type,
            "PointValue": float(instrument.point_value) if instrument else 1.0,
            "PriceUsedForBuyingPower": float(used) if used is not None else 0,
            "PutOrCall": option["pc"] if option else "",
            "StopPrice": float(stop) if stop is not None else 0,
            "StopPriceDisplay": str(stop) if stop is not None else "0",
            "StrikePrice": float(option["strike"]) if option else 0,
            "TimeExecuted": entry["FilledCanceled"] if book_order.status == FILLED else "",
            "Year": 2000 + int(option["yy"]) if option else 0,
        })
    return entry


def _trail_text(trail):
    if "Amount" in trail:
        return f"Trailing stop: {trail['Amount']}"
    unit = "points" if trail.get("ByPoints") else "%"
    return f"Trailing stop: {trail.get('Value', trail.get('Percent'))} {unit}"


def global_detail(book_order, market):
    order, instrument = book_order.order, book_order.instrument
    filled = book_order.status == FILLED
    found = market.quote(instrument.symbol) if instrument else None
    quote = {"PreviousClose": float(found.previous_close), "NetChange": float(found.change),
             "NetChangePct": float(found.change_percent), "Last": float(found.last), "Ask": float(found.ask),
             "Bid": float(found.bid), "Description": instrument.description} if found else {}
    stamp = _stamp(book_order.placed_at)
    return {
        "Id": int(book_order.id),
        "OrderConfirmId": order.confirm_id or "",
        "AccountId": book_order.account,
        "AssetType": ASSET_OF_NAME[order.asset],
        "Side": order.action,
        "Symbol": order.symbol,
        "Quantity": book_order.quantity,
        "Type": book_order.type,
        "LimitPrice": float(book_order.limit_price) if book_order.limit_price is not None else 0,
        "StopPrice": float(book_order.stop_price) if book_order.stop_price is not None else 0,
        "TimeInForce": order.time_in_force,
        "FundSource": order.fields.get("FundSource") or "Cash",
        "TaxationMethod": order.fields.get("TaxationMethod") or "Undefined",
        "OriginatorId": str(originator(book_order.user)),
        "Commission": 0.0,
        "CountryCode": "JP" if order.symbol.startswith("JP:") else "US",
        "CreatedDateTime": stamp,
        "ExecutedDateTime": _stamp(book_order.closed_at) if filled else "",
        "ExchangeDateTime": stamp,
        "ExchangeCode": instrument.exchange if instrument else "",
        "Status": STATUS_WORDS.get(book_order.status, book_order.status),
        "StatusDateTime": _stamp(book_order.closed_at or book_order.placed_at),
        "ExecutedQuantity": book_order.quantity if filled else 0,
        "RemainingQuantity": book_order.quantity if book_order.live else 0,
        "AverageExecutedPrice": float(book_order.filled_price) if filled else 0,
        "Quote": {
            "PreviousClose": quote.get("PreviousClose", 0), "PreviousCloseDelta": quote.get("NetChange", 0),
            "PreviousCloseDeltaPercent": quote.get("NetChangePct", 0), "Last": quote.get("Last", 0),
            "Ask": quote.get("Ask", 0), "Bid": quote.get("Bid", 0), "Symbol": order.symbol,
            "Description": quote.get("Description", ""),
        },
    }


def _stamp(moment):
    # The 2015 page's "YYYY-MM-DD hh:mm:ss.ttt" in UTC, with the offset its example shows.
    return moment.strftime("%Y-%m-%d %H:%M:%S.") + f"{moment.microsecond // 1000:03d}+00:00"


def detail(dialect, book_order, market):
    return (classic_detail if dialect == CLASSIC else global_detail)(book_order, market)
