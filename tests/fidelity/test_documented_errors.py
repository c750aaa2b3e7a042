"""The rows of TradeStation's documented error tables that a request can reach, each with the documented
status and words. Every test names its page (repository: path) in SOURCE or its docstring."""

import datetime
import time

import pytest
import requests

from harness.jsonp import BRIDGE, TRADESTATION, unwrap
from harness.orders import RESTING, classic_order

ERRORS_PAGE = "tradestation/webapi-docs: en/getting-started/error-handling.md (also in webapi-docs-v2)"
ORDERS_PAGE = "tradestation/webapi-docs: en/orders.md (Trailing Stop, Errors)"


def refusal(answer):
    return answer.status_code, answer.json()


def test_a_refused_token_on_an_order_call_is_authorization_failure(sim):
    """tradestation/webapi-docs: en/getting-started/error-handling.md, Orders: 401 Authorization failure. (REST);
    the JSONP page's 401 is Unauthorized."""
    for method, path in (("POST", "/orders"), ("POST", "/orders/confirm"), ("POST", "/orders/groups"),
                         ("PUT", "/orders/208033601"), ("DELETE", "/orders/208033601")):
        answer = sim.call(method, path, token="not-a-token", json=classic_order())
        assert refusal(answer) == (401, {"Message": "Authorization failure.", "StatusCode": 401}), path
    wrapped = unwrap(sim.jsonp("send", "not-a-token", classic_order()), prefix=TRADESTATION)
    assert wrapped == {"Message": "Unauthorized", "StatusCode": 401}


def test_another_users_accounts_are_not_retrieved(sim):
    """tradestation/webapi-docs: en/getting-started/error-handling.md, Users: 401 User is not authorized to
    retrieve this account."""
    answer = sim.call("GET", "/users/other/accounts", token=sim.token())
    assert refusal(answer) == (401, {"Message": "User is not authorized to retrieve this account",
                                     "StatusCode": 401})


def test_the_bridge_relays_a_documented_refusal_in_its_words(trader):
    """tradestation/webapi-docs: en/getting-started/error-handling.md, Orders: a documented refusal comes back in
    the documented words through the bridge."""
    answer = unwrap(trader.jsonp("send", data=classic_order(AccountKey="700001", **RESTING)), prefix=BRIDGE)
    assert answer == {"Message": "Order failed. Reason: Request originator is not authorized to trade this account",
                      "StatusCode": 401}


def _trailing(order_type, by_points, value, **changes):
    order = classic_order(AccountKey="987654", Symbol="ARNA", OrderType=order_type, StopPrice="2.00",
                          Duration="GTC", AdvancedOptions={"TrailingStop": {"ByPoints": by_points, "Value": value}})
    if order_type in ("Limit", "StopLimit"):
        order["LimitPrice"] = "3.00"
    order.update(changes)
    return order


TRAILING_ROWS = [
    pytest.param(_trailing("Limit", True, 3), "Order failed. Reason: Trailing stop is valid for stop orders only",
                 id="limit"),
    pytest.param(_trailing("Market", True, 3, StopPrice=None), "Order failed. Reason: Trailing stop is valid for "
                 "stop orders only", id="market"),
    pytest.param(_trailing("StopLimit", True, 3),
                 "Order failed. Reason: Trailing stop limit order requires an Auto-Limit condition", id="stoplimit"),
    pytest.param(_trailing("StopMarket", True, 1.5), "Failed to build order: Invalid trailing stop number by points",
                 id="points-1.5"),
    pytest.param(_trailing("StopMarket", True, "0"), "Failed to build order: Invalid trailing stop number by points",
                 id="points-0"),
    pytest.param(_trailing("StopMarket", False, "1.255"),
                 "Failed to build order confirmation: Invalid trailing stop number by percentage", id="percent-1.255"),
    pytest.param(_trailing("StopMarket", False, "150"),
                 "Failed to build order confirmation: Invalid trailing stop number by percentage", id="percent-150"),
]


@pytest.mark.parametrize("order, message", TRAILING_ROWS)
def test_the_trailing_stop_errors(sim, order, message):
    """tradestation/webapi-docs: en/orders.md, Trailing Stop: its four errors, each 400 in its words."""
    order = {key: value for key, value in order.items() if value is not None}
    token = sim.token()
    for path in ("/orders", "/orders/confirm"):
        assert refusal(sim.call("POST", path, token=token, json=order)) == (400, {"Message": message,
                                                                                  "StatusCode": 400})
    assert sim.stats()["orders"] == 0


