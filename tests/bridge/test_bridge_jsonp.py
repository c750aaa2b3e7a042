"""The bridge's JSONP endpoints over real HTTP, with the simulator as upstream."""

import json
from urllib.parse import quote

import pytest
import requests

from harness.jsonp import unwrap
from harness.orders import DOCUMENTED_DATA, SEED_BODY, classic_order

SEED = json.loads(SEED_BODY)


def test_the_documented_classic_request_is_relayed_and_wrapped_as_tradestation_does(bridge, trader, simulator_stats):
    before = simulator_stats()["orders"]
    response = requests.get(f"{bridge.url}/jsonp/orders/send?data={DOCUMENTED_DATA}&callback=jQueryCallBack"
                            f"&oauth_token={quote(trader.token)}")
    assert response.status_code == 200
    assert response.headers["jsonp-callback"] == "jQueryCallBack"
    assert response.headers["Content-Type"].startswith("text/javascript")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.text.startswith("/**/jQueryCallBack([")
    [result] = unwrap(response, "jQueryCallBack")
    assert result["Message"] == "Sent order: Buy 20,000 USDJPY @ 1.000 Limit"
    assert result["OrderStatus"] == "Ok" and result["OrderID"].isdigit()
    assert simulator_stats()["orders"] == before + 1


def test_the_seed_2015_order_is_relayed_in_its_dialect(trader):
    response = trader.jsonp("send", data=SEED, APIVersion="20150101")
    [result] = unwrap(response)
    assert result["Message"] == "Sent order: Buy 5 JP:8698-TS"
    assert result["Status"] == "Success" and isinstance(result["Id"], int)


def test_a_jquery_style_callback_and_cache_buster_are_accepted(trader):
    name = "jQuery171048671673075295985_1331849273756"
    response = trader.jsonp("send", data=classic_order(), callback=name, _="1331849273757")
    assert response.headers["jsonp-callback"] == name
    assert unwrap(response, name)[0]["OrderStatus"] == "Ok"


@pytest.mark.parametrize("callback", ["alert(1);//", "a..b", "<script>", "", "1abc", "a" * 200, "x-y"])
def test_a_bad_callback_name_is_refused_without_echo(trader, callback, simulator_stats):
    before = simulator_stats()["orders"]
    response = trader.jsonp("send", data=classic_order(), callback=callback)
    assert response.status_code == 400
    assert response.headers["Content-Type"].startswith("text/plain")
    assert callback not in response.text or callback == ""
    assert simulator_stats()["orders"] == before


def test_a_repeated_callback_is_refused(bridge, trader):
    response = requests.get(f"{bridge.url}/jsonp/orders/send", params=[
        ("data", json.dumps(classic_order())), ("callback", "a"), ("callback", "b"), ("oauth_token", trader.token)])
    assert response.status_code == 400 and "jsonp-callback" not in response.headers


def test_a_missing_or_unknown_token_is_a_wrapped_401(trader):
    for token in (None, "not-a-token"):
        response = trader.jsonp("send", data=classic_order(), oauth_token=token)
        assert response.status_code == 200
        assert unwrap(response) == {"Message": "Unauthorized", "StatusCode": 401}


def test_the_session_cookie_alone_places_nothing(trader):
    # A page on another site can make the browser send our cookie, but not the token.
    response = trader.http.get(f"{trader.bridge}/jsonp/orders/send",
                               params={"data": json.dumps(classic_order()), "callback": "cb"})
    assert unwrap(response) == {"Message": "Unauthorized", "StatusCode": 401}


