"""The JSONP twins of the order calls: GET, the order in `data`, the token in `oauth_token`,
always HTTP 200 with the answer or the error wrapped in the named callback. Order calls are in no quota
category (None): never counted."""

from flask import Blueprint

from tradestation import errors as E

from .v2 import render_orders
from .web import jsonp_call, read_data, simulator

bp = Blueprint("simulator_jsonp", __name__)


@bp.get("/v2/jsonp/orders/send")
def send():
    def action(token, dialect):
        placed = simulator().place(token, dialect, read_data(E.INVALID_ORDER))
        return [render_orders.placed(dialect, order) for order in placed]
    return jsonp_call(None, action, order_call=True)


@bp.get("/v2/jsonp/orders/confirm")
def confirm():
    return jsonp_call(None, lambda token, dialect: [render_orders.confirmation(preview) for preview in simulator(
        ).confirm(token, dialect, read_data(E.INVALID_ORDER))])


@bp.get("/v2/jsonp/orders/groups/confirm")
def confirm_group():
    return jsonp_call(None, lambda token, dialect: [render_orders.confirmation(preview) for preview in simulator(
        ).confirm_group(token, dialect, read_data(E.INVALID_GROUP))])


@bp.get("/v2/jsonp/orders/<order_id>/cancel")
def cancel(order_id):
    return jsonp_call(None, lambda token, dialect: render_orders.cancelled(dialect, simulator().cancel(
        token, order_id)), order_call=True)


@bp.get("/v2/jsonp/orders/<order_id>/cancelreplace")
def cancel_replace(order_id):
    return jsonp_call(None, lambda token, dialect: render_orders.replaced(dialect, simulator().replace(
        token, order_id, read_data(E.INVALID_ORDER))), order_call=True)