def test_trailing_stops_the_orders_page_allows(sim):
    """tradestation/webapi-docs: en/orders.md, Trailing Stop: points as whole numbers, percentages with two
    decimals, on StopMarket orders."""
    token = sim.token()
    for by_points, value in ((True, 3), (True, "12"), (False, "1.25"), (False, 0.5)):
        [result] = sim.call("POST", "/orders", token=token, json=_trailing("StopMarket", by_points, value)).json()
        assert result["OrderStatus"] == "Ok", result
    assert result["Message"] == "Sent order: Buy 10 ARNA @  Stop Market - Trl: 0.5%"


def test_the_bridge_refuses_a_trailing_stop_in_the_documented_words(trader):
    """tradestation/webapi-docs: en/orders.md, Trailing Stop errors, through the bridge's JSONP."""
    answer = unwrap(trader.jsonp("send", data=_trailing("Limit", True, 3)), prefix=BRIDGE)
    assert answer == {"Message": "Order failed. Reason: Trailing stop is valid for stop orders only", "StatusCode": 400}


def test_the_since_date_errors(sim):
    """tradestation/webapi-docs: en/getting-started/error-handling.md, Accounts: 400 and 403 for a since date;
    how far back: en/accounts/orders.md (14 days; webapi-docs-v2: 30) and tradestation/api-docs:
    spec/swagger.yaml (90): the simulator answers the widest."""
    token = sim.token()
    today = datetime.datetime.now(datetime.timezone.utc)
    for bad in ("2024-01-01", "13-01-2026", "yesterday"):
        answer = sim.call("GET", "/accounts/281994/orders", token=token, params={"since": bad})
        assert refusal(answer) == (400, {"Message": "The supplied since date is invalid.", "StatusCode": 400})
    old = (today - datetime.timedelta(days=92)).strftime("%m-%d-%Y")
    answer = sim.call("GET", "/accounts/281994/orders", token=token, params={"since": old})
    assert refusal(answer) == (403, {"Message": "The supplied since date is invalid. Can not return order history "
                                                "older than 90 day(s).", "StatusCode": 403})
    for days in (14, 30, 89):
        since = (today - datetime.timedelta(days=days)).strftime("%m-%d-%Y")
        answer = sim.call("GET", "/accounts/281994/orders", token=token, params={"since": since})
        assert answer.status_code == 200 and answer.json() == [], (days, answer.text)


def test_the_quota_answer_of_the_request_throttling_page(sim):
    """tradestation/webapi-docs: en/getting-started/request-throttling.md (Example 101st Request, Example Failed
    Response): `GET /v2/data/quotes/IBM,NFLX,MSFT,AMZN,AAPL` with `Authorization: bearer …`, answered past the
    quota with `403 Quota Exceeded` and `<html><body>Quota Exceeded</body></html>`. The page's 101st is its old
    quota (500 symbols in 5 minutes); the simulator keeps the Rate Limiting page's (30 quote snapshots a minute,
    tradestation/quotas.py), so the example's request meets the refusal at the 31st."""
    token = sim.token()
    http = requests.Session()
    http.headers.update({"Authorization": f"bearer {token}", "Accept": "application/json"})
    url = f"{sim.base}/data/quotes/IBM,NFLX,MSFT,AMZN,AAPL"
    for _ in range(30):
        answer = http.get(url, timeout=10)
        assert answer.status_code == 200 and [quote["Symbol"] for quote in answer.json()] == [
            "IBM", "NFLX", "MSFT", "AMZN", "AAPL"]
    refused = http.get(url, timeout=10)
    assert (refused.status_code, refused.reason) == (403, "Quota Exceeded")
    assert refused.text == "<html><body>Quota Exceeded</body></html>"
    # The JSONP twins wrap it as every JSONP error is wrapped (the JSONP page); an order call is in no quota
    # category, so its refusal is the queued one.
    sim.admin("POST", "next-orders", json={"fault": "quota", "count": 1})
    assert unwrap(sim.jsonp("send", token, classic_order(**RESTING)), prefix=TRADESTATION) == {
        "Message": "Quota Exceeded", "StatusCode": 403}


def test_the_bridge_reads_the_quota_page_as_the_quota_refusal(sim, trader):
    """tradestation/webapi-docs: en/getting-started/request-throttling.md: the HTML answer's words reach the
    page as TradeStation's, not as an unknown server error."""
    sim.admin("POST", "next-orders", json={"fault": "quota", "count": 1})
    assert unwrap(trader.jsonp("send", data=classic_order(**RESTING)), prefix=BRIDGE) == {
        "Message": "Quota Exceeded", "StatusCode": 403}
    assert unwrap(trader.jsonp("send", data=classic_order(**RESTING)), prefix=BRIDGE)[0]["OrderStatus"] == "Ok"


