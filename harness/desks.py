"""Desks: a bridge with a simulator of its own, in the environment asked for, on a database it may share with
another desk (as two instances started from one checkout share `instance/journal.sqlite3`)."""

from types import SimpleNamespace

from app import create_app
from harness.keys import SECRET_KEY
from harness.trader import Trader
from simulator.server import serve_in_thread
from simulator.server import start as start_simulator


def start_desk(environment, database_url):
    """A desk serving on loopback: .simulator, .app, .bridge, and .trader (demo, logged in over HTTP)."""
    simulator = start_simulator({})
    app = create_app({"TS_BASE_URL": simulator.url + "/v2", "TS_ENVIRONMENT": environment, "DATABASE_URL": database_url,
                      "SECRET_KEY": SECRET_KEY, "TS_READ_TIMEOUT": 5})
    bridge = serve_in_thread(app)
    return SimpleNamespace(simulator=simulator, app=app, bridge=bridge, trader=Trader(bridge.url))


def stop_desk(desk):
    desk.bridge.shutdown()
    desk.simulator.shutdown()
