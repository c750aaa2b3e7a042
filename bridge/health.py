"""GET /healthz: can this instance serve an order? Its database answers and TradeStation can be reached.

For a load balancer or nginx's checks, polled every few seconds by each: so the answer is kept for a
second, and a probe of TradeStation is a plain GET with no token. It names no URL, host, error text
or setting, only what is wrong.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import urllib3
from flask import Blueprint, current_app, jsonify
from sqlalchemy import Engine, text

from .db import alone, single_statements
from .upstream import Upstream

bp = Blueprint("health", __name__)

PROBE_TIMEOUT = urllib3.Timeout(connect=2.0, read=3.0)


@dataclass(frozen=True)
class Report:
    database: bool
    upstream: bool

    @property
    def ok(self) -> bool:
        return self.database and self.upstream

    def public(self) -> dict:
        return {"status": "ok" if self.ok else "failing",
                "database": "ok" if self.database else "unreachable",
                "upstream": "ok" if self.upstream else "unreachable"}


class Health:
    def __init__(self, engine: Engine, upstream: Upstream, remember: float = 1.0) -> None:
        self.engine = single_statements(engine)
        self.upstream = upstream
        self.remember = remember
        self._lock = threading.Lock()
        self._last: tuple[float, Report] | None = None

    def report(self) -> Report:
        # One probe at a time per process; callers meanwhile get the one just made.
        with self._lock:
            now = time.monotonic()
            if self._last is None or now - self._last[0] >= self.remember:
                self._last = (time.monotonic(), Report(self._database(), self._upstream()))
            return self._last[1]

    def _database(self) -> bool:
        try:
            # A connection that died with a restarted database is replaced, not reported (bridge/db.py: alone).
            alone(self.engine, text("SELECT 1"), {}, lambda result: None)
            return True
        except Exception:
            return False

    def _upstream(self) -> bool:
        """Any HTTP answer from TradeStation's host counts: it is reachable, whatever it says to a call
        without a token."""
        try:
            self.upstream.pool.urlopen("GET", self.upstream.target("/"), timeout=PROBE_TIMEOUT, retries=False,
                                       redirect=False)
            return True
        except urllib3.exceptions.HTTPError:
            return False


@bp.get("/healthz")
def healthz():
    report = current_app.extensions["tsbridge"].health.report()
    response = jsonify(report.public())
    response.status_code = 200 if report.ok else 503
    response.headers["Cache-Control"] = "no-store"
    return response
