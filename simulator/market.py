"""A small, predictable market: a few instruments whose prices walk only when told to.

Each instrument has its own random stream seeded by (SIM_SEED, symbol), and the market moves one
step per tick. Ticks advance only through POST /admin/tick, so a test can know every price it will
see: with the same seed, tick n shows the same quote on every machine.
"""

import datetime
import random
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from tradestation import errors as E


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

    def display(self, price):
        return f"{price:,.{self.decimals}f}"


def _d(text):
    return Decimal(text)


INSTRUMENTS = (
    Instrument("MSFT", "EQ", "Microsoft Corp", "NASDAQ", "USD", 2, _d("0.01"), 1, _d("420.00"), _d("0.40")),
    Instrument("IBM", "EQ", "International Business Machines Corp", "NYSE", "USD", 2, _d("0.01"), 1,
               _d("198.99"), _d("0.25")),
    Instrument("ARNA", "EQ", "Arena Pharmaceuticals Inc", "NASDAQ", "USD", 2, _d("0.01"), 1, _d("1.50"),
               _d("0.02")),
    Instrument("AAPL", "EQ", "Apple Inc", "NASDAQ", "USD", 2, _d("0.01"), 1, _d("190.00"), _d("0.30")),
    Instrument("MSFT 261218C420", "OP", "MSFT Dec 18 2026 420.00 Call", "CBOE", "USD", 2, _d("0.05"), 100,
               _d("25.40"), _d("0.20")),
    Instrument("ESZ26", "FU", "E-mini S&P 500 Dec 2026", "CME", "USD", 2, _d("0.25"), 50, _d("5000.00"),
               _d("2.00"), initial_margin=_d("12650.00")),
    Instrument("USDJPY", "FX", "US Dollar / Japanese Yen", "Forex", "JPY", 3, _d("0.001"), 1, _d("150.000"),
               _d("0.050"), spread=2, base_currency="USD", counter_currency="JPY"),
    Instrument("EURUSD", "FX", "Euro / US Dollar", "Forex", "USD", 5, _d("0.00001"), 1, _d("1.08000"),
               _d("0.00040"), spread=2, base_currency="EUR", counter_currency="USD"),
    Instrument("JP:8698-TS", "EQ", "Monex Group Inc", "TS", "JPY", 1, _d("0.1"), 1, _d("640.0"), _d("2.0")),
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
)

# The Quote object's DisplayType for a price shown with this many decimals (0 to 5; 6 is 23).
DISPLAY_TYPES = {0: 1, 1: 2, 2: 3, 3: 4, 4: 5, 5: 6, 6: 23}
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
        # The day's session, not the wall clock: the same seed and tick must give the same quote.
        self.trade_time = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT00:00:00Z")

    def _round(self, price):
        move = self.instrument.min_move
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
        self.volume += 100 * self._random.randint(1, 100)
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
        return max(self.last - self.instrument.spread * self.instrument.min_move, self.instrument.min_move)


class Market:
    """All instruments at the current tick. Not locked itself: the backend holds its lock around it."""

    def __init__(self, seed, instruments=INSTRUMENTS):
        self.seed = seed
        self.tick = 0
        self._instruments = {instrument.symbol: instrument for instrument in instruments}
        self._paths = {symbol: _Path(instrument, seed) for symbol, instrument in self._instruments.items()}

    def instrument(self, symbol):
        return self._instruments.get(symbol)

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

    def quote(self, symbol):
        """A quote in TradeStation's shape; an unknown symbol gets the documented error entry."""
        path = self._paths.get(symbol)
        if path is None:
            return {"Symbol": symbol, "Error": E.INVALID_SYMBOL_QUOTE}
        instrument = path.instrument
        change = path.last - path.previous_close
        percent = (change / path.previous_close * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        quote = {
            "Symbol": symbol, "Description": instrument.description, "AssetType": instrument.asset,
            "Exchange": instrument.exchange, "Currency": instrument.currency,
            "MinMove": float(instrument.min_move), "PointValue": instrument.point_value,
            "Bid": float(path.bid), "Ask": float(path.ask), "Last": float(path.last),
            "High": float(path.high), "Low": float(path.low), "Open": float(path.open),
            "PreviousClose": float(path.previous_close), "NetChange": float(change),
            "NetChangePct": float(percent), "Volume": path.volume,
            "BidSize": path.bid_size, "AskSize": path.ask_size,
        }
        for name, price in (("Bid", path.bid), ("Ask", path.ask), ("Last", path.last), ("High", path.high),
                            ("Low", path.low), ("Open", path.open), ("PreviousClose", path.previous_close),
                            ("NetChange", change)):
            quote[f"{name}PriceDisplay"] = instrument.display(price)
        quote["Error"] = None
        quote.update(self._documented_fields(path, change))
        return quote

    @staticmethod
    def _documented_fields(path, change):
        """The Quote object's fields beyond the ticket's needs (tradestation/webapi-docs and webapi-docs-v2:
        en/objects/quote.md, en/data/quote.md's example)."""
        instrument = path.instrument
        high52 = max(path.high, path._round(instrument.base * (1 + YEAR_RANGE)))
        low52 = min(path.low, path._round(instrument.base * (1 - YEAR_RANGE)))
        year_ago = f"{datetime.date.today().year - 1}-01-02T00:00:00Z"
        fields = {
            "Close": float(path.last), "ClosePriceDisplay": instrument.display(path.last),
            "CountryCode": {"USD": "United States", "JPY": "Japan"}.get(instrument.currency, ""),
            "DailyOpenInterest": 0, "DisplayType": DISPLAY_TYPES.get(instrument.decimals, 0),
            "FractionalDisplay": False, "IsDelayed": False, "NameExt": "",
            "High52Week": float(high52), "High52WeekPriceDisplay": instrument.display(high52),
            "High52WeekDateTime": year_ago, "Low52Week": float(low52),
            "Low52WeekPriceDisplay": instrument.display(low52), "Low52WeekDateTime": year_ago,
            "PreviousVolume": path.previous_volume, "StrikePrice": 0.0, "StrikePriceDisplay": "0.00",
            "SymbolRoot": instrument.symbol.split(" ")[0], "TradeTime": path.trade_time,
            # The 2015 object's names for the day's change.
            "PreviousCloseDelta": float(change),
            "PreviousCloseDeltaPercent": float(change / path.previous_close * 100),
        }
        if instrument.symbol.startswith("JP:"):
            # The Japanese market's extra fields (the 2015 Quote object).
            fields.update({"AskType": "REGULAR", "BidType": "REGULAR", "ExRightsTSE": 0, "LotSize": 100,
                           "TradeType": "REGULAR", "Turnover": int(path.volume * path.last),
                           **dict.fromkeys(("OpenTime", "HighTime", "LastTime", "LowTime"), path.trade_time)})
        return fields
