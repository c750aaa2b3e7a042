"""The journal as the arbiter of idempotency: one OrderConfirmId, one order upstream, one answer.

Over real HTTP: a live bridge (tests/conftest.py) relaying to a live simulator, whose /admin/stats
counts what it actually received.
"""

import datetime
import json
import threading
import time

import requests
from sqlalchemy import insert

from bridge.db import orders as orders_table
from harness.jsonp import unwrap, wrapped_error
from harness.orders import classic_order, global_order, new_confirm_id
from harness.trader import Trader
from simulator.server import serve_in_thread
from tests.safety.support import journal_row, sim_faults, sim_stats, wait_until

IN_PROGRESS = "This order is already being sent; it will not be sent twice. Its result will appear in the journal."
REUSED_ID = "This OrderConfirmId was already used for a different order. Start a new ticket."


def test_a_repeated_order_confirm_id_gets_the_recorded_answer_and_places_one_order(trader, simulator):
    before = sim_stats(simulator)
    order = classic_order()
    first = unwrap(trader.jsonp("send", data=order))
    assert first[0]["OrderStatus"] == "Ok"
    repeats = [unwrap(trader.jsonp("send", data=order, callback=f"cb{n}"), f"cb{n}") for n in range(3)]
    assert repeats == [first] * 3
    after = sim_stats(simulator)
    assert after["orders"] == before["orders"] + 1
    # The repeats never reached the simulator: it refused no duplicate because it saw none.
    assert after["duplicates_refused"] == before["duplicates_refused"]
    row = journal_row(trader.journal(), order["OrderConfirmId"])
    assert row["state"] == "placed" and row["order_id"] == first[0]["OrderID"]


def test_a_repeat_of_a_2015_order_answers_in_its_dialect_without_a_second_order(trader, simulator):
    before = sim_stats(simulator)["orders"]
    order = global_order(OrderConfirmId="rep-2015-" + new_confirm_id()[:12], Quantity=3, Type="Market",
                         LimitPrice=None)
    first = unwrap(trader.jsonp("send", data=order, APIVersion="20150101"))
    assert first[0]["Status"] == "Success" and first[0]["OrderConfirmId"] == order["OrderConfirmId"]
    assert unwrap(trader.jsonp("send", data=order, APIVersion="20150101")) == first
    assert sim_stats(simulator)["orders"] == before + 1


def test_a_repeat_of_a_refused_or_rejected_order_gets_the_same_answer_and_sends_nothing(trader, simulator):
    before = sim_stats(simulator)
    # Refused by TradeStation (400): final; a repeat is answered from the journal.
    refused = classic_order(AccountKey="999999")
    assert wrapped_error(trader.jsonp("send", data=refused)) == {"Message": "Invalid account.", "StatusCode": 400}
    assert wrapped_error(trader.jsonp("send", data=refused)) == {"Message": "Invalid account.", "StatusCode": 400}
    # Taken with an id and rejected downstream (200, Failed): the same result again, no second order.
    rejected = classic_order(Symbol="ZZZZ")
    first = unwrap(trader.jsonp("send", data=rejected))
    assert first[0]["OrderStatus"] == "Failed" and "ZZZZ" in first[0]["Message"]
    assert unwrap(trader.jsonp("send", data=rejected)) == first
    after = sim_stats(simulator)
    assert after["orders"] == before["orders"] + 1  # only the rejected one was entered, once
    assert after["duplicates_refused"] == before["duplicates_refused"]
    rows = trader.journal()
    assert journal_row(rows, refused["OrderConfirmId"])["state"] == "rejected"
    assert journal_row(rows, rejected["OrderConfirmId"])["state"] == "rejected"


