"""Options on the demo market's stocks, priced as the option streams show them: Black-Scholes values and
greeks for any strike and expiration of a listed underlying, and the chain of spreads around a price.

The demo market lists one option as an instrument; the streams price every option from its underlying's last
price, a fixed volatility and the caller's risk-free rate, so a move of the underlying moves them all.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .market import OptionTerms

VOLATILITY = 0.30           # the demo market's implied volatility, every option alike
RISK_FREE_RATE = 0.045      # when the caller gives none (TradeStation uses the 13-week T-bill's quote)
MIN_YEARS = 1 / 365         # an option expiring today is priced as if a day remained
CENT = Decimal("0.01")
# Each spread type the chain builds: its legs as (strikes from the chain's strike, in strike intervals; ratio;
# side, None for the chain's own).
SPREADS = {
    "Single": ((0, 1, None),),
    "Straddle": ((0, 1, "Call"), (0, 1, "Put")),
    "Strangle": ((0, 1, "Put"), (1, 1, "Call")),
    "Vertical": ((0, 1, None), (1, -1, None)),
    "Butterfly": ((-1, 1, None), (0, -2, None), (1, 1, None)),
    "Condor": ((-1, 1, None), (0, -1, None), (1, -1, None), (2, 1, None)),
    "IronButterfly": ((-1, 1, "Put"), (0, -1, "Put"), (0, -1, "Call"), (1, 1, "Call")),
}


@dataclass(frozen=True)
class Valuation:
    """One option's model values, per share."""
    theoretical: float
    delta: float
    gamma: float
    theta: float            # per day
    vega: float             # per point of volatility
    rho: float              # per point of rate
    probability_itm: float
    probability_be: float   # of ending past the break-even
    intrinsic: float
    deviation: float        # one standard deviation of the underlying by expiry


def _normal(x: float) -> float:
    return 0.5 * (1 + math.erf(x / math.sqrt(2)))


def _density(x: float) -> float:
    return math.exp(-x * x / 2) / math.sqrt(2 * math.pi)


def years_to(expiry: datetime.date, today: datetime.date) -> float:
    return max((expiry - today).days / 365, MIN_YEARS)


def value(terms: OptionTerms, spot: float, rate: float, today: datetime.date,
          volatility: float = VOLATILITY) -> Valuation:
    strike, years = float(terms.strike), years_to(terms.expiry, today)
    root = volatility * math.sqrt(years)
    d1 = (math.log(spot / strike) + (rate + volatility ** 2 / 2) * years) / root
    d2 = d1 - root
    discount = math.exp(-rate * years)
    call = terms.put_call == "C"
    sign = 1 if call else -1
    price = sign * (spot * _normal(sign * d1) - strike * discount * _normal(sign * d2))
    breakeven = strike + price if call else strike - price
    beyond = (math.log(spot / breakeven) + (rate - volatility ** 2 / 2) * years) / root if breakeven > 0 else 10.0
    return Valuation(
        theoretical=price, delta=_normal(d1) - (0 if call else 1), gamma=_density(d1) / (spot * root),
        theta=(-spot * _density(d1) * volatility / (2 * math.sqrt(years))
               - sign * rate * strike * discount * _normal(sign * d2)) / 365,
        vega=spot * _density(d1) * math.sqrt(years) / 100,
        rho=sign * strike * years * discount * _normal(sign * d2) / 100,
        probability_itm=_normal(sign * d2), probability_be=_normal(sign * beyond),
        intrinsic=max(sign * (spot - strike), 0.0), deviation=spot * root)


def cents(number: float) -> Decimal:
    return Decimal(repr(number)).quantize(CENT, rounding=ROUND_HALF_UP)


def symbol(root: str, expiry: datetime.date, side: str, strike: Decimal) -> str:
    """The option's symbol as TradeStation writes it: "MSFT 211217P332.5"."""
    return f"{root} {expiry:%y%m%d}{side[0]}{strike.normalize():f}"


def next_expiration(today: datetime.date) -> datetime.date:
    """The next monthly expiration: the third Friday of this month, or of the next once it has passed."""
    year, month = today.year, today.month
    while True:
        first = datetime.date(year, month, 1)
        third_friday = first + datetime.timedelta(days=(4 - first.weekday()) % 7 + 14)
        if third_friday >= today:
            return third_friday
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def strike_step(price: float) -> Decimal:
    """The listed strikes' spacing at a price, as US equity options are listed."""
    return Decimal("1") if price < 25 else Decimal("2.5") if price < 200 else Decimal("5")


