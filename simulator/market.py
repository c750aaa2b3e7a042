"""A small, predictable market: a few instruments whose prices walk only when told to.

Each instrument has its own random stream seeded by (SIM_SEED, symbol), and the market moves one
step per tick. Ticks advance only through POST /admin/tick, so a test can know every price it will
see: with the same seed, tick n shows the same quote on every machine.
"""

import datetime
import random
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from tradestation.ticks import SCHEDULES, tick_at


@dataclass(frozen=True)
class Instrument:
    symbol: str
    asset: str                  # EQ, OP, FU, FX
    description: str
    exchange: str
    currency: str
    decimals: int
    min_move: Decimal
    point_value: int
    base: Decimal               # the price at tick 0
    volatility: Decimal         # one tick's standard deviation, in price units
    spread: int = 1             # bid-ask spread in minimum moves
    initial_margin: Decimal = None      # futures
    base_currency: str = None           # forex
    counter_currency: str = None        # forex

    def tick(self, price: Decimal) -> Decimal:
        """The tick size at a price: the minimum move, or its asset's schedule (tradestation/ticks.py)."""
        return tick_at(self.min_move, SCHEDULES.get(self.asset, ()), price)

    def on_tick(self, price: Decimal) -> bool:
        """Whether a price is a whole number of the instrument's ticks at that price."""
        return price % self.tick(price) == 0

    def display(self, price: Decimal) -> str:
        return f"{price:,.{self.decimals}f}"

    @property
    def country(self) -> str:
        """The country of the instrument's currency, as the quote and position examples name it."""
        return COUNTRIES.get(self.currency, "")

    @property
    def option(self) -> "OptionTerms | None":
        return option_terms(self.symbol) if self.asset == "OP" else None

    @property
    def root(self) -> str:
        """The underlying's symbol for an option, the contract's root for a future, else the symbol."""
        if self.option:
            return self.option.root
        future = _FUTURE.fullmatch(self.symbol) if self.asset == "FU" else None
        return future.group(1) if future else self.symbol


@dataclass(frozen=True)
class OptionTerms:
    """What an option's symbol says: "MSFT 261218C420" is root, expiry (YYMMDD), C or P, strike."""
    root: str
    expiry: datetime.date
    put_call: str
    strike: Decimal


@dataclass(frozen=True)
class UnknownSymbol:
    """A symbol asked for that the market does not list: each face answers it with its own error entry."""
    symbol: str


def option_terms(symbol: str) -> OptionTerms | None:
    """The terms an option symbol spells, whether or not the market lists it; None for another shape."""
    match = _OPTION.fullmatch(symbol)
    if not match:
        return None
    root, year, month, day, put_call, strike = match.groups()
    return OptionTerms(root=root, expiry=datetime.date(2000 + int(year), int(month), int(day)), put_call=put_call,
                       strike=Decimal(strike))


