"""The v3 option streams: a chain of spreads around a price, and the quote of the spread given leg by leg,
priced from the underlying (simulator/option_pricing.py) and followed live as it moves."""

from __future__ import annotations

import re
from decimal import Decimal

from flask import Blueprint

from tradestation.errors import ApiError
from tradestation.quotas import Category

from ..live import Feed
from ..market import option_terms
from ..option_pricing import LEG_SHAPES, RISK_FREE_RATE, VOLATILITY, PricedLeg, chain
from ..options import INVALID_EXPIRATION, INVALID_SPREAD, spread_named
from ..web import param, simulator
from . import read_query, render_option_streams
from .stream_views import market_stream

bp = Blueprint("simulator_v3_option_streams", __name__)

MAX_LEGS = 4
SIDES = {"All": ("Call", "Put"), "Call": ("Call",), "Put": ("Put",)}
RANGES = ("All", "ITM", "OTM")


def _bad(message):
    raise ApiError(400, message)


def _number(name, default, whole=False, low=None):
    text = param(name)
    if text is None or text == "":
        return default
    try:
        number = int(text) if whole else float(text)
    except ValueError:
        _bad(f"Invalid {name}.")
    if low is not None and number < low:
        _bad(f"Invalid {name}.")
    return number


def _flag(name):
    text = (param(name) or "true").casefold()
    if text not in ("true", "false"):
        _bad(f"Invalid {name}.")
    return text == "true"


def _stream(category, spreads_of):
    """`spreads_of(rate)` reads the request's spreads (a refusal answers before the stream starts)."""
    sim = simulator()

    def make_feed(token):
        greeks, rate = _flag("enableGreeks"), _number("riskFreeRate", RISK_FREE_RATE, low=0)
        spreads = spreads_of(rate)

        def read():
            return {"|".join(leg.symbol for leg in found.legs): render_option_streams.spread(found, greeks, VOLATILITY)
                    for found in sim.option_spreads(spreads, rate)}
        read()
        return Feed(read)
    return market_stream(category, make_feed)


@bp.get("/v3/marketdata/stream/options/chains/<underlying>")
def chains(underlying):
    sim = simulator()

    def spreads_of(rate):
        spread = spread_named(param("spreadType") or "Single").name
        if spread not in LEG_SHAPES:
            _bad(INVALID_SPREAD)
        sides = SIDES.get(param("optionType") or "All") or _bad("Invalid optionType.")
        strike_range = param("strikeRange") or "All"
        if strike_range not in RANGES:
            _bad("Invalid strikeRange.")
        quote = sim.quotes(underlying)[0]
        expiry = read_query.expiration(param("expiration"), "expiration")
        days = [found.day for found in sim.option_expirations(underlying)]    # refuses a non-equity
        if expiry is None:
            expiry = days[0]
        elif expiry not in days:
            _bad(INVALID_EXPIRATION)
        center = Decimal(repr(_number("priceCenter", float(quote.last), low=0.01)))
        found = chain(quote.symbol, expiry, center, _number("strikeProximity", 5, whole=True, low=1), spread, sides,
                      read_query.strike_interval(param("strikeInterval")))
        if strike_range == "All":
            return found
        in_money = {id(legs) for legs, priced in zip(found, sim.option_spreads(found, rate), strict=True)
                    if priced.model.intrinsic > 0}
        return [legs for legs in found if (id(legs) in in_money) == (strike_range == "ITM")]
    return _stream(Category.OPTION_CHAIN_STREAM, spreads_of)


def _legs():
    """legs[0].Symbol, legs[0].Ratio, ... in order, as the query gives them."""
    found = []
    for index in range(MAX_LEGS + 1):
        text = param(f"legs[{index}].Symbol")
        if text is None:
            break
        terms = option_terms(text.strip().upper())
        if terms is None:
            _bad(f"Invalid legs[{index}].Symbol.")
        ratio_text = param(f"legs[{index}].Ratio") or "1"
        if not re.fullmatch(r"-?[0-9]{1,4}", ratio_text) or int(ratio_text) == 0:
            _bad(f"Invalid legs[{index}].Ratio.")
        found.append(PricedLeg(terms, int(ratio_text)))
    if not found or len(found) > MAX_LEGS:
        _bad("Invalid legs.")
    return found


@bp.get("/v3/marketdata/stream/options/quotes")
def option_quotes():
    return _stream(Category.OPTION_QUOTE_STREAM, lambda rate: [_legs()])
