"""Logging in with TradeStation through the bridge, the page's token, its refresh, logging out."""

import threading
import time

import pytest
import requests

from harness.jsonp import unwrap
from harness.login import log_in, sign_in
from harness.orders import classic_order
from harness.trader import Trader


@pytest.mark.parametrize("simulator_config",
                         [{"SIM_TOKEN_VARIANT": v} for v in ("token", "RefreshToken", "access_token")],
                         indirect=True, ids=lambda config: config["SIM_TOKEN_VARIANT"])
def test_login_works_with_every_token_response_variant(bridge, app):
    http = log_in(bridge.url)
    page = http.get(f"{bridge.url}/")
    assert "demo" in page.text and "SIM" in page.text
    token = http.get(f"{bridge.url}/auth/token").json()
    assert token["userid"] == "demo" and token["access_token"] and token["expires_at"] > time.time()
    grant = app.extensions["tsbridge"].grants.by_access_token(token["access_token"])
    assert grant.refresh_token, "the refresh token must be kept, whatever its field was called"


def test_the_state_is_checked_on_return(bridge):
    http = requests.Session()
    authorize = http.get(f"{bridge.url}/login", allow_redirects=False).headers["Location"]
    assert "state=" in authorize and "response_type=code" in authorize
    page = http.get(authorize)
    back = sign_in(http, page, allow_redirects=False).headers["Location"]
    forged = back.replace("state=", "state=x")
    answer = http.get(forged)
    assert answer.status_code == 400 and "could not be matched" in answer.text
    assert http.get(f"{bridge.url}/auth/token").status_code == 401


def test_a_wrong_password_issues_nothing(bridge):
    http = requests.Session()
    page = http.get(f"{bridge.url}/login")
    refused = sign_in(http, page, password="wrong")
    assert "Authorization failed" in refused.text
    assert http.get(f"{bridge.url}/auth/token").status_code == 401


def test_the_client_secret_and_refresh_token_never_reach_the_browser(bridge, app):
    seen = []
    http = requests.Session()
    http.hooks["response"].append(lambda response, *a, **k: seen.append(response))
    page = http.get(f"{bridge.url}/login")
    sign_in(http, page)
    token = http.get(f"{bridge.url}/auth/token").json()
    http.get(f"{bridge.url}/")
    http.get(f"{bridge.url}/journal")
    refresh_token = app.extensions["tsbridge"].grants.by_access_token(token["access_token"]).refresh_token
    browser_saw = " ".join(r.text + str(r.headers) + r.url for r in seen) + str(http.cookies.get_dict())
    assert refresh_token not in browser_saw
    assert "demo-secret" not in browser_saw
    assert token["access_token"] not in str(http.cookies.get_dict())  # the cookie holds only a grant id


def test_logout_needs_the_csrf_token_and_ends_the_session(trader):
    assert trader.http.post(f"{trader.bridge}/logout").status_code == 403
    assert trader.http.get(f"{trader.bridge}/auth/token").status_code == 200
    trader.log_out()
    assert trader.http.get(f"{trader.bridge}/auth/token").status_code == 401
    assert "Log in with TradeStation" in trader.http.get(f"{trader.bridge}/").text


def test_a_forced_refresh_needs_the_csrf_header(trader):
    assert trader.http.post(f"{trader.bridge}/auth/token/refresh").status_code == 403


@pytest.mark.parametrize("simulator_config", [{"SIM_TOKEN_LIFETIME": 2}], indirect=True)
def test_an_expiring_token_is_refreshed_once_for_many_requests_at_a_time(trader, clock):
    clock.shift(2.2)
    tokens = []

    def ask():
        tokens.append(trader.http.get(f"{trader.bridge}/auth/token").json()["access_token"])

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(tokens) == 8 and len(set(tokens)) == 1 and tokens[0] != trader.token


def test_pages_carry_the_security_headers_and_a_safe_cookie(bridge):
    response = requests.get(f"{bridge.url}/login", allow_redirects=False)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # plain HTTP on loopback: a Secure cookie would never come back
    page = requests.get(f"{bridge.url}/")
    policy = page.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy and "unsafe-inline" not in policy and "script-src 'self'" in policy
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    assert page.headers["Referrer-Policy"] == "no-referrer"


def test_another_users_token_trades_only_that_users_accounts(bridge):
    other = Trader(bridge.url, "other", "other")
    assert unwrap(other.jsonp("send", data=classic_order()))["StatusCode"] == 401
