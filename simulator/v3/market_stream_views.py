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
from ..streams import HISTORY_BARS, bar_minutes
from ..web import param, simulator
from . import render_market_streams as render
from .stream_views import market_stream

bp = Blueprint("simulator_v3_market_streams", __name__)

MAX_BARS_BACK = 57600       # "the max value is 57600" (the barcharts stream's barsback)
DEFAULT_LEVELS = 20         # maxlevels when not given
SESSION_TEMPLATES = {"USEQPre", "USEQPost", "USEQPreAndPost", "USEQ24Hour", "Default"}


def _bad(message):
    raise ApiError(400, message)


def _bar_request():
    """(minutes a bar, bars back) from the query, refused in v3's words when malformed."""
    interval, unit = param("interval") or "1", param("unit") or "Daily"
    bars_back = param("barsback") or "1"
    template = param("sessiontemplate")
    if template is not None and template not in SESSION_TEMPLATES:
        _bad("Invalid session template.")
    if not re.fullmatch(r"[0-9]{1,5}", bars_back) or not 1 <= int(bars_back) <= MAX_BARS_BACK:
        _bad("Invalid barsback.")
    try:
        return bar_minutes(interval, unit), min(int(bars_back), HISTORY_BARS)
    except ApiError as error:
        raise ApiError(400, error.message) from None


@bp.get("/v3/marketdata/stream/barcharts/<symbol>")
def barcharts(symbol):
    sim = simulator()

    def make_feed(token):
        minutes, count = _bar_request()
        history = sim.stream("recent_bars", symbol, minutes, count)
        if not history:
            raise ApiError(404, "Symbol not found.")
        forming = FormingBar(minutes, history[-1])
        past = {bar["TimeStamp"]: render.bar(bar, realtime=False, end_of_history=index == len(history) - 2)
                for index, bar in enumerate(history[:-1])}

        def read():
            quote = sim.quotes(symbol)[0]
            now = forming.update(quote.last, datetime.datetime.now(datetime.timezone.utc))
            return {**past, now["TimeStamp"]: render.bar(now, realtime=True, status=render.OPEN)}
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
