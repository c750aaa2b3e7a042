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
