"""v3's market data calls: quotes, symbol details, bar charts and the crypto pairs' names. Quotes count as
TradeStation's Quote Snapshots; the others are in no category of its quota table (only bar chart streams are)."""

import datetime

from tradestation.quotas import Category

from ..market import CRYPTO_PAIRS
from ..web import param, simulator
from . import read_query, render_market
from .calls import bp, call


@bp.get("/v3/marketdata/quotes/<symbols>")
def quotes(symbols):
    return call(Category.QUOTE_SNAPSHOT, lambda token: render_market.quotes(simulator().quotes(symbols)))


# Symbol details take at most 50 symbols a request (quotes 100).
MAX_SYMBOL_DETAILS = 50


@bp.get("/v3/marketdata/symbols/<symbols>")
def symbol_details(symbols):
    return call(None, lambda token: render_market.symbols(simulator().quotes(symbols, MAX_SYMBOL_DETAILS)))


@bp.get("/v3/marketdata/barcharts/<symbol>")
def bar_chart(symbol):
    def action(token):
        asked = read_query.bar_range(param, datetime.datetime.now(datetime.timezone.utc))
        return render_market.bars(simulator().bars(symbol, asked.minutes, asked.first, asked.last))
    return call(None, action)


@bp.get("/v3/marketdata/symbollists/cryptopairs/symbolnames")
def crypto_pairs():
    return call(None, lambda token: render_market.crypto_names(CRYPTO_PAIRS))
