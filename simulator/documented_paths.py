"""Paths TradeStation's own examples use where its reference pages name another: answered as the reference
path is, so a client copied from either works."""

from flask import Blueprint

from . import api

bp = Blueprint("simulator_documented_paths", __name__)


@bp.get("/v2/data/quotes/<symbols>")    # the Request Throttling page's example asks /data/quotes/
def quotes(symbols):
    return api.quotes(symbols)
