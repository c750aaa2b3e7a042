"""Rules TradeStation's pages state in words (no example request): each test names its page."""

from harness.jsonp import BRIDGE, unwrap
from harness.orders import classic_order


def _buy(price, **changes):
    return classic_order(**{"AccountKey": "123456", "Symbol": "ARNA", "OrderType": "Limit", "LimitPrice": price,
                            "Duration": "GTC", "OrderConfirmId": None, **changes})


def _oso(order, *children):
    order["OSOs"] = [{"Type": "NORMAL", "Orders": list(children)}]
    return order


def test_osos_nest_and_cross_accounts(sim, trader):
    """tradestation/webapi-docs: en/orders.md (Order Sends Order): OSOs "can be nested to any level" and "can
    be placed across different accounts"."""
    nested = _oso(_buy("1.00"), _oso(_buy("0.90", AccountKey="123465"), _buy("0.80", AccountKey="987654")))
    results = sim.call("POST", "/orders", token=sim.token(), json=nested).json()
    assert [result["OrderStatus"] for result in results] == ["Ok", "Ok", "Ok"], results
    listed = {str(entry["OrderID"]): entry for entry in
              sim.call("GET", "/accounts/123456,123465,987654/orders", token=sim.token()).json()}
    assert [listed[result["OrderID"]]["Status"] for result in results] == ["OPN", "OSO", "OSO"]
    relayed = unwrap(trader.jsonp("send", data=nested), prefix=BRIDGE)
    assert [result["OrderStatus"] for result in relayed] == ["Ok", "Ok", "Ok"]


def test_osos_nested_past_five_levels_are_refused(sim):
    """tradestation/webapi-docs: en/orders.md allows any depth; ours stops at five (docs/decisions.md)."""
    order = _buy("0.50")
    for _ in range(6):
        order = _oso(_buy("1.00"), order)
    answer = sim.call("POST", "/orders", token=sim.token(), json=order)
    assert (answer.status_code, answer.json()) == (400, {"Message": "Please provide valid order input.",
                                                         "StatusCode": 400})
