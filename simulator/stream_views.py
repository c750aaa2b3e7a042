"""The Stream pages' calls over HTTP: chunked text/plain, each chunk a JSON object or the closing word
(simulator/streams.py holds the rules). A refusal before the stream starts is an ordinary JSON error."""

import json

from flask import Blueprint, Response

from tradestation.errors import ApiError
from tradestation.quotas import Category

from .web import bearer_token, param, perform, rest_error, simulator

bp = Blueprint("simulator_streams", __name__)


def _stream(category, name, *args):
    """The opening request counts against its stream's category of the quota table."""
    try:
        chunks = perform(category, lambda token, dialect: simulator().stream(name, *args),
                         bearer_token() or param("oauth_token"))
    except ApiError as error:
        return rest_error(error)

    def body():
        for chunk in chunks:
            yield (chunk if isinstance(chunk, str) else json.dumps(chunk, indent=4)) + "\n"
    return Response(body(), 200, mimetype="text/plain", headers={"Cache-Control": "no-store"})


@bp.get("/v2/stream/barchart/<symbol>/<quantity>/<unit>")
def barchart_days_back(symbol, quantity, unit):
    return _stream(Category.BARCHART_STREAM, "days_back", symbol, quantity, unit, param("daysBack"), param("lastDate"))


@bp.get("/v2/stream/barchart/<symbol>/<quantity>/<unit>/<path:rest>")
def barchart(symbol, quantity, unit, rest):
    return _stream(Category.BARCHART_STREAM, "barchart", symbol, quantity, unit, rest.split("/"))


@bp.get("/v2/stream/tickbars/<symbol>/<interval>/<bars_back>")
def tickbars(symbol, interval, bars_back):
    return _stream(Category.TICKBAR_STREAM, "tickbars", symbol, interval, bars_back)


@bp.get("/v2/stream/quote/snapshots/<symbols>")
@bp.get("/v2/stream/quote/changes/<symbols>")
def quotes(symbols):
    # The table has one category for quote streams; the snapshot stream is counted with the change stream.
    return _stream(Category.QUOTE_CHANGE_STREAM, "quotes", symbols)


@bp.get("/v2/stream/level2/<symbol>")
def level2(symbol):
    # Level 2 is the market depth of the Rate Limiting page's MarketDepth Stream (30 a minute).
    return _stream(Category.MARKET_DEPTH_STREAM, "level2", symbol)


@bp.get("/v2/stream/<path:rest>")
def unknown(rest):
    return rest_error(ApiError(404, "Invalid url path"))
