"""/live against the real simulator over HTTP: one feed per user shared by its pages, data at once on connect,
orders looked at again after one is relayed, the quota budget's refusals and rest, and the login's idle end."""

import time

import pytest
import requests

from harness.jsonp import unwrap
from harness.orders import RESTING, classic_order
from harness.sim_admin import admin
from harness.trader import Trader, csrf_of
from tests.safety.support import sim_stats
from tests.sim_client import SimClient
from tradestation.quotas import QUOTAS, Category

KINDS = ("status", "orders", "balances", "positions", "quote")
# Rounds of calls far apart (the windows as the bridge counts them ten times longer): every call seen is a
# page's join, an order's look, or nothing.
SLOW_ROUNDS = {"TS_QUOTA_SCALE": 10}


def order_lists(simulator):
    return sim_stats(simulator)["order_lists"]


@pytest.mark.parametrize("bridge_config", [SLOW_ROUNDS], indirect=True)
def test_two_pages_of_one_user_share_one_feed_and_an_order_reaches_both(trader, live, simulator, bridge):
    first = live(trader.http, "MSFT")
    for kind in KINDS:
        first.wait_for(kind)
    before = order_lists(simulator)
    second = live(trader.http, "MSFT")
    for kind in KINDS:      # the latest of each kind, at once, from the feed
        second.wait_for(kind, timeout=1)
    assert order_lists(simulator) == before, "a second page asks TradeStation for nothing"
    assert bridge.app.extensions["tsbridge"].feeds.open_pages() == 2

    placed = unwrap(trader.jsonp("send", data=classic_order(**RESTING)))
    order_id = placed[0]["OrderID"]
    for page in (first, second):
        page.wait_for("orders", lambda orders: any(str(order["OrderID"]) == order_id for order in orders), timeout=2)
    assert order_lists(simulator) == before + 1, "one look for the user, not one per page"


def test_without_a_symbol_there_is_no_quote_and_a_bad_symbol_is_refused(trader, live):
    page = live(trader.http)
    page.wait_for("balances")
    with pytest.raises(AssertionError):
        page.wait_for("quote", timeout=0.5)
    assert live(trader.http, "MS FT;").status == 400


def test_live_needs_a_login(bridge, live):
    assert live(requests.Session()).status == 401


def test_a_call_past_the_quota_is_answered_by_the_bridge_and_never_sent(trader):
    for _ in range(30):
        assert trader.http.get(f"{trader.bridge}/market/quote/MSFT").status_code == 200
    held = trader.http.get(f"{trader.bridge}/market/quote/MSFT")
    assert held.status_code == 429 and 1 <= int(held.headers["Retry-After"]) <= 60
    body = held.json()
    assert body["Quota"] == "Quote Snapshot" and "TradeStation's request quota" in body["Message"]
    assert unwrap(trader.jsonp("send", data=classic_order(**RESTING)))[0]["OrderID"], "orders are never held back"


def _spend_the_balances_quota(simulator):
    """Another client of the same user spends the Balances quota at TradeStation's side."""
    client = SimClient(simulator)
    token = client.token()
    for _ in range(QUOTAS[Category.BALANCES].requests + 1):
        if client.call("GET", "/accounts/281994/balances", token).status_code == 403:
            return
    raise AssertionError("the simulator never refused a balances call")


def test_after_tradestations_quota_refusal_the_feed_says_paused_and_stops_asking(trader, live, simulator):
    _spend_the_balances_quota(simulator)
    page = live(trader.http)
    paused, _ = page.wait_for("status", lambda data: data["state"] == "paused", timeout=3)
    assert paused["reason"] == "TradeStation's request quota" and 200 < paused["seconds"] <= 300
    refusals = admin(simulator, "stats")["quota_refusals"]
    held = trader.http.get(f"{trader.bridge}/market/balances/281994")
    assert held.status_code == 429 and held.json()["Quota"] == "Balances"
    assert admin(simulator, "stats")["quota_refusals"] == refusals, "a category at rest is not asked"


IDLE = 2.0


@pytest.mark.parametrize("bridge_config", [{"TS_SESSION_IDLE": IDLE}], indirect=True)
def test_an_untouched_page_is_logged_out_on_time_though_its_feed_keeps_calling(bridge, live):
    trader = Trader(bridge.url)
    opened = time.monotonic()
    page = live(trader.http, "MSFT")
    ended, at = page.wait_for("ended", timeout=IDLE + 4)
    assert "without activity" in ended["reason"]
    assert at - opened <= IDLE + 3, "ended within a few seconds of the idle deadline"
    assert page.closed.wait(2), "the stream closes after ended"
    assert trader.http.get(f"{bridge.url}/auth/token").status_code == 401


@pytest.mark.parametrize("bridge_config", [{"TS_SESSION_IDLE": IDLE}], indirect=True)
def test_a_page_in_use_stays_logged_in(bridge, live):
    trader = Trader(bridge.url)
    csrf = csrf_of(trader.http.get(f"{bridge.url}/"))
    page = live(trader.http)
    assert trader.http.post(f"{bridge.url}/activity").status_code == 403, "the CSRF header is required"
    until = time.monotonic() + IDLE * 1.5
    while time.monotonic() < until:
        assert trader.http.post(f"{bridge.url}/activity", headers={"X-CSRF-Token": csrf}).status_code == 204
        time.sleep(0.3)     # a trader's clicks, not a wait for a condition
    assert "ended" not in page.names()
    assert trader.http.get(f"{bridge.url}/auth/token").status_code == 200


@pytest.mark.parametrize("bridge_config", [{"TS_LIVE_PAGES": 1}], indirect=True)
def test_past_its_live_pages_the_bridge_turns_a_page_away_and_keeps_its_threads_for_orders(trader, live):
    live(trader.http).wait_for("status")
    turned_away = live(trader.http)
    assert turned_away.status == 503 and int(turned_away.response.headers["Retry-After"]) > 0
    assert unwrap(trader.jsonp("send", data=classic_order(**RESTING)))[0]["OrderID"]


def test_a_stopping_bridge_ends_its_open_streams_at_once_and_turns_new_pages_away(trader, live, bridge):
    page = live(trader.http, "MSFT")
    page.wait_for("status")
    bridge.app.extensions["close_streams"]()        # what the serving code calls as it stops
    assert page.closed.wait(2), "the stream ends at once, not when its page leaves"
    assert "ended" not in page.names(), "the login goes on: the page opens its stream again elsewhere"
    turned_away = live(trader.http)
    assert turned_away.status == 503 and turned_away.response.headers["Retry-After"] == "1"
    assert unwrap(trader.jsonp("send", data=classic_order(**RESTING)))[0]["OrderID"], "orders are still served"
