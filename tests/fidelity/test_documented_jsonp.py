"""The JSONP Overview page's two examples (tradestation/webapi-docs and webapi-docs-v2:
en/getting-started/jsonp.md), replayed at the simulator's JSONP twins and through the bridge's JSONP
endpoints: each is answered 200, the refusal wrapped in the example's own callback name, the
jsonp-callback header naming it. The order pages' JSONP examples are in test_documented_examples.py."""

import pytest

from harness.jsonp import BRIDGE, unwrap
from harness.orders import RESTING, classic_order

UNAUTHORIZED_CALLBACK = "jsonpCallback"                             # the 401 example's
SERVER_ERROR_CALLBACK = "jQuery171048671673075295985_1331849273756"  # the 500 example's, as jQuery names it


def test_the_401_example_at_the_simulator(sim):
    """en/getting-started/jsonp.md, 401: Unauthorized, byte for byte."""
    answer = sim.jsonp("send", "not-a-token", classic_order(**RESTING), callback=UNAUTHORIZED_CALLBACK)
    assert answer.status_code == 200
    assert answer.headers["Content-Type"].startswith("text/javascript")
    assert answer.headers["jsonp-callback"] == UNAUTHORIZED_CALLBACK
    assert answer.text == 'jsonpCallback({"Message":"Unauthorized","StatusCode":401})'


@pytest.mark.parametrize("simulator_config", [{"SIM_ERROR_RATE": 1.0}], indirect=True)
def test_the_500_example_at_the_simulator(sim):
    """en/getting-started/jsonp.md, 500: Internal Server Error, byte for byte, in jQuery's callback name."""
    answer = sim.jsonp("confirm", sim.token(), classic_order(**RESTING), callback=SERVER_ERROR_CALLBACK)
    assert answer.status_code == 200 and answer.headers["jsonp-callback"] == SERVER_ERROR_CALLBACK
    assert answer.text == SERVER_ERROR_CALLBACK + '({"Message":"Internal Server Error","StatusCode":500})'


def test_the_401_example_through_the_bridge(trader):
    """en/getting-started/jsonp.md, 401: the bridge wraps its refusal of a token it does not know in the
    example's callback, with TradeStation's status."""
    answer = trader.jsonp("send", data=classic_order(**RESTING), callback=UNAUTHORIZED_CALLBACK,
                          oauth_token="not-a-token")
    body = unwrap(answer, callback=UNAUTHORIZED_CALLBACK, prefix=BRIDGE)
    assert body["StatusCode"] == 401 and body["Message"]


def test_the_500_example_through_the_bridge(sim, trader):
    """en/getting-started/jsonp.md, 500: TradeStation's Internal Server Error reaches the page in the example's
    jQuery callback (a preview, so nothing is left pending)."""
    sim.admin("POST", "faults", json={"SIM_ERROR_RATE": 1.0}).raise_for_status()
    answer = trader.jsonp("confirm", data=classic_order(**RESTING), callback=SERVER_ERROR_CALLBACK)
    body = unwrap(answer, callback=SERVER_ERROR_CALLBACK, prefix=BRIDGE)
    assert body["StatusCode"] == 500 and "Internal Server Error" in body["Message"], body
