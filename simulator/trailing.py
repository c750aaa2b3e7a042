"""Trailing stops: a stop order whose stop follows the market by an offset (the classic pages' points or
percent, v3's Amount or Percent), never back. A sell's stop sits the offset below the highest bid since the
order went to work, a buy's the offset above the lowest ask; it is rounded away from the market to the
instrument's tick, and triggers as any stop does once the touch reaches it."""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

HUNDRED = Decimal(100)


def offset(trail: dict, touch: Decimal) -> Decimal:
    """The distance from the touch: an Amount, or points (ByPoints, in price units), or a percentage."""
    if "Amount" in trail:
        return Decimal(str(trail["Amount"]))
    if trail.get("ByPoints"):
        return Decimal(str(trail["Value"]))
    percent = Decimal(str(trail.get("Percent", trail.get("Value"))))
    return touch * percent / HUNDRED


def followed(trail: dict, *, buying: bool, touch: Decimal, stop: Decimal | None, tick) -> Decimal:
    """The stop after the market's move to `touch` (`tick(price)` is the instrument's tick there): the new
    level where it is tighter than `stop`, else `stop`."""
    level = touch + offset(trail, touch) if buying else touch - offset(trail, touch)
    step = tick(level)
    level = (level / step).quantize(Decimal(1), rounding=ROUND_CEILING if buying else ROUND_FLOOR) * step
    if stop is None:
        return level
    return min(stop, level) if buying else max(stop, level)
