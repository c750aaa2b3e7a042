"""The bridge's own rate limits (bridge/rate_limits.py), over real HTTP: per login, per token and per address,
every route; over them a 429 with Retry-After and the security headers, or, for a JSONP call, a refusal in
its callback that says the order was not sent. nginx's own limits are tested through nginx
(tests/production/test_behind_nginx.py)."""

import time

import pytest
import requests
from limits import parse_many

from bridge.settings import named
from harness.jsonp import unwrap
from harness.orders import classic_order
from harness.sim_admin import admin
from harness.trader import Trader

PER_MINUTE = {"TS_USER_RATE": "8 per minute"}
SECURITY_HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options")


def calls_until_refused(get, most=40, refused=lambda answer: answer.status_code == 429):
    """(how many answers came before the first refusal, that refusal), asking at most `most` times."""
    for count in range(most):
        answer = get()
        if refused(answer):
            return count, answer
    raise AssertionError(f"no 429 in {most} requests")


@pytest.mark.parametrize("bridge_config", [PER_MINUTE], indirect=True)
def test_one_login_over_its_limit_gets_429_with_retry_after_and_the_security_headers(bridge):
    flooder, other = Trader(bridge.url), Trader(bridge.url)
    served, refused = calls_until_refused(lambda: flooder.http.get(f"{bridge.url}/journal"))
    assert served <= 8
    assert refused.json()["error"].startswith("Too many requests to this bridge")
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    for name in SECURITY_HEADERS:
        assert name in refused.headers, name
    # Every route counts against the same login, and another login (same address) is still served.
    assert flooder.http.get(f"{bridge.url}/market/quote/MSFT").status_code == 429
    assert other.http.get(f"{bridge.url}/journal").status_code == 200


@pytest.mark.parametrize("bridge_config", [PER_MINUTE], indirect=True)
def test_a_jsonp_call_over_the_limit_is_refused_in_its_callback_and_not_sent(bridge, simulator):
    trader = Trader(bridge.url)
    before = admin(simulator, "stats")["orders"]
    served, refused = calls_until_refused(lambda: trader.jsonp("send", data=classic_order()),
                                          refused=lambda answer: '"StatusCode":429' in answer.text)
    assert served <= 8
    assert refused.status_code == 200 and refused.text.startswith("/**/")
    assert refused.headers["Retry-After"] and refused.headers["X-Frame-Options"] == "DENY"
    answer = unwrap(refused)
    assert answer["StatusCode"] == 429 and answer["Fate"] == "not_sent"
    assert "The order was not sent" in answer["Message"]
    assert admin(simulator, "stats")["orders"] == before + served


@pytest.mark.parametrize("bridge_config", [{"TS_ADDRESS_RATE": "12 per minute", "TS_USER_RATE": "1000 per minute"}],
                         indirect=True)
def test_one_address_is_limited_whoever_is_logged_in(bridge):
    first, second = Trader(bridge.url), Trader(bridge.url)    # their logins use some of the address's share
    answers = [trader.http.get(f"{bridge.url}/journal") for _ in range(6) for trader in (first, second)]
    statuses = [answer.status_code for answer in answers]
    assert 429 in statuses and statuses.count(200) < 12, statuses
    anonymous = requests.get(f"{bridge.url}/healthz", timeout=10)
    assert anonymous.status_code == 429 and anonymous.headers["Retry-After"]


def test_a_malformed_limit_stops_start_up_naming_it(simulator, tmp_path):
    from bridge import ConfigError, create_app
    for name, value in (("TS_USER_RATE", "fast"), ("TS_ADDRESS_RATE", "0 per second")):
        with pytest.raises(ConfigError, match=name):
            create_app({"TS_BASE_URL": simulator.url + "/v2", "DATABASE_URL": f"sqlite:///{tmp_path}/j",
                        name: value})


def test_three_tabs_of_one_login_stay_well_under_the_default_limits(bridge, chromium):
    """Three tabs of one login, loaded at once, each on its live stream (GET /live) and left alone, with the
    journal's most added (once a second a tab while rows are pending), use under half of the default
    TS_USER_RATE, and are never refused."""
    from harness.browser import WIDE
    from harness.login import log_in_page

    context = chromium.new_context(viewport=WIDE)
    counted, refused = [], []

    def seen(response):
        path = response.url.removeprefix(bridge.url)
        if response.url.startswith(bridge.url) and not path.startswith("/static/"):
            counted.append(path)
            if response.status == 429 or '"StatusCode":429' in (response.text() if "/jsonp/" in path else ""):
                refused.append(path)
    context.on("response", seen)
    try:
        first = context.new_page()
        log_in_page(first, bridge.url)
        tabs = [first, context.new_page(), context.new_page()]
        counted.clear()
        started = time.monotonic()
        for tab in tabs:
            tab.goto(bridge.url + "/", wait_until="commit")      # all three load at once
        for tab in tabs:
            tab.locator("#symbol").fill("MSFT")                 # and each streams its quote
        first.wait_for_timeout(15_000)
        seconds = time.monotonic() - started
    finally:
        context.close()
    per_minute = len(counted) / seconds * 60
    assert refused == []
    assert sum(path.startswith("/live") for path in counted) >= 3, counted     # each tab opened its stream
    per_second, per_minute_limit = (item.amount for item in parse_many(named("TS_USER_RATE").default))
    journal_at_most = 3 * 60                        # no row is pending here; with some, once a second a tab
    assert (per_minute + journal_at_most) * 2 < per_minute_limit, (per_minute, len(counted), seconds)
    assert per_second >= 3 * 8                      # three loads at once fit in one second's share
