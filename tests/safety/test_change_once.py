"""A cancel or cancel-replace reaches TradeStation once, however often it is asked for: a double click, a reloaded
URL, two requests at once, two bridge instances on one database. A repeat gets the first answer, or "in progress"
while the first is in flight, as a repeated OrderConfirmId of a send does.

Over real HTTP to a live simulator, whose /admin/stats counts the changes it took; on SQLite and on PostgreSQL
(tests/safety/conftest.py).
"""

import threading

from app import create_app
from bridge.refusals import InProgress, ReusedConfirmId
from bridge.relay import change_key
from harness.jsonp import unwrap, wrapped_error
from harness.keys import SECRET_KEY
from harness.orders import RESTING, classic_order
from harness.trader import Trader
from simulator.server import serve_in_thread
from tests.safety.support import sim_faults, sim_stats

REPLACED = "Cancel/Replace order sent."
IN_PROGRESS = InProgress().body()


def resting_order(trader):
    [result] = unwrap(trader.jsonp("send", data=classic_order(**RESTING)))
    return result["OrderID"]


def replacement(order_id, quantity):
    return {"AccountKey": "281994", "OrderID": order_id, "OrderType": "Limit", "Quantity": str(quantity),
            "LimitPrice": "1.00"}


def changes(simulator):
    return sim_stats(simulator)["changes"]


def at_once(*calls):
    """Run the calls together, released by one barrier; their answers in order."""
    barrier = threading.Barrier(len(calls))
    answers = [None] * len(calls)

    def run(index):
        barrier.wait(timeout=10)
        answers[index] = calls[index]()
    threads = [threading.Thread(target=run, args=(index,)) for index in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return answers


def test_two_identical_cancel_replace_urls_at_once_change_the_order_once_and_a_replay_sends_nothing(trader,
                                                                                                   simulator):
    order_id = resting_order(trader)
    before = changes(simulator)
    sim_faults(simulator, SIM_LATENCY_MS=600)       # the first is still in flight when the second arrives
    change = replacement(order_id, 30)
    first, second = at_once(*[lambda: unwrap(trader.jsonp(f"{order_id}/cancelreplace", data=change))] * 2)
    results = [one for one in (first, second) if one != IN_PROGRESS]
    assert results and all(one["Message"] == REPLACED for one in results), (first, second)
    assert changes(simulator) == before + 1
    # Reloaded later, the same URL gets the recorded answer; the simulator takes nothing more.
    sim_faults(simulator, SIM_LATENCY_MS=0)
    assert unwrap(trader.jsonp(f"{order_id}/cancelreplace", data=change)) == results[0]
    assert changes(simulator) == before + 1
    assert [row["kind"] for row in trader.journal()].count("cancelreplace") == 1


def test_a_cancel_asked_twice_at_once_and_again_later_is_sent_once_and_answered_alike(trader, simulator):
    order_id = resting_order(trader)
    before = changes(simulator)
    sim_faults(simulator, SIM_LATENCY_MS=600)
    answers = at_once(*[lambda: unwrap(trader.jsonp(f"{order_id}/cancel"))] * 2)
    results = [one for one in answers if one != IN_PROGRESS]
    assert results and all(one["OrderStatus"] == "Ok" for one in results), answers
    sim_faults(simulator, SIM_LATENCY_MS=0)
    # Sent again, TradeStation would answer "Not an open order."; the journal answers as the first time.
    assert unwrap(trader.jsonp(f"{order_id}/cancel")) == results[0]
    assert changes(simulator) == before + 1


def test_a_change_back_to_an_earlier_one_is_a_new_change_and_is_sent(trader, simulator):
    order_id = resting_order(trader)
    before = changes(simulator)
    for quantity in (30, 10, 30):
        assert unwrap(trader.jsonp(f"{order_id}/cancelreplace", data=replacement(order_id, quantity)))["Message"] \
            == REPLACED
    assert changes(simulator) == before + 3
    # The newest of them repeated is a repeat again.
    unwrap(trader.jsonp(f"{order_id}/cancelreplace", data=replacement(order_id, 30)))
    assert changes(simulator) == before + 3


def test_a_change_under_an_order_confirm_id_is_sent_once_per_id(trader, simulator):
    order_id = resting_order(trader)
    before = changes(simulator)
    change = replacement(order_id, 40)
    first = unwrap(trader.jsonp(f"{order_id}/cancelreplace", data=change, OrderConfirmId="change-1"))
    assert unwrap(trader.jsonp(f"{order_id}/cancelreplace", data=change, OrderConfirmId="change-1")) == first
    assert changes(simulator) == before + 1
    # A new id is the trader asking again on purpose: sent, though nothing differs.
    unwrap(trader.jsonp(f"{order_id}/cancelreplace", data=change, OrderConfirmId="change-2"))
    assert changes(simulator) == before + 2
    # The id of one change given to another would answer for a change never made.
    reused = trader.jsonp(f"{order_id}/cancelreplace", data=replacement(order_id, 50), OrderConfirmId="change-1")
    assert wrapped_error(reused) == ReusedConfirmId().body()
    assert wrapped_error(trader.jsonp(f"{order_id}/cancel", OrderConfirmId="not an id!"))["StatusCode"] == 400
    assert changes(simulator) == before + 2


def test_two_instances_on_one_database_send_one_change_asked_of_both_at_once(trader, simulator, bridge, database_url):
    other = serve_in_thread(create_app({"TS_BASE_URL": simulator.url + "/v2", "SECRET_KEY": SECRET_KEY,
                                        "DATABASE_URL": database_url, "TS_READ_TIMEOUT": 5}))
    try:
        order_id = resting_order(trader)
        before = changes(simulator)
        sim_faults(simulator, SIM_LATENCY_MS=600)
        change = replacement(order_id, 25)
        twin = Trader.__new__(Trader)       # the same login, its page's token sent to the other instance
        twin.bridge, twin.http, twin.token = other.url, trader.http, trader.token
        answers = at_once(lambda: unwrap(trader.jsonp(f"{order_id}/cancelreplace", data=change)),
                          lambda: unwrap(twin.jsonp(f"{order_id}/cancelreplace", data=change)))
        assert [one for one in answers if one != IN_PROGRESS], answers
        assert changes(simulator) == before + 1
    finally:
        other.shutdown()


def test_the_key_of_a_change_names_the_order_the_change_and_the_change_before_it():
    key = change_key(kind="cancelreplace", target="http://127.0.0.1/v2/orders/1", request='{"Quantity":"3"}', after=0)
    assert len(key) == 40 and key.startswith("chg-")
    assert key == change_key(kind="cancelreplace", target="http://127.0.0.1/v2/orders/1", request='{"Quantity":"3"}',
                             after=0)
    others = [change_key(kind="cancel", target="http://127.0.0.1/v2/orders/1", request='{"Quantity":"3"}', after=0),
              change_key(kind="cancelreplace", target="http://127.0.0.1/v2/orders/2", request='{"Quantity":"3"}',
                         after=0),
              change_key(kind="cancelreplace", target="http://127.0.0.1/v2/orders/1", request='{"Quantity":"4"}',
                         after=0),
              change_key(kind="cancelreplace", target="http://127.0.0.1/v2/orders/1", request='{"Quantity":"3"}',
                         after=7)]
    assert key not in others and len(set(others)) == len(others)
