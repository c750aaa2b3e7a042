"""Every order example TradeStation documents, replayed byte for byte against the simulator (its REST call and
its JSONP twin) and through the bridge's JSONP endpoints: each is accepted and answered with the documented
status and shape, in its dialect. The examples, and the page each comes from, are in examples.py; a test's
id names the page.
"""

from urllib.parse import quote, unquote

import pytest
import requests

from harness.jsonp import BRIDGE, TRADESTATION, unwrap
from tests.fidelity.examples import EQUITY_CONFIRMATION, EXAMPLES
from tests.fidelity.shapes import same_shape

# The JSONP twin of each call. A group is placed only by REST (no JSONP twin is documented), so its JSONP
# replay is the group preview, answered with one confirmation per order.
JSONP_PATHS = {"place": "send", "confirm": "confirm", "group": "groups/confirm", "group_confirm": "groups/confirm",
               "cancel": "{id}/cancel", "replace": "{id}/cancelreplace"}
REST_CALLS = {"place": ("POST", "/orders"), "confirm": ("POST", "/orders/confirm"), "group": ("POST", "/orders/groups"),
              "group_confirm": ("POST", "/orders/groups/confirm"), "cancel": ("DELETE", "/orders/{id}"),
              "replace": ("PUT", "/orders/{id}")}


def same_values(example, answered):
    """The documented values the simulator reproduces: all of them, or the keys the example names."""
    documented = example.answer
    if example.same_all:
        assert _projected(answered, documented) == documented
    for key in example.same:
        for one, other in _pairs(documented, answered):
            assert other[key] == one[key], (key, other)


def _projected(answered, documented):
    if isinstance(documented, dict):
        return {key: _projected(answered[key], value) for key, value in documented.items()}
    if isinstance(documented, list):
        return [_projected(one, other) for one, other in zip(answered, documented, strict=False)]
    return answered


def _pairs(documented, answered):
    return zip(documented, answered, strict=False) if isinstance(documented, list) else [(documented, answered)]


def accepted(call, answered):
    """Nothing was refused: every result and confirmation is what the example documents, not an error."""
    items = answered if isinstance(answered, list) else [answered]
    for item in items:
        assert "StatusCode" not in item, item
    if call in ("place", "group"):
        assert all(item.get("OrderStatus") == "Ok" or item.get("Status") == "Success" for item in items), items


def _setup(sim, token, example):
    if example.setup:
        placed = sim.call("POST", "/orders", token=token, json=example.setup)
        assert placed.status_code == 200 and placed.json()[0]["OrderID"] == example.order_id, placed.text


def _jsonp_query(example, token):
    """The query string, byte for byte as the page prints it where it prints one."""
    query = f"callback={example.callback}&oauth_token={quote(token, safe='')}"
    if example.data is not None:
        query = f"data={example.data}&{query}"
    elif example.body is not None:
        query = f"data={quote(example.body, safe='')}&{query}"
    if example.api_version:
        query += f"&APIVersion={example.api_version}"
    return query


def _jsonp_path(example):
    return JSONP_PATHS[example.call].format(id=example.order_id)


def _jsonp_call(example):
    return "group_confirm" if example.call == "group" else example.call


def _expected_jsonp(example):
    # The JSONP twin of a group placement is the group preview: one confirmation per order.
    if example.call == "group":
        return [EQUITY_CONFIRMATION] * len(example.answer)
    return example.answer


CASES = [pytest.param(example, {"SIM_ORDER_ID_START": example.id_start} if example.id_start else {},
                      id=example.id) for example in EXAMPLES]


@pytest.mark.parametrize("example, simulator_config", CASES, indirect=["simulator_config"])
def test_the_simulator_answers_the_documented_example_over_rest(sim, example, simulator_config):
    token = sim.token()
    _setup(sim, token, example)
    method, path = REST_CALLS[example.call]
    path = (example.rest_path or path).format(id=example.order_id)
    body = example.body if example.body is not None else (unquote(example.data) if example.data else None)
    params = {"APIVersion": example.api_version} if example.api_version else {}
    headers = {"Authorization": example.authorization.format(token=token), "Accept": "application/json"}
    if body is not None:
        headers["Content-Type"] = "application/json"
    answer = requests.request(method, sim.base + path, params=params, headers=headers,
                              data=body.encode() if body is not None else None, timeout=10)
    assert answer.status_code == 200, answer.text
    assert answer.headers["Content-Type"].startswith("application/json")
    same_shape(example.answer, answer.json())
    accepted(example.call, answer.json())
    same_values(example, answer.json())


@pytest.mark.parametrize("example, simulator_config", CASES, indirect=["simulator_config"])
def test_the_simulator_answers_the_documented_example_over_jsonp(sim, example, simulator_config):
    token = sim.token()
    _setup(sim, token, example)
    answer = requests.get(f"{sim.base}/jsonp/orders/{_jsonp_path(example)}?{_jsonp_query(example, token)}",
                          timeout=10)
    answered = unwrap(answer, example.callback, prefix=TRADESTATION)
    same_shape(_expected_jsonp(example), answered)
    accepted(_jsonp_call(example), answered)
    if example.call != "group":
        same_values(example, answered)


@pytest.mark.parametrize("example, simulator_config", CASES, indirect=["simulator_config"])
def test_the_bridge_relays_the_documented_example(sim, trader, example, simulator_config):
    _setup(sim, sim.token(), example)
    answer = requests.get(f"{trader.bridge}/jsonp/orders/{_jsonp_path(example)}?{_jsonp_query(example, trader.token)}",
                          timeout=10)
    answered = unwrap(answer, example.callback, prefix=BRIDGE)
    same_shape(_expected_jsonp(example), answered)
    accepted(_jsonp_call(example), answered)
    if example.call != "group":
        same_values(example, answered)
