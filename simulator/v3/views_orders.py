"""v3's order execution calls: place, confirm, groups, replace, cancel, and the routes and activation triggers
an order may name. Requests are read by read.py into the classic order the shared rules check. None is in a
category of TradeStation's quota table: never counted, so market data can never hold an order back."""

from tradestation import errors as E
from tradestation.dialects import CLASSIC

from ..web import simulator
from . import read, render_orders
from .calls import asset_of, body, bp, call


@bp.post("/v3/orderexecution/orders")
def place():
    def action(token):
        order = read.classic_order(body(), asset_of)
        return render_orders.order_answers(simulator().place(token, CLASSIC, order))
    return call(None, action, order_call=True)


@bp.post("/v3/orderexecution/orderconfirm")
def confirm():
    def action(token):
        request_order = body()
        order = read.classic_order(request_order, asset_of)
        return {"Confirmations": [render_orders.confirmation(preview, read.named_order(request_order))
                                  for preview in simulator().confirm(token, CLASSIC, order)]}
    return call(None, action)


@bp.post("/v3/orderexecution/ordergroups")
def place_group():
    def action(token):
        group = read.classic_group(body(E.INVALID_GROUP), asset_of)
        return render_orders.order_answers(simulator().place_group(token, CLASSIC, group))
    return call(None, action, order_call=True)


@bp.post("/v3/orderexecution/ordergroupconfirm")
def confirm_group():
    def action(token):
        request_group = body(E.INVALID_GROUP)
        group = read.classic_group(request_group, asset_of)
        previews = simulator().confirm_group(token, CLASSIC, group)
        return {"Confirmations": [render_orders.confirmation(preview, read.named_order(request_order))
                                  for preview, request_order in zip(previews, request_group["Orders"], strict=True)]}
    return call(None, action)


@bp.put("/v3/orderexecution/orders/<order_id>")
def replace(order_id):
    def action(token):
        held = simulator().own_order(token, order_id)
        replacement = read.classic_replacement(body(), held)
        return render_orders.replaced(simulator().replace(token, order_id, replacement))
    return call(None, action, order_call=True)


@bp.delete("/v3/orderexecution/orders/<order_id>")
def cancel(order_id):
    return call(None, lambda token: render_orders.cancelled(simulator().cancel(token, order_id)), order_call=True)


@bp.get("/v3/orderexecution/routes")
def routes():
    return call(None, lambda token: render_orders.routes())


@bp.get("/v3/orderexecution/activationtriggers")
def activation_triggers():
    return call(None, lambda token: render_orders.activation_triggers())
