"""The /v3 calls: each reads its request (read.py), asks the backend, and renders the backend's objects in v3's
words (render.py), under the same faults as v2's calls (latency, 500s, dropped connections, quota, expired
tokens)."""

from flask import Blueprint, request

from tradestation import errors as E
from tradestation.dialects import CLASSIC
from tradestation.errors import ApiError
from tradestation.jsonp import decode_data

from ..api import ACCOUNTS, MARKET_DATA, ORDERS
from ..web import MAX_BODY, Dropped, bearer_token, dropped_response, json_response, param, perform, simulator
from . import read, render

bp = Blueprint("simulator_v3", __name__)


def v3_error(error):
    if error.status == 403 and error.message == E.QUOTA_EXCEEDED:
        error = ApiError(429, E.QUOTA_EXCEEDED)     # v3 answers a request past the quota with 429
    return json_response(render.error_body(error), error.status)


def call(category, action, order_call=False):
    """One v3 call: `action(token)` gives the JSON answer; a refusal is v3's {"Error", "Message"}."""
    try:
        payload = perform(category, lambda token, dialect: action(token), bearer_token(), order_call)
    except ApiError as error:
        return v3_error(error)
    except Dropped:
        return dropped_response()
    return json_response(payload)


def body(invalid_message=E.INVALID_ORDER):
    text = request.get_data(as_text=True)
    try:
        return decode_data(text, MAX_BODY)
    except ApiError:
        raise ApiError(400, invalid_message) from None


def lists_confirm_id():
    return simulator().runtime_settings()["SIM_V3_LIST_CONFIRM_ID"] == "on"


def _asset_of(symbol):
    return simulator().asset_of(symbol)


@bp.get("/v3/brokerage/accounts")
def accounts():
    return call(ACCOUNTS, lambda token: {"Accounts": [render.account(account)
                                                      for account in simulator().own_accounts(token)
                                                      if render.lists(account)]})


def per_account(ids, token, answer):
    """v3's answer for several accounts: each account's entries, or its refusal under Errors."""
    entries, errors = [], []
    for key in [key.strip() for key in ids.split(",") if key.strip()] or [""]:
        try:
            if simulator().account_type(token, key) == "X":
                raise ApiError(400, read.NO_FOREX)
            entries.extend(answer(key))
        except ApiError as error:
            errors.append({"AccountID": key, **render.error_body(error)})
    return entries, errors


@bp.get("/v3/brokerage/accounts/<ids>/balances")
def balances(ids):
    def action(token):
        found, errors = per_account(ids, token, lambda key: [render.balance(money)
                                                             for money in simulator().balances(token, key)])
        return {"Balances": found, "Errors": errors}
    return call(ACCOUNTS, action)


@bp.get("/v3/brokerage/accounts/<ids>/positions")
def positions(ids):
    def action(token):
        found, errors = per_account(ids, token, lambda key: [render.position(held)
                                                             for held in simulator().positions(token, key)])
        return {"Positions": found, "Errors": errors}
    return call(ACCOUNTS, action)


@bp.get("/v3/brokerage/accounts/<ids>/orders")
def account_orders(ids):
    def action(token):
        listed = simulator().account_orders(token, ids)
        return {"Orders": [render.listed_order(entry.order, lists_confirm_id()) for entry in listed]}
    return call(ORDERS, action)


@bp.get("/v3/brokerage/accounts/<ids>/historicalorders")
def historical_orders(ids):
    def action(token):
        listed = simulator().account_orders(token, ids, param("since") or "", read.SINCE_FORMAT)
        # The history is of orders that are over: open ones are in the day's list.
        return {"Orders": [render.listed_order(entry.order, lists_confirm_id()) for entry in listed
                           if not entry.order.live]}
    return call(ORDERS, action)


@bp.get("/v3/marketdata/quotes/<symbols>")
def quotes(symbols):
    return call(MARKET_DATA, lambda token: render.quotes(simulator().quotes(symbols)))


@bp.post("/v3/orderexecution/orders")
def place():
    def action(token):
        order = read.classic_order(body(), _asset_of)
        return render.order_answers(simulator().place(token, CLASSIC, order))
    return call(ORDERS, action, order_call=True)


@bp.post("/v3/orderexecution/orderconfirm")
def confirm():
    def action(token):
        request_order = body()
        order = read.classic_order(request_order, _asset_of)
        return {"Confirmations": [render.confirmation(preview, request_order)
                                  for preview in simulator().confirm(token, CLASSIC, order)]}
    return call(ORDERS, action)


@bp.post("/v3/orderexecution/ordergroups")
def place_group():
    def action(token):
        group = read.classic_group(body(E.INVALID_GROUP), _asset_of)
        return render.order_answers(simulator().place_group(token, CLASSIC, group))
    return call(ORDERS, action, order_call=True)


@bp.post("/v3/orderexecution/ordergroupconfirm")
def confirm_group():
    def action(token):
        request_group = body(E.INVALID_GROUP)
        group = read.classic_group(request_group, _asset_of)
        previews = simulator().confirm_group(token, CLASSIC, group)
        return {"Confirmations": [render.confirmation(preview, request_order)
                                  for preview, request_order in zip(previews, request_group["Orders"], strict=True)]}
    return call(ORDERS, action)


@bp.put("/v3/orderexecution/orders/<order_id>")
def replace(order_id):
    def action(token):
        held = simulator().own_order(token, order_id)
        replacement = read.classic_replacement(body(), held)
        return render.replaced(simulator().replace(token, order_id, replacement))
    return call(ORDERS, action, order_call=True)


@bp.delete("/v3/orderexecution/orders/<order_id>")
def cancel(order_id):
    return call(ORDERS, lambda token: render.cancelled(simulator().cancel(token, order_id)), order_call=True)


@bp.get("/v3/marketdata/symbols/<symbols>")
def symbol_details(symbols):
    return call(MARKET_DATA, lambda token: render.symbols(simulator().quotes(symbols)))
