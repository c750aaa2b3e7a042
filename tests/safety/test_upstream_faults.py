"""TradeStation misbehaving under the bridge: slow, silent, gone, hanging up, failing.

Each time the trader gets a wrapped answer that says whether the order may have gone through,
the journal ends in the state the upstream proves, and the order is never sent twice: the
simulator's own counts (orders recorded, duplicates it refused, connections it dropped) show it.
The fault knobs are turned after login, so that only the order's own calls meet them.
"""

import threading

import pytest
import requests

from harness.jsonp import unwrap, wrapped_error
from harness.orders import classic_order
from simulator.server import serve_in_thread
from tests.safety.support import journal_row, sim_faults, sim_stats, wait_until

MAY_BE_PLACED = "The order may or may not have been placed."
NOT_SENT = "The order was not sent and can be placed again."

# Small timeouts keep the faults quick: the bridge waits 1 s for an answer, and reconciliation
# treats an order as absent 1 s (TS_RECONCILE_GRACE) after its attempt failed.
FAST = {"TS_CONNECT_TIMEOUT": 1, "TS_READ_TIMEOUT": 1, "TS_RECONCILE_GRACE": 1}
GRACE = FAST["TS_RECONCILE_GRACE"]
fast = pytest.mark.parametrize("bridge_config", [FAST], indirect=True, ids=["fast-timeouts"])
# Where a test acts inside the grace period, a longer one keeps a slow machine from overtaking it.
LONGER = {"TS_CONNECT_TIMEOUT": 1, "TS_READ_TIMEOUT": 3, "TS_RECONCILE_GRACE": 3}
longer = pytest.mark.parametrize("bridge_config", [LONGER], indirect=True, ids=["3s-grace"])


def counts(simulator):
    stats = sim_stats(simulator)
    return {key: stats[key] for key in ("orders", "duplicates_refused", "dropped_connections", "injected_errors")}


def change(before, after):
    return {key: after[key] - before[key] for key in before}


def settled_row(trader, confirm_id, state, timeout=10):
    """Poll the page's journal (each poll reconciles) until the order's row reaches a state."""
    return wait_until(lambda: (lambda row: row if row and row["state"] == state else None)(
        journal_row(trader.journal(), confirm_id)), timeout=timeout, what=f"the journal to show {state}")


def upstream_order_ids(trader, simulator, confirm_id):
    """What TradeStation itself holds under an OrderConfirmId, from its account order list."""
    listing = requests.get(f"{simulator.url}/v2/accounts/281994/orders", timeout=10,
                           headers={"Authorization": f"Bearer {trader.token}"}).json()
    return [str(entry["OrderID"]) for entry in listing if entry["OrderConfirmId"] == confirm_id]


@fast
def test_a_slow_answer_within_the_timeout_succeeds(trader, simulator):
    sim_faults(simulator, SIM_LATENCY_MS=400)
    before = counts(simulator)
    order = classic_order()
    [result] = unwrap(trader.jsonp("send", data=order))
    assert result["OrderStatus"] == "Ok"
    assert change(before, counts(simulator)) == {"orders": 1, "duplicates_refused": 0, "dropped_connections": 0,
                                                 "injected_errors": 0}
    assert journal_row(trader.journal(), order["OrderConfirmId"])["state"] == "placed"


@fast
def test_a_timeout_says_the_order_may_have_been_placed_and_reconciliation_finds_it(trader, simulator):
    # Slower than the bridge waits, but not so slow that the order arrives after the grace period.
    sim_faults(simulator, SIM_LATENCY_MS=1200)
    before = counts(simulator)
    order = classic_order()
    answer = wrapped_error(trader.jsonp("send", data=order))
    assert answer["StatusCode"] == 504
    assert "did not answer in time" in answer["Message"] and MAY_BE_PLACED in answer["Message"]
    sim_faults(simulator, SIM_LATENCY_MS=0)
    # The simulator finishes the order it was slow to take; the journal learns of it from the order list.
    row = settled_row(trader, order["OrderConfirmId"], "placed")
    assert row["found_later"] is True    # the page tells this order's story from the flag, not the words
    assert [row["order_id"]] == upstream_order_ids(trader, simulator, order["OrderConfirmId"])
    assert change(before, counts(simulator))["orders"] == 1
    # Sending the ticket again is answered from the journal with the order TradeStation holds.
    [again] = unwrap(trader.jsonp("send", data=order))
    assert again["OrderStatus"] == "Ok" and again["OrderID"] == row["order_id"]
    assert change(before, counts(simulator))["orders"] == 1
    assert change(before, counts(simulator))["duplicates_refused"] == 0


