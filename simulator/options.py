"""The demo market's listed options on its equities: which expirations and strikes exist, which spreads can be
built from them, and what a spread can gain or lose at expiration. Drawn from the day and the underlying's price
alone, so that the same day and tick give the same chain.

A strike ladder is spaced by the underlying's price (a dollar under 25, 2.50 to 200, 5.00 above), centred on the
price and reaching STRIKES_EACH_SIDE steps each way. Expirations: the Fridays of the coming weeks, the third
Friday of the coming months, and the last weekday of the coming quarters; the market's own listed option
contracts always add theirs.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass
from decimal import Decimal

from tradestation.errors import ApiError

from .market import Instrument, option_terms

WEEKS, MONTHS, QUARTERS = 4, 6, 2
STRIKES_EACH_SIDE = 20
CONTRACT_SIZE = 100         # shares an equity option delivers
WEEKLY, MONTHLY, QUARTERLY = "Weekly", "Monthly", "Quarterly"
FRIDAY = 4

INVALID_UNDERLYING = "Invalid underlying symbol; it must be an equity or index."
INVALID_SPREAD = "Invalid spread type."
INVALID_EXPIRATION = "Invalid expiration date."
SECOND_EXPIRATION = "A second expiration date (expiration2) is required for this spread type."
NO_LEGS = "At least one leg is required."
MIXED_EXPIRATIONS = "All option legs must have the same expiration date."


@dataclass(frozen=True)
class Expiration:
    day: datetime.date
    kind: str                   # Weekly, Monthly or Quarterly


@dataclass(frozen=True)
class Spread:
    """A spread's shape: how many distinct strikes and expirations its legs use."""
    name: str
    strikes: int
    expirations: int = 1

    @property
    def uses_strike_interval(self) -> bool:
        return self.strikes > 1

    @property
    def uses_second_expiration(self) -> bool:
        return self.expirations > 1


SPREADS = tuple(Spread(name, strikes, expirations) for name, strikes, expirations in (
    ("Single", 1, 1), ("Straddle", 1, 1), ("Vertical", 2, 1), ("Strangle", 2, 1), ("RatioBack1x2", 2, 1),
    ("RatioBack1x3", 2, 1), ("RatioBack2x3", 2, 1), ("Butterfly", 3, 1), ("IronButterfly", 3, 1),
    ("Condor", 4, 1), ("IronCondor", 4, 1), ("Covered", 1, 1), ("Collar", 2, 1), ("Combo", 1, 1),
    ("Calendar", 1, 2), ("Diagonal", 2, 2)))


def strike_step(price: Decimal) -> Decimal:
    if price < 25:
        return Decimal("1")
    return Decimal("2.5") if price < 200 else Decimal("5")


def _third_friday(year: int, month: int) -> datetime.date:
    first = datetime.date(year, month, 1)
    return first + datetime.timedelta(days=(FRIDAY - first.weekday()) % 7 + 14)


def _last_weekday(year: int, month: int) -> datetime.date:
    day = datetime.date(year, month, calendar.monthrange(year, month)[1])
    while day.weekday() > FRIDAY:
        day -= datetime.timedelta(days=1)
    return day


def _months_ahead(today: datetime.date, count: int):
    year, month = today.year, today.month
    for _ in range(count):
        yield year, month
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def expirations(underlying: Instrument, listed: list[Instrument], today: datetime.date) -> list[Expiration]:
    """The underlying's expirations from today on, earliest first."""
    found: dict[datetime.date, str] = {}
    friday = today + datetime.timedelta(days=(FRIDAY - today.weekday()) % 7)
    for week in range(WEEKS):
        found[friday + datetime.timedelta(weeks=week)] = WEEKLY
    for year, month in _months_ahead(today, MONTHS):
        found[_third_friday(year, month)] = MONTHLY
    quarter_months = [(year, month) for year, month in _months_ahead(today, 3 * QUARTERS + 2) if month % 3 == 0]
    for year, month in quarter_months[:QUARTERS]:
        found.setdefault(_last_weekday(year, month), QUARTERLY)
    for contract in listed:
        terms = option_terms(contract.symbol)
        if terms and terms.root == underlying.symbol:
            day = terms.expiry
            found.setdefault(day, MONTHLY if day == _third_friday(day.year, day.month) else WEEKLY)
    return [Expiration(day, kind) for day, kind in sorted(found.items()) if day >= today]


