"""The demo controls' endpoints over real HTTP: what each does to the embedded simulator's next orders,
and every refusal (no login, no CSRF token, bad values), in JSON; a bridge that did not start its upstream
has no demo controls at all."""

import pytest
import requests
from werkzeug.exceptions import NotFound

from bridge.auth import FORM_EXPIRED
from bridge.demo import MAX_LATENCY_MS, MAX_QUEUED_ORDERS, SimulatorUnreachable
from bridge.refusals import MayBePlaced
from harness.jsonp import unwrap
from harness.login import log_in
from harness.orders import classic_order
from harness.servers import start_app_py
from harness.trader import Trader, csrf_of

CONTROLS = [("POST", "latency", {"milliseconds": 100}), ("POST", "next-orders", {"fault": "error", "count": 1}),
            ("POST", "expire-tokens", {}), ("POST", "price", {"symbol": "MSFT", "last": "400"}),
            ("POST", "clear", {}), ("GET", "state", None)]


class Demo:
    """A logged-in trader using the demo controls as the page does: the session cookie, the CSRF header."""

    def __init__(self, bridge_url):
        self.trader = Trader(bridge_url)
        self.url = bridge_url
        self.csrf = csrf_of(self.trader.http.get(f"{bridge_url}/"))

    def control(self, name, body=None, csrf=True, method="POST"):
        headers = {"X-CSRF-Token": self.csrf} if csrf else {}
        return self.trader.http.request(method, f"{self.url}/demo/{name}", json=body, headers=headers, timeout=30)


@pytest.fixture
def demo(embedded):
    return Demo(embedded.bridge.url)


# --- refusals -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("method, name, body", CONTROLS)
def test_every_control_needs_a_login(embedded, method, name, body):
    answer = requests.request(method, f"{embedded.bridge.url}/demo/{name}", json=body, timeout=10)
    assert (answer.status_code, answer.json()) == (401, {"error": "Not logged in."})


@pytest.mark.parametrize("method, name, body", [control for control in CONTROLS if control[0] == "POST"])
def test_every_change_needs_the_pages_csrf_token(demo, embedded, method, name, body):
    for headers in ({}, {"X-CSRF-Token": "not-the-token"}):
        answer = demo.trader.http.post(f"{demo.url}/demo/{name}", json=body, headers=headers, timeout=10)
        assert (answer.status_code, answer.json()) == (403, {"error": FORM_EXPIRED})
    assert embedded.sim.admin("GET", "faults").json()["SIM_LATENCY_MS"] == 0      # nothing changed
    assert embedded.sim.stats()["next_orders"]["remaining"] == 0


@pytest.mark.parametrize("method, name, body", CONTROLS)
def test_a_bridge_whose_upstream_it_did_not_start_has_no_controls(bridge, simulator, method, name, body):
    """TS_BASE_URL at a simulator on loopback is still not embedded: the bridge holds no admin token for it,
    and create_app alone installs no demo controls."""
    demo = Demo(bridge.url)
    answer = demo.control(name, body, method=method)
    assert (answer.status_code, answer.json()) == (404, {"error": NotFound.description})
    page = demo.trader.http.get(f"{bridge.url}/").text
    assert 'id="demo"' not in page and "Demo controls" not in page
    assert requests.get(f"{simulator.url}/admin/faults", timeout=10).status_code == 403   # and no way round


@pytest.mark.parametrize("name, body, words", [
    ("latency", {"milliseconds": -1}, f"milliseconds must be a whole number from 0 to {MAX_LATENCY_MS}."),
    ("latency", {"milliseconds": MAX_LATENCY_MS + 1}, f"from 0 to {MAX_LATENCY_MS}"),
    ("latency", {"milliseconds": "100"}, "milliseconds must be a whole number"),
    ("latency", {"milliseconds": True}, "milliseconds must be a whole number"),
    ("latency", {"milliseconds": 1.5}, "milliseconds must be a whole number"),
    ("latency", {}, "milliseconds must be a whole number"),
    ("latency", [100], "A JSON object is required."),
    ("next-orders", {"fault": "slow", "count": 1},
     "fault must be one of token_expired, error, quota, drop_before, drop_after."),
    ("next-orders", {"fault": "error", "count": 0}, f"count must be a whole number from 1 to {MAX_QUEUED_ORDERS}."),
    ("next-orders", {"fault": "error", "count": MAX_QUEUED_ORDERS + 1}, "count must be a whole number"),
    ("next-orders", {"fault": "error"}, "count must be a whole number"),
    ("price", {"symbol": "msft!", "last": "400"}, "symbol must be a symbol the ticket takes"),
    ("price", {"symbol": "MSFT", "last": "-1"}, "last must be a price above 0"),
    ("price", {"symbol": "MSFT", "last": "NaN"}, "last must be a price above 0"),
    ("price", {"symbol": "MSFT", "last": 400}, "as text"),
    ("price", {"symbol": "MSFT", "last": "1e400"}, "last must be a price above 0"),
    ("price", {"symbol": "NOPE", "last": "4"}, "NOPE"),           # the simulator's own words for a symbol it lacks
])
def test_bad_values_are_refused_clearly_and_change_nothing(demo, embedded, name, body, words):
    answer = demo.control(name, body)
    assert answer.status_code == 400 and words in answer.json()["error"], answer.text
    assert embedded.sim.admin("GET", "faults").json()["SIM_LATENCY_MS"] == 0
    assert embedded.sim.stats()["next_orders"] == {"fault": None, "remaining": 0}


