"""Every row of the contract's error table, as the simulator produces it over HTTP."""

from functools import partial

import pytest
import requests

from harness.orders import RESTING, classic_order
from tradestation import errors as E

# The simulator's own tests send no OrderConfirmId unless they mean to: a client may leave it out.
limit_order = partial(classic_order, **RESTING, OrderConfirmId=None)


def refusal(answer):
    return answer.status_code, answer.json()


def test_no_or_bad_token_is_unauthorized(sim):
    # The Error Handling page: the Orders service says "Authorization failure.", the others "Unauthorized".
    failure = (401, {"Message": "Authorization failure.", "StatusCode": 401})
    assert refusal(sim.call("POST", "/orders", json=limit_order())) == failure
    assert refusal(sim.call("POST", "/orders", token="not-a-token", json=limit_order())) == failure
    assert refusal(sim.call("DELETE", "/orders/208033601", token="not-a-token")) == failure
    expected = (401, {"Message": "Unauthorized", "StatusCode": 401})
    assert refusal(sim.call("GET", "/users/demo/accounts", headers={"Authorization": "Basic abc"})) == expected
    assert refusal(sim.call("GET", "/data/quote/MSFT")) == expected
    assert sim.stats()["orders"] == 0


def test_another_users_account_or_accounts_list_is_refused(sim, demo_token):
    assert refusal(sim.call("POST", "/orders", token=demo_token, json=limit_order(AccountKey="700001"))) == \
        (401, {"Message": E.NOT_YOUR_ACCOUNT, "StatusCode": 401})
    assert refusal(sim.call("GET", "/users/other/accounts", token=demo_token)) == \
        (401, {"Message": "User is not authorized to retrieve this account", "StatusCode": 401})
    assert sim.stats()["orders"] == 0


def test_an_unknown_account_is_invalid(sim, demo_token):
    assert refusal(sim.call("POST", "/orders", token=demo_token, json=limit_order(AccountKey="999999"))) == \
        (400, {"Message": "Invalid account.", "StatusCode": 400})
    assert refusal(sim.call("GET", "/accounts/999999/orders", token=demo_token)) == \
        (400, {"Message": "Invalid account.", "StatusCode": 400})


@pytest.mark.parametrize("fields, message", [
    ({"AccountKey": None}, "Invalid Request. Order input is incomplete, missing field AccountKey"),
    ({"TradeAction": None}, "Invalid Request. Order input is incomplete, missing field TradeAction"),
    ({"OrderType": None}, "Missing order type."),
    ({"OrderType": "Bogus"}, "Invalid order type."),
    ({"Quantity": None}, "Missing order quantity."),
    ({"Symbol": None}, "Missing order symbol."),
    ({"LimitPrice": None}, "Missing order limit price."),
    ({"LimitPrice": "abc"}, "Invalid limit price."),
    ({"OrderType": "StopMarket", "LimitPrice": None}, "Missing order stop price."),
    ({"OrderType": "StopMarket", "LimitPrice": None, "StopPrice": "-1"}, "Invalid stop price."),
    ({"Duration": None}, "Order failed. Reason: Missing TIF"),
    ({"Colour": "red"}, "Please provide valid order input."),
])
def test_bad_or_missing_pieces_of_an_order(sim, demo_token, fields, message):
    for path in ("/orders", "/orders/confirm"):
        answer = sim.call("POST", path, token=demo_token, json=limit_order(**fields))
        assert refusal(answer) == (400, {"Message": message, "StatusCode": 400})
    assert sim.stats()["orders"] == 0


def test_a_body_that_is_not_an_order(sim, demo_token):
    for body in (b"", b"[1, 2]", b"{\"a\": 1, \"a\": 2}", b"not json"):
        answer = sim.call("POST", "/orders", token=demo_token, data=body, headers={"Content-Type": "application/json"})
        assert refusal(answer) == (400, {"Message": "Please provide valid order input.", "StatusCode": 400})


