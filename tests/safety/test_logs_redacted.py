"""No secret reaches a log, and every answer of the bridge carries its security headers.

Logs: a full flow (login, orders, a forced refresh, a refresh the bridge does itself after
TradeStation refuses an expired token) with DEBUG on for every logger, the dev server's request
lines on, and a handler that keeps every record; then gunicorn's access log. The secrets are
collected along the way: the authorization code (from the simulator's redirect), every access
token, every refresh token (from the bridge's grants table), and the client secret.

Headers: every route in the bridge's URL map, anonymous and logged in, plus the pages' HTML.
(tests/bridge/test_bridge_auth.py checks the login page's cookie and the ticket's headers; this extends
that to every endpoint, every cookie the bridge sets, and the absence of inline script.)
"""

import json
import logging
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from flask import url_for
from sqlalchemy import create_engine, select

from bridge.db import grants as grants_table
from harness.jsonp import unwrap, wrapped_error
from harness.login import sign_in
from harness.orders import classic_order
from harness.servers import start_bridge
from harness.sim_admin import admin
from harness.trader import Trader, csrf_of
from simulator.server import serve_in_thread

CLIENT_SECRET = "demo-secret"
# The root logger at DEBUG enables every library's logger that has no level of its own (SQLAlchemy's too).
LOGGERS = ("", "werkzeug", "urllib3", "requests_oauthlib", "oauthlib", "bridge", "simulator")


