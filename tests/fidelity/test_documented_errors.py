"""The rows of TradeStation's documented error tables that a request can reach, each with the documented
status and words. Every test names its page (repository: path) in SOURCE or its docstring."""

import pytest
import requests

from harness.jsonp import BRIDGE, TRADESTATION, unwrap
from harness.orders import RESTING, classic_order

ERRORS_PAGE = "tradestation/webapi-docs: en/getting-started/error-handling.md (also in webapi-docs-v2)"
ORDERS_PAGE = "tradestation/webapi-docs: en/orders.md (Trailing Stop, Errors)"


def refusal(answer):
    return answer.status_code, answer.json()


def test_a_refused_token_on_an_order_call_is_authorization_failure(sim):
    """tradestation/webapi-docs: en/getting-started/error-handling.md, Orders: 401 Authorization failure. (REST); the JSONP page's 401 is Unauthorized."""
    for method, path in (("POST", "/orders"), ("POST", "/orders/confirm"), ("POST", "/orders/groups"),
                         ("PUT", "/orders/208033601"), ("DELETE", "/orders/208033601")):
        answer = sim.call(method, path, token="not-a-token", json=classic_order())
        assert refusal(answer) == (401, {"Message": "Authorization failure.", "StatusCode": 401}), path
    wrapped = unwrap(sim.jsonp("send", "not-a-token", classic_order()), prefix=TRADESTATION)
    assert wrapped == {"Message": "Unauthorized", "StatusCode": 401}


def test_another_users_accounts_are_not_retrieved(sim):
    """tradestation/webapi-docs: en/getting-started/error-handling.md, Users: 401 User is not authorized to retrieve this account."""
    answer = sim.call("GET", "/users/other/accounts", token=sim.token())
    assert refusal(answer) == (401, {"Message": "User is not authorized to retrieve this account",
                                     "StatusCode": 401})


def test_the_bridge_relays_a_documented_refusal_in_its_words(trader):
    """tradestation/webapi-docs: en/getting-started/error-handling.md, Orders: a documented refusal comes back in the documented words through the bridge."""
    answer = unwrap(trader.jsonp("send", data=classic_order(AccountKey="700001", **RESTING)), prefix=BRIDGE)
    assert answer == {"Message": "Order failed. Reason: Request originator is not authorized to trade this account",
                      "StatusCode": 401}
