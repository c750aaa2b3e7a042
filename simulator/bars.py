"""The demo market's price history as bars: each drawn from the simulator's seed, the symbol, the bar's length
and its start, around the symbol's price now, so that the same request gives the same bars. Both faces' bar
calls (v2's bar chart stream in streams.py, v3's bar charts) render these.

History begins in 1970; a request yields at most HISTORY_BARS bars (the latest of its range)."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

HISTORY_BARS = 1000
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


@dataclass(frozen=True)
class Bar:
    start: datetime.datetime
    open: Decimal
    high: Decimal
    low: Decimal
    close: Decimal
    up_ticks: int
    down_ticks: int
    up_volume: int
    down_volume: int

    @property
    def total_ticks(self) -> int:
        return self.up_ticks + self.down_ticks

    @property
    def total_volume(self) -> int:
        return self.up_volume + self.down_volume

    @property
    def epoch_ms(self) -> int:
        return int((self.start - EPOCH).total_seconds() * 1000)


def grid(moment: datetime.datetime, minutes: int) -> datetime.datetime:
    """The start of the bar of `minutes` that holds `moment`."""
    step = minutes * 60
    return EPOCH + datetime.timedelta(seconds=int((moment - EPOCH).total_seconds()) // step * step)


def draw(market, seed, symbol: str, minutes: int, start: datetime.datetime) -> Bar:
    instrument = market.instrument(symbol)
    rng = random.Random(f"{seed}:{symbol}:{minutes}:{start.isoformat()}")
    base = Decimal(str(market.last(symbol)))
    spread = instrument.volatility * Decimal(max(1, minutes) ** 0.5)

    def price(scale):
        value = base + spread * Decimal(repr(rng.gauss(0.0, scale)))
        steps = (value / instrument.min_move).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        return max(steps * instrument.min_move, instrument.min_move)
    opened, closed = price(1.0), price(1.0)
    high = max(opened, closed) + abs(price(0.5) - base)
    low = max(min(opened, closed) - abs(price(0.5) - base), instrument.min_move)
    up, down = rng.randint(10, 900), rng.randint(10, 900)
    up_volume, down_volume = up * rng.randint(100, 400), down * rng.randint(100, 400)
    return Bar(start=start, open=opened, high=high, low=low, close=closed, up_ticks=up, down_ticks=down,
               up_volume=up_volume, down_volume=down_volume)


def history(market, seed, symbol: str, minutes: int, first: datetime.datetime,
            last: datetime.datetime) -> list[Bar]:
    """The bars whose start lies in [first, last], oldest first, within the demo market's history."""
    now = datetime.datetime.now(datetime.timezone.utc)
    step = datetime.timedelta(minutes=minutes)
    newest = grid(min(last, now), minutes)
    oldest = grid(max(first, EPOCH), minutes)
    if oldest < first:
        oldest += step
    oldest = max(oldest, newest - step * (HISTORY_BARS - 1))
    found, moment = [], oldest
    while moment <= newest:
        found.append(draw(market, seed, symbol, minutes, moment))
        moment += step
    return found
