"""The simulator's authorization server: the login page, codes, tokens in every documented variant."""

import base64
import time
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from requests_oauthlib import OAuth2Session

from harness.login import LoginForm
from tests.sim_client import DEMO_CLIENT, DEMO_SECRET, REDIRECT_URI
from tradestation.tokens import compliance_hook

VARIANTS = [{"SIM_TOKEN_VARIANT": variant} for variant in ("token", "RefreshToken", "access_token")]


def by_variant(config):
    return config["SIM_TOKEN_VARIANT"]


def oauth_session(sim, state="fixed-state"):
    session = OAuth2Session(DEMO_CLIENT, redirect_uri=REDIRECT_URI, state=state)
    session.register_compliance_hook("access_token_response", compliance_hook)
    session.register_compliance_hook("refresh_token_response", compliance_hook)
    return session


@pytest.mark.parametrize("simulator_config", VARIANTS, indirect=True, ids=by_variant)
def test_oauth2session_signs_in_and_refreshes_with_every_variant(sim, simulator_config, monkeypatch):
    monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "1")  # plain http, loopback only
    session = oauth_session(sim)
    url, state = session.authorization_url(f"{sim.base}/authorize")
    # The user's browser: the login page, the form posted back, the redirect with the code.
    signed_in = sim.sign_in(**{key: values[0] for key, values in parse_qs(urlsplit(url).query).items()
                               if key in ("client_id", "redirect_uri", "state")})
    callback = signed_in.headers["Location"]
    assert parse_qs(urlsplit(callback).query)["state"] == [state]
    token = session.fetch_token(f"{sim.base}/security/authorize", authorization_response=callback,
                                client_secret=DEMO_SECRET, include_client_id=True)
    assert token["userid"] == "demo" and token["expires_in"] == 1200 and token["refresh_token"]
    accounts = session.get(f"{sim.base}/users/demo/accounts")
    assert accounts.status_code == 200 and len(accounts.json()) == 13

    old = token["access_token"]
    refreshed = session.refresh_token(f"{sim.base}/security/authorize", client_id=DEMO_CLIENT,
                                      client_secret=DEMO_SECRET, redirect_uri=REDIRECT_URI)
    assert refreshed["access_token"] != old
    assert refreshed["refresh_token"] == token["refresh_token"]  # kept: TradeStation sends none back
    assert session.get(f"{sim.base}/users/demo/accounts").status_code == 200


@pytest.mark.parametrize("simulator_config", VARIANTS, indirect=True, ids=by_variant)
def test_a_browser_like_client_gets_the_documented_token_fields(sim, simulator_config):
    variant = simulator_config["SIM_TOKEN_VARIANT"]
    body = sim.exchange(sim.code()).json()
    access_field = "access_token" if variant == "access_token" else "token"
    refresh_field = "RefreshToken" if variant == "RefreshToken" else "refresh_token"
    assert set(body) == {access_field, refresh_field, "expires_in", "token_type", "userid"}
    assert body["token_type"] == "AccessToken" and body["userid"] == "demo" and body["expires_in"] == 1200
    ok = sim.call("GET", "/users/demo/accounts", token=body[access_field])
    assert ok.status_code == 200
    again = sim.refresh(body[refresh_field]).json()
    assert set(again) == {access_field, "expires_in", "token_type", "userid"}
    assert sim.call("GET", "/users/demo/accounts", token=again[access_field]).status_code == 200


def test_the_login_page_has_the_form_a_person_expects(sim):
    page = requests.get(sim.authorize_url(), timeout=10)
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    form = LoginForm(page.text)
    assert form.method == "post" and form.buttons == ["Sign in"]
    assert form.field_for("User name") == "username" and form.field_for("Password") == "password"
    assert "<script" not in page.text.lower()
    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]


def test_the_state_comes_back_unchanged_and_is_optional(sim):
    state = "a b&c=d/é"
    back = sim.sign_in(state=state).headers["Location"]
    query = parse_qs(urlsplit(back).query)
    assert back.startswith(REDIRECT_URI + "?") and query["state"] == [state] and query["code"][0]
    without = sim.sign_in(state=None).headers["Location"]
    assert "state" not in parse_qs(urlsplit(without).query)


