"""Logins that end (idle and absolute lifetimes), and a session cookie decided by settings rather
than by whatever Host header or scheme a request claims (issue 10)."""

import time

import pytest
import requests

from harness.jsonp import unwrap
from harness.orders import classic_order
from tradestation import errors as E


# An idle time no loaded machine reaches between the login and its first look (the clock passes it instead).
@pytest.mark.parametrize("bridge_config", [{"TS_SESSION_IDLE": 60}], indirect=True)
def test_a_login_left_idle_ends_and_its_tokens_with_it(trader, grant_rows, clock):
    assert grant_rows() == (1, 1)
    clock.shift(61)
    assert trader.http.get(f"{trader.bridge}/auth/token").status_code == 401
    assert unwrap(trader.jsonp("send", data=classic_order())) == {"Message": E.UNAUTHORIZED, "StatusCode": 401}
    assert grant_rows() == (0, 0)


@pytest.mark.parametrize("bridge_config", [{"TS_SESSION_LIFETIME": 4}], indirect=True)
def test_a_login_in_use_still_ends_at_its_absolute_lifetime(trader, app, grant_rows, clock):
    created = app.extensions["tsbridge"].grants.by_access_token(trader.token).created_at
    while time.time() < created + 2.5:     # busy all along: idleness is not what ends it
        assert trader.http.get(f"{trader.bridge}/auth/token").status_code == 200
        clock.shift(0.25)
    clock.shift(max(0.0, created + 4.5 - time.time()))
    assert trader.http.get(f"{trader.bridge}/auth/token").status_code == 401
    assert "Log in with TradeStation" in trader.http.get(f"{trader.bridge}/").text
    assert grant_rows() == (0, 0)


def session_cookie(response):
    return response.headers["Set-Cookie"]


def test_on_plain_http_loopback_the_cookie_is_plain_and_a_host_header_changes_nothing(bridge):
    for host in (None, "bridge.example.com", "evil.example"):
        headers = {"Host": host} if host else {}
        cookie = session_cookie(requests.get(f"{bridge.url}/login", headers=headers, allow_redirects=False))
        assert cookie.startswith("tsbridge=") and "Secure" not in cookie, (host, cookie)
        assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


@pytest.mark.parametrize("bridge_config", [{"TS_SECURE_COOKIES": "on"}], indirect=True)
def test_secure_cookies_are_host_only_and_secure(bridge):
    answer = requests.get(f"{bridge.url}/login", allow_redirects=False)
    cookie = session_cookie(answer)
    assert cookie.startswith("__Host-tsbridge=") and "; Secure" in cookie and "; Path=/" in cookie
    assert "Domain" not in cookie
    assert "redirect_uri=https%3A%2F%2F" in answer.headers["Location"], "an https callback, not the request's scheme"


def test_a_login_cookie_expires_with_the_grant_at_most_12_hours_on(trader):
    [cookie] = [cookie for cookie in trader.http.cookies if cookie.name == "tsbridge"]
    assert cookie.expires is not None and cookie.expires <= time.time() + 43200 + 5


@pytest.mark.parametrize("bridge_config", [{"TS_PROXIES": 1, "TS_SECURE_COOKIES": "on"}], indirect=True)
def test_behind_a_trusted_proxy_https_is_taken_from_it_and_answered_with_hsts(bridge):
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "bridge.example.com"}
    answer = requests.get(f"{bridge.url}/login", headers=forwarded, allow_redirects=False)
    assert answer.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert "redirect_uri=https%3A%2F%2Fbridge.example.com%2Fcallback" in answer.headers["Location"]


def test_without_a_configured_proxy_forwarded_headers_are_ignored(bridge):
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "attacker.example"}
    answer = requests.get(f"{bridge.url}/login", headers=forwarded, allow_redirects=False)
    assert "Strict-Transport-Security" not in answer.headers
    assert "attacker.example" not in answer.headers["Location"]
