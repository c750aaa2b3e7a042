"""Login CSRF by cookie tossing, tried in Chromium with a second origin on the same site.

The attacker starts a login at the bridge, signs in at TradeStation as themself, and keeps the
callback URL and the session cookie that holds its state. Their page on a sibling host plants that
cookie for the whole site under every name a session might have, with Path=/callback, then sends
the victim to the callback. With a plain cookie name the bridge would read the planted session, find
the state it expects, and log the victim in as the attacker, whose account the victim would then
trade from. A __Host- cookie cannot be set by a sibling host, so the planted one is never read.
"""

import json
from urllib.parse import urlsplit

import pytest
import requests
from urllib3.exceptions import InsecureRequestWarning

from app import create_app
from harness.browser import TEST_SITE as SITE
from harness.login import sign_in
from harness.servers import free_port
from simulator.server import serve_in_thread


@pytest.fixture
def site(simulator_config, tmp_path):
    """The bridge over https at app.tsbridge.test, the attacker's page over https at evil.tsbridge.test,
    and the simulator on loopback, which knows the bridge's https callback."""
    from simulator.server import start as start_simulator
    port = free_port()
    origin = f"https://app.{SITE}:{port}"
    clients = {"bridge-client": {"secret": "bridge-secret", "redirect_uris": [f"{origin}/callback"]}}
    simulator = start_simulator({"SIM_CLIENTS": json.dumps(clients)})
    bridge_app = create_app({"TS_BASE_URL": simulator.url + "/v2", "TS_CLIENT_ID": "bridge-client",
                             "TS_CLIENT_SECRET": "bridge-secret", "TS_SECURE_COOKIES": "on",
                             "DATABASE_URL": f"sqlite:///{tmp_path / 'journal.sqlite3'}"})
    bridge = serve_in_thread(bridge_app, port=port, ssl_context="adhoc")
    planted = {}
    evil = serve_in_thread(lambda environ, start: _attacker_page(planted, start), ssl_context="adhoc")
    try:
        yield {"origin": origin, "evil": f"https://evil.{SITE}:{evil.port}/", "planted": planted, "port": port}
    finally:
        for server in (evil, bridge, simulator):
            server.shutdown()


def _attacker_page(planted, start_response):
    names = ("__Host-tsbridge", "tsbridge", "session")
    script = "".join(f'document.cookie = "{name}={planted["value"]}; Domain={SITE}; Path=/callback; Secure";'
                     for name in names)
    start_response("200 OK", [("Content-Type", "text/html")])
    return [f"<!doctype html><title>cute cats</title><script>{script}</script>".encode()]


def attacker_login(site):
    """The attacker's own login, stopped before the callback: their session cookie and the callback URL."""
    http = requests.Session()
    host = f"app.{SITE}:{site['port']}"
    start = http.get(f"https://127.0.0.1:{site['port']}/login", headers={"Host": host}, allow_redirects=False,
                     verify=False)     # the bridge's throw-away certificate
    cookie = start.cookies.get("__Host-tsbridge")
    page = http.get(start.headers["Location"])
    back = sign_in(http, page, "other", "other", allow_redirects=False)
    callback = back.headers["Location"]
    assert urlsplit(callback).netloc == host and "code=" in callback and "state=" in callback
    return cookie, callback


@pytest.mark.filterwarnings("ignore", category=InsecureRequestWarning)
def test_a_session_cookie_planted_by_a_sibling_host_does_not_log_the_victim_in_as_the_attacker(site, chromium):
    value, callback = attacker_login(site)
    site["planted"]["value"] = value
    victim = chromium.new_context(ignore_https_errors=True)
    try:
        page = victim.new_page()
        page.goto(site["evil"])
        planted = {cookie["name"] for cookie in victim.cookies() if cookie["domain"].lstrip(".") == SITE}
        assert planted == {"tsbridge", "session"}, "Chromium refuses a __Host- cookie with a Domain"
        landed = page.goto(callback)
        assert landed.status == 400 and "could not be matched" in page.content()
        page.goto(site["origin"] + "/")
        assert page.get_by_role("link", name="Log in with TradeStation").is_visible()
        assert "other" not in page.inner_text("header")
    finally:
        victim.close()
