"""Demo controls for the ticket page: make the embedded simulator misbehave on purpose, so that a demo
shows what the bridge does about it (a refused token refreshed and retried, an order in flight, an
answer lost and settled by the reconciler).

Only for the simulator `python app.py` starts beside the bridge (its admin token is then known to the
bridge, see app.py): any other upstream, including a simulator the bridge did not start, is refused here,
server-side. The admin token is used here and never handed to the page.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

import urllib3
from flask import Blueprint, current_app, jsonify, request, url_for
from urllib3.exceptions import HTTPError
from werkzeug.exceptions import BadGateway, BadRequest, Forbidden

from simulator.admin import ADMIN_HEADER
from simulator.faults import DROP_AFTER, DROP_BEFORE, ERROR, QUOTA, TOKEN_EXPIRED
from tradestation.orders import MAX_PRICE, PATTERNS

from .auth import check_csrf, login_required

bp = Blueprint("demo", __name__, url_prefix="/demo")

MAX_LATENCY_MS = 30000      # past TS_READ_TIMEOUT's default, so that "no answer in time" can be shown too
MAX_QUEUED_ORDERS = 10
ADMIN_TIMEOUT = urllib3.Timeout(connect=3.0, read=10.0)

# What the next order calls meet, in the trader's words, for one order and for several; the keys are the
# simulator's fault names.
NEXT_ORDER_WORDS = {
    TOKEN_EXPIRED: ("finds the access token expired (401): the bridge refreshes it and sends the order again, once",
                    "find the access token expired (401): each time the bridge refreshes it and sends the order "
                    "again, once"),
    ERROR: ("fails with 500 Internal Server Error before anything is recorded",
            "fail with 500 Internal Server Error before anything is recorded"),
    QUOTA: ("is refused with 403 Quota Exceeded before anything is recorded",
            "are refused with 403 Quota Exceeded before anything is recorded"),
    DROP_BEFORE: ("loses its connection before the simulator records it: no answer, no order",
                  "lose their connection before the simulator records them: no answer, no order"),
    DROP_AFTER: ("is recorded, then its answer is dropped: the order exists, the bridge never hears so",
                 "are recorded, then their answers are dropped: the orders exist, the bridge never hears so"),
}


class NotEmbedded(Forbidden):
    description = ("Demo controls work only with the simulator this bridge started itself (python app.py without "
                   "TS_BASE_URL); this bridge's upstream is not one.")


class BadDemoValue(BadRequest):
    """A control's value out of range or of the wrong kind; the description says which and what is allowed."""


class SimulatorUnreachable(BadGateway):
    description = "The embedded simulator did not answer the demo control, so it may not have taken effect."


@dataclass(frozen=True)
class SimulatorAdmin:
    """The embedded simulator's admin endpoints, called with its admin token over the bridge's pool."""
    root: str
    token: str
    pool: Any

    def call(self, method: str, path: str, body: dict | None = None) -> Any:
        headers = {ADMIN_HEADER: self.token, "Accept": "application/json"}
        data = None
        if method == "POST":
            headers["Content-Type"] = "application/json"
            data = json.dumps(body or {}).encode()
        try:
            response = self.pool.request(method, f"{self.root}/admin/{path}", body=data, headers=headers,
                                         timeout=ADMIN_TIMEOUT, retries=False, redirect=False)
            answer = json.loads(response.data)
        except (HTTPError, ValueError):
            raise SimulatorUnreachable() from None
        if response.status == 400:         # the simulator's own check, e.g. a symbol it does not trade
            raise BadDemoValue(str(answer.get("Message", "The simulator refused this value.")))
        if response.status != 200:
            raise SimulatorUnreachable()
        return answer


def embedded_admin(bridge: Any) -> SimulatorAdmin | None:
    """The admin client of the simulator app.py started, or None when the upstream is anything else."""
    if bridge.simulator_admin_token is None:
        return None
    return SimulatorAdmin(root=bridge.settings.upstream_origin, token=bridge.simulator_admin_token,
                          pool=bridge.upstream.pool)


def page_settings(bridge: Any) -> dict | None:
    """What the ticket's demo panel needs (its URLs, the words of each fault), or None to leave it out."""
    if embedded_admin(bridge) is None:
        return None
    return {"urls": {name: url_for(f"demo.{name}") for name in
                     ("state", "latency", "next_orders", "expire_tokens", "price", "clear")},
            "faults": {name: words[0] for name, words in NEXT_ORDER_WORDS.items()}}


