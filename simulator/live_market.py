"""What the market streams show beyond a quote: the bar now forming as prices move, and the depth of the book
around the touch. Drawn from the simulator's seed and the market's tick, so the same moment gives the same
book on every machine."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from .market import Quote
from .streams import period_start, stamp_moment

# Market centres a level of the book is shown at (the depth example's venue is NSDQ).
VENUES = ("NSDQ", "ARCX", "BATS", "EDGX", "NYSE", "IEXG")
MAX_PARTICIPANTS = 3


class FormingBar:
    """The bar of the period now running, from the last bar of history: each price moves its close, high and
    low; a new period starts a new bar at the price of the moment."""

    def __init__(self, minutes: int, bar: dict):
        self.minutes, self.bar = minutes, dict(bar)

    def update(self, last: Decimal, now: datetime.datetime) -> dict:
        price = float(last)
        start = period_start(now, self.minutes)
        if start > stamp_moment(self.bar["TimeStamp"]):
            stamp = f"/Date({int(start.timestamp() * 1000)})/"
            self.bar = {**{name: 0 for name in self.bar}, "TimeStamp": stamp, "Status": self.bar["Status"],
                        "Open": price, "High": price, "Low": price, "Close": price}
        self.bar.update({"Close": price, "High": max(self.bar["High"], price), "Low": min(self.bar["Low"], price)})
        return dict(self.bar)


@dataclass(frozen=True)
class DepthEntry:
    """One participant's bid or offer at one price."""
    side: str           # Bid, Ask
    price: Decimal
    size: int
    order_count: int
    venue: str


@dataclass(frozen=True)
class DepthLevel:
    """All participants at one price of one side."""
    side: str
    price: Decimal
    entries: tuple[DepthEntry, ...]

    @property
    def total_size(self) -> int:
        return sum(entry.size for entry in self.entries)


def depth(quote: Quote, tick: int, seed: int, levels: int) -> tuple[list[DepthLevel], list[DepthLevel]]:
    """The book's bids and offers, best first, `levels` prices a side; the touch holds the quote's sizes."""
    instrument = quote.instrument
    draw = random.Random(f"{seed}:{instrument.symbol}:{tick}:depth")
    sides = []
    for side, touch, touch_size, direction in (("Bid", quote.bid, quote.bid_size, -1),
                                               ("Ask", quote.ask, quote.ask_size, 1)):
        found = []
        for step in range(levels):
            price = touch + direction * step * instrument.tick(touch)
            if price <= 0:
                break
            count = draw.randint(1, MAX_PARTICIPANTS)
            sizes = [touch_size] if step == 0 and count == 1 else [100 * draw.randint(1, 50) for _ in range(count)]
            venues = draw.sample(VENUES, len(sizes))
            found.append(DepthLevel(side=side, price=price, entries=tuple(
                DepthEntry(side=side, price=price, size=size, order_count=draw.randint(1, 9), venue=venue)
                for size, venue in zip(sizes, venues, strict=True))))
        sides.append(found)
    return sides[0], sides[1]