def chain_strikes(center: float, proximity: int) -> list[Decimal]:
    """The strikes around `center`, `proximity` above and below the nearest one."""
    step = strike_step(center)
    nearest = (Decimal(repr(center)) / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step
    return [nearest + step * offset for offset in range(-proximity, proximity + 1) if nearest + step * offset > 0]


@dataclass(frozen=True)
class Leg:
    terms: OptionTerms
    ratio: int

    @property
    def symbol(self) -> str:
        return symbol(self.terms.root, self.terms.expiry, self.side, self.terms.strike)

    @property
    def side(self) -> str:
        return "Call" if self.terms.put_call == "C" else "Put"


@dataclass(frozen=True)
class SpreadQuote:
    """A spread's quote and model values: each a ratio-weighted sum over its legs (probabilities and the
    deviation are its first leg's)."""
    legs: tuple[Leg, ...]
    model: Valuation            # sums of the legs' valuations, per share
    bid: Decimal
    ask: Decimal
    previous_close: Decimal
    bid_size: int
    ask_size: int
    volume: int
    open_interest: int

    @property
    def side(self) -> str:
        sides = {leg.side for leg in self.legs}
        return sides.pop() if len(sides) == 1 else "Both"

    @property
    def mid(self) -> Decimal:
        return (self.bid + self.ask) / 2

    @property
    def strikes(self) -> list[Decimal]:
        return sorted({leg.terms.strike for leg in self.legs})


def _quoted(theoretical: float) -> tuple[Decimal, Decimal]:
    half = max(0.05, theoretical * 0.02)
    return max(cents(theoretical - half), Decimal(0)), cents(theoretical + half)


def quote_spread(legs: list[Leg], spot: float, previous_spot: float, rate: float, today: datetime.date,
                 draw) -> SpreadQuote:
    """The spread's quote with the underlying at `spot` (its previous close at `previous_spot`); `draw` (a
    seeded random.Random) gives the sizes and volumes."""
    valued = [(leg, value(leg.terms, spot, rate, today)) for leg in legs]
    bid = ask = previous = Decimal(0)
    for leg, found in valued:
        leg_bid, leg_ask = _quoted(found.theoretical)
        bid += leg.ratio * (leg_bid if leg.ratio > 0 else leg_ask)
        ask += leg.ratio * (leg_ask if leg.ratio > 0 else leg_bid)
        previous += leg.ratio * cents(value(leg.terms, previous_spot, rate, today).theoretical)
    first = valued[0][1]

    def total(name):
        return sum(leg.ratio * getattr(found, name) for leg, found in valued)
    model = Valuation(theoretical=total("theoretical"), delta=total("delta"), gamma=total("gamma"),
                      theta=total("theta"), vega=total("vega"), rho=total("rho"),
                      probability_itm=first.probability_itm, probability_be=first.probability_be,
                      intrinsic=total("intrinsic"), deviation=first.deviation)
    return SpreadQuote(legs=tuple(legs), model=model, bid=bid, ask=ask, previous_close=previous,
                       bid_size=draw.randint(1, 50), ask_size=draw.randint(1, 50), volume=draw.randint(0, 5000),
                       open_interest=draw.randint(0, 20000))


def chain(root: str, expiry: datetime.date, strikes: list[Decimal], spread: str, sides: tuple[str, ...],
          interval: int) -> list[list[Leg]]:
    """The chain's spreads of one type: for each strike (and side where the type follows the chain's), its
    legs, `interval` listed strikes apart."""
    step = strike_step(float(strikes[len(strikes) // 2])) * interval if strikes else Decimal(0)
    found = []
    for strike in strikes:
        for side in sides if any(leg_side is None for _, _, leg_side in SPREADS[spread]) else sides[:1]:
            legs = [Leg(OptionTerms(root=root, expiry=expiry, put_call=(leg_side or side)[0],
                                    strike=strike + step * offset), ratio)
                    for offset, ratio, leg_side in SPREADS[spread]]
            if all(leg.terms.strike > 0 for leg in legs):
                found.append(legs)
    return found
