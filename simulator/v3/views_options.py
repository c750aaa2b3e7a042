"""v3's option calls: an underlying's expirations and strikes, the spread types, and a spread's risk and
reward. They count as TradeStation's "Each Option Endpoint" quota (90 a minute), one count for all four where
the page may mean one per endpoint: the stricter reading."""

from tradestation.quotas import Category

from ..web import param, simulator
from . import read_query, render_options
from .calls import body, bp, call

INVALID_RISK_BODY = read_query.INVALID_RISK_BODY


@bp.get("/v3/marketdata/options/expirations/<underlying>")
def expirations(underlying):
    def action(token):
        strike = read_query.strike_price(param("strikePrice"))
        return render_options.expirations(simulator().option_expirations(underlying, strike))
    return call(Category.OPTIONS, action)


@bp.get("/v3/marketdata/options/strikes/<underlying>")
def strikes(underlying):
    def action(token):
        spread, runs = simulator().option_strikes(
            underlying, param("spreadType") or "Single", read_query.strike_interval(param("strikeInterval")),
            read_query.expiration(param("expiration"), "expiration"),
            read_query.expiration(param("expiration2"), "expiration2"))
        return render_options.strikes(spread, runs)
    return call(Category.OPTIONS, action)


@bp.get("/v3/marketdata/options/spreadtypes")
def spread_types():
    return call(Category.OPTIONS, lambda token: render_options.spread_types())


@bp.post("/v3/marketdata/options/riskreward")
def risk_reward():
    def action(token):
        price, legs = read_query.risk_reward(body(INVALID_RISK_BODY))
        return render_options.risk_reward(simulator().risk_reward(price, legs))
    return call(Category.OPTIONS, action)
