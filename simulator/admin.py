"""Run-time control for tests and demos: fault knobs, counts, reset, token expiry and the market clock.

Only the machine itself may use it, with the admin token of the running process (the header
X-Admin-Token), and changes only with a JSON body.
"""

import hmac
from decimal import Decimal, InvalidOperation

from flask import Blueprint, request

from tradestation.errors import ApiError
from tradestation.sim_contract import ADMIN_HEADER

from . import open_streams as endings
from .faults import FaultError
from .settings import SettingError
from .tokens import is_loopback_host
from .v2 import render_market
from .web import json_response, simulator

bp = Blueprint("simulator_admin", __name__, url_prefix="/admin")

MAX_STEPS = 10000


def _refuse(status, message):
    return json_response({"Message": message, "StatusCode": status}, status)


@bp.before_request
def loopback_only():
    """Loopback callers holding this process's admin token; a change comes as JSON, which a web page
    cannot send to another origin without the browser asking first (a CORS preflight, refused here)."""
    if not is_loopback_host(request.remote_addr or ""):
        return _refuse(403, "Forbidden")
    if not hmac.compare_digest(request.headers.get(ADMIN_HEADER, ""), simulator().admin_token):
        return _refuse(403, f"Forbidden: the {ADMIN_HEADER} header must carry the admin token printed at start")
    if request.method == "POST" and not request.is_json:
        return _refuse(415, "A JSON body is required (Content-Type: application/json)")
    return None


def _json_object():
    body = request.get_json(silent=True)
    if body is None and not request.get_data():
        return {}
    if not isinstance(body, dict):
        raise SettingError("a JSON object is required")
    return body


@bp.get("/faults")
def faults():
    return json_response(simulator().runtime_settings())


@bp.post("/faults")
def change_faults():
    try:
        return json_response(simulator().change_settings(_json_object()))
    except SettingError as error:
        return _refuse(400, str(error))


def _user(body):
    """The user a control is for ("user" in the body), or None for every user."""
    user = body.get("user")
    if user is not None and not (isinstance(user, str) and simulator().directory.has_user(user)):
        raise SettingError("user must be a user id the simulator knows")
    return user


@bp.post("/next-orders")
def next_orders():
    """{"fault": "error" | "quota" | "drop_before" | "drop_after", "count": n, "user": id}: the next n order
    calls (of that user, or of anyone without one) meet it."""
    try:
        body = _json_object()
        return json_response(simulator().queue_order_faults(body.get("fault"), body.get("count", 1), _user(body)))
    except (SettingError, FaultError) as error:
        return _refuse(400, str(error))


@bp.get("/stats")
def stats():
    return json_response(simulator().stats())


@bp.post("/reset")
def reset():
    simulator().reset()
    return json_response(simulator().stats())


@bp.post("/expire-tokens")
def expire_tokens():
    """Every access token ends now; with {"user": id}, only that user's."""
    try:
        return json_response({"expired": simulator().expire_tokens(_user(_json_object()))})
    except SettingError as error:
        return _refuse(400, str(error))


@bp.post("/grant")
def grant():
    """A code or refresh token of the value a documented example carries, for a user and client."""
    try:
        return json_response(simulator().plant_grant(_json_object()))
    except SettingError as error:
        return _refuse(400, str(error))
    except ApiError as error:
        return _refuse(error.status, error.message)


@bp.post("/tick")
def tick():
    try:
        steps = _json_object().get("steps", 1)
    except SettingError as error:
        return _refuse(400, str(error))
    if isinstance(steps, bool) or not isinstance(steps, int) or not 1 <= steps <= MAX_STEPS:
        return _refuse(400, f"steps must be a whole number from 1 to {MAX_STEPS}")
    return json_response(simulator().tick(steps))


@bp.post("/price")
def price():
    try:
        body = _json_object()
        symbol, last = body.get("Symbol"), Decimal(str(body.get("Last")))
    except (SettingError, InvalidOperation):
        return _refuse(400, 'a JSON object {"Symbol": ..., "Last": "..."} is required')
    if not isinstance(symbol, str) or not last.is_finite() or last <= 0:
        return _refuse(400, 'a JSON object {"Symbol": ..., "Last": "..."} is required')
    try:
        moved = simulator().set_price(symbol, last)
    except ApiError as error:
        return _refuse(error.status, error.message)
    # The pinned quote in v2's shape: the admin API's answers are the simulator's own, not a face's.
    return json_response({**moved, "quote": render_market.quote(moved["quote"])})


@bp.post("/streams/end")
def end_streams():
    """End open streams now, as TradeStation's servers do when they go away or fail, so that a client's
    reconnecting can be tried: {"user": "demo" (default: everyone's), "end": "GoAway" | "Error",
    "message": words of the error (optional), "error": v3's Error title (optional)}."""
    try:
        body = _json_object()
        ending = endings.from_request(body)
    except (SettingError, ValueError) as error:
        return _refuse(400, str(error))
    user = body.get("user")
    if user is not None and not isinstance(user, str):
        return _refuse(400, "user must be a user id")
    return json_response({"ended": simulator().end_streams(ending, user)})


class DeliberateFailure(RuntimeError):
    pass


@bp.post("/raise")
def deliberate_failure():
    """An unhandled exception on purpose, to show clients get TradeStation's 500 and never an HTML page."""
    raise DeliberateFailure("raised on purpose by POST /admin/raise")
