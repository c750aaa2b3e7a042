"""The JSONP twins over real HTTP: always 200, the jsonp-callback header, `name(json)`, errors wrapped."""

import json
from functools import partial

import pytest
import requests

from harness.jsonp import TRADESTATION, unwrap
from harness.orders import DOCUMENTED_DATA, RESTING, classic_order

# The contract's documented request, query string exactly as published (trailing encoded newline included).
DOCUMENTED_QUERY = f"data={DOCUMENTED_DATA}&callback=jQueryCallBack&oauth_token="
# The simulator's own tests send no OrderConfirmId unless they mean to: a client may leave it out.
limit_order = partial(classic_order, **RESTING, OrderConfirmId=None)


@pytest.mark.parametrize("simulator_config", [{"SIM_ORDER_ID_START": 208033621}], indirect=True)
def test_the_documented_request_gets_the_documented_answer(sim, simulator_config, demo_token):
    answer = requests.get(f"{sim.base}/jsonp/orders/send?{DOCUMENTED_QUERY}{demo_token}", timeout=10)
    assert answer.status_code == 200 and answer.headers["jsonp-callback"] == "jQueryCallBack"
    assert answer.text == ('jQueryCallBack([{"Message":"Sent order: Buy 20,000 USDJPY @ 1.000 Limit",'
                           '"OrderID":"208033621","OrderStatus":"Ok"}])')
    assert answer.headers["Content-Type"].startswith("text/javascript")


@pytest.mark.parametrize("simulator_config", [{"SIM_ORDER_ID_START": 208033617}], indirect=True)
def test_a_failed_cancel_is_the_documented_result(sim, simulator_config, demo_token):
    filled = unwrap(sim.jsonp("send", demo_token, limit_order(OrderType="Market", LimitPrice=None, Duration="DAY")),
                    prefix=TRADESTATION)
    assert filled[0]["OrderID"] == "208033617"
    answer = sim.jsonp("208033617/cancel", demo_token)
    assert answer.text == 'cb({"Message":"Not an open order.","OrderID":"208033617","OrderStatus":"Failed"})'


def test_cancel_and_cancel_replace_of_an_open_order(sim, demo_token):
    [sent] = unwrap(sim.jsonp("send", demo_token, limit_order()), prefix=TRADESTATION)
    order_id = sent["OrderID"]
    replaced = unwrap(sim.jsonp(f"{order_id}/cancelreplace", demo_token, {
        "AccountKey": "281994", "OrderID": order_id, "OrderType": "Limit", "Quantity": "15", "LimitPrice": "1.05"}),
        prefix=TRADESTATION)
    assert replaced == {"Message": "Cancel/Replace order sent.", "OrderID": order_id, "OrderStatus": "Ok"}
    cancelled = unwrap(sim.jsonp(f"{order_id}/cancel", demo_token), prefix=TRADESTATION)
    assert cancelled == {"Message": "Cancel order sent.", "OrderID": order_id, "OrderStatus": "Ok"}
    late = unwrap(sim.jsonp(f"{order_id}/cancelreplace", demo_token, {
        "AccountKey": "281994", "OrderID": order_id, "OrderType": "Market", "Quantity": "15"}), prefix=TRADESTATION)
    assert late == {"Message": "Not an open order.", "StatusCode": 400}


def test_confirm_and_group_confirm(sim, demo_token):
    [confirmation] = unwrap(sim.jsonp("confirm", demo_token, limit_order(Symbol="IBM", OrderType="Market",
                                                                         LimitPrice=None, Quantity="100")),
                            prefix=TRADESTATION)
    assert confirmation["EstimatedCostDisplay"] == "19,899.00"
    group = {"Type": "OCO", "Orders": [limit_order(), limit_order(LimitPrice="0.90")]}
    confirmations = unwrap(sim.jsonp("groups/confirm", demo_token, group), prefix=TRADESTATION)
    assert [c["SummaryMessage"] for c in confirmations] == ["Buy 10 ARNA @ 1.00 Limit", "Buy 10 ARNA @ 0.90 Limit"]
    refused = unwrap(sim.jsonp("groups/confirm", demo_token, {"Type": "OCO", "Orders": [limit_order()]}),
                     prefix=TRADESTATION)
    assert refused == {"Message": "Group order must include at least one pair of orders.", "StatusCode": 400}
    assert sim.stats()["orders"] == 0


