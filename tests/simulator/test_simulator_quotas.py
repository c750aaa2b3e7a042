"""TradeStation's request quotas over HTTP, on by default: each face refuses in its own words and status (v2:
403 "Quota Exceeded", its Request Throttling page; v3: 429 TooManyRequests, its Rate Limiting page), per user
and category, while order calls are never counted."""

import datetime
import time
from functools import partial

import pytest
import requests

import harness.v3 as h
from harness.orders import RESTING, classic_order

limit_order = partial(classic_order, **RESTING, OrderConfirmId=None)
V2_REFUSAL = (403, "Quota Exceeded", "<html><body>Quota Exceeded</body></html>")
V3_REFUSAL = (429, {"Error": "TooManyRequests", "Message": "Quota Exceeded"})


class Caller:
    """One user's calls on one keep-alive connection, so that hundreds of them take a second, not ten."""

    def __init__(self, simulator, token):
        self.root, self.http = simulator.url, requests.Session()
        self.http.headers["Authorization"] = f"Bearer {token}"

    def get(self, path):
        return self.http.get(f"{self.root}{path}", timeout=10)

    def statuses(self, path, times):
        return [self.get(path).status_code for _ in range(times)]


def v2_refused(answer):
    return (answer.status_code, answer.reason, answer.text) == V2_REFUSAL


def v3_refused(answer):
    return (answer.status_code, answer.json()) == V3_REFUSAL


@pytest.fixture
def demo(simulator, demo_token):
    return Caller(simulator, demo_token)


def test_the_251st_order_details_call_of_a_window_is_refused_on_both_faces_and_orders_still_go(sim, simulator, demo):
    # One user's count, whichever face lists the orders: TradeStation counts per user and API key.
    assert set(demo.statuses("/v2/accounts/281994/orders", 125)) == {200}
    assert set(demo.statuses("/v3/brokerage/accounts/281994/orders", 100)) == {200}
    since = datetime.date.today().isoformat()
    assert set(demo.statuses(f"/v3/brokerage/accounts/281994/historicalorders?since={since}", 25)) == {200}
    assert v2_refused(demo.get("/v2/accounts/281994/orders"))
    assert v3_refused(demo.get("/v3/brokerage/accounts/281994/orders"))
    # Other categories and order calls are untouched: placing, reviewing and cancelling are never counted.
    assert demo.get("/v2/accounts/281994/balances").status_code == 200
    placed = demo.http.post(f"{simulator.url}/v2/orders", json=limit_order(), timeout=10)
    assert placed.status_code == 200, placed.text
    assert demo.http.post(f"{simulator.url}/v2/orders/confirm", json=limit_order(), timeout=10).status_code == 200
    cancelled = demo.http.delete(f"{simulator.url}/v2/orders/{placed.json()[0]['OrderID']}", timeout=10)
    assert cancelled.status_code == 200, cancelled.text
    v3_placed = demo.http.post(f"{simulator.url}/v3/orderexecution/orders", json=h.v3_order(), timeout=10)
    assert v3_placed.status_code == 200, v3_placed.text
    stats = sim.stats()
    assert stats["quota_refusals"] == 2 and stats["quota_refusals_by_category"] == {"Order Details": 2}


def test_the_31st_quote_snapshot_of_a_minute_is_refused_and_users_are_counted_apart(sim, simulator, demo):
    assert set(demo.statuses("/v2/data/quote/MSFT", 20)) == {200}
    assert set(demo.statuses("/v3/marketdata/quotes/MSFT", 10)) == {200}
    assert v2_refused(demo.get("/v2/data/quote/MSFT"))
    assert v3_refused(demo.get("/v3/marketdata/quotes/MSFT"))
    other = Caller(simulator, sim.token("other", "other"))
    assert set(other.statuses("/v2/data/quote/MSFT", 30)) == {200}
    # Symbol details and look-ups are in no category of TradeStation's table.
    assert demo.get("/v3/marketdata/symbols/MSFT").status_code == 200
    assert demo.get("/v2/data/symbol/MSFT").status_code == 200


def test_the_option_endpoints_share_90_a_minute_and_balances_as_the_day_began_are_balances(demo):
    assert set(demo.statuses("/v3/marketdata/options/spreadtypes", 90)) == {200}
    assert v3_refused(demo.get("/v3/marketdata/options/expirations/MSFT"))
    assert set(demo.statuses("/v2/accounts/281994/balances", 200)) == {200}
    assert set(demo.statuses("/v3/brokerage/accounts/281994/bodbalances", 50)) == {200}
    assert v3_refused(demo.get("/v3/brokerage/accounts/281994/balances"))


def test_a_window_that_has_passed_starts_the_count_again(sim, demo):
    assert set(demo.statuses("/v2/data/quote/MSFT", 30)) == {200}
    assert v2_refused(demo.get("/v2/data/quote/MSFT"))
    # A scale that has already outlived the minute, until the next request opens a new window...
    sim.admin("POST", "faults", json={"SIM_QUOTA_WINDOW_SCALE": 0.01})
    deadline = time.monotonic() + 5
    while v2_refused(answer := demo.get("/v2/data/quote/MSFT")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert answer.status_code == 200
    # ...which, back at a minute, holds 29 more and refuses the 31st.
    sim.admin("POST", "faults", json={"SIM_QUOTA_WINDOW_SCALE": 1})
    assert set(demo.statuses("/v2/data/quote/MSFT", 29)) == {200}
    assert v2_refused(demo.get("/v2/data/quote/MSFT"))


def test_the_admin_api_turns_quotas_off_and_starts_the_counts_afresh(sim, demo):
    assert sim.admin("GET", "faults").json()["SIM_QUOTAS"] == "on"
    assert set(demo.statuses("/v2/data/quote/MSFT", 30)) == {200}
    assert v2_refused(demo.get("/v2/data/quote/MSFT"))
    assert sim.admin("POST", "reset-quotas").json()["quotas"] == "on"
    assert set(demo.statuses("/v2/data/quote/MSFT", 30)) == {200}
    sim.admin("POST", "faults", json={"SIM_QUOTAS": "off"})
    assert set(demo.statuses("/v2/data/quote/MSFT", 40)) == {200}
    assert sim.stats()["quotas"] == "off" and sim.stats()["quota_refusals"] == 1
    for bad in ({"SIM_QUOTAS": "sometimes"}, {"SIM_QUOTA_WINDOW_SCALE": 0}):
        assert sim.admin("POST", "faults", json=bad).status_code == 400


@pytest.mark.parametrize("simulator_config", [{"SIM_QUOTAS": "off"}], indirect=True)
def test_quotas_off_from_the_start_answer_everything(sim, simulator_config, demo):
    assert set(demo.statuses("/v3/marketdata/quotes/MSFT", 40)) == {200}
    assert sim.stats()["quota_refusals_by_category"] == {}
