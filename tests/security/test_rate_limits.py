"""The bridge's own rate limits (bridge/rate_limits.py), over real HTTP: per login, per token and per address,
every route; over them a 429 with Retry-After and the security headers, or, for a JSONP call, a refusal in
its callback that says the order was not sent. nginx's own limits are tested through nginx
(tests/production/test_behind_nginx.py)."""

import pytest
import requests

from harness.jsonp import unwrap
from harness.orders import classic_order
from harness.servers import admin
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