@pytest.mark.parametrize("data, message", [
    ("{", "Please provide valid order input. The data parameter is not JSON: expecting property name enclosed in "
          "double quotes at character 2."),
    ("[]", "Please provide valid order input. The order must be a JSON object of its fields."),
    ("", "Please provide valid order input. The data parameter is empty: it carries the order as JSON."),
    ('{"Quantity": NaN}', "Please provide valid order input. The data parameter is not an order: NaN is not a JSON "
                          "number."),
    (json.dumps(classic_order(Symbol=None)), "Missing order symbol."),
    (json.dumps(classic_order(Symbol="msft")), "Invalid order symbol. Symbols are upper case, e.g. MSFT."),
    (json.dumps(classic_order(OrderType="Limit")), "Missing order limit price."),
    (json.dumps(classic_order(OrderType="Limit", LimitPrice="cheap")), "Invalid limit price."),
    (json.dumps(classic_order(OrderType=None)), "Missing order type."),
    (json.dumps(classic_order(OrderType="Peg")),
     "Invalid order type. OrderType must be one of Market, Limit, StopMarket, StopLimit."),
    (json.dumps(classic_order(Quantity=None)), "Missing order quantity."),
    (json.dumps(classic_order(Duration=None)), "Order failed. Reason: Missing TIF"),
    (json.dumps(classic_order(AccountKey=None)),
     "Invalid Request. Order input is incomplete, missing field AccountKey"),
])
def test_malformed_data_is_a_wrapped_400_and_nothing_is_relayed(trader, data, message, simulator_stats):
    before = simulator_stats()["orders"]
    response = trader.jsonp("send", data=data)
    assert response.status_code == 200
    assert unwrap(response) == {"Message": message, "StatusCode": 400}
    assert simulator_stats()["orders"] == before


def test_an_unknown_api_version_is_refused_with_tradestations_words(trader):
    assert unwrap(trader.jsonp("send", data=classic_order(), APIVersion="20010101")) == \
        {"Message": "The APIVersion 20010101 is invalid", "StatusCode": 400}


def test_a_refusal_by_tradestation_is_wrapped_unchanged(trader):
    # The other user's account: the simulator refuses it with the contract's 401 wording.
    refused = unwrap(trader.jsonp("send", data=classic_order(AccountKey="700001")))
    assert refused == {"Message": "Order failed. Reason: Request originator is not authorized to trade this account",
                       "StatusCode": 401}
    unknown = unwrap(trader.jsonp("send", data=classic_order(AccountKey="999999")))
    assert unknown == {"Message": "Invalid account.", "StatusCode": 400}


def test_the_upstream_down_is_a_wrapped_503_saying_nothing_was_sent(trader, simulator):
    simulator.shutdown()
    order = classic_order()
    answer = unwrap(trader.jsonp("send", data=order))
    assert answer["StatusCode"] == 503
    assert "The order was not sent and can be placed again." in answer["Message"]
    [row] = [row for row in trader.journal() if row["confirm_id"] == order["OrderConfirmId"]]
    assert row["state"] == "not_sent"


@pytest.mark.parametrize("simulator_config", [{"SIM_TOKEN_LIFETIME": 2}], indirect=True)
def test_an_expired_token_is_refused_and_the_page_gets_a_fresh_one(trader, simulator_stats, clock):
    old = trader.token
    clock.shift(2.5)
    before = simulator_stats()["orders"]
    assert unwrap(trader.jsonp("send", data=classic_order(), oauth_token=old)) == \
        {"Message": "Unauthorized", "StatusCode": 401}
    fresh = trader.http.get(f"{trader.bridge}/auth/token").json()
    assert fresh["access_token"] != old and fresh["userid"] == "demo"
    [result] = unwrap(trader.jsonp("send", data=classic_order(), oauth_token=fresh["access_token"]))
    assert result["OrderStatus"] == "Ok" and simulator_stats()["orders"] == before + 1


def test_after_logout_the_token_is_refused(trader):
    token = trader.token
    trader.log_out()
    assert unwrap(trader.jsonp("send", data=classic_order(), oauth_token=token)) == \
        {"Message": "Unauthorized", "StatusCode": 401}