def test_the_authorize_rows(sim):
    """tradestation/webapi-docs: en/getting-started/error-handling.md, Authorize: the four 401s."""
    code = sim.code()
    assert refusal(sim.exchange(code, redirect_uri="http://127.0.0.1:9999/other")) == (401, {
        "Message": "Exception of type 'TradeStation.Web.Services.AuthorizationException' was thrown.",
        "StatusCode": 401})
    assert refusal(sim.exchange(code, secret="wrong")) == (401, {"Message": "API key failure", "StatusCode": 401})
    assert refusal(sim.refresh("no-such-token")) == (401, {"Message": "Authorization failed", "StatusCode": 401})


@pytest.mark.parametrize("simulator_config", [{"SIM_CODE_LIFETIME": 1}], indirect=True)
def test_an_expired_code(sim, simulator_config):
    """tradestation/webapi-docs: en/getting-started/error-handling.md, Authorize: Authorization code expired."""
    code = sim.code()
    time.sleep(1.2)
    assert refusal(sim.exchange(code)) == (401, {"Message": "Authorization code expired", "StatusCode": 401})


@pytest.mark.parametrize("member", [None, "order", [], {}], ids=repr)
def test_a_group_member_that_is_not_an_order(sim, member):
    """tradestation/webapi-docs: en/getting-started/error-handling.md, Orders: 400 Please provide each order
    input for the group order."""
    group = {"Type": "OCO", "Orders": [classic_order(**RESTING), member]}
    for path in ("/orders/groups", "/orders/groups/confirm"):
        assert refusal(sim.call("POST", path, token=sim.token(), json=group)) == (400, {
            "Message": "Please provide each order input for the group order.", "StatusCode": 400})


def test_the_symbol_lookup_rows(sim):
    """tradestation/webapi-docs (and webapi-docs-v2): en/getting-started/error-handling.md, Data (Invalid strike
    price., Missing search criteria for Forex Symbol Lookup...) and Symbol Lookup (404 NO DATA AVAILABLE),
    reached with the criteria of en/data/symbol-lookup.md (Spl, Sph, Stk; N, Desc)."""
    token = sim.token()

    def search(criteria):
        answer = sim.call("GET", f"/data/symbols/search/{criteria}", token=token)
        return answer.status_code, answer.json()

    for criteria in ("c=so&r=MSFT&spl=abc", "c=so&r=MSFT&sph=1e999", "c=so&r=MSFT&stk=many"):
        assert search(criteria) == (400, {"Message": "Invalid strike price.", "StatusCode": 400}), criteria
    assert search("c=fx") == (400, {"Message": "Missing search criteria for Forex Symbol Lookup. Either Symbol "
                                               "Name or Description is required.", "StatusCode": 400})
    status, found = search("c=so&r=MSFT&spl=400&sph=450")
    assert status == 200 and [entry["Name"] for entry in found] == ["MSFT 261218C420"]
    for criteria in ("c=so&r=MSFT&spl=500", "n=zzzzz&c=stock"):
        assert search(criteria) == (404, {"Message": "NO DATA AVAILABLE", "StatusCode": 404}), criteria


def test_the_cancel_replace_503(sim):
    """tradestation/webapi-docs: en/getting-started/error-handling.md, Orders: 503 Service Unavailable, Failed to
    Cancel/Replace order. Met when TradeStation cannot take a change: queued with the `unavailable` fault, the
    change is answered so and the order is left as it was."""
    token = sim.token()
    [placed] = sim.call("POST", "/orders", token=token, json=classic_order(**RESTING)).json()
    sim.admin("POST", "next-orders", json={"fault": "unavailable", "count": 1})
    change = {"AccountKey": "281994", "OrderID": placed["OrderID"], "OrderType": "Limit", "Quantity": "20",
              "LimitPrice": "1.00"}
    answer = sim.call("PUT", f"/orders/{placed['OrderID']}", token=token, json=change)
    assert refusal(answer) == (503, {"Message": "Failed to Cancel/Replace order.", "StatusCode": 503}), ERRORS_PAGE
    [listed] = sim.call("GET", "/accounts/281994/orders", token=token).json()
    assert (listed["Quantity"], listed["Status"]) == (10, "OPN")