def test_a_body_that_is_not_json_is_refused_clearly(demo):
    answer = demo.trader.http.post(f"{demo.url}/demo/latency", data="milliseconds=5", timeout=10,
                                   headers={"X-CSRF-Token": demo.csrf, "Content-Type": "text/plain"})
    assert (answer.status_code, answer.json()) == (400, {"error": "A JSON object is required."})


# --- what each control does to the next order ----------------------------------------------------------
def test_armed_500s_fail_exactly_the_next_orders_and_the_bridge_says_they_may_be_placed(demo, embedded):
    said = demo.control("next-orders", {"fault": "error", "count": 2}).json()
    assert said["message"] == "The next 2 orders fail with 500 Internal Server Error before anything is recorded."
    assert said["state"]["next_orders"] == {"fault": "error", "remaining": 2}
    for _ in range(2):
        answer = unwrap(demo.trader.jsonp("send", data=classic_order()))
        assert answer["StatusCode"] == 500 and MayBePlaced.ADVICE in answer["Message"]
    [result] = unwrap(demo.trader.jsonp("send", data=classic_order()))
    assert result["OrderStatus"] == "Ok"
    stats = embedded.sim.stats()
    assert (stats["orders"], stats["injected_errors"]) == (1, 2)


@pytest.mark.parametrize("fault, placed, state", [("drop_before", 0, "unknown"), ("drop_after", 1, "placed")])
def test_an_armed_drop_loses_the_answer_and_the_reconciler_looks_the_order_up(demo, embedded, fault, placed, state):
    said = demo.control("next-orders", {"fault": fault, "count": 1}).json()["message"]
    assert said.startswith("The next order ")
    order = classic_order()
    answer = unwrap(demo.trader.jsonp("send", data=order))
    if placed:      # found in TradeStation's order list at once: the trader gets the order's result
        assert answer[0]["OrderStatus"] == "Ok"
    else:
        assert answer["StatusCode"] == 504 and MayBePlaced.ADVICE in answer["Message"]
    assert embedded.sim.stats()["orders"] == placed
    [row] = [row for row in demo.trader.journal() if row["confirm_id"] == order["OrderConfirmId"]]
    assert row["state"] == state


def test_armed_quota_refuses_the_next_order_and_nothing_is_placed(demo, embedded):
    assert demo.control("next-orders", {"fault": "quota", "count": 1}).json()["message"] == \
        "The next order is refused with 403 Quota Exceeded before anything is recorded."
    answer = unwrap(demo.trader.jsonp("send", data=classic_order()))
    assert answer["StatusCode"] == 403 and "Quota Exceeded" in answer["Message"]
    assert embedded.sim.stats()["orders"] == 0 and embedded.sim.stats()["quota_refusals"] == 1


@pytest.mark.parametrize("control, body, words", [
    ("expire-tokens", None, "is refused 401, and the bridge refreshes the token"),
    ("next-orders", {"fault": "token_expired", "count": 1},
     "The next order finds the access token expired (401): the bridge refreshes it and sends the order again, once."),
])
def test_expired_tokens_make_the_bridge_refresh_and_retry_the_next_order_once(demo, embedded, control, body, words):
    assert words in demo.control(control, body).json()["message"]
    order = classic_order()
    [result] = unwrap(demo.trader.jsonp("send", data=order))
    assert result["OrderStatus"] == "Ok" and embedded.sim.stats()["orders"] == 1
    [row] = [row for row in demo.trader.journal() if row["confirm_id"] == order["OrderConfirmId"]]
    assert row["token_refreshed"] is True


def test_latency_delays_the_next_calls_and_says_when_it_outlasts_the_bridge(demo, embedded):
    said = demo.control("latency", {"milliseconds": 300}).json()
    assert said["message"] == "Every call to the simulator now waits 300 ms before it is answered."
    assert said["state"]["latency_ms"] == 300 == embedded.sim.admin("GET", "faults").json()["SIM_LATENCY_MS"]
    answer = demo.trader.jsonp("send", data=classic_order())
    assert answer.elapsed.total_seconds() >= 0.3 and unwrap(answer)[0]["OrderStatus"] == "Ok"
    assert "longer than the bridge waits (5 s)" in demo.control("latency", {"milliseconds": 5000}).json()["message"]
    cleared = demo.control("clear").json()
    assert cleared["state"] == {"latency_ms": 0, "next_orders": {"fault": None, "remaining": 0}, "orders": 1}


