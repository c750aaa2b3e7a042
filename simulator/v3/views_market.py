"""v3's market data calls: quotes, symbol details, bar charts and the crypto pairs' names."""

import datetime

from ..api import MARKET_DATA
from ..market import CRYPTO_PAIRS
from ..web import param, simulator
from . import read_query, render_market
from .calls import bp, call


@bp.get("/v3/marketdata/quotes/<symbols>")
def quotes(symbols):
    return call(MARKET_DATA, lambda token: render_market.quotes(simulator().quotes(symbols)))


# Symbol details take at most 50 symbols a request (quotes 100).
MAX_SYMBOL_DETAILS = 50


@bp.get("/v3/marketdata/symbols/<symbols>")
def symbol_details(symbols):
    return call(MARKET_DATA, lambda token: render_market.symbols(simulator().quotes(symbols, MAX_SYMBOL_DETAILS)))


@bp.get("/v3/marketdata/barcharts/<symbol>")
def bar_chart(symbol):
    def action(token):
        asked = read_query.bar_range(param, datetime.datetime.now(datetime.timezone.utc))
        return render_market.bars(simulator().bars(symbol, asked.minutes, asked.first, asked.last))
    return call(MARKET_DATA, action)


@bp.get("/v3/marketdata/symbollists/cryptopairs/symbolnames")
def crypto_pairs():
    return call(MARKET_DATA, lambda token: render_market.crypto_names(CRYPTO_PAIRS))