def test_a_repeat_while_the_first_is_in_flight_is_told_in_progress_and_never_relayed(trader, simulator):
    sim_faults(simulator, SIM_LATENCY_MS=2500)  # after login: only the order call is slow
    before = sim_stats(simulator)
    order = classic_order()
    answers = {}
    first = threading.Thread(target=lambda: answers.update(first=trader.jsonp("send", data=order)))
    first.start()
    try:
        # The first is in flight once its row is pending in the journal.
        wait_until(lambda: (journal_row(trader.journal(), order["OrderConfirmId"]) or {}).get("state") == "pending",
                   timeout=5, what="the first attempt's pending row")
        repeats = [trader.jsonp("send", data=order) for _ in range(3)]
    finally:
        first.join(timeout=20)
    for repeat in repeats:
        assert wrapped_error(repeat) == {"Message": IN_PROGRESS, "StatusCode": 409,
                                          "Fate": "in_progress"}
    [result] = unwrap(answers["first"])
    assert result["OrderStatus"] == "Ok"
    after = sim_stats(simulator)
    assert after["orders"] == before["orders"] + 1
    assert after["duplicates_refused"] == before["duplicates_refused"]  # the repeats never went upstream
    # Once the first is done, a repeat gets its answer.
    sim_faults(simulator, SIM_LATENCY_MS=0)
    assert unwrap(trader.jsonp("send", data=order)) == [result]


def test_the_same_order_confirm_id_with_a_different_order_is_refused(trader, simulator):
    before = sim_stats(simulator)
    order = classic_order()
    [placed] = unwrap(trader.jsonp("send", data=order))
    assert placed["OrderStatus"] == "Ok"
    for changed in ({**order, "Quantity": "1000"}, {**order, "Symbol": "IBM"}, {**order, "TradeAction": "Sell"}):
        assert wrapped_error(trader.jsonp("send", data=changed)) == {"Message": REUSED_ID, "StatusCode": 400,
                                                                              "Fate": "reused_id"}
    after = sim_stats(simulator)
    assert after["orders"] == before["orders"] + 1
    assert after["duplicates_refused"] == before["duplicates_refused"]
    # The original is untouched and still answers as before.
    assert unwrap(trader.jsonp("send", data=order)) == [placed]


def test_an_order_confirm_id_is_per_user(bridge, trader, simulator):
    """Another user reusing demo's OrderConfirmId neither sees demo's answer nor is blocked by it."""
    order = classic_order()
    [placed] = unwrap(trader.jsonp("send", data=order))
    other = Trader(bridge.url, "other", "other")
    theirs = unwrap(other.jsonp("send", data={**order, "AccountKey": "700001"}))
    assert theirs[0]["OrderStatus"] == "Ok" and theirs[0]["OrderID"] != placed["OrderID"]
    assert journal_row(other.journal(), order["OrderConfirmId"])["order_id"] == theirs[0]["OrderID"]
    assert journal_row(trader.journal(), order["OrderConfirmId"])["order_id"] == placed["OrderID"]
    # And demo's account under other's token is refused by TradeStation.
    assert wrapped_error(other.jsonp("send", data=classic_order()))["StatusCode"] == 401


def test_an_order_without_confirm_id_is_given_one_that_goes_upstream(trader, simulator):
    before = sim_stats(simulator)["orders"]
    order = classic_order(OrderConfirmId=None)
    results = [unwrap(trader.jsonp("send", data=order))[0] for _ in range(2)]
    # Two sends of a ticket without an id are two orders (the bridge cannot tell them apart)...
    assert sim_stats(simulator)["orders"] == before + 2
    assert results[0]["OrderID"] != results[1]["OrderID"]
    rows = {row["order_id"]: row for row in trader.journal()}
    ids = [rows[result["OrderID"]]["confirm_id"] for result in results]
    assert all(len(confirm_id) == 22 for confirm_id in ids) and ids[0] != ids[1]
    # ...and the id the journal shows is the one TradeStation holds, so reconciliation can find the order.
    listing = requests.get(f"{simulator.url}/v2/accounts/281994/orders",
                           headers={"Authorization": f"Bearer {trader.token}"}, timeout=10).json()
    upstream = {str(entry["OrderID"]): entry["OrderConfirmId"] for entry in listing}
    assert [upstream[result["OrderID"]] for result in results] == ids


