"""The v2 fault knobs act on the v3 calls too, so that a client's reconciliation can be tried against v3."""

import pytest
import requests

from harness import v3 as h


@pytest.mark.parametrize("simulator_config", [{"SIM_DROP_RATE": 1.0, "SIM_DROP_WHEN": "after"}], indirect=True)
def test_a_connection_dropped_after_recording_leaves_the_order_placed(v3, simulator):
    order = h.v3_order()
    with pytest.raises(requests.ConnectionError):
        v3.place(order)
    backend = simulator.app.extensions["simulator"]
    backend.change_settings({"SIM_DROP_RATE": 0})
    assert [entry["OrderConfirmID"] for entry in v3.orders()] == [order["OrderConfirmID"]]
    again = v3.place(order)     # the client's retry under the same id places nothing more
    assert again.status_code == 200 and backend.stats()["orders"] == 1


@pytest.mark.parametrize("simulator_config", [{"SIM_DROP_RATE": 1.0, "SIM_DROP_WHEN": "before"}], indirect=True)
def test_a_connection_dropped_before_recording_leaves_nothing(v3, simulator):
    with pytest.raises(requests.ConnectionError):
        v3.call("DELETE", "/orderexecution/orders/208033600")
    with pytest.raises(requests.ConnectionError):
        v3.place(h.v3_order())
    assert simulator.app.extensions["simulator"].stats()["orders"] == 0


def test_injected_500s_are_v3_errors_and_place_nothing(v3, sim):
    sim.admin("POST", "faults", json={"SIM_ERROR_RATE": 1})
    answer = v3.place(h.v3_order())
    assert answer.status_code == 500 and answer.json() == {"Error": "InternalServerError",
                                                           "Message": "Internal Server Error"}
    assert sim.stats()["orders"] == 0


def test_expired_tokens_are_refused_and_a_refresh_brings_a_working_one(simulator, sim):
    body = h.tokens(simulator.url)
    client = h.V3(simulator.url, body["access_token"])
    assert client.call("GET", "/brokerage/accounts").status_code == 200
    sim.admin("POST", "expire-tokens")
    refused = client.call("GET", "/brokerage/accounts")
    assert refused.status_code == 401 and refused.json()["Error"] == "Unauthorized"
    fresh = h.token_call(simulator.url, grant_type="refresh_token", refresh_token=body["refresh_token"]).json()
    assert h.V3(simulator.url, fresh["access_token"]).call("GET", "/brokerage/accounts").status_code == 200


@pytest.mark.parametrize("simulator_config", [{"SIM_TOKEN_LIFETIME": 1}], indirect=True)
def test_the_token_lifetime_setting_is_the_expires_in(simulator):
    assert h.tokens(simulator.url)["expires_in"] == 1
