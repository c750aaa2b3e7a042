"""The bridge's own refusals carry "Fate" beside Message and StatusCode, over real HTTP; TradeStation's
answers, relayed, carry none. The ticket page decides on Fate (static/ticket/verdict.js), never on the words."""

import threading
import time

from bridge.refusals import Fate, InProgress, MayBePlaced, NotPlaced, ReusedConfirmId
from harness.jsonp import wrapped_error
from harness.orders import classic_order
from harness.sim_admin import admin
from tradestation import errors as E


def journal_state(trader, confirm_id):
    return {row["confirm_id"]: row["state"] for row in trader.journal(settle=False)}.get(confirm_id)


def test_the_fates_are_the_page_s_words_for_them():
    assert {fate.value for fate in Fate} == {"not_sent", "may_be_placed", "in_progress", "reused_id"}


def test_a_reused_confirm_id_says_reused_id(trader, simulator):
    order = classic_order()
    trader.jsonp("send", data=order)
    refused = wrapped_error(trader.jsonp("send", data={**order, "Quantity": "7"}))
    assert refused == {"Message": ReusedConfirmId.MESSAGE, "StatusCode": 400, "Fate": "reused_id"}


def test_a_repeat_in_flight_says_in_progress(trader, simulator):
    admin(simulator, "faults", {"SIM_LATENCY_MS": 2000})
    order = classic_order()
    first = threading.Thread(target=lambda: trader.jsonp("send", data=order))
    first.start()
    try:
        deadline = time.monotonic() + 5
        while journal_state(trader, order["OrderConfirmId"]) != "pending" and time.monotonic() < deadline:
            time.sleep(0.05)
        repeat = wrapped_error(trader.jsonp("send", data=order))
    finally:
        first.join(timeout=20)
    assert repeat == {"Message": InProgress.MESSAGE, "StatusCode": 409, "Fate": "in_progress"}


def test_an_upstream_that_cannot_be_reached_says_not_sent(trader, simulator):
    simulator.shutdown()
    refused = wrapped_error(trader.jsonp("send", data=classic_order()))
    assert (refused["StatusCode"], refused["Fate"]) == (503, "not_sent")
    assert refused["Message"].endswith(NotPlaced.ADVICE)
    # A review asks for nothing to be placed: what could not be asked was not sent either.
    confirm = wrapped_error(trader.jsonp("confirm", data=classic_order()))
    assert (confirm["StatusCode"], confirm["Fate"]) == (503, "not_sent")


def test_an_answer_lost_on_the_way_says_may_be_placed_and_so_does_its_repeat(trader, simulator):
    admin(simulator, "faults", {"SIM_DROP_RATE": 1.0, "SIM_DROP_WHEN": "before"})
    order = classic_order()
    unsure = wrapped_error(trader.jsonp("send", data=order))
    assert (unsure["StatusCode"], unsure["Fate"]) == (504, "may_be_placed")
    assert MayBePlaced.ADVICE in unsure["Message"]
    again = wrapped_error(trader.jsonp("send", data=order))
    assert again["Fate"] == "may_be_placed" and MayBePlaced.ADVICE in again["Message"]


def test_tradestation_s_own_refusals_are_relayed_without_a_fate(trader, simulator):
    assert wrapped_error(trader.jsonp("send", data=classic_order(AccountKey="999999"))) == {
        "Message": E.INVALID_ACCOUNT, "StatusCode": 400}
    assert wrapped_error(trader.jsonp("send", data=classic_order(AccountKey="700001"))) == {
        "Message": E.NOT_YOUR_ACCOUNT, "StatusCode": 401}
    admin(simulator, "next-orders", {"fault": "quota", "count": 1})
    assert wrapped_error(trader.jsonp("send", data=classic_order())) == {
        "Message": E.QUOTA_EXCEEDED, "StatusCode": 403}