def test_any_loopback_redirect_is_accepted_for_the_demo_client(sim):
    for uri in ("http://localhost:5000/auth/callback", "http://[::1]:1234/cb", "http://127.0.0.1/cb?x=1"):
        back = sim.sign_in(redirect_uri=uri).headers["Location"]
        assert back.startswith(uri) and "code=" in back
        assert "x=1" in back if "x=1" in uri else True


@pytest.mark.parametrize("query, problem", [
    ({"client_id": "nobody"}, "Unknown client_id."),
    ({"redirect_uri": "https://evil.example/steal"}, "The redirect_uri is not registered for this client."),
    ({"redirect_uri": "http://127.0.0.1.evil.example/cb"}, "The redirect_uri is not registered for this client."),
    ({"response_type": "token"}, "Unsupported response_type; use response_type=code."),
])
def test_a_bad_client_or_redirect_shows_an_error_page_and_never_redirects(sim, query, problem):
    params = {"client_id": DEMO_CLIENT, "redirect_uri": REDIRECT_URI, "response_type": "code", **query}
    page = requests.get(f"{sim.base}/authorize", params=params, allow_redirects=False, timeout=10)
    assert page.status_code == 400 and "Location" not in page.headers
    assert problem in page.text and "<form" not in page.text
    # Posting the form anyway issues nothing either.
    posted = requests.post(f"{sim.base}/authorize", data={**params, "username": "demo", "password": "demo"},
                           allow_redirects=False, timeout=10)
    assert posted.status_code == 400 and "Location" not in posted.headers


def test_a_wrong_password_says_so_and_issues_nothing(sim):
    refused = sim.sign_in(password="wrong")
    assert refused.status_code == 401 and "Location" not in refused.headers
    assert "Authorization failed" in refused.text
    assert "Sign in" in refused.text  # the form is shown again
    assert sim.sign_in(user="nobody", password="demo").status_code == 401


def test_the_page_escapes_what_it_echoes(sim):
    evil = '"><script>alert(1)</script>'
    refused = sim.sign_in(user=evil, password="wrong", state=evil)
    assert "<script>" not in refused.text and "&lt;script&gt;" in refused.text


def test_a_code_is_single_use(sim):
    code = sim.code()
    assert sim.exchange(code).status_code == 200
    again = sim.exchange(code)
    assert again.status_code == 401 and again.json() == {"Message": "Authorization code expired", "StatusCode": 401}


@pytest.mark.parametrize("simulator_config", [{"SIM_CODE_LIFETIME": 1}], indirect=True)
def test_a_code_expires(sim, simulator_config):
    code = sim.code()
    time.sleep(1.2)
    late = sim.exchange(code)
    assert late.status_code == 401 and late.json()["Message"] == "Authorization code expired"


def test_an_unknown_code_is_authorization_failed(sim):
    answer = sim.exchange("not-a-code")
    assert answer.status_code == 401 and answer.json() == {"Message": "Authorization failed", "StatusCode": 401}


def test_bad_client_credentials_are_an_api_key_failure(sim):
    code = sim.code()
    for client_id, secret in ((DEMO_CLIENT, "wrong"), ("nobody", DEMO_SECRET), (DEMO_CLIENT, "")):
        answer = sim.exchange(code, client_id=client_id, secret=secret)
        assert answer.status_code == 401 and answer.json()["Message"] == "API key failure"
    assert sim.exchange(code).status_code == 200  # the failed attempts did not use the code up


def test_the_redirect_uri_must_match_the_one_the_code_was_issued_for(sim):
    answer = sim.exchange(sim.code(), redirect_uri="http://127.0.0.1:9999/other")
    assert answer.status_code == 401 and answer.json()["Message"] == (
        "Exception of type 'TradeStation.Web.Services.AuthorizationException' was thrown.")


