"""What reconciliation costs TradeStation, and what it never forgets.

The page asks for /journal by itself; each ask settles the user's open rows. Over real HTTP: a bridge in
front of a simulator whose /admin/stats counts the order lists it served.
"""

import datetime
import time

import pytest
import requests
from sqlalchemy import insert

from bridge.db import orders as orders_table
from harness.orders import classic_order, new_confirm_id
from tests.safety.support import journal_row, sim_stats

DEMO_ACCOUNT = "281994"


def open_row(app, confirm_id, *, created_at, state="unknown"):
    """A journal row whose answer was lost, as a relay that timed out leaves it."""
    journal = app.extensions["tsbridge"].journal
    with journal.engine.begin() as db:
        db.execute(insert(orders_table).values(
            upstream=journal.upstream, userid="demo", kind="send", confirm_id=confirm_id, target="x",
            api_version="20101026",
            account=DEMO_ACCOUNT, summary="Buy 10 MSFT @ Market", request="{}", state=state, attempts=1,
            message="TradeStation did not answer in time.", created_at=created_at, updated_at=created_at))


def place_upstream(simulator, trader, confirm_id):
    """The order reached TradeStation (its answer is what was lost): placed there directly."""
    answer = requests.post(f"{simulator.url}/v2/orders", json=classic_order(OrderConfirmId=confirm_id),
                           headers={"Authorization": f"Bearer {trader.token}"}, timeout=10)
    assert answer.status_code == 200 and answer.json()[0]["OrderStatus"] == "Ok", answer.text
    return answer.json()[0]["OrderID"]


def lists(simulator):
    return sim_stats(simulator)["order_lists"]


def test_fifty_unknown_rows_of_one_account_cost_one_order_list_per_journal(app, trader, simulator):
    now = time.time()
    ids = [new_confirm_id() for _ in range(50)]
    for confirm_id in ids:
        open_row(app, confirm_id, created_at=now)
    placed = place_upstream(simulator, trader, ids[7])

    before = lists(simulator)
    rows = trader.journal()
    assert lists(simulator) == before + 1
    assert journal_row(rows, ids[7])["state"] == "placed" and journal_row(rows, ids[7])["order_id"] == placed
    # Within the grace the others stay unknown, and the next look still costs one list.
    assert sum(journal_row(rows, confirm_id)["state"] == "unknown" for confirm_id in ids) == 49
    trader.journal()
    assert lists(simulator) == before + 2


@pytest.mark.parametrize("bridge_config", [{"TS_RECONCILE_GRACE": 0.01}], indirect=True)
def test_settled_rows_stay_settled_and_cost_nothing_more(app, trader, simulator):
    found, missing = new_confirm_id(), new_confirm_id()
    yesterday = time.time() - 86400 - 600
    open_row(app, found, created_at=yesterday)
    open_row(app, missing, created_at=yesterday)
    place_upstream(simulator, trader, found)
    rows = trader.journal()
    assert journal_row(rows, found)["state"] == "placed"
    assert journal_row(rows, missing)["state"] == "not_found"
    # Neither is looked up again: a not-found row of another day is over, a placed one is final.
    before = lists(simulator)
    rows = trader.journal()
    assert lists(simulator) == before
    assert (journal_row(rows, found)["state"], journal_row(rows, missing)["state"]) == ("placed", "not_found")


def test_an_unknown_row_from_yesterday_is_still_settled(app, trader, simulator):
    """No day boundary forgets an order that may have been placed, even one TradeStation listed yesterday."""
    confirm_id = new_confirm_id()
    yesterday = time.time() - 86400 - 600
    open_row(app, confirm_id, created_at=yesterday)
    order_id = place_upstream(simulator, trader, confirm_id)
    backdate_upstream(simulator, order_id, yesterday)
    assert journal_row(trader.journal(settle=False), confirm_id)["state"] == "unknown"
    row = journal_row(trader.journal(), confirm_id)
    assert (row["state"], row["order_id"]) == ("placed", order_id)


def backdate_upstream(simulator, order_id, when):
    # The simulator has no clock of its own for orders: the order is moved to yesterday in its book.
    book = simulator.app.extensions["simulator"].book
    book.orders[order_id].placed_at = datetime.datetime.fromtimestamp(when, datetime.timezone.utc)
