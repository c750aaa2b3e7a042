"""Whatever a client sends to a v3 call, the answer is v3's: an order's answer or {"Error", "Message"} with
a 4xx, never a 500, and nothing is placed by a refused request."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from harness import v3 as h

SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10, 10 ** 12), st.floats(allow_nan=False),
                    st.text(max_size=30), st.sampled_from(["BUY", "Limit", "GTD", "281994", "MSFT", "1.00"]))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                       st.dictionaries(st.text(max_size=12), inner, max_size=3)),
                      max_leaves=8)
FIELDS = ["AccountID", "Symbol", "Quantity", "OrderType", "TradeAction", "TimeInForce", "Route", "LimitPrice",
          "StopPrice", "OrderConfirmID", "AdvancedOptions", "OSOs", "Legs"]
# A good order with one field changed to anything, or a field removed.
CHANGED = st.tuples(st.sampled_from(FIELDS), st.one_of(VALUES, st.just(None)))


@pytest.fixture(scope="module")
def live():
    from simulator.server import start
    server = start()
    yield server, h.V3(server.url, h.tokens(server.url)["access_token"])
    server.shutdown()


@settings(max_examples=120, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow,
                                                                                  HealthCheck.function_scoped_fixture])
@given(change=CHANGED, path=st.sampled_from(["/orderexecution/orderconfirm", "/orderexecution/orders",
                                            "/orderexecution/ordergroupconfirm"]))
def test_any_order_field_gets_an_answer_or_a_v3_refusal(live, change, path):
    _, v3 = live
    name, value = change
    order = h.v3_order(**{name: value})
    body = {"Type": "OCO", "Orders": [order, h.v3_order(Symbol="ARNA")]} if "group" in path else order
    answer = v3.call("POST", path, data=json.dumps(body), headers={"Content-Type": "application/json"})
    assert answer.status_code < 500, answer.text
    if answer.status_code >= 400:
        assert set(answer.json()) == {"Error", "Message"}


@settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow,
                                                                                 HealthCheck.function_scoped_fixture])
@given(body=VALUES)
def test_any_json_body_is_refused_or_answered_never_a_500(live, body):
    server, v3 = live
    before = server.app.extensions["simulator"].stats()["orders"]
    for method, path in (("POST", "/orderexecution/orders"), ("POST", "/orderexecution/ordergroups"),
                         ("PUT", "/orderexecution/orders/208033600")):
        answer = v3.call(method, path, data=json.dumps(body), headers={"Content-Type": "application/json"})
        assert answer.status_code < 500, answer.text
    if not isinstance(body, dict):
        assert server.app.extensions["simulator"].stats()["orders"] == before
