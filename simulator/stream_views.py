"""The Stream pages' calls over HTTP: chunked text/plain, each chunk a JSON object on a line of its own or the
closing word (simulator/streams.py holds the rules, v2/render_streams.py the framing). Bars end with what is
known now; quote streams follow the market (simulator/live.py) until the client leaves. A refusal before the
stream starts is an ordinary JSON error."""

from flask import Blueprint, Response

from tradestation.errors import ApiError
from tradestation.quotas import Category

from .live import Feed
from .live_http import live_response
from .v2 import render_streams as frames
from .web import bearer_token, param, perform, rest_error, simulator

bp = Blueprint("simulator_streams", __name__)


def _stream(category, name, *args):
    try:
        chunks = perform(category, lambda token, dialect: simulator().stream(name, *args),
                         bearer_token() or param("oauth_token"))
    except ApiError as error:
        return rest_error(error)

    def body():
        for chunk in chunks:
            yield frames.line(chunk)
    return Response(body(), 200, mimetype=frames.MIMETYPE, headers={"Cache-Control": "no-store"})


@bp.get("/v2/stream/barchart/<symbol>/<quantity>/<unit>")
def barchart_days_back(symbol, quantity, unit):
    return _stream(Category.BARCHART_STREAM, "days_back", symbol, quantity, unit, param("daysBack"),
                   param("lastDate"))


@bp.get("/v2/stream/barchart/<symbol>/<quantity>/<unit>/<path:rest>")
def barchart(symbol, quantity, unit, rest):
    return _stream(Category.BARCHART_STREAM, "barchart", symbol, quantity, unit, rest.split("/"))


@bp.get("/v2/stream/tickbars/<symbol>/<interval>/<bars_back>")
def tickbars(symbol, interval, bars_back):
    return _stream(Category.TICKBAR_STREAM, "tickbars", symbol, interval, bars_back)


def _quotes(symbols, changes_only):
    sim = simulator()
    flag, style = param("heartbeat"), param("heartbeat-style")

    def read():
        return {chunk["Symbol"]: chunk for chunk in sim.stream("quotes", symbols)}

    def make_feed(token):
        read()      # a refusal (no symbols) answers before the stream starts
        return Feed(read, changes_only=changes_only, keep=("Symbol",))
    return live_response(Category.QUOTE_CHANGE_STREAM, make_feed, frames.V2Framing(), mimetype=frames.MIMETYPE,
                         beat=lambda default: frames.heartbeats(flag, style, default), refuse=rest_error)


@bp.get("/v2/stream/quote/changes/<symbols>")
def quote_changes(symbols):
    """The Quote/Changes page: each symbol's full quote, then only the fields that moved."""
    return _quotes(symbols, changes_only=True)


@bp.get("/v2/stream/quote/snapshots/<symbols>")
def quote_snapshots(symbols):
    """The Quote/Snapshots page: the full quote of a symbol each time any of it moves."""
    return _quotes(symbols, changes_only=False)


@bp.get("/v2/stream/<path:rest>")
def unknown(rest):
    return rest_error(ApiError(404, "Invalid url path"))
