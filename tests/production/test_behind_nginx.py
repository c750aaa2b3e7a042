"""What nginx in front adds, and keeps: a slowloris does not delay a real order; the bridge's own
headers reach the browser unchanged; plain http is sent to https; no token in nginx's logs."""

import statistics
import time

import requests

from harness.jsonp import unwrap
from harness.orders import classic_order
from harness.trader import Trader
from tests.production.slowloris import Slowloris

BRIDGE_HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options",
                  "Cache-Control", "Strict-Transport-Security")


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