class KeepEverything(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
        self.lines = []

    def emit(self, record):
        self.lines.append(self.format(record))

    @property
    def text(self):
        return "\n".join(self.lines)


def test_a_full_flow_at_debug_level_logs_no_secret(app, simulator, caplog):
    for name in LOGGERS:
        caplog.set_level(logging.DEBUG, logger=name or None)
    # SQLAlchemy keeps its own loggers at WARNING; one who raises it to INFO to see the SQL gets the
    # statements and their parameters, which for the grants table are tokens.
    caplog.set_level(logging.INFO, logger="sqlalchemy.engine")
    everything = KeepEverything()
    logging.getLogger().addHandler(everything)
    bridge = serve_in_thread(app, quiet=False)  # with the dev server's request lines
    grants = app.extensions["tsbridge"].grants
    secrets = {CLIENT_SECRET}
    try:
        # Log in by hand, to catch the authorization code on its way back from TradeStation.
        http = requests.Session()
        page = http.get(http.get(f"{bridge.url}/login", allow_redirects=False).headers["Location"])
        landed = sign_in(http, page)
        assert landed.status_code == 200 and landed.url.rstrip("/") == bridge.url
        back = landed.history[0].headers["Location"]
        assert back.startswith(f"{bridge.url}/callback?")
        [code] = parse_qs(urlsplit(back).query)["code"]
        secrets.add(code)

        def current_token():
            token = http.get(f"{bridge.url}/auth/token").json()["access_token"]
            secrets.update({token, grants.by_access_token(token).refresh_token})
            return token

        def send(token, **params):
            return requests.get(f"{bridge.url}/jsonp/orders/send", params={"callback": "cb", "oauth_token": token,
                                                                          **params})

        token = current_token()
        assert unwrap(send(token, data=json.dumps(classic_order())))[0]["OrderStatus"] == "Ok"
        assert wrapped_error(send(token, data="{"))["StatusCode"] == 400
        assert wrapped_error(send(token + "x", data=json.dumps(classic_order())))["StatusCode"] == 401
        # A refresh the page asks for...
        refreshed = http.post(f"{bridge.url}/auth/token/refresh",
                              headers={"X-CSRF-Token": csrf_of(http.get(f"{bridge.url}/"))})
        assert refreshed.status_code == 200 and refreshed.json()["access_token"] != token
        token = current_token()
        # ...and one the bridge does itself when TradeStation refuses the token it holds.
        assert admin(simulator, "expire-tokens", {})["expired"] >= 1
        assert unwrap(send(token, data=json.dumps(classic_order())))[0]["OrderStatus"] == "Ok"
        newest = current_token()
        assert newest != token
        http.get(f"{bridge.url}/journal")
        http.post(f"{bridge.url}/logout", data={"csrf_token": csrf_of(http.get(f"{bridge.url}/"))})
    finally:
        bridge.shutdown()
        logging.getLogger().removeHandler(everything)

    logged = everything.text + "\n" + caplog.text
    # The logs did record the flow, so the absence below means something.
    assert "GET /jsonp/orders/send?" in logged and "oauth_token=[redacted]" in logged       # werkzeug
    assert "GET /callback?" in logged and "code=[redacted]" in logged
    assert "/v2/security/authorize" in logged                                              # urllib3
    assert "Obtained token" in logged or "Request body was" in logged                     # requests_oauthlib
    assert "INSERT INTO grants" in logged and "UPDATE grants" in logged                     # SQLAlchemy
    assert len(secrets) >= 6, secrets  # the code, the secret, three access tokens, refresh token(s)
    leaked = [line for line in logged.splitlines() if any(secret and secret in line for secret in secrets)]
    assert not leaked, "secrets in the logs:\n" + "\n".join(leaked)


def refresh_tokens_in(database_url):
    engine = create_engine(database_url)
    try:
        with engine.connect() as db:
            return {row.refresh_token for row in db.execute(select(grants_table)) if row.refresh_token}
    finally:
        engine.dispose()


@pytest.mark.parametrize("access_format", [None, '%(h)s "%(r)s" %(s)s q=%(q)s "%(f)s" "%(a)s"'],
                         ids=["the-repository-format", "a-format-with-the-query"])
def test_gunicorns_access_log_holds_no_token(simulator, tmp_path, access_format):
    options = ["--access-logfile", "-"]
    if access_format:
        options += ["--access-logformat", access_format]
    server = start_bridge(tmp_path, simulator.url + "/v2", workers=1, options=options)
    database = f"sqlite:///{server.database}"
    try:
        trader = Trader(server.url)
        secrets = {CLIENT_SECRET, trader.token}
        assert unwrap(trader.jsonp("send", data=classic_order()))[0]["OrderStatus"] == "Ok"
        refreshed = trader.http.post(f"{server.url}/auth/token/refresh",
                                     headers={"X-CSRF-Token": csrf_of(trader.http.get(f"{server.url}/"))})
        secrets.add(refreshed.json()["access_token"])
        assert unwrap(trader.jsonp("send", data=classic_order(), oauth_token=refreshed.json()["access_token"]))
        secrets |= refresh_tokens_in(database)
    finally:
        server.stop()
    log = server.output()
    assert log.count("/jsonp/orders/send") >= 2 and "/callback" in log
    if access_format:
        assert "oauth_token=[redacted]" in log and "code=[redacted]" in log
    else:
        assert "oauth_token" not in log  # the repository's format leaves the query string out
    leaked = [line for line in log.splitlines() if any(secret in line for secret in secrets)]
    assert not leaked, "secrets in gunicorn's log:\n" + "\n".join(leaked)


# --- Headers ---------------------------------------------------------------------------------------------

def csp_directives(policy):
    directives = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


def assert_security_headers(response, where):
    headers = response.headers
    assert headers.get("X-Content-Type-Options") == "nosniff", where
    assert headers.get("Referrer-Policy") == "no-referrer", where
    policy = csp_directives(headers.get("Content-Security-Policy", ""))
    assert policy.get("frame-ancestors") == ["'none'"], (where, policy)
    scripts = policy.get("script-src", policy.get("default-src"))
    assert scripts and "'self'" in scripts, (where, policy)
    for unsafe in ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "data:", "*", "http:", "https:"):
        assert unsafe not in scripts, (where, policy)
    assert policy.get("object-src") == ["'none'"] and policy.get("base-uri") == ["'none'"], (where, policy)