def test_confirm_cancel_and_replace_go_through_the_bridge(trader):
    confirmation = unwrap(trader.jsonp("confirm", data=classic_order(Quantity="100", Symbol="IBM")))
    assert confirmation[0]["SummaryMessage"] == "Buy 100 IBM @ Market"
    assert confirmation[0]["EstimatedCostDisplay"]

    resting = classic_order(OrderType="Limit", LimitPrice="1.00", Duration="GTC")
    [placed] = unwrap(trader.jsonp("send", data=resting))
    order_id = placed["OrderID"]
    replaced = unwrap(trader.jsonp(f"{order_id}/cancelreplace", data={
        "AccountKey": "281994", "OrderID": order_id, "OrderType": "Limit", "Quantity": "5", "LimitPrice": "1.50"}))
    assert replaced["Message"] == "Cancel/Replace order sent."
    cancelled = unwrap(trader.jsonp(f"{order_id}/cancel"))
    assert cancelled["OrderStatus"] == "Ok"
    # The same cancel again is a repeat, answered as the first time (tests/safety/test_change_once.py); under an
    # OrderConfirmId of its own it is a new request, and TradeStation refuses it.
    assert unwrap(trader.jsonp(f"{order_id}/cancel")) == cancelled
    again = unwrap(trader.jsonp(f"{order_id}/cancel", OrderConfirmId="cancel-again"))
    assert again["Message"] == "Not an open order." and again["OrderStatus"] == "Failed"
    assert unwrap(trader.jsonp("abc/cancel")) == {"Message": "Invalid order ID.", "StatusCode": 400}


def test_a_group_confirm_goes_through_the_bridge(trader):
    group = {"Type": "OCO", "Orders": [classic_order(OrderType="Limit", LimitPrice="1.00", Duration="GTC"),
                                       classic_order(OrderType="Limit", LimitPrice="1.10", Duration="GTC")]}
    confirmations = unwrap(trader.jsonp("groups/confirm", data=group))
    assert len(confirmations) == 2
    assert unwrap(trader.jsonp("groups/confirm", data={"Type": "OCO", "Orders": [classic_order()]})) == \
        {"Message": "Group order must include at least one pair of orders.", "StatusCode": 400}


def test_the_same_order_confirm_id_places_once_and_answers_the_same(trader, simulator_stats):
    before = simulator_stats()["orders"]
    order = classic_order()
    first = unwrap(trader.jsonp("send", data=order))
    second = unwrap(trader.jsonp("send", data=order))
    assert first == second and first[0]["OrderStatus"] == "Ok"
    assert simulator_stats()["orders"] == before + 1


def test_an_order_without_confirm_id_is_given_one_before_relaying(trader):
    [result] = unwrap(trader.jsonp("send", data=classic_order(OrderConfirmId=None)))
    [row] = [row for row in trader.journal() if row["order_id"] == result["OrderID"]]
    assert len(row["confirm_id"]) == 22 and row["state"] == "placed"


def test_the_journal_says_when_the_bridge_refreshed_a_refused_token_and_sent_again(trader, simulator, simulator_stats):
    """The JSONP answer stays TradeStation's; the journal row tells the page what happened on the way."""
    from harness.sim_admin import admin
    plain = classic_order()
    [result] = unwrap(trader.jsonp("send", data=plain))
    assert result["OrderStatus"] == "Ok"
    assert admin(simulator, "expire-tokens", {})["expired"] >= 1
    retried = classic_order()
    [result] = unwrap(trader.jsonp("send", data=retried))        # the page's token is still the bridge's
    assert result["OrderStatus"] == "Ok" and simulator_stats()["orders"] == 2
    rows = {row["confirm_id"]: row for row in trader.journal()}
    assert rows[plain["OrderConfirmId"]]["token_refreshed"] is False
    assert rows[retried["OrderConfirmId"]]["token_refreshed"] is True
    assert rows[retried["OrderConfirmId"]]["updated_at"] >= rows[retried["OrderConfirmId"]]["created_at"]
