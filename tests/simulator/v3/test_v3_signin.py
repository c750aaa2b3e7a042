"""The v3 face's Auth0-style sign-in: /authorize (the login page) and /oauth/token, PKCE, scopes, refresh."""

import base64
import json
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from requests_oauthlib import OAuth2Session

from harness import v3 as h
from harness.login import sign_in


def claims(id_token):
    payload = id_token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def test_a_standard_client_signs_in_with_pkce_and_calls_v3(simulator, monkeypatch):
    monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "1")  # plain http, loopback only
    client = OAuth2Session(h.DEMO_CLIENT, redirect_uri=h.REDIRECT_URI, scope=h.SCOPE.split(), pkce="S256")
    url, state = client.authorization_url(f"{simulator.url}/authorize", audience=h.AUDIENCE)
    assert "code_challenge_method=S256" in url
    browser = requests.Session()
    page = browser.get(url, timeout=10)
    assert page.status_code == 200 and "Sign in" in page.text
    back = sign_in(browser, page, "demo", "demo", allow_redirects=False, timeout=10)
    assert back.status_code == 302
    location = back.headers["Location"]
    assert location.startswith(h.REDIRECT_URI) and parse_qs(urlsplit(location).query)["state"] == [state]

    token = client.fetch_token(f"{simulator.url}/oauth/token", authorization_response=location,
                               client_secret=h.DEMO_SECRET, include_client_id=True)
    assert token["token_type"] == "Bearer" and token["expires_in"] == 1200
    assert token["refresh_token"] and token["scope"] == h.SCOPE.split()
    assert "userid" not in token
    assert claims(token["id_token"])["sub"] == "demo"
    assert simulator.app.extensions["simulator"].signin.id_token_valid(token["id_token"])
    accounts = client.get(f"{simulator.url}/v3/brokerage/accounts", timeout=10)
    assert accounts.status_code == 200
    assert "281994" in [account["AccountID"] for account in accounts.json()["Accounts"]]


def test_a_wrong_verifier_is_refused_and_the_code_is_spent(simulator):
    verifier, challenge = h.pkce_pair()
    signed = h.code(simulator.url, code_challenge=challenge, code_challenge_method="S256")
    wrong = h.token_call(simulator.url, grant_type="authorization_code", code=signed,
                         redirect_uri=h.REDIRECT_URI, code_verifier=h.pkce_pair()[0])
    assert wrong.status_code == 400 and wrong.json()["error"] == "invalid_grant"
    again = h.token_call(simulator.url, grant_type="authorization_code", code=signed,
                         redirect_uri=h.REDIRECT_URI, code_verifier=verifier)
    assert again.status_code == 400 and again.json()["error"] == "invalid_grant"


def test_a_code_with_a_challenge_needs_its_verifier(simulator):
    _, challenge = h.pkce_pair()
    signed = h.code(simulator.url, code_challenge=challenge, code_challenge_method="S256")
    missing = h.token_call(simulator.url, grant_type="authorization_code", code=signed, redirect_uri=h.REDIRECT_URI)
    assert missing.status_code == 400 and missing.json()["error"] == "invalid_grant"


def test_without_offline_access_there_is_no_refresh_token(simulator):
    body = h.tokens(simulator.url, scope="openid MarketData ReadAccount Trade")
    assert "refresh_token" not in body and body["access_token"]
    assert body["scope"] == "openid MarketData ReadAccount Trade"


def test_a_wrong_password_shows_the_page_again_and_no_code(simulator):
    answer = h.authorize(simulator.url, password="nope")
    assert answer.status_code == 401 and "incorrect" in answer.text and "Location" not in answer.headers


@pytest.mark.parametrize("query", [{"client_id": "nobody"}, {"redirect_uri": "https://evil.example/cb"},
                                   {"code_challenge_method": "plain", "code_challenge": "x" * 43},
                                   {"response_type": "token"}])
def test_a_bad_authorize_request_is_refused_on_the_page_without_redirect(simulator, query):
    params = {"response_type": "code", "client_id": h.DEMO_CLIENT, "redirect_uri": h.REDIRECT_URI, **query}
    answer = requests.get(f"{simulator.url}/authorize", params=params, allow_redirects=False, timeout=10)
    assert answer.status_code == 400 and "Location" not in answer.headers


def test_token_errors_are_oauth_json(simulator):
    bad_secret = h.token_call(simulator.url, grant_type="authorization_code", code=h.code(simulator.url),
                              redirect_uri=h.REDIRECT_URI, client_secret="wrong")
    assert bad_secret.status_code == 401 and bad_secret.json()["error"] == "invalid_client"
    assert "error_description" in bad_secret.json()
    unknown = h.token_call(simulator.url, grant_type="password")
    assert unknown.status_code == 400 and unknown.json()["error"] == "unsupported_grant_type"
    stale = h.token_call(simulator.url, grant_type="refresh_token", refresh_token="nope")
    assert stale.status_code == 400 and stale.json()["error"] == "invalid_grant"


def test_a_refresh_keeps_the_refresh_token_by_default(simulator):
    refresh = h.tokens(simulator.url)["refresh_token"]
    for _ in range(2):
        answer = h.token_call(simulator.url, grant_type="refresh_token", refresh_token=refresh)
        assert answer.status_code == 200
        body = answer.json()
        assert "refresh_token" not in body and claims(body["id_token"])["sub"] == "demo"
        assert h.V3(simulator.url, body["access_token"]).call("GET", "/brokerage/accounts").status_code == 200


@pytest.mark.parametrize("simulator_config", [{"SIM_ROTATE_REFRESH": "on"}], indirect=True)
def test_rotating_refresh_tokens_end_the_old_one(simulator):
    first = h.tokens(simulator.url)["refresh_token"]
    answer = h.token_call(simulator.url, grant_type="refresh_token", refresh_token=first)
    assert answer.status_code == 200
    second = answer.json()["refresh_token"]
    assert second != first
    old = h.token_call(simulator.url, grant_type="refresh_token", refresh_token=first)
    assert old.status_code == 400 and old.json()["error"] == "invalid_grant"
    assert h.token_call(simulator.url, grant_type="refresh_token", refresh_token=second).status_code == 200
