"""Helpers the order-safety tests share (journal, upstream faults, crash, gunicorn, hostile input, logs)."""

import time

import requests

from app import create_app
from harness.keys import SECRET_KEY
from harness.servers import NO_RATE_LIMITS
from harness.sim_admin import admin
from harness.trader import Trader
from simulator.server import serve_in_thread
from simulator.server import start as start_simulator

# The longest `data` the hostile-input battery's bridge takes (its TS_DATA_LIMIT), in characters.
DATA_LIMIT = 8192


def wait_until(probe, timeout=10.0, interval=0.05, what="the condition"):
    """Call probe until it returns something true; return that, or fail after timeout seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(interval)


def sim_stats(simulator):
    return admin(simulator, "stats")


def sim_faults(simulator, **settings):
    """Change the simulator's run-time fault knobs (SIM_LATENCY_MS=..., SIM_DROP_RATE=...)."""
    return admin(simulator, "faults", settings)


def journal_row(rows, confirm_id):
    """The one journal row (as /journal lists it) of a send with this OrderConfirmId, or None."""
    found = [row for row in rows if row["confirm_id"] == confirm_id and row["kind"] == "send"]
    assert len(found) <= 1, found
    return found[0] if found else None


class Live:
    """A simulator and a bridge serving for the module, and a logged-in trader of each demo user."""

    def __init__(self, tmp_path):
        self.simulator = start_simulator({})
        # The battery sends faster than any page or person: the bridge's rate limits (tested on their own in
        # tests/security/test_rate_limits.py) would answer in place of the checks it is about.
        self.app = create_app({"TS_BASE_URL": self.simulator.url + "/v2", "SECRET_KEY": SECRET_KEY,
                               "DATABASE_URL": f"sqlite:///{tmp_path / 'journal.sqlite3'}",
                               "TS_DATA_LIMIT": DATA_LIMIT, **NO_RATE_LIMITS})
        self.bridge = serve_in_thread(self.app)
        self.url = self.bridge.url
        self.trader = Trader(self.url)
        self.other = Trader(self.url, "other", "other")

    def orders(self):
        return sim_stats(self.simulator)["orders"]

    def send(self, params, path="send"):
        """GET a JSONP endpoint with exactly these query pairs (a list keeps repeats and order)."""
        return requests.get(f"{self.url}/jsonp/orders/{path}", params=params, timeout=30)

    def close(self):
        self.bridge.shutdown()
        self.simulator.shutdown()