@dataclass(frozen=True)
class Quote:
    """One instrument's prices at one tick; each face renders it in its own words."""
    instrument: Instrument
    bid: Decimal
    ask: Decimal
    last: Decimal
    high: Decimal
    low: Decimal
    open: Decimal
    previous_close: Decimal
    volume: int
    bid_size: int
    ask_size: int
    previous_volume: int
    trade_time: str             # the session's start, not the wall clock (see _Path)
    high_52_weeks: Decimal
    low_52_weeks: Decimal
    last_size: int              # the quantity of the latest trade
    average_price: Decimal      # the day's volume-weighted average price

    @property
    def symbol(self) -> str:
        return self.instrument.symbol

    @property
    def change(self) -> Decimal:
        return self.last - self.previous_close

    @property
    def change_percent(self) -> Decimal:
        """The day's change in percent, to the hundredth as quotes show it."""
        return (self.change / self.previous_close * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


COUNTRIES = {"USD": "United States", "JPY": "Japan"}
_OPTION = re.compile(r"([A-Z]+) ([0-9]{2})([0-9]{2})([0-9]{2})([CP])([0-9.]+)")
_FUTURE = re.compile(r"([A-Z]+)[FGHJKMNQUVXZ][0-9]{2}")


def _d(text):
    return Decimal(text)


INSTRUMENTS = (
    Instrument("MSFT", "EQ", "Microsoft Corp", "NASDAQ", "USD", 2, _d("0.01"), 1, _d("420.00"), _d("0.40")),
    Instrument("IBM", "EQ", "International Business Machines Corp", "NYSE", "USD", 2, _d("0.01"), 1,
               _d("198.99"), _d("0.25")),
    Instrument("ARNA", "EQ", "Arena Pharmaceuticals Inc", "NASDAQ", "USD", 2, _d("0.01"), 1, _d("1.50"),
               _d("0.02")),
    Instrument("AAPL", "EQ", "Apple Inc", "NASDAQ", "USD", 2, _d("0.01"), 1, _d("190.00"), _d("0.30")),
    Instrument("MSFT 261218C420", "OP", "MSFT Dec 18 2026 420.00 Call", "CBOE", "USD", 2, _d("0.01"), 100,
               _d("25.40"), _d("0.20")),
    Instrument("ESZ26", "FU", "E-mini S&P 500 Dec 2026", "CME", "USD", 2, _d("0.25"), 50, _d("5000.00"),
               _d("2.00"), initial_margin=_d("12650.00")),
    Instrument("USDJPY", "FX", "US Dollar / Japanese Yen", "Forex", "JPY", 3, _d("0.001"), 1, _d("150.000"),
               _d("0.050"), spread=2, base_currency="USD", counter_currency="JPY"),
    Instrument("EURUSD", "FX", "Euro / US Dollar", "Forex", "USD", 5, _d("0.00001"), 1, _d("1.08000"),
               _d("0.00040"), spread=2, base_currency="EUR", counter_currency="USD"),
    # Its tick is a hundredth so that the Place Order example's limit of 0.14 is taken as printed.
    Instrument("JP:8698-TS", "EQ", "Monex Group Inc", "TS", "JPY", 1, _d("0.01"), 1, _d("640.0"), _d("2.0")),
    # The symbols of TradeStation's order examples (GOOG: the Order page; WMT: the OCO example) and of
    # its quota example (AMZN).
    Instrument("GOOG", "EQ", "Alphabet Inc Class C", "NASDAQ", "USD", 2, _d("0.01"), 1, _d("175.00"), _d("0.30")),
    Instrument("WMT", "EQ", "Walmart Inc", "NYSE", "USD", 2, _d("0.01"), 1, _d("80.00"), _d("0.10")),
    Instrument("AMZN", "EQ", "Amazon.com Inc", "NASDAQ", "USD", 2, _d("0.01"), 1, _d("185.00"), _d("0.30")),
    # The other symbols the documents' examples name: NFLX (the quota example), YHOO and SPY (the stream
    # examples), A and AEG (the Positions examples), and the 2015 Positions and Position Groups examples'
    # Tokyo shares.
    Instrument("NFLX", "EQ", "Netflix Inc", "NASDAQ", "USD", 2, _d("0.01"), 1, _d("650.00"), _d("0.60")),
    Instrument("YHOO", "EQ", "Yahoo Inc", "NASDAQ", "USD", 2, _d("0.01"), 1, _d("35.00"), _d("0.05")),
    Instrument("SPY", "EQ", "SPDR S&P 500 ETF Trust", "ARCA", "USD", 2, _d("0.01"), 1, _d("500.00"), _d("0.30")),
    Instrument("A", "EQ", "Agilent Technologies", "NYSE", "USD", 2, _d("0.01"), 1, _d("42.66"), _d("0.05")),
    Instrument("AEG", "EQ", "Aegon N.V. Ord", "NYSE", "USD", 2, _d("0.01"), 1, _d("4.90"), _d("0.01")),
    Instrument("JP:5008-TS", "EQ", "Toa Oil Co Ltd", "TS", "JPY", 0, _d("1"), 1, _d("155"), _d("1")),
    Instrument("JP:6629-TS", "EQ", "Techno Horizon Holdings", "JQ", "JPY", 0, _d("1"), 1, _d("192"), _d("1")),
    Instrument("JP:5012-TS", "EQ", "TonenGeneral Sekiyu", "TS", "JPY", 0, _d("1"), 1, _d("979"), _d("3")),
    # The symbols of v3's OpenAPI document's order examples: the shares of its grouped order, the Eurodollar
    # future its activation rules watch, and the options of its spreads. The options are listed as the
    # examples print them, past expiries included, so that each example is taken as written.
    Instrument("GE", "EQ", "General Electric Co", "NYSE", "USD", 2, _d("0.01"), 1, _d("160.00"), _d("0.25")),
    Instrument("MMM", "EQ", "3M Co", "NYSE", "USD", 2, _d("0.01"), 1, _d("105.00"), _d("0.20")),
    Instrument("FB", "EQ", "Meta Platforms Inc", "NASDAQ", "USD", 2, _d("0.01"), 1, _d("480.00"), _d("0.60")),
    Instrument("TSLA", "EQ", "Tesla Inc", "NASDAQ", "USD", 2, _d("0.01"), 1, _d("250.00"), _d("0.80")),
    Instrument("EDZ22", "FU", "Eurodollar Dec 2022", "CME", "USD", 3, _d("0.005"), 2500, _d("95.000"),
               _d("0.010"), initial_margin=_d("500.00")),
    *(Instrument(symbol, "OP", description, "CBOE", "USD", 2, _d("0.01"), 100, _d(base), _d("0.02"))
      for symbol, description, base in (
          ("MSFT 201120P110", "MSFT Nov 20 2020 110.00 Put", "0.15"),
          ("MSFT 251219P300", "MSFT Dec 19 2025 300.00 Put", "1.20"),
          ("SPY 251219C300", "SPY Dec 19 2025 300.00 Call", "201.50"),
          ("SPY 251219C320", "SPY Dec 19 2025 320.00 Call", "182.00"),
          ("SPY 251219C420", "SPY Dec 19 2025 420.00 Call", "86.00"),
          ("SPY 251219C430", "SPY Dec 19 2025 430.00 Call", "77.50"),
          ("SPY 251219P370", "SPY Dec 19 2025 370.00 Put", "1.85"),
          ("SPY 251219P380", "SPY Dec 19 2025 380.00 Put", "2.40"))),
)

# The crypto pairs TradeStation names (its symbol list); the demo market quotes none of them.
CRYPTO_PAIRS = ("BTCUSD", "ETHUSD", "LTCUSD", "BCHUSD")

# A year's range around the instrument's base price, for the 52-week fields.
YEAR_RANGE = Decimal("0.25")


class _Path:
    """One instrument's price as it walks, with the day's extremes and volume."""

    def __init__(self, instrument, seed):
        self.instrument = instrument
        self._random = random.Random(f"{seed}:{instrument.symbol}")
        self.last = instrument.base
        self.previous_close = self._round(instrument.base - self._step() * 3)
        self.open = instrument.base
        self.high = self.low = self.last
        self.volume = 1000 * self._random.randint(50, 500)
        self._sizes()
        # Drawn after the others, so that adding them changed no price or size a seed gave before.
        self.previous_volume = 1000 * self._random.randint(50, 500)
        # The day's volume so far traded at the opening price; each tick's trade then adds its size at its price.
        self.last_size = 100
        self.traded_value = self.last * self.volume
        # The day's session, not the wall clock: the same seed and tick must give the same quote.
        self.trade_time = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT00:00:00Z")

    def _round(self, price):
        move = self.instrument.tick(price)
        price = (price / move).quantize(Decimal(1), rounding=ROUND_HALF_UP) * move
        return max(price, move)

    def _step(self):
        # Gaussian steps rounded to the instrument's minimum move.
        return Decimal(repr(self._random.gauss(0.0, 1.0))) * self.instrument.volatility

    def _sizes(self):
        self.bid_size = 100 * self._random.randint(1, 50)
        self.ask_size = 100 * self._random.randint(1, 50)

    def advance(self):
        self.move_to(self._round(self.last + self._step()))
        self.last_size = 100 * self._random.randint(1, 100)
        self.volume += self.last_size
        self.traded_value += self.last * self.last_size
        self._sizes()

    def move_to(self, price):
        self.last = self._round(price)
        self.high = max(self.high, self.last)
        self.low = min(self.low, self.last)

    @property
    def ask(self):
        # The last trade took the offer; the bid sits the spread below it.
        return self.last

    @property
    def bid(self):
        tick = self.instrument.tick(self.last)
        return max(self.last - self.instrument.spread * tick, self.instrument.min_move)


class Market:
    """All instruments at the current tick. Not locked itself: the backend holds its lock around it."""

    def __init__(self, seed, instruments=INSTRUMENTS):
        self.seed = seed
        self.tick = 0
        self._instruments = {instrument.symbol: instrument for instrument in instruments}
        self._paths = {symbol: _Path(instrument, seed) for symbol, instrument in self._instruments.items()}

    def instrument(self, symbol):
        return self._instruments.get(symbol)

    def instruments(self):
        return tuple(self._instruments.values())

    def advance(self, steps=1):
        for _ in range(steps):
            self.tick += 1
            for path in self._paths.values():
                path.advance()

    def set_last(self, symbol, price):
        """Pin a symbol's last price (for tests that need a resting order to fill now)."""
        self._paths[symbol].move_to(price)

    def bid(self, symbol):
        return self._paths[symbol].bid

    def last(self, symbol):
        return self._paths[symbol].last

    def bid_size(self, symbol):
        return self._paths[symbol].bid_size

    def ask_size(self, symbol):
        return self._paths[symbol].ask_size

    def ask(self, symbol):
        return self._paths[symbol].ask

    def quote(self, symbol: str) -> "Quote | None":
        """The symbol's quote now, or None for a symbol the market does not list."""
        path = self._paths.get(symbol)
        if path is None:
            return None
        instrument = path.instrument
        return Quote(instrument=instrument, bid=path.bid, ask=path.ask, last=path.last, high=path.high,
                     low=path.low, open=path.open, previous_close=path.previous_close, volume=path.volume,
                     bid_size=path.bid_size, ask_size=path.ask_size, previous_volume=path.previous_volume,
                     trade_time=path.trade_time,
                     high_52_weeks=max(path.high, path._round(instrument.base * (1 + YEAR_RANGE))),
                     low_52_weeks=min(path.low, path._round(instrument.base * (1 - YEAR_RANGE))),
                     last_size=path.last_size, average_price=path.traded_value / path.volume)
