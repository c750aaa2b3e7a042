"""Demo controls for the ticket page: make the embedded simulator misbehave on purpose, so that a demo
shows what the bridge does about it (a refused token refreshed and retried, an order in flight, an
answer lost and settled by the reconciler).

Only for the simulator `python app.py` starts beside the bridge: create_app_with_simulator installs these
controls with that simulator's admin token; any other bridge, including one whose upstream is a simulator it
did not start, has no such routes. The admin token is used here and never handed to the page.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from typing import Any

import urllib3
from flask import Blueprint, Flask, current_app, g, jsonify, request, url_for
from urllib3.exceptions import HTTPError
from werkzeug.exceptions import BadGateway, BadRequest, NotFound

from tradestation.errors import ApiError
from tradestation.order_fields import MAX_PRICE, PATTERNS, parse_price
from tradestation.sim_contract import ADMIN_HEADER, DROP_AFTER, DROP_BEFORE, ERROR, QUOTA, TOKEN_EXPIRED

from .auth import check_csrf, login_required

bp = Blueprint("demo", __name__, url_prefix="/demo")
ADMIN_TOKEN = "tsbridge.demo"       # app.extensions' key for the embedded simulator's admin token

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


def install(app: Flask, admin_token: str) -> None:
    """The demo controls, for the simulator whose admin token this is: the bridge's upstream, started beside it."""
    app.extensions[ADMIN_TOKEN] = admin_token
    app.register_blueprint(bp)


def embedded_admin() -> SimulatorAdmin:
    """The admin client of the simulator this bridge started, over the bridge's own pool."""
    bridge = current_app.extensions["tsbridge"]
    return SimulatorAdmin(root=bridge.settings.upstream_origin, token=current_app.extensions[ADMIN_TOKEN],
                          pool=bridge.upstream.pool)


class NoDemoInLive(NotFound):
    description = "A LIVE bridge has no demo controls."


def _live() -> bool:
    return current_app.extensions["tsbridge"].settings.environment == "LIVE"


@bp.app_context_processor
def page_settings() -> dict:
    """What the ticket's demo panel needs (its URLs, the words of each fault): without it the page has none,
    and a LIVE page never has it, whatever its upstream."""
    if _live():
        return {}
    return {"demo": {"urls": {name: url_for(f"demo.{name}") for name in
                              ("state", "latency", "next_orders", "expire_tokens", "price", "clear")},
                     "faults": {name: words[0] for name, words in NEXT_ORDER_WORDS.items()}}}


def demo_control(view):
    """Logged in, not LIVE, and for a change the page's CSRF token: the view gets the simulator's admin, which
    acts for the logged-in user only where the simulator can tell users apart (their orders, their tokens)."""
    @login_required
    @functools.wraps(view)
    def guarded(**kwargs):
        if _live():
            raise NoDemoInLive()
        admin = embedded_admin()
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
    mine = stats["next_orders_by_user"].get(g.grant.userid, {"fault": None, "remaining": 0})
    return {"latency_ms": admin.call("GET", "faults")["SIM_LATENCY_MS"], "next_orders": mine,
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
    admin.call("POST", "next-orders", {"fault": fault, "count": count, "user": g.grant.userid})
    one, several = NEXT_ORDER_WORDS[fault]
    return _said(admin, f"{_orders(count)} {one if count == 1 else several}.")


@bp.post("/expire-tokens")
@demo_control
def expire_tokens(admin):
    expired = admin.call("POST", "expire-tokens", {"user": g.grant.userid})["expired"]
    return _said(admin, f"Your access tokens have expired now ({expired}): the next call to the simulator (a market "
                        "update, a review or an order) is refused 401, and the bridge refreshes the token and makes "
                        "that call again, once.")


@bp.post("/price")
@demo_control
def price(admin):
    body = _body()
    symbol, text = body.get("symbol"), body.get("last")
    if not isinstance(symbol, str) or not re.fullmatch(PATTERNS["symbol"], symbol.upper()):
        raise BadDemoValue("symbol must be a symbol the ticket takes, e.g. MSFT.")
    wrong = f"last must be a price above 0 and at most {MAX_PRICE}, as text, e.g. \"410.50\"."
    if not isinstance(text, str):
        raise BadDemoValue(wrong)
    try:
        last = parse_price(text, wrong)     # the ticket's own rule for a price
    except ApiError as error:
        raise BadDemoValue(error.message) from None
    moved = admin.call("POST", "price", {"Symbol": symbol.upper(), "Last": str(last)})
    filled, partly = moved["filled"], moved["partly_filled"]
    message = f"{symbol.upper()} last price is now {moved['quote']['LastPriceDisplay']}."
    if filled or partly:
        message += f" Filled: {len(filled)} order(s); partly filled: {len(partly)}."
        # Fills are order events: the trader's live feed looks at once at what it has no stream for (v2's
        # order list, balances, positions) rather than at its next round.
        current_app.extensions["tsbridge"].feeds.order_sent(g.grant.userid)
    else:
        message += " No resting order was reached."
    return _said(admin, message)


@bp.post("/clear")
@demo_control
def clear(admin):
    admin.call("POST", "faults", {"SIM_LATENCY_MS": 0})
    admin.call("POST", "next-orders", {"fault": ERROR, "count": 0, "user": g.grant.userid})
    return _said(admin, "Demo faults cleared: no added latency, nothing waiting for the next order.")
