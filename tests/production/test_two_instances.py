"""Two bridge instances on one PostgreSQL behind nginx, as the README's production section runs them.

Traffic goes through nginx (https, its certificate trusted for the test) or, where a test must choose
the instance, straight to one bridge's gunicorn port. The simulator counts what reached it.
"""

import json
import re
import threading

import requests

from harness.jsonp import unwrap, wrapped_error
from harness.orders import classic_order
from harness.sim_admin import admin
from harness.trader import Trader
from tests.production.conftest import TIMEOUTS
from tests.safety.support import journal_row, wait_until

IN_PROGRESS = {"Message": "This order is already being sent; it will not be sent twice. Its result will appear in "
                          "the journal.", "StatusCode": 409, "Fate": "in_progress"}
STALE_AFTER = TIMEOUTS["TS_CONNECT_TIMEOUT"] + TIMEOUTS["TS_READ_TIMEOUT"] + 5


def send(url, token, order):
    """One JSONP send on a connection of its own, as a <script> tag of another tab would make it."""
    with requests.Session() as fresh:
        return fresh.get(f"{url}/jsonp/orders/send", timeout=30,
                         params={"data": json.dumps(order), "callback": "cb", "oauth_token": token})


def instances_that_served(desk, request):
    """The bridge ports nginx sent these requests ("POST /logout") to, from its access log's $upstream_addr."""
    log = open(f"{desk.nginx.folder}/tsbridge-access.log").read()
    return set(re.findall(rf'"{re.escape(request)} HTTP/1.1" \d+ \d+ \S+ 127\.0\.0\.1:(\d+)', log))


def test_sixteen_sends_of_one_order_across_both_instances_place_exactly_one(desk):
    trader = Trader(desk.url)
    admin(desk.simulator, "faults", {"SIM_LATENCY_MS": 300})
    before = admin(desk.simulator, "stats")
    order = classic_order()
    barrier = threading.Barrier(16)
    answers = [None] * 16

    def one(index):
        barrier.wait(timeout=10)
        # Half straight to each instance, so both surely race; the rest through nginx.
        url = desk.bridges[index % 2].url if index < 8 else desk.url
        answers[index] = unwrap(send(url, trader.token, order))

    threads = [threading.Thread(target=one, args=(index,)) for index in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    results = [answer for answer in answers if answer != IN_PROGRESS]
    assert results and all(result == results[0] for result in results), answers
    assert results[0][0]["OrderStatus"] == "Ok"
    after = admin(desk.simulator, "stats")
    assert after["orders"] == before["orders"] + 1
    assert after["duplicates_refused"] == before["duplicates_refused"]
    admin(desk.simulator, "faults", {"SIM_LATENCY_MS": 0})
    assert journal_row(trader.journal(), order["OrderConfirmId"])["order_id"] == results[0][0]["OrderID"]


def test_an_order_journaled_by_one_instance_is_shown_and_answered_by_the_other(desk):
    trader = Trader(desk.url)
    first, second = desk.bridges
    order = classic_order()
    [placed] = unwrap(send(first.url, trader.token, order))
    before = admin(desk.simulator, "stats")["orders"]
    # The other instance answers a repeat from the shared journal, and sends nothing.
    assert unwrap(send(second.url, trader.token, order)) == [placed]
    assert admin(desk.simulator, "stats")["orders"] == before
    # Its journal page (the session cookie is the same: one SECRET_KEY) lists it.
    cookie = "; ".join(f"{name}={value}" for name, value in trader.http.cookies.items())
    rows = requests.get(f"{second.url}/journal", timeout=10, headers={
        "Cookie": cookie, "X-Forwarded-Proto": "https", "X-Forwarded-For": "127.0.0.1"}).json()
    assert journal_row(rows, order["OrderConfirmId"])["order_id"] == placed["OrderID"]
    # And through nginx, whichever instance answers, the journal is the same.
    assert journal_row(trader.journal(), order["OrderConfirmId"])["order_id"] == placed["OrderID"]


def test_a_logout_through_one_instance_is_refused_by_both_on_the_next_call(desk):
    trader = Trader(desk.url)
    for bridge in desk.bridges:      # each instance has just accepted the token
        assert unwrap(send(bridge.url, trader.token, classic_order()))[0]["OrderStatus"] == "Ok"
    assert trader.log_out().status_code == 200
    for bridge in desk.bridges:      # at once: no wait, no second's memory of the token anywhere
        assert wrapped_error(send(bridge.url, trader.token, classic_order()))["StatusCode"] == 401
    assert len(instances_that_served(desk, "POST /logout")) == 1


def test_an_instance_killed_mid_relay_loses_nothing_and_places_nothing_twice(desk):
    trader = Trader(desk.url)
    doomed, survivor = desk.bridges
    before = admin(desk.simulator, "stats")
    admin(desk.simulator, "faults", {"SIM_LATENCY_MS": 1500})
    order = classic_order()
    outcome = {}

    def relay():
        try:
            outcome["response"] = send(doomed.url, trader.token, order)
        except requests.RequestException as error:
            outcome["error"] = error

    thread = threading.Thread(target=relay)
    thread.start()
    # Killed while the order is with TradeStation: the journal row is pending, the answer not yet back.
    wait_until(lambda: (journal_row(trader.journal(), order["OrderConfirmId"]) or {}).get("state") == "pending",
               timeout=5, what="the pending row of the relay about to be killed")
    doomed.kill()
    thread.join(timeout=10)
    assert "response" not in outcome, "the instance answered before it was killed"

    # Through nginx now only the survivor answers: a resend is held off while the dead relay's row is fresh.
    assert wrapped_error(send(desk.url, trader.token, order)) == IN_PROGRESS
    admin(desk.simulator, "faults", {"SIM_LATENCY_MS": 0})
    wait_until(lambda: admin(desk.simulator, "stats")["orders"] == before["orders"] + 1, timeout=5,
               what="TradeStation to take the order the killed instance sent")
    # Once the row is stale, reading the journal settles it from TradeStation's order list.
    row = wait_until(lambda: (lambda row: row if row["state"] == "placed" else None)(
        journal_row(trader.journal(), order["OrderConfirmId"])), timeout=STALE_AFTER + 10, interval=0.5,
        what="the survivor to settle the killed relay's order")
    [again] = unwrap(send(desk.url, trader.token, order))
    assert again["OrderID"] == row["order_id"]
    after = admin(desk.simulator, "stats")
    assert after["orders"] == before["orders"] + 1
    assert after["duplicates_refused"] == before["duplicates_refused"]
    # nginx's logs hold no token, even of the requests the dead instance failed.
    for name in ("tsbridge-access.log", "tsbridge-error.log", "error.log", "nginx.out"):
        assert trader.token not in open(f"{desk.nginx.folder}/{name}").read(), name
