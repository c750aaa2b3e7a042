"""v3's option calls: an underlying's expirations and strikes, the spread types, and a spread's risk and
reward."""

from ..api import MARKET_DATA
from ..web import param, simulator
from . import read_query, render_options
from .calls import body, bp, call

INVALID_RISK_BODY = read_query.INVALID_RISK_BODY


@bp.get("/v3/marketdata/options/expirations/<underlying>")
def expirations(underlying):
    def action(token):
        strike = read_query.strike_price(param("strikePrice"))
        return render_options.expirations(simulator().option_expirations(underlying, strike))
    return call(MARKET_DATA, action)


@bp.get("/v3/marketdata/options/strikes/<underlying>")
def strikes(underlying):
    def action(token):
        spread, runs = simulator().option_strikes(
            underlying, param("spreadType") or "Single", read_query.strike_interval(param("strikeInterval")),
            read_query.expiration(param("expiration"), "expiration"),
            read_query.expiration(param("expiration2"), "expiration2"))
        return render_options.strikes(spread, runs)
    return call(MARKET_DATA, action)


@bp.get("/v3/marketdata/options/spreadtypes")
def spread_types():
    return call(MARKET_DATA, lambda token: render_options.spread_types())


@bp.post("/v3/marketdata/options/riskreward")
def risk_reward():
    def action(token):
        price, legs = read_query.risk_reward(body(INVALID_RISK_BODY))
        return render_options.risk_reward(simulator().risk_reward(price, legs))
    return call(MARKET_DATA, action)