def test_errors_are_wrapped_with_http_200(sim, demo_token):
    assert sim.jsonp("send", None, limit_order()).text == 'cb({"Message":"Unauthorized","StatusCode":401})'
    assert sim.jsonp("send", "forged", limit_order()).text == 'cb({"Message":"Unauthorized","StatusCode":401})'
    assert unwrap(sim.jsonp("send", demo_token, None), prefix=TRADESTATION) == {
        "Message": "Please provide valid order input.", "StatusCode": 400}
    assert unwrap(sim.jsonp("send", demo_token, "{not json"), prefix=TRADESTATION) == {
        "Message": "Please provide valid order input.", "StatusCode": 400}
    assert unwrap(sim.jsonp("send", demo_token, limit_order(), APIVersion="20010101"), prefix=TRADESTATION) == {
        "Message": "The APIVersion 20010101 is invalid", "StatusCode": 400}
    assert unwrap(sim.jsonp("nothing/here", demo_token), prefix=TRADESTATION) == {"Message": "Not Found",
                                                                                  "StatusCode": 404}


@pytest.mark.parametrize("simulator_config", [{"SIM_ERROR_RATE": 1.0}], indirect=True)
def test_a_server_error_is_wrapped_too(sim, simulator_config, demo_token):
    answer = sim.jsonp("send", demo_token, limit_order())
    assert answer.text == 'cb({"Message":"Internal Server Error","StatusCode":500})'
    assert sim.stats()["orders"] == 0


@pytest.mark.parametrize("callback", ["alert(1);x", "a b", "<script>", "1abc", "x" * 200, ""])
def test_a_bad_callback_is_a_plain_400_that_does_not_echo_it(sim, demo_token, callback):
    answer = sim.jsonp("send", demo_token, limit_order(), callback=callback)
    assert answer.status_code == 400 and answer.headers["Content-Type"].startswith("text/plain")
    assert "jsonp-callback" not in answer.headers
    if callback:
        assert callback not in answer.text
    assert sim.stats()["orders"] == 0


def test_jquery_names_and_cache_busters_are_fine(sim, demo_token):
    name = "jQuery171048671673075295985_1331849273756"
    answer = sim.jsonp("send", demo_token, limit_order(), callback=name, _="1331849273757")
    assert unwrap(answer, name, prefix=TRADESTATION)[0]["OrderStatus"] == "Ok"
    dotted = sim.jsonp("send", demo_token, limit_order(), callback="app.orders.onResult")
    assert unwrap(dotted, "app.orders.onResult", prefix=TRADESTATION)[0]["OrderStatus"] == "Ok"


def test_the_same_confirm_id_twice_over_jsonp_places_once(sim, demo_token):
    first = sim.jsonp("send", demo_token, limit_order(OrderConfirmId="jsonp-dup")).text
    second = sim.jsonp("send", demo_token, limit_order(OrderConfirmId="jsonp-dup")).text
    assert first == second and sim.stats()["orders"] == 1 and sim.stats()["duplicates_refused"] == 1


def test_rest_and_jsonp_share_one_book(sim, demo_token):
    [sent] = unwrap(sim.jsonp("send", demo_token, limit_order(OrderConfirmId="shared")), prefix=TRADESTATION)
    again = sim.call("POST", "/orders", token=demo_token, json=limit_order(OrderConfirmId="shared")).json()
    assert again == [sent]
    cancelled = sim.call("DELETE", f"/orders/{sent['OrderID']}", token=demo_token).json()
    assert cancelled["OrderStatus"] == "Ok"
    assert json.loads(sim.jsonp(f"{sent['OrderID']}/cancel", demo_token).text[3:-1])["Message"] == \
        "Not an open order."
