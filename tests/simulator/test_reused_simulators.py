"""The simulators tests share (tests/reused_simulators.py): a server kept from one test to the next serves the
next test a new state, ends the last test's streams, and is replaced when a test stopped or changed it."""

import threading
import time
from decimal import Decimal

import pytest
import requests

from harness.jsonp import TRADESTATION, unwrap
from harness.orders import classic_order
from simulator import renew_state
from tests.reused_simulators import ReusedSimulators
from tests.sim_client import SimClient
from tests.simulator.streams.reader import StreamReader


@pytest.fixture
def kept():
    """A keeper of its own, so that these tests see every server it starts."""
    keeper = ReusedSimulators()
    yield keeper
    keeper.close()


def test_the_next_test_sees_nothing_of_the_last_ones_state(kept):
    server = kept.lend({"SIM_ORDER_ID_START": 500})
    first = SimClient(server)
    token = first.token()
    [sent] = unwrap(first.jsonp("send", token, classic_order()), prefix=TRADESTATION)
    assert sent["OrderID"] == "500"
    assert first.admin("POST", "faults", json={"SIM_LATENCY_MS": 5, "SIM_ERROR_RATE": 0.5}).status_code == 200
    first.backend.set_price("MSFT", Decimal("1.25"))
    kept.take_back(server)

    again = kept.lend({"SIM_ORDER_ID_START": 500})
    assert again is server      # the same server, port and app ...
    second = SimClient(again)
    assert second.backend is not first.backend      # ... with a new state
    stats = second.stats()
    assert (stats["orders"], stats["tick"]) == (0, 0)
    faults = second.admin("GET", "faults").json()
    assert (faults["SIM_LATENCY_MS"], faults["SIM_ERROR_RATE"]) == (0, 0.0)
    assert second.call("GET", "/data/quote/MSFT", token).status_code == 401     # the old token is unknown
    assert second.admin("GET", "stats", headers={"X-Admin-Token": first.backend.admin_token}).status_code == 403
    fresh = second.token()
    [quote] = second.call("GET", "/data/quote/MSFT", fresh).json()
    assert Decimal(str(quote["Last"])) != Decimal("1.25")
    [placed] = unwrap(second.jsonp("send", fresh, classic_order()), prefix=TRADESTATION)
    assert placed["OrderID"] == "500"
    kept.take_back(again)


def test_each_test_gets_its_own_settings_on_the_kept_server(kept):
    server = kept.lend({"SIM_ERROR_RATE": 1.0})
    assert SimClient(server).admin("GET", "faults").json()["SIM_ERROR_RATE"] == 1.0
    kept.take_back(server)
    again = kept.lend({})
    assert again is server and SimClient(again).admin("GET", "faults").json()["SIM_ERROR_RATE"] == 0.0
    kept.take_back(again)


def test_a_stream_left_open_ends_when_its_test_does(kept):
    server = kept.lend({})
    with StreamReader(server.url, "/v2/stream/quote/changes/msft", SimClient(server).token()) as stream:
        assert stream.next()["Symbol"] == "MSFT"
        kept.take_back(server)
        assert stream.next() is None        # ended (GoAway, v2's silent end), not left following the market
    assert not server.stopped


def test_a_stopped_server_is_replaced(kept):
    server = kept.lend({})
    server.shutdown()       # an outage
    kept.take_back(server)
    again = kept.lend({})
    assert again is not server and not again.stopped
    assert requests.get(f"{again.url}/v2/authorize", timeout=10).status_code == 400


@pytest.mark.parametrize("change", [
    lambda server: server.app.config.update(MAX_CONTENT_LENGTH=10),
    lambda server: setattr(server, "admin_token", "some other token"),
    lambda server: setattr(server.app, "wsgi_app", server.app.wsgi_app.wsgi_app),
], ids=["app config", "server attribute", "app wrapper"])
def test_a_changed_server_is_stopped_and_replaced(kept, change):
    server = kept.lend({})
    change(server)
    kept.take_back(server)
    assert server.stopped
    again = kept.lend({})
    assert again is not server and again.app is not server.app


def test_another_flask_config_gets_another_server(kept):
    plain = kept.lend({})
    limited = kept.lend({"MAX_CONTENT_LENGTH": 10})
    assert limited is not plain and limited.app.config["MAX_CONTENT_LENGTH"] == 10
    kept.take_back(limited)
    kept.take_back(plain)
    assert kept.lend({"MAX_CONTENT_LENGTH": 10}) is limited and kept.lend({}) is plain


def test_a_server_lent_out_is_not_lent_again_until_taken_back(kept):
    first = kept.lend({})
    second = kept.lend({})
    assert second is not first
    kept.take_back(second)
    assert second.stopped and not first.stopped     # the extra one is not kept
    kept.take_back(first)
    assert kept.lend({}) is first


def test_a_call_still_in_flight_when_the_state_is_renewed_ends_on_the_state_that_admitted_it(kept):
    # A call of the last test, slowed by its latency, must neither meet the next test's state halfway (its token
    # unknown there: 401) nor place its order in that state.
    server = kept.lend({})
    client = SimClient(server)
    token = client.token()
    assert client.admin("POST", "faults", json={"SIM_LATENCY_MS": 1500}).status_code == 200
    answers = []
    call = threading.Thread(target=lambda: answers.append(client.jsonp("send", token, classic_order())))
    call.start()
    time.sleep(0.5)         # the call is in its 1.5 s of latency
    renewed = renew_state(server.app, {})
    call.join(timeout=10)
    [sent] = unwrap(answers[0], prefix=TRADESTATION)
    assert sent["OrderStatus"] == "Ok", sent
    assert SimClient(server).stats()["orders"] == 0
    assert renewed is server.app.extensions["simulator"]
    kept.take_back(server)
