"""The v3 stream paths (the OpenAPI document's /v3/.../stream/...): each admitted as a call of its quota
category, then followed live (simulator/live.py) in v3's words (render_*.py, render_streams.py)."""

from __future__ import annotations

from flask import Blueprint

from tradestation.errors import ApiError
from tradestation.quotas import Category

from ..live import Beat, Feed
from ..live_http import live_response
from ..market import UnknownSymbol
from ..web import param, simulator
from . import read_query, render_brokerage, render_market, render_orders
from . import render_streams as frames
from .calls import v3_error
from .views_brokerage import ORDER_NOT_FOUND, lists_confirm_id

bp = Blueprint("simulator_v3_streams", __name__)



def _stream(category, make_feed, brokerage):
    return live_response(category, make_feed, frames.V3Framing(brokerage=brokerage),
                         mimetype=frames.BROKERAGE_TYPE if brokerage else frames.MARKET_DATA_TYPE,
                         beat=Beat, refuse=v3_error)


def market_stream(category, make_feed):
    """A market data stream: no snapshot marker, GoAway as an Error."""
    return _stream(category, make_feed, brokerage=False)


@bp.get("/v3/marketdata/stream/quotes/<symbols>")
def quotes(symbols):
    sim = simulator()

    def read():
        found = sim.quotes(symbols)
        return {entry.symbol: render_market.unknown(entry) if isinstance(entry, UnknownSymbol)
                else render_market.quote(entry) for entry in found}

    def make_feed(token):
        read()      # a refusal (no symbols, too many) answers before the stream starts
        return Feed(read, changes_only=True, keep=("Symbol",))
    return _stream(Category.QUOTE_CHANGE_STREAM, make_feed, brokerage=False)


def _orders_feed(sim, accounts_text, ids_text=None):
    with_confirm_id = lists_confirm_id()

    def make_feed(token):
        read_query.account_ids(accounts_text)
        accounts, refused = sim.stream_accounts(token, accounts_text)
        errors = {f"account:{key}": frames.account_error(key, error) for key, error in refused}
        wanted = None
        if ids_text is not None:
            wanted = read_query.order_ids(ids_text)
            if not wanted:
                raise ApiError(400, ORDER_NOT_FOUND)

        def read():
            orders = {order.id: render_orders.listed_order(order, with_confirm_id)
                      for order in sim.watched_orders(accounts) if wanted is None or order.id in wanted}
            missing = {f"order:{order_id}": {"Error": "NotFound", "Message": ORDER_NOT_FOUND, "OrderID": order_id}
                       for order_id in wanted or () if order_id not in orders}
            return {**errors, **missing, **orders}
        return Feed(read)
    return make_feed


@bp.get("/v3/brokerage/stream/accounts/<accounts>/orders")
def orders(accounts):
    return _stream(Category.ORDER_STREAM, _orders_feed(simulator(), accounts), brokerage=True)


@bp.get("/v3/brokerage/stream/accounts/<accounts>/orders/<ids>")
def orders_by_id(accounts, ids):
    return _stream(Category.ORDER_STREAM_BY_ID, _orders_feed(simulator(), accounts, ids), brokerage=True)


@bp.get("/v3/brokerage/stream/accounts/<accounts>/positions")
def positions(accounts):
    sim = simulator()
    changes_only = (param("changes") or "").casefold() == "true"

    def make_feed(token):
        read_query.account_ids(accounts)
        keys, refused = sim.stream_accounts(token, accounts)
        errors = {f"account:{key}": frames.account_error(key, error) for key, error in refused}

        def read():
            held = {str(position.key): render_brokerage.position(position)
                    for key in keys for position in sim.positions(token, key)}
            return {**errors, **held}
        return Feed(read, changes_only=changes_only, keep=("PositionID",), removed=frames.deleted_position)
    return _stream(Category.POSITIONS_STREAM, make_feed, brokerage=True)
