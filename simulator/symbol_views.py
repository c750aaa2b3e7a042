"""The Data pages' symbol calls: look-up, suggest, search and symbol lists (simulator/symbols.py). They take
a client-credentials token too ("Client Level Credentials" on the symbol list pages). They are in no category
of TradeStation's quota table (its Rate Limiting page lists none for symbols), so they are never counted."""

from flask import Blueprint, request

from . import symbols
from .web import param, rest_call

bp = Blueprint("simulator_symbols", __name__)


def _call(action, xml_item="Symbol"):
    return rest_call(None, lambda token, dialect: action(), xml_item, client_only_ok=True)


# The webapi-docs-v2 Get Symbol example and the symbol list examples leave /v2 out of the path.
@bp.get("/v2/data/symbol/<name>")
@bp.get("/data/symbol/<name>")
def symbol(name):
    return _call(lambda: symbols.symbol(name))


@bp.get("/v2/data/symbols/suggest/<text>")
def suggest(text):
    filters = [value for key, value in request.args.items(multi=True) if key.casefold() == "$filter"]
    return _call(lambda: symbols.suggest(text, param("$top"), filters))


@bp.get("/v2/data/symbols/search/<path:criteria>")
def search(criteria):
    return _call(lambda: symbols.search(criteria))


@bp.get("/v2/data/symbollists/")
@bp.get("/v2/data/symbollists")
def symbol_lists():
    return _call(symbols.symbol_lists, "SymbolList")


@bp.get("/v2/data/symbollists/<list_id>")
@bp.get("/data/symbollists/<list_id>")
def symbol_list(list_id):
    return _call(lambda: symbols.symbol_list(list_id), "SymbolList")


@bp.get("/v2/data/symbollists/<list_id>/symbols")
@bp.get("/data/symbollists/<list_id>/symbols")
def list_symbols(list_id):
    return _call(lambda: symbols.list_symbols(list_id), "SymbolInfo")