def test_the_journal_lists_todays_rows_newest_first_with_their_states(app, trader, simulator):
    sent = [
        (classic_order(), "placed", 200),
        (classic_order(Symbol="ZZZZ"), "rejected", 200),          # taken, rejected downstream
        (classic_order(AccountKey="999999"), "rejected", 400),    # refused by TradeStation: final
        (classic_order(AccountKey="700001"), "not_sent", 401),    # not this user's: refused before anything
    ]
    for order, _, _ in sent:
        trader.jsonp("send", data=order)
    # Refused by the validator: never journaled, since it was never about to be sent.
    invalid = classic_order(Quantity="-1")
    assert wrapped_error(trader.jsonp("send", data=invalid))["StatusCode"] == 400
    # A row from yesterday is kept but not listed.
    yesterday = time.time() - 86400 - 60
    with app.extensions["tsbridge"].journal.engine.begin() as db:
        db.execute(insert(orders_table).values(
            upstream=app.extensions["tsbridge"].journal.upstream, userid="demo", kind="send",
            confirm_id="from-yesterday", target="x", api_version="20101026",
            account="281994", summary="Buy 1 MSFT @ Market", request="{}", state="placed", attempts=1,
            created_at=yesterday, updated_at=yesterday))

    rows = trader.journal()
    assert [row["confirm_id"] for row in rows] == [order["OrderConfirmId"] for order, _, _ in reversed(sent)]
    for row, (order, state, status) in zip(rows, reversed(sent), strict=True):
        assert (row["state"], row["status_code"], row["kind"], row["account"]) == \
            (state, status, "send", order["AccountKey"]), row
        assert row["created_at"] >= datetime.datetime.combine(datetime.date.today(), datetime.time()).timestamp()
    assert [row["created_at"] for row in rows] == sorted((row["created_at"] for row in rows), reverse=True)
    placed = rows[-1]
    assert placed["order_id"] and placed["summary"] == "Buy 10 MSFT @ Market"
    assert placed["message"].startswith("Sent order: Buy 10 MSFT")
    assert "ZZZZ" in rows[-2]["message"]
    # Nobody else's, and nobody's without a login.
    assert trader.http.get(f"{trader.bridge}/journal").headers["Cache-Control"] == "no-store"
    assert requests.get(f"{trader.bridge}/journal", timeout=10).status_code == 401
    assert Trader(trader.bridge, "other", "other").journal() == []


def test_the_journal_survives_a_restart_of_the_bridge(app, bridge, trader, simulator):
    placed = classic_order()
    [result] = unwrap(trader.jsonp("send", data=placed))
    refused = classic_order(AccountKey="999999")
    trader.jsonp("send", data=refused)
    before = trader.journal()
    bridge.shutdown()

    from app import create_app
    restarted = create_app(settings=app.extensions["tsbridge"].settings)
    server = serve_in_thread(restarted)
    try:
        # The session cookie names a grant kept in the same database, so the trader is still logged in.
        rows = trader.http.get(f"{server.url}/journal", timeout=10).json()
        assert rows == before
        assert journal_row(rows, placed["OrderConfirmId"])["order_id"] == result["OrderID"]
        assert journal_row(rows, refused["OrderConfirmId"])["state"] == "rejected"
        # And the restarted bridge still knows the OrderConfirmId: a resend is answered, not placed again.
        orders_before = sim_stats(simulator)["orders"]
        again = requests.get(f"{server.url}/jsonp/orders/send", timeout=10, params={
            "data": json.dumps(placed), "callback": "cb", "oauth_token": trader.token})
        assert unwrap(again) == [result]
        assert sim_stats(simulator)["orders"] == orders_before
    finally:
        server.shutdown()