def test_moving_a_price_fills_what_it_reaches(demo, embedded):
    resting = classic_order(OrderType="Limit", LimitPrice="300.00", Duration="GTC", Symbol="MSFT")
    [placed] = unwrap(demo.trader.jsonp("send", data=resting))
    said = demo.control("price", {"symbol": "msft", "last": "299.50"}).json()["message"]
    assert said == "MSFT last price is now 299.50. Filled: 1 order(s); partly filled: 0."
    assert embedded.sim.stats()["by_status"] == {"FLL": 1}
    assert demo.control("price", {"symbol": "MSFT", "last": "310"}).json()["message"].endswith(
        "No resting order was reached.")
    assert placed["OrderStatus"] == "Ok"


def test_the_state_says_what_is_armed_and_never_carries_the_admin_token(demo, embedded):
    demo.control("next-orders", {"fault": "drop_after", "count": 3})
    state = demo.control("state", method="GET")
    assert state.json() == {"latency_ms": 0, "next_orders": {"fault": "drop_after", "remaining": 3}, "orders": 0}
    token = embedded.simulator.app.extensions["simulator"].admin_token
    page = demo.trader.http.get(f"{demo.url}/").text
    assert 'id="demo"' in page and token not in page and token not in state.text


# --- python app.py itself ------------------------------------------------------------------------------
def test_python_app_py_embeds_its_simulator_and_one_given_by_ts_base_url_is_not(tmp_path, simulator):
    started = start_app_py(tmp_path / "embedded.log", {"DATABASE_URL": f"sqlite:///{tmp_path}/one.sqlite3"})
    told = start_app_py(tmp_path / "told.log", {"DATABASE_URL": f"sqlite:///{tmp_path}/two.sqlite3",
                                                "TS_BASE_URL": simulator.url + "/v2"})
    try:
        for server, status in ((started, 200), (told, 404)):
            http = log_in(server.url)
            csrf = csrf_of(http.get(f"{server.url}/"))
            answer = http.post(f"{server.url}/demo/latency", json={"milliseconds": 10}, timeout=10,
                               headers={"X-CSRF-Token": csrf})
            assert answer.status_code == status, answer.text
            assert ('id="demo"' in http.get(f"{server.url}/").text) is (status == 200)
    finally:
        started.stop()
        told.stop()


def test_a_simulator_that_stopped_answering_is_said_so_never_a_500(demo, embedded):
    embedded.simulator.shutdown()
    for method, name, body in CONTROLS:
        answer = demo.control(name, body, method=method)
        assert (answer.status_code, answer.json()) == (502, {"error": SimulatorUnreachable.description}), name


# --- whose orders and tokens -------------------------------------------------------------------------
def test_a_control_acts_on_the_users_own_orders_and_tokens_only(demo, embedded):
    """Another trader on the same bridge arms a fault and expires tokens: the demo user's orders and token
    never meet them, and each one's panel shows only what is armed for them."""
    other = Demo.__new__(Demo)
    other.trader, other.url = Trader(embedded.bridge.url, user="other", password="other"), embedded.bridge.url
    other.csrf = csrf_of(other.trader.http.get(f"{embedded.bridge.url}/"))
    assert other.control("next-orders", {"fault": "error", "count": 1}).json()["state"]["next_orders"] == \
        {"fault": "error", "remaining": 1}
    assert demo.control("state", method="GET").json()["next_orders"] == {"fault": None, "remaining": 0}
    said = other.control("expire-tokens").json()["message"]
    assert said.startswith("Your access tokens have expired now (1)")
    [result] = unwrap(demo.trader.jsonp("send", data=classic_order()))
    assert result["OrderStatus"] == "Ok"
    assert embedded.sim.stats()["injected_errors"] == 0
    theirs = unwrap(other.trader.jsonp("send", data=classic_order(AccountKey="700001")))
    assert theirs["StatusCode"] == 500 and embedded.sim.stats()["injected_errors"] == 1


@pytest.mark.parametrize("bridge_config", [{"TS_ENVIRONMENT": "LIVE"}], indirect=True)
def test_a_live_bridge_has_no_demo_controls_even_beside_its_simulator(embedded):
    trader = Trader(embedded.bridge.url)
    page = trader.http.get(f"{embedded.bridge.url}/")
    assert page.status_code == 200 and 'id="demo"' not in page.text and "LIVE" in page.text
    for method, name, body in CONTROLS:
        answer = trader.http.request(method, f"{embedded.bridge.url}/demo/{name}", json=body,
                                     headers={"X-CSRF-Token": csrf_of(page)}, timeout=10)
        assert (answer.status_code, answer.json()) == (404, {"error": "A LIVE bridge has no demo controls."}), name
    assert embedded.sim.stats()["next_orders"]["remaining"] == 0
