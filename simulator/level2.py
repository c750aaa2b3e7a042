"""The Level2 stream (tradestation/webapi-docs: en/stream/level2.md): the market's depth for one symbol, as a
finite stream like the other Stream calls (simulator/streams.py): each price level a chunk, then END.

The demo market shows LEVELS levels a side: the touch (depth 1) and the ticks behind it, each with a size drawn
from the quote's own. A level's Name is who shows it: FOREX for a currency pair (the page's example), the
listing exchange otherwise."""

import datetime

from .streams import END, INVALID_SYMBOL, _stamp

LEVELS = 5
FIRST_ID = 65536        # the page's example numbers its levels from here
NEW = "New"


def chunks(market, symbol):
    instrument = market.instrument(symbol)
    if instrument is None:
        return [INVALID_SYMBOL]
    name = "FOREX" if instrument.asset == "FX" else instrument.exchange
    quote = market.quote(symbol)
    stamp = _stamp(datetime.datetime.now(datetime.timezone.utc))
    levels = []
    for side, touch, size, direction in (("Bid", quote.bid, quote.bid_size, -1), ("Ask", quote.ask, quote.ask_size, 1)):
        price = touch
        for depth in range(1, LEVELS + 1):
            if price <= 0:
                break
            levels.append({"ID": str(FIRST_ID + len(levels)), "ReferenceNumber": "", "Name": name, "Type": side,
                           "Size": size * depth, "Price": float(price), "DateTime": stamp, "Depth": depth,
                           "Status": NEW})
            price += direction * instrument.tick(price)
    return levels + [END]
