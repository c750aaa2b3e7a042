"""How often one login and one address may call the bridge: counted by the `limits` library in this process
(each gunicorn worker counts its own, so a login's share of an instance is its workers times the limit).

Two limits on every route of the bridge's own: per user (the login of a page's session, or the token of a
JSONP call; a request with neither counts as its address) and per address. Behind nginx the per-address
limit that counts is nginx's (deploy/nginx.conf), shared by the instances; the bridge's own holds where the
bridge is reached directly. Static files are left to nginx: they
cost neither the database nor TradeStation.

A JSONP call over the limit is refused as TradeStation's conventions say, inside its callback with HTTP 200
(a <script> cannot read a 429), and it says the order was not sent; every other route answers 429 with
`Retry-After`. The bridge's limit is not TradeStation's quota (v2's 403 "Quota Exceeded"): it says so.

Flask-Limiter does the same and was measured: 0.36 to 0.5 ms a request (its per-request filtering of limits,
and the memory storage's sweeping thread, started anew 10 ms after a hit), a third of the bridge's 1.2 ms
budget. `limits` alone, with the sweep done inline, costs a few microseconds a limit.
"""

from __future__ import annotations

import math
import time

from flask import Flask, Response, request, session
from limits import RateLimitItem, parse_many
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter
from werkzeug.exceptions import TooManyRequests

from tradestation.jsonp import callback_refusal, wrap

from .errors import http_error
from .grants import token_hash
from .refusals import NotPlaced
from .settings import Settings

TOO_MANY = "Too many requests to this bridge from one login or address (at most {limit}); wait {seconds} s."


class OverLimit(TooManyRequests):
    def __init__(self, limit: RateLimitItem, seconds: int) -> None:
        super().__init__(TOO_MANY.format(limit=limit, seconds=seconds))
        self.seconds = seconds


def install(app: Flask, settings: Settings) -> None:
    counter = MovingWindowRateLimiter(SweptInline())
    scopes = (("user", user, parse_many(settings.user_rate)), ("address", address, parse_many(settings.address_rate)))

    @app.before_request
    def count() -> None:
        if request.endpoint == "static":
            return
        for scope, key_of, limits in scopes:
            key = key_of()
            for limit in limits:
                if not counter.hit(limit, scope, key):
                    reset = counter.get_window_stats(limit, scope, key).reset_time
                    raise OverLimit(limit, max(1, math.ceil(reset - time.time())))

    app.register_error_handler(OverLimit, too_many)


def address() -> str:
    """The client's address, as the trusted proxies (TS_PROXIES) report it."""
    return request.remote_addr or ""


def user() -> str:
    """Who is calling: a digest of the JSONP call's token (a token is kept nowhere in the clear), the page's
    login, or else the address."""
    if request.path.startswith("/jsonp/"):
        token = request.args.get("oauth_token")
        if token:
            return "token:" + token_hash(token)[:32]
    else:
        grant = session.get("grant")
        if grant:
            return f"login:{grant}"
    return "address:" + address()


def too_many(error: OverLimit) -> Response:
    callbacks = request.args.getlist("callback")
    if request.path.startswith("/jsonp/") and callback_refusal(callbacks) is None:
        body, headers = wrap(callbacks[0], NotPlaced(error.description, 429).body(), prefix="/**/")
        response = Response(body, status=200, headers=headers)
    else:
        answer, status = http_error(error)
        response = answer if isinstance(answer, Response) else Response(answer, mimetype="text/html")
        response.status_code = status
    response.headers["Retry-After"] = str(error.seconds)
    return response


class SweptInline(MemoryStorage):
    """limits' memory storage with its expired entries swept inline, at most once a second. As released it
    starts a thread to sweep them 10 ms after a hit whenever none is running, at some 50 µs a hit."""
    STORAGE_SCHEME = ["tsbridge-memory"]

    def __init__(self) -> None:
        super().__init__()
        self.swept = 0.0

    def _MemoryStorage__schedule_expiry(self) -> None:     # the storage's own hook, name-mangled
        now = time.monotonic()
        if now - self.swept >= 1:
            self.swept = now
            self._MemoryStorage__expire_events()
