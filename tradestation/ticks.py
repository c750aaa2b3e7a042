"""Tick sizes that change with the price: facts about a class of instruments, kept here once for the simulator's
market (simulator/market.py) and for the ticket page's own check (bridge/ticket.py page_rules). An instrument's
plain tick is its quote's MinMove (v3: PriceFormat.Increment); a schedule overrides it from a price up."""

from decimal import Decimal

# Options of the penny program (MSFT's among them) trade in cents below 3.00 and in nickels from 3.00 up: the
# quote's MinMove is the smaller, 0.01, as v3's IncrementStyle "Schedule" describes it.
OPTION_TICKS = ((Decimal("3.00"), Decimal("0.05")),)
SCHEDULES = {"OP": OPTION_TICKS}


def tick_at(min_move: Decimal, schedule: tuple, price: Decimal) -> Decimal:
    """The tick a price must be a multiple of: the schedule's step for the highest floor it reaches, else
    the instrument's minimum move."""
    tick = min_move
    for floor, step in schedule:
        if abs(price) >= floor:
            tick = step
    return tick
