"""Logging out ends the refresh token at TradeStation too, where its API can (v3's sign-in host, Auth0's
POST /oauth/revoke; WebAPI v2 has no revocation). An access token already issued cannot be revoked: it
lives until it expires, at TradeStation as at the simulator. Over real HTTP, the bridge and the simulator."""

import pytest
import requests

from harness import v3 as h


def refreshes(simulator, refresh_token):
    return h.token_call(simulator.url, grant_type="refresh_token", refresh_token=refresh_token)


def test_a_revoked_refresh_token_no_longer_refreshes_nor_do_its_siblings(simulator):
    first, second = h.tokens(simulator.url)["refresh_token"], h.tokens(simulator.url)["refresh_token"]
    assert refreshes(simulator, first).status_code == 200
    revoked = requests.post(f"{simulator.url}/oauth/revoke", timeout=10, data={
        "client_id": h.DEMO_CLIENT, "client_secret": h.DEMO_SECRET, "token": first})
    assert revoked.status_code == 200
    for token in (first, second):   # Auth0 ends the user's whole grant to the API key
        refused = refreshes(simulator, token)
        assert refused.status_code == 400 and refused.json()["error"] == "invalid_grant"


def test_revoking_needs_the_api_keys_secret(simulator):
    token = h.tokens(simulator.url)["refresh_token"]
    refused = requests.post(f"{simulator.url}/oauth/revoke", timeout=10, data={
        "client_id": h.DEMO_CLIENT, "client_secret": "wrong", "token": token})
    assert refused.status_code == 401 and refused.json()["error"] == "invalid_client"
    assert refreshes(simulator, token).status_code == 200


@pytest.fixture
def bridge_config(simulator):
    return {"TS_BASE_URL": simulator.url + "/v3"}


def test_logout_revokes_the_refresh_token_upstream(app, trader, simulator):
    grant = app.extensions["tsbridge"].grants.by_access_token(trader.token)
    refresh_token = grant.refresh_token
    assert refresh_token and refreshes(simulator, refresh_token).status_code == 200
    trader.log_out()
    refused = refreshes(simulator, refresh_token)
    assert refused.status_code == 400 and refused.json()["error"] == "invalid_grant"
    # What no logout can end: the access token already issued, until it expires.
    still = requests.get(f"{simulator.url}/v3/brokerage/accounts", timeout=10,
                         headers={"Authorization": f"Bearer {trader.token}"})
    assert still.status_code == 200
