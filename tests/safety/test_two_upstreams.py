"""Two bridges on one database, each on its own upstream (a SIM one and a LIVE one, each with a simulator of
its own), as two instances started from one checkout share `instance/journal.sqlite3`: neither ever sees, settles,
changes or answers from the other's rows, though the two simulators give out the same order ids.

Over real HTTP, on SQLite and on PostgreSQL (tests/safety/conftest.py).
"""


import requests

from harness.jsonp import unwrap, wrapped_error
from harness.orders import RESTING, classic_order
from tests.safety.support import sim_faults, sim_stats


def upstream_status(one, order_id):
    listing = requests.get(f"{one.simulator.url}/v2/accounts/281994/orders", timeout=10,
                           headers={"Authorization": f"Bearer {one.trader.token}"}).json()
    return {str(entry["OrderID"]): entry["Status"] for entry in listing}.get(order_id)


def test_each_bridge_shows_and_settles_only_the_orders_sent_to_its_own_upstream(desks):
    sim, live = desks
    sim_orders = [classic_order(**RESTING) for _ in range(2)]
    sim_ids = [unwrap(sim.trader.jsonp("send", data=order))[0]["OrderID"] for order in sim_orders]
    live_order = classic_order(**RESTING, Quantity="3")
    [live_result] = unwrap(live.trader.jsonp("send", data=live_order))
    # The two simulators number their orders alike: the ids meet, the orders must not.
    assert live_result["OrderID"] == sim_ids[0]

    assert {row["confirm_id"] for row in sim.trader.journal()} == {order["OrderConfirmId"] for order in sim_orders}
    assert [(row["confirm_id"], row["summary"]) for row in live.trader.journal()] == [
        (live_order["OrderConfirmId"], "Buy 3 ARNA @ 1.00 Limit")]

    # An order whose fate is unknown at LIVE is LIVE's alone to settle: SIM's reconciler never looks for it.
    sim_faults(live.simulator, SIM_DROP_RATE=1, SIM_DROP_WHEN="before")
    lost = classic_order(**RESTING)
    assert wrapped_error(live.trader.jsonp("send", data=lost))["StatusCode"] == 504
    assert [row.confirm_id for row in live.app.extensions["tsbridge"].journal.unsettled("demo")] == [
        lost["OrderConfirmId"]]
    assert sim.app.extensions["tsbridge"].journal.unsettled("demo") == []
    assert lost["OrderConfirmId"] not in {row["confirm_id"] for row in sim.trader.journal()}
    assert lost["OrderConfirmId"] in {row["confirm_id"] for row in live.trader.journal()}


def test_an_order_id_both_upstreams_gave_out_is_changed_only_where_it_was_asked(desks):
    sim, live = desks
    sim_id = unwrap(sim.trader.jsonp("send", data=classic_order(**RESTING)))[0]["OrderID"]
    live_id = unwrap(live.trader.jsonp("send", data=classic_order(**RESTING)))[0]["OrderID"]
    assert sim_id == live_id

    assert unwrap(sim.trader.jsonp(f"{sim_id}/cancel"))["OrderStatus"] == "Ok"
    assert upstream_status(sim, sim_id) == "CAN" and upstream_status(live, live_id) == "OPN"
    assert [row["kind"] for row in live.trader.journal()] == ["send"]
    # The same cancel at LIVE is LIVE's first: sent there, not answered from SIM's journal.
    assert unwrap(live.trader.jsonp(f"{live_id}/cancel"))["OrderStatus"] == "Ok"
    assert upstream_status(live, live_id) == "CAN"
    assert [row["kind"] for row in sim.trader.journal()] == ["cancel", "send"]


def test_a_login_at_one_upstream_is_no_login_at_the_other(desks):
    sim, live = desks
    refused = wrapped_error(sim.trader.jsonp("send", data=classic_order(), oauth_token=live.trader.token))
    assert refused == {"Message": "Unauthorized", "StatusCode": 401}
    assert sim_stats(sim.simulator)["orders"] == 0
    # Both bridges are on 127.0.0.1 and sign their cookies with one key, so a browser sends either's session
    # cookie to both: the other bridge must not take it for a login of its own.
    assert live.trader.http.get(f"{sim.bridge.url}/journal").status_code == 401
    assert live.trader.http.get(f"{sim.bridge.url}/auth/token").status_code == 401
    # Each page's own token still works at its own bridge.
    assert unwrap(live.trader.jsonp("send", data=classic_order()))[0]["OrderStatus"] == "Ok"