@fast
def test_a_refused_connection_is_a_503_not_sent_and_the_ticket_may_be_sent_again(trader, simulator):
    order = classic_order()
    port, backend = simulator.port, simulator.app
    simulator.shutdown()
    answer = wrapped_error(trader.jsonp("send", data=order))
    assert answer["StatusCode"] == 503
    assert answer["Message"] == f"TradeStation could not be reached. {NOT_SENT}"
    # TradeStation comes back (same state, same tokens); the journal kept the ticket as not sent.
    revived = serve_in_thread(backend, port=port)
    try:
        assert journal_row(trader.journal(), order["OrderConfirmId"])["state"] == "not_sent"
        before = sim_stats(revived)
        [result] = unwrap(trader.jsonp("send", data=order))
        assert result["OrderStatus"] == "Ok"
        after = sim_stats(revived)
        assert after["orders"] == before["orders"] + 1
        assert after["duplicates_refused"] == before["duplicates_refused"]
        row = journal_row(trader.journal(), order["OrderConfirmId"])
        assert (row["state"], row["order_id"]) == ("placed", result["OrderID"])
        # Placed now: one more send is answered from the journal, not placed again.
        assert unwrap(trader.jsonp("send", data=order)) == [result]
        assert sim_stats(revived)["orders"] == after["orders"]
    finally:
        revived.shutdown()


@fast
def test_a_connection_dropped_after_the_order_was_taken_is_resolved_to_placed_at_once(trader, simulator):
    sim_faults(simulator, SIM_DROP_RATE=1, SIM_DROP_WHEN="after")
    before = counts(simulator)
    order = classic_order()
    # The connection breaks with no answer; the bridge looks the order up at once and finds it.
    [result] = unwrap(trader.jsonp("send", data=order))
    assert result["OrderStatus"] == "Ok"
    assert [result["OrderID"]] == upstream_order_ids(trader, simulator, order["OrderConfirmId"])
    # One POST, dropped once, one order; no blind resend (it would show as a refused duplicate).
    assert change(before, counts(simulator)) == {"orders": 1, "duplicates_refused": 0, "dropped_connections": 1,
                                                 "injected_errors": 0}
    row = journal_row(trader.journal(), order["OrderConfirmId"])
    assert (row["state"], row["order_id"]) == ("placed", result["OrderID"])
    assert "after the connection broke" in row["message"]
    # A resend, even with the fault still on, is answered from the journal.
    assert unwrap(trader.jsonp("send", data=order)) == [result]
    assert change(before, counts(simulator))["dropped_connections"] == 1


@longer
def test_a_connection_dropped_before_the_order_was_taken_is_resolved_to_not_found_after_the_grace(trader, simulator,
                                                                                                  clock):
    sim_faults(simulator, SIM_DROP_RATE=1, SIM_DROP_WHEN="before")
    before = counts(simulator)
    order = classic_order()
    answer = wrapped_error(trader.jsonp("send", data=order))
    assert answer["StatusCode"] == 504
    assert "connection to TradeStation broke" in answer["Message"] and MAY_BE_PLACED in answer["Message"]
    assert change(before, counts(simulator)) == {"orders": 0, "duplicates_refused": 0, "dropped_connections": 1,
                                                 "injected_errors": 0}
    # Within the grace period the order may still appear upstream: a resend is not allowed yet.
    early = wrapped_error(trader.jsonp("send", data=order))
    assert early["StatusCode"] == 504 and MAY_BE_PLACED in early["Message"]
    assert change(before, counts(simulator))["dropped_connections"] == 1  # the resend went nowhere
    clock.shift(LONGER["TS_RECONCILE_GRACE"] + 0.2)
    row = settled_row(trader, order["OrderConfirmId"], "not_found")
    assert "most likely not placed" in row["message"]
    # Now the same ticket may be sent again, and it is placed once.
    sim_faults(simulator, SIM_DROP_RATE=0)
    [result] = unwrap(trader.jsonp("send", data=order))
    assert result["OrderStatus"] == "Ok"
    assert unwrap(trader.jsonp("send", data=order)) == [result]
    assert change(before, counts(simulator)) == {"orders": 1, "duplicates_refused": 0, "dropped_connections": 1,
                                                 "injected_errors": 0}
    row = journal_row(trader.journal(), order["OrderConfirmId"])
    assert (row["state"], row["order_id"]) == ("placed", result["OrderID"])
    assert [result["OrderID"]] == upstream_order_ids(trader, simulator, order["OrderConfirmId"])


