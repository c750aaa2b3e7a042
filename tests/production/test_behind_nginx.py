"""What nginx in front adds, and keeps: a slowloris does not delay a real order; the bridge's own
headers reach the browser unchanged, once each; plain http is sent to https; one address is limited on
every route; nginx's own answers carry the security headers; no token in nginx's logs."""

import statistics
import time

import pytest
import requests

from harness.jsonp import unwrap
from harness.orders import classic_order
from harness.production import start_production
from harness.servers import NO_RATE_LIMITS, stack
from harness.trader import Trader
from tests.production.slowloris import Slowloris

BRIDGE_HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options",
                  "Cache-Control", "Strict-Transport-Security")
# What nginx adds to an answer of its own, as the bridge would have (over https, HSTS too).
SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "no-referrer"}


def timed_order(trader):
    started = time.perf_counter()
    [result] = unwrap(trader.jsonp("send", data=classic_order()))
    assert result["OrderStatus"] == "Ok"
    return time.perf_counter() - started


def test_a_slowloris_of_100_connections_for_30_seconds_does_not_delay_a_real_order(desk):
    trader = Trader(desk.url)
    before = statistics.median(timed_order(trader) for _ in range(5))
    during = []
    with Slowloris(desk.url, desk.ca, connections=100, seconds=30) as attack:
        started = time.monotonic()
        while time.monotonic() - started < 29:
            during.append(timed_order(trader))
            time.sleep(0.5)
    assert attack.most_open >= 95, f"the attack held only {attack.most_open} connections"
    assert attack.closed_by_server > 0, "nginx never cut a slow client off (client_header_timeout)"
    assert len(during) >= 30
    assert max(during) <= before + 1.0, (before, sorted(during)[-5:])


def test_the_bridges_headers_and_cookie_reach_the_browser_through_nginx(desk):
    trader = Trader(desk.url)
    through = trader.http.get(f"{desk.url}/")
    assert through.status_code == 200
    for name in BRIDGE_HEADERS:
        assert name in through.headers, name
    # Each once, as the bridge wrote it: nginx adds its own only where an answer has none.
    assert {name: through.headers[name] for name in SECURITY_HEADERS} == SECURITY_HEADERS
    assert through.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert "default-src 'self'" in through.headers["Content-Security-Policy"] \
        and "," not in through.headers["Content-Security-Policy"]
    assert "nginx/" not in through.headers.get("Server", "")
    # The login's cookie is the production one: Secure, host-only, named __Host- (TS_PROXIES=1 and https).
    [cookie] = [cookie for cookie in trader.http.cookies]
    assert cookie.name == "__Host-tsbridge" and cookie.secure
    # The page's own CSP and the JSONP answer's type come through as the bridge wrote them.
    jsonp = trader.jsonp("send", data=classic_order())
    assert jsonp.headers["Content-Type"].startswith("text/javascript") and jsonp.text.startswith("/**/")


def test_plain_http_is_sent_to_https(desk):
    answer = requests.get(f"{desk.nginx.http_url}/login", allow_redirects=False, timeout=10)
    assert answer.status_code == 301
    assert answer.headers["Location"].startswith("https://127.0.0.1")
    assert {name: answer.headers.get(name) for name in SECURITY_HEADERS} == SECURITY_HEADERS
    assert "frame-ancestors 'none'" in answer.headers["Content-Security-Policy"]


@pytest.fixture
def slow_desk(postgres, monkeypatch):
    """The production layout with nginx's per-address rates at 5 a second (its bursts as deploy/nginx.conf
    has them) and the bridges' own limits out of the way, so that every 429 here is nginx's."""
    database = postgres.create_database()
    with stack("tsbridge-slow-desk") as (workdir, servers):
        production = start_production(workdir, database, env=NO_RATE_LIMITS, workers=1, request_rate=5)
        servers.callback(production.stop)
        monkeypatch.setenv("REQUESTS_CA_BUNDLE", production.ca)
        yield production
    postgres.drop_database(database)


def first_refusal(http, url, most):
    for count in range(most):
        answer = http.get(url, timeout=10)
        if answer.status_code == 429:
            return count, answer
        assert answer.status_code in (200, 302), answer.status_code
    raise AssertionError(f"no 429 in {most} requests to {url}")


def test_one_address_is_limited_on_every_route_and_nginxs_429_carries_the_security_headers(slow_desk):
    http = requests.Session()
    # A route nginx did not limit before (static files: the bridge never limits those either).
    served, refused = first_refusal(http, f"{slow_desk.url}/static/ticket.css", most=400)
    assert 200 <= served <= 300, served         # the burst of 200, and the rate while it was spent
    assert "nginx/" not in refused.headers.get("Server", "")     # no version (server_tokens off)
    assert {name: refused.headers.get(name) for name in SECURITY_HEADERS} == SECURITY_HEADERS
    assert refused.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert "default-src 'none'" in refused.headers["Content-Security-Policy"]
    assert refused.headers["Retry-After"] == "1"
    # The same address on another route, and on the order calls, which have a limit of their own as well: the
    # bucket is spent, so at most the one request the rate gave back meanwhile (a slow machine) goes through.
    for route in ("/login", "/jsonp/orders/send?callback=cb"):
        answers = [http.get(f"{slow_desk.url}{route}", allow_redirects=False, timeout=10).status_code
                   for _ in range(3)]
        assert 429 in answers[:2], (route, answers)
