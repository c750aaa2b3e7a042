"""Two defects that came from one rule kept in two places (issue 8), over real HTTP and the real services."""

import dataclasses

import pytest
import requests

from harness.jsonp import unwrap
from harness.orders import classic_order
from harness.sim_admin import admin
from harness.trader import Trader
from tradestation import errors as E
from tradestation.errors import ApiError


def held_grant(app, trader):
    """The trader's grant as a request read it, due for a refresh by the time that request goes on."""
    bridge = app.extensions["tsbridge"]
    return dataclasses.replace(bridge.grants.by_access_token(trader.token), refresh_at=0)


def test_a_grant_revoked_while_a_request_holds_it_gives_401_and_the_order_is_not_sent(app, bridge, simulator):
    trader = Trader(bridge.url)
    grant = held_grant(app, trader)
    trader.log_out()                     # the grant is gone while the request still holds it
    services = app.extensions["tsbridge"]
    before = admin(simulator, "stats")["orders"]
    order = classic_order()

    with pytest.raises(ApiError) as refused:
        services.relay.send(grant, order, "20101026")
    assert (refused.value.status, refused.value.message) == (401, E.UNAUTHORIZED)

    [row] = [row for row in services.journal.today("demo") if row.confirm_id == order["OrderConfirmId"]]
    assert row.state == "not_sent", "an order that never left the bridge is not 'unknown'"
    assert admin(simulator, "stats")["orders"] == before


def test_a_fresh_token_for_a_revoked_grant_is_the_wrapped_401(app, bridge):
    trader = Trader(bridge.url)
    grant = held_grant(app, trader)
    trader.log_out()
    services = app.extensions["tsbridge"]
    with pytest.raises(ApiError) as refused:
        services.calls.fresh(grant)
    assert refused.value.body() == {"Message": E.UNAUTHORIZED, "StatusCode": 401}


def test_a_cancel_replace_to_market_checks_its_prices_as_an_order_does(trader, simulator):
    resting = classic_order(OrderType="Limit", LimitPrice="1.00", Duration="GTC")
    [placed] = unwrap(trader.jsonp("send", data=resting))
    order_id = placed["OrderID"]
    replaced = unwrap(trader.jsonp(f"{order_id}/cancelreplace", data={
        "AccountKey": "281994", "OrderID": order_id, "OrderType": "Market", "Quantity": "10",
        "LimitPrice": "<script>"}))
    assert replaced == {"Message": E.INVALID_LIMIT, "StatusCode": 400}
    listing = requests.get(f"{simulator.url}/v2/accounts/281994/orders", timeout=10,
                           headers={"Authorization": f"Bearer {trader.token}"}).json()
    [still] = [entry for entry in listing if str(entry["OrderID"]) == order_id]
    assert (still["OrderType"], still["Status"]) == ("Limit", "OPN"), "nothing reached the simulator"

