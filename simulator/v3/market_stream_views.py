"""The v3 market data streams beyond quotes: bars (history, then the bar now forming as prices move) and the
depth of the book (each participant's quotes, or each price summed), followed live (simulator/live.py)."""

from __future__ import annotations

import datetime
import re

from flask import Blueprint

from tradestation.errors import ApiError
from tradestation.quotas import Category

from ..live import Feed
from ..live_market import FormingBar
from ..web import param, simulator
from . import read_query, render_market
from . import render_market_streams as render
from .stream_views import market_stream

bp = Blueprint("simulator_v3_market_streams", __name__)

DEFAULT_LEVELS = 20         # maxlevels when not given


def _bad(message):
    raise ApiError(400, message)


@bp.get("/v3/marketdata/stream/barcharts/<symbol>")
def barcharts(symbol):
    """The bars back asked for (the bar charts call's query), then the bar now forming as prices move it."""
    sim = simulator()

    def make_feed(token):
        asked = read_query.bar_range(param, datetime.datetime.now(datetime.timezone.utc))
        history = sim.bars(symbol, asked.minutes, asked.first, asked.last)
        forming = FormingBar(asked.minutes, history[-1])
        past = {bar.epoch_ms: render_market.bar(bar, end_of_history=index == len(history) - 2)
                for index, bar in enumerate(history[:-1])}

        def read():
            now = forming.update(sim.quotes(symbol)[0].last, datetime.datetime.now(datetime.timezone.utc))
            return {**past, now.epoch_ms: render_market.bar(now, realtime=True)}
        return Feed(read)
    return market_stream(Category.BARCHART_STREAM, make_feed)


def _levels():
    text = param("maxlevels") or str(DEFAULT_LEVELS)
    if not re.fullmatch(r"[0-9]{1,3}", text) or int(text) < 1:
        _bad("Invalid maxlevels.")
    return int(text)


def _depth_stream(symbol, shape):
    sim = simulator()

    def make_feed(token):
        levels = _levels()
        sim.depth(symbol, levels)       # an unknown symbol is refused before the stream starts
        # The session's start, as the quote's TradeTime: a book that did not move reads the same.
        moment = sim.quotes(symbol)[0].trade_time

        def read():
            bids, asks = sim.depth(symbol, levels)
            return {"book": shape(bids, asks, levels, moment)}
        return Feed(read)
    return market_stream(Category.MARKET_DEPTH_STREAM, make_feed)


@bp.get("/v3/marketdata/stream/marketdepth/quotes/<symbol>")
def depth_quotes(symbol):
    return _depth_stream(symbol, render.depth_quotes)


@bp.get("/v3/marketdata/stream/marketdepth/aggregates/<symbol>")
def depth_aggregates(symbol):
    return _depth_stream(symbol, lambda bids, asks, levels, moment: render.depth_aggregates(bids, asks, moment))
