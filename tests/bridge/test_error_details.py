"""The bridge's own refusals name the field and why, after TradeStation's words; the simulator, like TradeStation,
answers the words alone; and TradeStation's own answers come through the bridge as TradeStation gave them.

Each case is sent over real HTTP to the bridge and, as it is, to the simulator's JSONP (TradeStation's).
"""

import json

import pytest
import requests

from harness.jsonp import TRADESTATION, wrapped_error
from harness.orders import classic_order, global_order
from tradestation import errors as E
from tradestation.details import refuse_unknown
from tradestation.errors import ApiError
from tradestation.jsonp import BAD_CALLBACK, MISSING_CALLBACK, REPEATED_CALLBACK

REPLACEMENT = {"AccountKey": "281994", "OrderID": "208033600", "OrderType": "Limit", "Quantity": "5",
               "LimitPrice": "1.50"}


def misspelt(order, wrong, right):
    order = dict(order)
    order[wrong] = order.pop(right)
    return order


# (path, data as sent, APIVersion, TradeStation's words, what the bridge adds)
CASES = [
    ("send", misspelt(classic_order(), "Quantiy", "Quantity"), None, E.INVALID_ORDER,
     "Unknown field in the order: Quantiy (did you mean Quantity?)."),
    ("send", misspelt(classic_order(), "symbol", "Symbol"), None, E.INVALID_ORDER,
     "Unknown field in the order: symbol (did you mean Symbol?)."),
    ("send", '{"AccountKey": "281994",}', None, E.INVALID_ORDER,
     "The data parameter is not JSON: expecting property name enclosed in double quotes at character 25."),
    ("send", '{"Symbol": "MSFT", "Symbol": "IBM"}', None, E.INVALID_ORDER,
     "The data parameter is not an order: the field Symbol is given twice."),
    ("send", global_order(), None, E.INVALID_ORDER,
     "AccountId, Side, TimeInForce, Type are fields of the 2015 order: send it with APIVersion=20150101 (with none, "
     "an order is read as classic, APIVersion 20101026)."),
    ("send", classic_order(), "20150101", E.INVALID_ORDER,
     "AccountKey, Duration, OrderType, TradeAction are fields of the classic order: send it with "
     "APIVersion=20101026, or with none."),
    ("send", [classic_order()], None, E.INVALID_ORDER, "The order must be a JSON object of its fields."),
    ("send", None, None, E.INVALID_ORDER, "The data parameter is missing: it carries the order as JSON."),
    ("send", classic_order(AssetType="STK"), None, E.INVALID_ASSET, "AssetType must be one of EQ, OP, FU, FX."),
    ("send", classic_order(OrderType="Limit", LimitPrice="1.00", Duration="GTC", AdvancedOptions={"Trail": 1}), None,
     E.INVALID_ORDER, "Unknown field in AdvancedOptions: Trail. It may have MarketActivationRules, ShowOnlyQuantity, "
                      "TimeActivationRules, TrailingStop."),
    ("208033600/cancelreplace", dict(REPLACEMENT, Duration="GTC"), None, E.INVALID_ORDER,
     "Unknown field in a cancel-replace: Duration. It may have AccountKey, AdvancedOptions, AssetType, LimitPrice, "
     "OrderID, OrderType, Quantity, StopPrice, Symbol, TradeAction."),
    ("208033600/cancelreplace", dict(REPLACEMENT, OrderID="208033601"), None, E.INVALID_ORDER_ID,
     "The OrderID in data is not the order the URL names."),
]


def params_of(data, api_version):
    params = {}
    if data is not None:
        params["data"] = data if isinstance(data, str) else json.dumps(data)
    if api_version:
        params["APIVersion"] = api_version
    return params


@pytest.mark.parametrize("path, data, api_version, words, detail", CASES,
                         ids=[detail[:48] for *_, detail in CASES])
def test_the_bridge_names_the_field_and_why_after_tradestations_words(trader, sim, demo_token, simulator_stats,
                                                                       path, data, api_version, words, detail):
    before = simulator_stats()["orders"]
    params = params_of(data, api_version)
    at_bridge = wrapped_error(trader.jsonp(path, **params))
    assert at_bridge == {"Message": f"{words} {detail}", "StatusCode": 400}
    # TradeStation (the simulator) answers the same request with its words alone.
    query = {key: value for key, value in params.items() if key != "data"}
    at_tradestation = wrapped_error(sim.jsonp(path, demo_token, data=params.get("data"), **query), prefix=TRADESTATION)
    assert at_tradestation == {"Message": words, "StatusCode": 400}
    assert simulator_stats()["orders"] == before


def test_tradestations_own_refusal_comes_through_as_tradestation_gave_it(trader):
    assert wrapped_error(trader.jsonp("send", data=classic_order(AccountKey="999999"))) == {
        "Message": E.INVALID_ACCOUNT, "StatusCode": 400}
    assert wrapped_error(trader.jsonp("send", data=classic_order(), APIVersion="20010101")) == {
        "Message": "The APIVersion 20010101 is invalid", "StatusCode": 400}


@pytest.mark.parametrize("callbacks, words", [
    ([], MISSING_CALLBACK),
    (["cb", "cb2"], REPEATED_CALLBACK),
    (["alert(1)"], BAD_CALLBACK),
    ([""], BAD_CALLBACK),
])
def test_a_callback_problem_is_named_and_nothing_is_echoed(trader, simulator_stats, callbacks, words):
    before = simulator_stats()["orders"]
    answer = requests.get(f"{trader.bridge}/jsonp/orders/send", timeout=10,
                          params=[("data", json.dumps(classic_order())), ("oauth_token", trader.token)]
                          + [("callback", name) for name in callbacks])
    assert (answer.status_code, answer.text, answer.headers["Content-Type"]) == (400, words,
                                                                                 "text/plain; charset=utf-8")
    assert simulator_stats()["orders"] == before


@pytest.mark.parametrize("data, known, detail", [
    ({"Quantiy": 1}, {"Quantity"}, "Unknown field in it: Quantiy (did you mean Quantity?)."),
    ({"QUANTITY": 1}, {"Quantity"}, "Unknown field in it: QUANTITY (did you mean Quantity?)."),
    ({"Colour": 1, "Size": 2}, {"Quantity"}, "Unknown fields in it: Colour, Size."),
    ({"<img src=x>": 1}, {"Quantity"}, "Unknown field in it: (a name that is not a field name)."),
    ({"x" * 41: 1}, {"Quantity"}, "Unknown field in it: (a name that is not a field name)."),
    ({"Side": 1}, {"TradeAction"}, "Side is a field of the other one."),
])
def test_an_unknown_field_is_named_with_what_was_most_likely_meant(data, known, detail):
    with pytest.raises(ApiError) as refused:
        refuse_unknown(data, known, within="it", other=({"Side"}, "the other one"))
    assert (refused.value.message, refused.value.detail) == (E.INVALID_ORDER, detail)
    assert refused.value.body() == {"Message": E.INVALID_ORDER, "StatusCode": 400}
