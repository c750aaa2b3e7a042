"""The bridge killed (SIGKILL) with orders in flight, then started again on the same journal.

The bridge is a real `python app.py` process; the simulator serves in this process behind a thin
WSGI wrapper that holds order POSTs, so that the kill lands at a known moment:

- "after": the simulator has taken the order (its stats count it) and its answer is held: the
  bridge dies not knowing the order was placed;
- "before": the request is held and, once the bridge is dead, thrown away: the simulator never
  takes it, and the bridge died not knowing that either.

After the restart the journal has both, first as pending (so a resend is held off); once the
pending rows go stale (TS_CONNECT_TIMEOUT + TS_READ_TIMEOUT + 5 s) reconciliation settles them from
the simulator's order list: the first to placed with the simulator's order id, the second to
not_found, after which the same ticket is placed once. No order lost, none placed twice.
"""

import io
import json
import threading

import requests

from harness.jsonp import unwrap, wrapped_error
from harness.keys import SECRET_KEY
from harness.orders import classic_order
from harness.servers import start_app_py
from harness.trader import Trader
from simulator import create_app as create_simulator
from simulator.server import serve_in_thread
from tests.safety.support import journal_row, sim_stats, wait_until

TIMEOUTS = {"TS_CONNECT_TIMEOUT": 0.5, "TS_READ_TIMEOUT": 1.5, "TS_RECONCILE_GRACE": 1}
STALE_AFTER = TIMEOUTS["TS_CONNECT_TIMEOUT"] + TIMEOUTS["TS_READ_TIMEOUT"] + 5


class HoldOrders:
    """WSGI middleware around the simulator: holds the order POSTs named in `modes` until `release`."""

    def __init__(self, app):
        self.app = app
        self.modes = {}                 # OrderConfirmId -> "after" | "before"
        self.arrived = {}               # OrderConfirmId -> threading.Event
        self.release = threading.Event()

    def __call__(self, environ, start_response):
        if environ["REQUEST_METHOD"] != "POST" or environ["PATH_INFO"].rstrip("/").lower() != "/v2/orders":
            return self.app(environ, start_response)
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        environ["wsgi.input"] = io.BytesIO(body)
        confirm_id = json.loads(body).get("OrderConfirmId")
        mode = self.modes.get(confirm_id)
        if mode is None:
            return self.app(environ, start_response)
        self.arrived.setdefault(confirm_id, threading.Event()).set()
        if mode == "before":
            self.release.wait(30)
            start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
            return [b"held and dropped by the test"]
        answer = list(self.app(environ, start_response))  # the simulator takes the order now
        self.release.wait(30)
        return answer

    def arrival(self, confirm_id):
        return self.arrived.setdefault(confirm_id, threading.Event())


def send_in_background(trader, order):
    """Send an order from a thread; the bridge will die under it, so any outcome is kept, not raised."""
    outcome = {}

    def send():
        try:
            outcome["response"] = trader.jsonp("send", data=order)
        except requests.RequestException as error:
            outcome["error"] = error

    thread = threading.Thread(target=send)
    thread.start()
    return thread, outcome


def test_orders_in_flight_when_the_bridge_is_killed_are_neither_lost_nor_doubled(tmp_path, database_url):
    hold = HoldOrders(create_simulator({}))
    simulator = serve_in_thread(hold)
    simulator.admin_token = hold.app.extensions["simulator"].admin_token    # behind the middleware
    # A fixed SECRET_KEY, so that the trader's session survives the restart.
    settings = {"TS_BASE_URL": simulator.url + "/v2", "DATABASE_URL": database_url,
                "SECRET_KEY": SECRET_KEY, **TIMEOUTS}
    first = restarted = None
    threads = []
    try:
        first = start_app_py(tmp_path / "bridge-1.log", settings)
        trader = Trader(first.url)
        taken, lost = classic_order(), classic_order(Symbol="IBM", Quantity="7")
        hold.modes = {taken["OrderConfirmId"]: "after", lost["OrderConfirmId"]: "before"}
        before = sim_stats(simulator)

        for order in (taken, lost):
            threads.append(send_in_background(trader, order))
        # Kill only once the simulator has taken the first order and holds the second unseen.
        wait_until(lambda: sim_stats(simulator)["orders"] == before["orders"] + 1, timeout=10,
                   what="the simulator to take the first order")
        assert hold.arrival(lost["OrderConfirmId"]).wait(10), "the second order never reached the simulator"
        first.kill()
        hold.release.set()
        for thread, outcome in threads:
            thread.join(timeout=10)
            assert "response" not in outcome, "the bridge answered before it was killed"
        assert sim_stats(simulator)["orders"] == before["orders"] + 1

        # Started again on the same database and SECRET_KEY: the session and the journal are still there.
        restarted = start_app_py(tmp_path / "bridge-2.log", settings)
        trader.bridge = restarted.url
        rows = trader.journal()
        assert journal_row(rows, taken["OrderConfirmId"])["state"] == "pending"
        assert journal_row(rows, lost["OrderConfirmId"])["state"] == "pending"
        # Until the dead relay's rows go stale, a resend is held off rather than sent a second time.
        assert wrapped_error(trader.jsonp("send", data=taken))["StatusCode"] == 409
        assert wrapped_error(trader.jsonp("send", data=lost))["StatusCode"] == 409

        def settled():
            rows = trader.journal()
            states = (journal_row(rows, taken["OrderConfirmId"])["state"],
                      journal_row(rows, lost["OrderConfirmId"])["state"])
            return rows if states == ("placed", "not_found") else None
        rows = wait_until(settled, timeout=STALE_AFTER + 10, interval=0.5, what="reconciliation after the restart")

        listing = requests.get(f"{simulator.url}/v2/accounts/281994/orders", timeout=10,
                               headers={"Authorization": f"Bearer {trader.token}"}).json()
        upstream = {entry["OrderConfirmId"]: str(entry["OrderID"]) for entry in listing}
        placed = journal_row(rows, taken["OrderConfirmId"])
        assert placed["order_id"] == upstream[taken["OrderConfirmId"]]
        assert lost["OrderConfirmId"] not in upstream

        # The ticket that was placed is answered from the journal; the one that was not is placed, once.
        hold.modes = {}
        [again] = unwrap(trader.jsonp("send", data=taken))
        assert again["OrderStatus"] == "Ok" and again["OrderID"] == placed["order_id"]
        [now] = unwrap(trader.jsonp("send", data=lost))
        assert now["OrderStatus"] == "Ok"
        assert unwrap(trader.jsonp("send", data=lost)) == [now]
        after = sim_stats(simulator)
        assert after["orders"] == before["orders"] + 2
        assert after["duplicates_refused"] == before["duplicates_refused"]
        rows = trader.journal()
        assert journal_row(rows, lost["OrderConfirmId"])["order_id"] == now["OrderID"]
    finally:
        hold.release.set()
        for process in (first, restarted):
            if process is not None:
                process.stop()
        simulator.shutdown()