def strikes_around(price: Decimal) -> list[Decimal]:
    step = strike_step(price)
    centre = (price / step).to_integral_value() * step
    ladder = [centre + step * offset for offset in range(-STRIKES_EACH_SIDE, STRIKES_EACH_SIDE + 1)]
    return [strike for strike in ladder if strike > 0]


def spread_named(name: str) -> Spread:
    for spread in SPREADS:
        if spread.name.casefold() == name.casefold():
            return spread
    raise ApiError(400, INVALID_SPREAD)


def spread_strikes(price: Decimal, spread: Spread, interval: int) -> list[tuple[Decimal, ...]]:
    """Each run of `spread.strikes` strikes `interval` rungs apart on the ladder, lowest first."""
    ladder = strikes_around(price)
    reach = interval * (spread.strikes - 1)
    return [tuple(ladder[start + interval * rung] for rung in range(spread.strikes))
            for start in range(len(ladder) - reach)]


# Risk and reward at expiration

@dataclass(frozen=True)
class Leg:
    symbol: str
    quantity: int               # contracts for an option, shares for the underlying
    buying: bool


@dataclass(frozen=True)
class RiskReward:
    max_gain: Decimal           # of the whole position, in dollars; meaningless when unbounded
    gain_unbounded: bool
    max_loss: Decimal           # negative (a loss)
    loss_unbounded: bool
    breakevens: tuple[Decimal, ...]


def _value_at(legs: list[Leg], price: Decimal) -> Decimal:
    """What the legs are worth at expiration with the underlying at `price`, in dollars (bought legs count up)."""
    total = Decimal(0)
    for leg in legs:
        terms = option_terms(leg.symbol)
        if terms is None:
            worth = price * leg.quantity
        else:
            inner = price - terms.strike if terms.put_call == "C" else terms.strike - price
            worth = max(inner, Decimal(0)) * leg.quantity * CONTRACT_SIZE
        total += worth if leg.buying else -worth
    return total


def risk_reward(spread_price: Decimal, legs: list[Leg]) -> RiskReward:
    """The spread's profit at expiration is piecewise linear in the underlying's price, with corners at the strikes:
    its extremes lie at a corner or run off to infinity above the highest strike."""
    if not legs:
        raise ApiError(400, NO_LEGS)
    expiries = {terms.expiry for terms in (option_terms(leg.symbol) for leg in legs) if terms}
    if len(expiries) > 1:
        raise ApiError(400, MIXED_EXPIRATIONS)
    size = min(abs(leg.quantity) for leg in legs if option_terms(leg.symbol)) if expiries else 1
    cost = spread_price * size * (CONTRACT_SIZE if expiries else 1)
    corners = sorted({Decimal(0)} | {option_terms(leg.symbol).strike for leg in legs if option_terms(leg.symbol)})
    profit = [(price, _value_at(legs, price) - cost) for price in corners]
    beyond = corners[-1] + 1
    rising = _value_at(legs, beyond) - cost - profit[-1][1]
    values = [value for _, value in profit]
    breakevens = []
    for (low, low_value), (high, high_value) in zip(profit, profit[1:], strict=False):
        if low_value == 0:
            breakevens.append(low)
        elif (low_value < 0) != (high_value < 0) and high_value != 0:
            breakevens.append(low + (high - low) * (-low_value) / (high_value - low_value))
    last_price, last_value = profit[-1]
    if last_value == 0:
        breakevens.append(last_price)
    elif rising and (last_value < 0) != (rising < 0):
        breakevens.append(last_price + (-last_value) / rising)
    return RiskReward(max_gain=max(values), gain_unbounded=rising > 0, max_loss=min(values),
                      loss_unbounded=rising < 0, breakevens=tuple(price.quantize(Decimal("0.01"))
                                                                   for price in breakevens))