class InlineScript(HTMLParser):
    """Inline script of any kind: a <script> without src or with a body, on* handlers, javascript: URLs."""

    def __init__(self, html):
        super().__init__()
        self.found, self._in_script = [], False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            self._in_script = True
            if not attrs.get("src"):
                self.found.append("<script> without src")
        for name, value in attrs.items():
            if name.startswith("on"):
                self.found.append(f"{tag} {name}=")
            scripted = (value or "").strip().lower().startswith("javascript:")
            if name in ("href", "src", "action", "formaction") and scripted:
                self.found.append(f"{tag} {name}=javascript:")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.found.append("a <script> with a body")


def every_request(app):
    """One request per route of the bridge's URL map (so a new endpoint is covered without editing this)."""
    requests_ = []
    for rule in app.url_map.iter_rules():
        values = {name: "208033601" for name in rule.arguments}
        if rule.endpoint == "static":
            values = {"filename": "ticket/main.js"}
        with app.test_request_context():
            path = url_for(rule.endpoint, **values)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            requests_.append((method, path))
    requests_ += [("GET", "/no-such-page"), ("GET", "/static/no-such-file.js"),
                  ("GET", "/jsonp/orders/send?callback=alert(1)")]
    return requests_


def test_every_endpoint_carries_the_security_headers(app, bridge, trader):
    routes = every_request(app)
    assert {("GET", "/"), ("GET", "/journal"), ("GET", "/jsonp/orders/send"), ("POST", "/logout")} <= set(routes)
    anonymous = requests.Session()
    csrf = csrf_of(trader.http.get(f"{bridge.url}/"))
    for method, path in routes:
        for who, http in (("anonymous", anonymous), ("logged in", trader.http)):
            if path == "/logout" and who == "logged in":
                continue  # it would end the session the other requests use; checked last
            # Streamed: /live's answer lasts as long as the page; its headers are what is checked.
            response = http.request(method, bridge.url + path, allow_redirects=False, timeout=10, stream=True,
                                    params={"callback": "cb", "oauth_token": trader.token} if "/jsonp/" in path
                                    and "callback=" not in path else None,
                                    headers={"X-CSRF-Token": csrf} if method == "POST" else None)
            response.close()
            assert response.status_code < 500, (method, path, who, response.status_code)
            assert_security_headers(response, f"{who} {method} {path} -> {response.status_code}")
    assert_security_headers(trader.http.post(f"{bridge.url}/logout", data={"csrf_token": csrf},
                                             allow_redirects=False), "logout")


def test_no_page_needs_inline_script(bridge, trader):
    pages = {"login page": requests.get(f"{bridge.url}/"), "ticket": trader.http.get(f"{bridge.url}/"),
             "failed callback": requests.get(f"{bridge.url}/callback?state=x&code=y")}
    for name, page in pages.items():
        assert page.headers["Content-Type"].startswith("text/html"), name
        assert "</main>" in page.text, name  # real pages, not empty ones
        assert InlineScript(page.text).found == [], (name, InlineScript(page.text).found)
    assert '<script type="module" src="/static/ticket/main.js"></script>' in pages["ticket"].text


def test_every_cookie_the_bridge_sets_is_httponly_and_samesite_lax(bridge):
    set_cookies = []
    http = requests.Session()

    def keep(response, *args, **kwargs):
        if response.url.startswith(bridge.url) and "Set-Cookie" in response.headers:
            set_cookies.append((response.url, response.headers["Set-Cookie"]))

    http.hooks["response"].append(keep)
    page = http.get(f"{bridge.url}/login")
    sign_in(http, page)
    http.get(f"{bridge.url}/auth/token")
    http.post(f"{bridge.url}/logout", data={"csrf_token": csrf_of(http.get(f"{bridge.url}/"))})
    where = {urlsplit(url).path for url, _ in set_cookies}
    assert {"/login", "/callback"} <= where, set_cookies  # the login's and the grant's cookie at least
    for url, cookie in set_cookies:
        attributes = [part.strip().lower() for part in cookie.split(";")]
        assert "httponly" in attributes and "samesite=lax" in attributes, (url, cookie)
