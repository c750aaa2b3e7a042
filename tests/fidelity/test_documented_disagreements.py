"""Where TradeStation's documents disagree, a client written against any of them works with the default
settings. Each test names the pages that disagree."""

import requests

from harness.jsonp import BRIDGE, unwrap
from harness.orders import RESTING, classic_order


def test_a_client_of_any_document_finds_its_token_fields_by_default(sim):
    """tradestation/webapi-docs: en/objects/access-token-response.md and en/security/authorize.md name `token`
    and `refresh_token`; en/getting-started/security-overview.md names `RefreshToken`; tradestation/api-docs:
    spec/swagger.yaml names `access_token`. The default answer carries every name, with the same values."""
    body = sim.exchange(sim.code()).json()
    assert body["token"] == body["access_token"] and body["refresh_token"] == body["RefreshToken"]
    for access_field in ("token", "access_token"):
        assert sim.call("GET", "/users/demo/accounts", token=body[access_field]).status_code == 200
    for refresh_field in ("refresh_token", "RefreshToken"):
        again = sim.refresh(body[refresh_field]).json()
        assert again["token"] == again["access_token"]


def test_a_bare_token_and_a_bearer_token_both_authorize(sim):
    """tradestation/webapi-docs: en/orders/send-group-order.md (OCO Request) sends `Authorization: <token>`;
    its other pages send `Bearer <token>`; en/getting-started/request-throttling.md writes `bearer`."""
    token = sim.token()
    for header in (token, f"Bearer {token}", f"bearer {token}"):
        answer = requests.post(f"{sim.base}/orders", json=classic_order(**RESTING), timeout=10,
                               headers={"Authorization": header})
        assert answer.status_code == 200 and answer.json()[0]["OrderStatus"] == "Ok", header
    refused = requests.post(f"{sim.base}/orders", json=classic_order(**RESTING), timeout=10,
                            headers={"Authorization": "Basic abc"})
    assert refused.status_code == 401


def test_the_bridge_logs_in_against_the_default_token_answer(trader):
    """The bridge reads whichever names come (tradestation/tokens.py) and keeps each value once."""
    assert unwrap(trader.jsonp("send", data=classic_order(**RESTING)), prefix=BRIDGE)[0]["OrderStatus"] == "Ok"


# tradestation/webapi-docs: en/objects/update-order.md (Example JSON), byte for byte: a comma before the
# closing brace makes it not JSON.
UPDATE_OBJECT = """{
    "AccountKey": "123456",
    "LimitPrice": "10.00",
    "OrderID": "",
    "OrderType": "Limit",
    "Quantity": "10",
    "StopPrice": "0.00",
}"""


def test_the_update_order_objects_example_is_not_json_and_is_refused_clearly(sim, trader):
    """tradestation/webapi-docs: en/objects/update-order.md: refused with `Please provide valid order input.`,
    by the simulator and by the bridge (which sends nothing, and says where the JSON stops being JSON): JSON with a
    trailing comma is not read."""
    token = sim.token()
    [placed] = sim.call("POST", "/orders", token=token, json=classic_order(**RESTING)).json()
    answer = requests.put(f"{sim.base}/orders/{placed['OrderID']}", data=UPDATE_OBJECT, timeout=10,
                          headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    assert (answer.status_code, answer.json()) == (400, {"Message": "Please provide valid order input.",
                                                         "StatusCode": 400})
    relayed = unwrap(trader.jsonp(f"{placed['OrderID']}/cancelreplace", data=UPDATE_OBJECT), prefix=BRIDGE)
    assert relayed == {"Message": "Please provide valid order input. The data parameter is not JSON: expecting "
                                  "property name enclosed in double quotes at character 150.", "StatusCode": 400}