@fast
def test_a_server_error_says_the_order_may_have_been_placed_and_is_never_retried(trader, simulator, clock):
    sim_faults(simulator, SIM_ERROR_RATE=1)
    before = counts(simulator)
    order = classic_order()
    answer = wrapped_error(trader.jsonp("send", data=order))
    assert answer["StatusCode"] == 500
    assert "TradeStation answered Internal Server Error" in answer["Message"]
    assert MAY_BE_PLACED in answer["Message"]
    # One failed POST and at most one failed look-up; a resend would have been a third 500.
    assert change(before, counts(simulator))["injected_errors"] in (1, 2)
    failures = counts(simulator)["injected_errors"]
    # A resend during the outage is not relayed: the fate of the first is still unknown.
    resent = wrapped_error(trader.jsonp("send", data=order))
    assert resent["StatusCode"] in (500, 504) and MAY_BE_PLACED in resent["Message"]
    # ...and it says so: nothing reached TradeStation this time.
    assert resent["Message"].startswith("This ticket was sent before and its fate is not known yet (the first time: "
                                        "TradeStation answered Internal Server Error).")
    assert counts(simulator)["injected_errors"] - failures <= 1  # the look-up only
    sim_faults(simulator, SIM_ERROR_RATE=0)
    clock.shift(GRACE + 0.2)
    settled_row(trader, order["OrderConfirmId"], "not_found")
    [result] = unwrap(trader.jsonp("send", data=order))
    assert result["OrderStatus"] == "Ok"
    assert change(before, counts(simulator))["orders"] == 1
    assert change(before, counts(simulator))["duplicates_refused"] == 0
    assert journal_row(trader.journal(), order["OrderConfirmId"])["state"] == "placed"


@fast
def test_the_journal_shows_unknown_while_tradestation_cannot_be_asked_then_settles(trader, simulator, clock):
    """Past the grace period but with every look-up failing, the journal says unknown: it never guesses."""
    # The order is taken and its connection dropped; the bridge's look-up that follows is slowed
    # (latency applies to every call) so that the 500s can be switched on before it is answered.
    sim_faults(simulator, SIM_DROP_RATE=1, SIM_DROP_WHEN="after", SIM_LATENCY_MS=800)
    order = classic_order()
    answers = {}
    thread = threading.Thread(target=lambda: answers.update(sent=trader.jsonp("send", data=order)))
    thread.start()
    try:
        wait_until(lambda: sim_stats(simulator)["dropped_connections"] == 1, timeout=5, what="the dropped order")
        sim_faults(simulator, SIM_ERROR_RATE=1, SIM_LATENCY_MS=0)
    finally:
        thread.join(timeout=10)
    answer = wrapped_error(answers["sent"])
    assert answer["StatusCode"] in (500, 504) and MAY_BE_PLACED in answer["Message"]
    clock.shift(GRACE + 0.2)
    assert journal_row(trader.journal(), order["OrderConfirmId"])["state"] == "unknown"
    sim_faults(simulator, SIM_ERROR_RATE=0, SIM_DROP_RATE=0)
    # Without settling, the journal answers from its own rows (the page's first, quick look): still unknown.
    assert journal_row(trader.journal(settle=False), order["OrderConfirmId"])["state"] == "unknown"
    row = settled_row(trader, order["OrderConfirmId"], "placed")
    assert row["found_later"] is True    # the page tells this order's story from the flag, not the words
    assert [row["order_id"]] == upstream_order_ids(trader, simulator, order["OrderConfirmId"])
    assert sim_stats(simulator)["orders"] == 1


@fast
def test_an_order_tradestation_takes_after_the_grace_is_found_later(trader, simulator):
    """Not finding an order is never final: if TradeStation takes it late, the journal says placed."""
    sim_faults(simulator, SIM_LATENCY_MS=4000)   # this order reaches the book 4 s after it is sent
    order = classic_order()
    answer = wrapped_error(trader.jsonp("send", data=order))
    assert answer["StatusCode"] == 504 and MAY_BE_PLACED in answer["Message"]
    sim_faults(simulator, SIM_LATENCY_MS=0)
    row = settled_row(trader, order["OrderConfirmId"], "not_found")
    assert upstream_order_ids(trader, simulator, order["OrderConfirmId"]) == []  # not there yet, indeed
    row = settled_row(trader, order["OrderConfirmId"], "placed")
    assert row["found_later"] is True    # the page tells this order's story from the flag, not the words
    assert [row["order_id"]] == upstream_order_ids(trader, simulator, order["OrderConfirmId"])
    [result] = unwrap(trader.jsonp("send", data=order))        # a resend now gets what TradeStation holds
    assert result["OrderID"] == row["order_id"]
    assert sim_stats(simulator)["orders"] == 1
