"""The Simulator's (backend.py) market data beyond quotes: bar history and the option chains of its equities,
each answered with the model's objects (bars.Bar, options.Expiration, options.RiskReward)."""

from __future__ import annotations

import datetime
import threading
from decimal import Decimal

from tradestation.errors import ApiError

from . import bars, options
from .bars import Bar
from .market import Instrument, Market, option_terms
from .options import Expiration, Leg, RiskReward

UNKNOWN_SYMBOL = "Invalid symbol: {symbol}."


class MarketData:
    lock: threading.RLock
    settings: dict
    market: Market

    def _listed(self, symbol: str) -> Instrument:
        instrument = self.market.instrument(symbol.upper())
        if instrument is None:
            raise ApiError(404, UNKNOWN_SYMBOL.format(symbol=symbol))
        return instrument

    def bars(self, symbol: str, minutes: int, first: datetime.datetime, last: datetime.datetime) -> list[Bar]:
        """The symbol's bars of `minutes` starting in [first, last], oldest first."""
        with self.lock:
            instrument = self._listed(symbol)
            return bars.history(self.market, self.settings["SIM_SEED"], instrument.symbol, minutes, first, last)

    def _underlying(self, symbol: str) -> Instrument:
        instrument = self.market.instrument(symbol.upper())
        if instrument is None or instrument.asset != "EQ":
            raise ApiError(400, options.INVALID_UNDERLYING)
        return instrument

    def _listed_options(self) -> list[Instrument]:
        return [instrument for instrument in self.market.instruments() if instrument.asset == "OP"]

    def option_expirations(self, underlying: str, strike: Decimal | None = None) -> list[Expiration]:
        today = datetime.datetime.now(datetime.timezone.utc).date()
        with self.lock:
            instrument = self._underlying(underlying)
            found = options.expirations(instrument, self._listed_options(), today)
            ladder = options.strikes_around(self.market.last(instrument.symbol))
        if strike is not None and strike not in ladder:
            return []
        return found

    def option_strikes(self, underlying: str, spread_name: str, interval: int, expiration: datetime.date | None,
                       second: datetime.date | None) -> tuple[options.Spread, list[tuple[Decimal, ...]]]:
        spread = options.spread_named(spread_name)
        days = {found.day for found in self.option_expirations(underlying)}
        for day in (expiration, second):
            if day is not None and day not in days:
                raise ApiError(400, options.INVALID_EXPIRATION)
        if spread.uses_second_expiration and second is None:
            raise ApiError(400, options.SECOND_EXPIRATION)
        with self.lock:
            price = self.market.last(self._underlying(underlying).symbol)
        return spread, options.spread_strikes(price, spread, interval)

    def risk_reward(self, spread_price: Decimal, legs: list[Leg]) -> RiskReward:
        for leg in legs:
            if option_terms(leg.symbol) is None:
                self._underlying(leg.symbol)
        return options.risk_reward(spread_price, legs)