def test_client_credentials_may_come_as_http_basic(sim):
    basic = base64.b64encode(f"{DEMO_CLIENT}:{DEMO_SECRET}".encode()).decode()
    answer = requests.post(f"{sim.base}/security/authorize", timeout=10, headers={"Authorization": f"Basic {basic}"},
                           data={"grant_type": "authorization_code", "redirect_uri": REDIRECT_URI, "code": sim.code()})
    assert answer.status_code == 200 and answer.json()["userid"] == "demo"


def test_a_client_credentials_token_only_looks_up_symbols(sim):
    answer = requests.post(f"{sim.base}/security/authorize", timeout=10, data={
        "grant_type": "client_credentials", "client_id": DEMO_CLIENT, "client_secret": DEMO_SECRET})
    body = answer.json()
    assert answer.status_code == 200 and body["userid"] == "CLIENTONLYLOGIN" and "refresh_token" not in body
    token = body["token"]
    quote = sim.call("GET", "/data/quote/MSFT", token=token)
    assert quote.status_code == 200 and quote.json()[0]["Symbol"] == "MSFT"
    for method, path in (("GET", "/users/CLIENTONLYLOGIN/accounts"), ("GET", "/accounts/281994/orders")):
        refused = sim.call(method, path, token=token)
        assert refused.status_code == 401 and refused.json() == {"Message": "Unauthorized", "StatusCode": 401}


def test_an_unsupported_grant_type_is_refused(sim):
    answer = requests.post(f"{sim.base}/security/authorize", timeout=10, data={
        "grant_type": "password", "client_id": DEMO_CLIENT, "client_secret": DEMO_SECRET})
    assert answer.status_code == 400 and answer.json()["Message"] == "Unsupported grant type."


@pytest.mark.parametrize("simulator_config", [{"SIM_CLIENTS": {"second-app": {
    "secret": "second-secret", "redirect_uris": ["https://app.example/callback"]}}}], indirect=True)
def test_refresh_tokens_are_bound_to_their_client(sim, simulator_config):
    refresh = sim.tokens()["refresh_token"]
    other = sim.refresh(refresh, client_id="second-app", secret="second-secret",
                        redirect_uri="https://app.example/callback")
    assert other.status_code == 401 and other.json()["Message"] == "API key failure"
    assert sim.refresh("no-such-token").json() == {"Message": "Authorization failed", "StatusCode": 401}
    assert sim.refresh(refresh).status_code == 200
    # The registered client signs in with its own exact redirect URI, and no other.
    code = sim.code(client_id="second-app", redirect_uri="https://app.example/callback")
    assert sim.exchange(code, client_id="second-app", secret="second-secret",
                        redirect_uri="https://app.example/callback").status_code == 200
    page = requests.get(sim.authorize_url(client_id="second-app", redirect_uri=REDIRECT_URI), timeout=10)
    assert page.status_code == 400


@pytest.mark.parametrize("simulator_config", [{"SIM_TOKEN_LIFETIME": 1}], indirect=True)
def test_access_tokens_expire_and_a_refresh_brings_a_new_one(sim, simulator_config):
    body = sim.tokens()
    assert body["expires_in"] == 1
    time.sleep(1.2)
    expired = sim.call("GET", "/users/demo/accounts", token=body["token"])
    assert expired.status_code == 401 and expired.json() == {"Message": "Unauthorized", "StatusCode": 401}
    fresh = sim.refresh(body["refresh_token"]).json()["token"]
    assert sim.call("GET", "/users/demo/accounts", token=fresh).status_code == 200


def test_the_admin_endpoint_can_end_every_access_token_early(sim):
    body = sim.tokens()
    assert sim.admin("POST", "expire-tokens").json()["expired"] >= 1
    assert sim.call("GET", "/users/demo/accounts", token=body["token"]).status_code == 401
    assert sim.refresh(body["refresh_token"]).status_code == 200


def test_token_lifetime_can_change_at_run_time(sim):
    sim.admin("POST", "faults", json={"SIM_TOKEN_LIFETIME": 2, "SIM_TOKEN_VARIANT": "access_token"})
    body = sim.tokens()
    assert body["expires_in"] == 2 and "access_token" in body
