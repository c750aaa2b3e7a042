"""The v3 option streams: a chain of spreads around a price, and the quote of the spread given leg by leg,
priced from the underlying (simulator/options.py) and followed live as it moves."""

from __future__ import annotations

import datetime
import re

from flask import Blueprint

from tradestation.errors import ApiError
from tradestation.quotas import Category

from ..live import Feed
from ..market import option_terms
from ..options import RISK_FREE_RATE, SPREADS, VOLATILITY, Leg, chain, chain_strikes, next_expiration
from ..web import param, simulator
from . import render_options
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


def _date(name):
    """A date as the document's examples write it (12-17-2021), or as RFC 3339's date."""
    text = param(name)
    if not text:
        return None
    for layout in ("%m-%d-%Y", "%Y-%m-%d", "%Y-%m-%dT%H:%M:%SZ"):
        try:
            return datetime.datetime.strptime(text, layout).date()
        except ValueError:
            continue
    _bad(f"Invalid {name}.")


def _stream(category, spreads_of):
    """`spreads_of(rate)` reads the request's spreads (a refusal answers before the stream starts)."""
    sim = simulator()

    def make_feed(token):
        greeks, rate = _flag("enableGreeks"), _number("riskFreeRate", RISK_FREE_RATE, low=0)
        spreads = spreads_of(rate)

        def read():
            return {"|".join(leg.symbol for leg in found.legs): render_options.spread(found, greeks, VOLATILITY)
                    for found in sim.option_spreads(spreads, rate)}
        read()
        return Feed(read)
    return market_stream(category, make_feed)


@bp.get("/v3/marketdata/stream/options/chains/<underlying>")
def chains(underlying):
    sim = simulator()

    def spreads_of(rate):
        spread = param("spreadType") or "Single"
        if spread not in SPREADS:
            _bad("Invalid spreadType.")
        sides = SIDES.get(param("optionType") or "All") or _bad("Invalid optionType.")
        strike_range = param("strikeRange") or "All"
        if strike_range not in RANGES:
            _bad("Invalid strikeRange.")
        quote = sim.quotes(underlying)[0]
        if not hasattr(quote, "last"):
            _bad("Invalid underlying symbol.")
        expiry = _date("expiration") or next_expiration(datetime.date.today())
        if expiry < datetime.date.today():
            _bad("Invalid expiration.")
        center = _number("priceCenter", float(quote.last), low=0.01)
        strikes = chain_strikes(center, _number("strikeProximity", 5, whole=True, low=1))
        found = chain(quote.symbol, expiry, strikes, spread, sides, _number("strikeInterval", 1, whole=True, low=1))
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
        found.append(Leg(terms, int(ratio_text)))
    if not found or len(found) > MAX_LEGS:
        _bad("Invalid legs.")
    return found


@bp.get("/v3/marketdata/stream/options/quotes")
def option_quotes():
    return _stream(Category.OPTION_QUOTE_STREAM, lambda rate: [_legs()])