def demo_control(view):
    """Logged in, the embedded simulator, and for a change the page's CSRF token: the view gets its admin."""
    @login_required
    @functools.wraps(view)
    def guarded(**kwargs):
        admin = embedded_admin(current_app.extensions["tsbridge"])
        if admin is None:
            raise NotEmbedded()
        if request.method == "POST":
            check_csrf(request.headers.get("X-CSRF-Token"))
        return view(admin, **kwargs)
    return guarded


def _body() -> dict:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise BadDemoValue("A JSON object is required.")
    return body


def _whole(body: dict, name: str, low: int, high: int) -> int:
    value = body.get(name)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise BadDemoValue(f"{name} must be a whole number from {low} to {high}.")
    return value


def _said(admin: SimulatorAdmin, message: str):
    return jsonify(message=message, state=_state(admin)), 200, {"Cache-Control": "no-store"}


def _state(admin: SimulatorAdmin) -> dict:
    stats = admin.call("GET", "stats")
    return {"latency_ms": admin.call("GET", "faults")["SIM_LATENCY_MS"], "next_orders": stats["next_orders"],
            "orders": stats["orders"]}


def _orders(count: int) -> str:
    return "The next order" if count == 1 else f"The next {count} orders"


@bp.get("/state")
@demo_control
def state(admin):
    """What is armed now: the added latency and the fault waiting for the next orders."""
    return jsonify(_state(admin)), 200, {"Cache-Control": "no-store"}


@bp.post("/latency")
@demo_control
def latency(admin):
    milliseconds = _whole(_body(), "milliseconds", 0, MAX_LATENCY_MS)
    admin.call("POST", "faults", {"SIM_LATENCY_MS": milliseconds})
    if not milliseconds:
        return _said(admin, "No added latency: the simulator answers at once.")
    message = f"Every call to the simulator now waits {milliseconds:,} ms before it is answered."
    timeout = current_app.extensions["tsbridge"].settings.read_timeout
    if milliseconds >= timeout * 1000:
        message += (f" That is longer than the bridge waits ({timeout:g} s): the next order's fate will be unknown "
                    "until the reconciler finds it.")
    return _said(admin, message)


@bp.post("/next-orders")
@demo_control
def next_orders(admin):
    body = _body()
    fault = body.get("fault")
    if fault not in NEXT_ORDER_WORDS:
        raise BadDemoValue("fault must be one of " + ", ".join(NEXT_ORDER_WORDS) + ".")
    count = _whole(body, "count", 1, MAX_QUEUED_ORDERS)
    admin.call("POST", "next-orders", {"fault": fault, "count": count})
    one, several = NEXT_ORDER_WORDS[fault]
    return _said(admin, f"{_orders(count)} {one if count == 1 else several}.")


@bp.post("/expire-tokens")
@demo_control
def expire_tokens(admin):
    expired = admin.call("POST", "expire-tokens")["expired"]
    return _said(admin, f"Every access token has expired now ({expired}): the next call to the simulator (a market "
                        "update, a review or an order) is refused 401, and the bridge refreshes the token and makes "
                        "that call again, once.")


@bp.post("/price")
@demo_control
def price(admin):
    body = _body()
    symbol, text = body.get("symbol"), body.get("last")
    if not isinstance(symbol, str) or not re.fullmatch(PATTERNS["symbol"], symbol.upper()):
        raise BadDemoValue("symbol must be a symbol the ticket takes, e.g. MSFT.")
    try:
        last = Decimal(text) if isinstance(text, str) else None
    except InvalidOperation:
        last = None
    if last is None or not last.is_finite() or not 0 < last <= MAX_PRICE:
        raise BadDemoValue(f"last must be a price above 0 and at most {MAX_PRICE}, as text, e.g. \"410.50\".")
    moved = admin.call("POST", "price", {"Symbol": symbol.upper(), "Last": str(last)})
    filled, partly = moved["filled"], moved["partly_filled"]
    message = f"{symbol.upper()} last price is now {moved['quote']['LastPriceDisplay']}."
    if filled or partly:
        message += f" Filled: {len(filled)} order(s); partly filled: {len(partly)}."
    else:
        message += " No resting order was reached."
    return _said(admin, message)


@bp.post("/clear")
@demo_control
def clear(admin):
    admin.call("POST", "faults", {"SIM_LATENCY_MS": 0})
    admin.call("POST", "next-orders", {"fault": ERROR, "count": 0})
    return _said(admin, "Demo faults cleared: no added latency, nothing waiting for the next order.")
