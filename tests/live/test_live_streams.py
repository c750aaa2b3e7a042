"""/live fed by the simulator's v2 quote change stream: a price move reaches the page in under a second, two pages
share one upstream stream, a stream that goes away or fails is opened again."""

import time

import pytest

from harness.sim_admin import admin, admin_request
from tests.safety.support import sim_stats, wait_until

FAST_BEAT = {"SIM_STREAM_HEARTBEAT": 0.5}


def open_streams(simulator):
    return sim_stats(simulator)["open_streams"]


def move(simulator, last):
    admin(simulator, "price", {"Symbol": "MSFT", "Last": last})
    return time.monotonic()


def quoted(last):
    return lambda quotes: quotes and quotes[0].get("Last") == float(last)


@pytest.mark.parametrize("simulator_config", [FAST_BEAT], indirect=True)
def test_a_price_move_reaches_both_pages_in_under_a_second_over_one_upstream_stream(trader, live, simulator):
    pages = [live(trader.http, "MSFT"), live(trader.http, "MSFT")]
    for page in pages:
        page.wait_for("quote")
    wait_until(lambda: open_streams(simulator).get("Quote Change Stream") == 1, timeout=3)
    moved = move(simulator, "431.25")
    for page in pages:
        _, arrival = page.wait_for("quote", quoted("431.25"), timeout=2)
        assert arrival - moved < 1.0
    assert open_streams(simulator).get("Quote Change Stream") == 1, "one stream for the user, not one per page"


@pytest.mark.parametrize("simulator_config", [FAST_BEAT], indirect=True)
def test_a_stream_that_goes_away_is_opened_again(trader, live, simulator):
    page = live(trader.http, "MSFT")
    page.wait_for("quote")
    wait_until(lambda: open_streams(simulator).get("Quote Change Stream") == 1, timeout=3)
    ended = admin_request(simulator, "POST", "streams/end", json={"user": "demo", "end": "GoAway"})
    assert ended.json()["ended"] >= 1
    page.wait_for("status", lambda data: data["state"] == "reconnecting")
    page.wait_for("status", lambda data: data["state"] == "live" and page.names().count("status") > 2)
    moved = move(simulator, "432.50")
    _, arrival = page.wait_for("quote", quoted("432.50"), timeout=2)
    assert arrival - moved < 1.0


@pytest.mark.parametrize("simulator_config", [FAST_BEAT], indirect=True)
def test_a_stream_error_reconnects_and_says_so(trader, live, simulator):
    page = live(trader.http, "MSFT")
    page.wait_for("quote")
    wait_until(lambda: open_streams(simulator).get("Quote Change Stream") == 1, timeout=3)
    admin_request(simulator, "POST", "streams/end", json={"user": "demo", "end": "Error", "message": "DualLogon"})
    reconnecting, _ = page.wait_for("status", lambda data: data["state"] == "reconnecting")
    assert reconnecting["reason"] == "DualLogon"
    wait_until(lambda: open_streams(simulator).get("Quote Change Stream") == 1, timeout=3)