@pytest.mark.parametrize("group, message", [
    ([], "Please provide valid group order input."),
    ({"Type": "OCO"}, "Please provide valid group order input."),
    ({"Type": "XYZ", "Orders": [limit_order(), limit_order()]}, "Please provide valid group order type."),
    ({"Type": "OCO", "Orders": [limit_order()]}, "Group order must include at least one pair of orders."),
    ({"Type": "BRK", "Orders": [limit_order()]}, "Group order must include at least one pair of orders."),
])
def test_bad_groups(sim, demo_token, group, message):
    for path in ("/orders/groups", "/orders/groups/confirm"):
        answer = sim.call("POST", path, token=demo_token, json=group)
        assert refusal(answer) == (400, {"Message": message, "StatusCode": 400})


def test_cancel_and_replace_refusals(sim, demo_token):
    assert refusal(sim.call("DELETE", "/orders/", token=demo_token)) == \
        (400, {"Message": "Missing order ID.", "StatusCode": 400})
    assert refusal(sim.call("PUT", "/orders", token=demo_token, json={})) == \
        (400, {"Message": "Missing order ID.", "StatusCode": 400})
    assert refusal(sim.call("DELETE", "/orders/abc", token=demo_token)) == \
        (400, {"Message": "Invalid order ID.", "StatusCode": 400})
    assert refusal(sim.call("DELETE", "/orders/999999999", token=demo_token)) == \
        (400, {"Message": "Failed to cancel order.", "StatusCode": 400})
    [sent] = sim.call("POST", "/orders", token=demo_token, json=limit_order()).json()
    order_id = sent["OrderID"]
    mismatched = {"AccountKey": "281994", "OrderID": "123", "OrderType": "Limit", "Quantity": "5", "LimitPrice": "1"}
    assert refusal(sim.call("PUT", f"/orders/{order_id}", token=demo_token, json=mismatched)) == \
        (400, {"Message": "Invalid order ID.", "StatusCode": 400})
    sim.call("DELETE", f"/orders/{order_id}", token=demo_token)
    replacement = dict(mismatched, OrderID=order_id)
    assert refusal(sim.call("PUT", f"/orders/{order_id}", token=demo_token, json=replacement)) == \
        (400, {"Message": "Not an open order.", "StatusCode": 400})


def test_an_unknown_resource_is_not_found(sim, demo_token):
    for path in ("/nothing", "/orders/1/extra", "/data/quote/"):
        answer = sim.call("GET", path, token=demo_token)
        assert refusal(answer) == (404, {"Message": "Not Found", "StatusCode": 404})
    outside = requests.get(f"{sim.url}/favicon.ico", timeout=10)
    assert outside.status_code == 404 and outside.json()["Message"] == "Not Found"


@pytest.mark.parametrize("simulator_config", [{"SIM_ERROR_RATE": 1.0}], indirect=True)
def test_a_server_error_in_tradestations_shape(sim, simulator_config, demo_token):
    answer = sim.call("POST", "/orders", token=demo_token, json=limit_order())
    assert refusal(answer) == (500, {"Message": "Internal Server Error", "StatusCode": 500})
    assert sim.stats()["orders"] == 0 and sim.stats()["injected_errors"] == 1


def test_an_unhandled_exception_is_a_500_in_tradestations_shape_never_a_page(sim):
    answer = sim.admin("POST", "raise")
    assert answer.status_code == 500 and answer.headers["Content-Type"].startswith("application/json")
    assert answer.json() == {"Message": "Internal Server Error", "StatusCode": 500}


def test_api_version_refusals_use_their_nested_shape(sim, demo_token):
    bad_format = sim.call("POST", "/orders", token=demo_token, json=limit_order(), api_version="2001")
    assert refusal(bad_format) == (400, {"Error": {"StatusCode": 400, "Message": (
        "The APIVersion 2001 has an invalid format. The APIVersion must be numeric and in this pattern YYYYMMDD")}})
    unknown = sim.call("GET", "/users/demo/accounts", token=demo_token, api_version="20010101")
    assert refusal(unknown) == (400, {"Error": {"StatusCode": 400, "Message": "The APIVersion 20010101 is invalid"}})
    assert sim.call("GET", "/users/demo/accounts", token=demo_token, api_version="20101026").status_code == 200
