"""/live with an API v3 upstream: orders, positions and quotes from v3's streams, none of them listed."""

import pytest

from harness.jsonp import unwrap
from harness.orders import RESTING, classic_order
from tests.safety.support import sim_stats, wait_until

from .test_live_streams import FAST_BEAT, move, open_streams, quoted


@pytest.fixture
def bridge_config(bridge_config, simulator):
    return {**bridge_config, "TS_BASE_URL": simulator.url + "/v3"}


@pytest.mark.parametrize("simulator_config", [FAST_BEAT], indirect=True)
def test_v3_orders_positions_and_quotes_come_from_its_streams(trader, live, simulator):
    page = live(trader.http, "MSFT")
    page.wait_for("orders")
    page.wait_for("positions")
    wait_until(lambda: open_streams(simulator).get("Order Stream") == 1
               and open_streams(simulator).get("Positions Stream") == 1, timeout=3)
    lists = sim_stats(simulator)["order_lists"]
    placed = unwrap(trader.jsonp("send", data=classic_order(**RESTING)))
    order_id = placed[0]["OrderID"]
    page.wait_for("orders", lambda orders: any(str(order["OrderID"]) == order_id for order in orders), timeout=1)
    moved = move(simulator, "433.75")
    _, arrival = page.wait_for("quote", quoted("433.75"), timeout=2)
    assert arrival - moved < 1.0
    unwrap(trader.jsonp("send", data=classic_order()))      # filled at once: a position
    page.wait_for("positions", lambda data: data["account"] == "281994"
                  and any(position["Symbol"] == "MSFT" for position in data["body"]), timeout=1)
    assert sim_stats(simulator)["order_lists"] == lists, "orders streamed, never listed"
