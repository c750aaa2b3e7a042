"""Helpers the tests share: a login that fills TradeStation's form as a browser would."""

import json
import re
import time
from html.parser import HTMLParser
from urllib.parse import urljoin

import requests

_KEEP = object()


class LoginForm(HTMLParser):
    """The first form of a page: its action, its fields, and which field each visible label names."""

    def __init__(self, html):
        super().__init__()
        self.action, self.method, self.fields, self.buttons = None, None, {}, []
        self._ids, self._labels, self._label_for, self._in_button = {}, {}, None, False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and self.action is None:
            self.action, self.method = attrs.get("action", ""), attrs.get("method", "get").lower()
        elif tag == "input" and attrs.get("name"):
            self.fields[attrs["name"]] = attrs.get("value") or ""
            if attrs.get("id"):
                self._ids[attrs["id"]] = attrs["name"]
        elif tag == "label":
            self._label_for = attrs.get("for")
        elif tag == "button":
            self._in_button = True

    def handle_endtag(self, tag):
        if tag == "label":
            self._label_for = None
        elif tag == "button":
            self._in_button = False

    def handle_data(self, data):
        if self._label_for and data.strip():
            self._labels[data.strip()] = self._label_for
        if self._in_button and data.strip():
            self.buttons.append(data.strip())

    def field_for(self, label):
        return self._ids[self._labels[label]]


def submit_form(http, page, by_label, **options):
    """Fill a page's first form by its visible labels and post it, as a browser would."""
    form = LoginForm(page.text)
    data = dict(form.fields)
    for label, value in by_label.items():
        data[form.field_for(label)] = value
    return http.post(urljoin(page.url, form.action), data=data, **options)


def log_in(bridge_url, user="demo", password="demo"):
    """Log in to the bridge through the upstream's login page; return the browser-like session."""
    http = requests.Session()
    page = http.get(f"{bridge_url}/login")
    landed = submit_form(http, page, {"User name": user, "Password": password})
    assert landed.status_code == 200 and landed.url.rstrip("/") == bridge_url, (landed.status_code, landed.url)
    return http


class Trader:
    """A logged-in user of the bridge, calling its JSONP endpoints as the ticket page does."""

    def __init__(self, bridge_url, user="demo", password="demo"):
        self.bridge = bridge_url
        self.http = log_in(bridge_url, user, password)
        self.token = self.http.get(f"{bridge_url}/auth/token").json()["access_token"]

    def jsonp(self, path, data=None, callback="cb", oauth_token=_KEEP, **params):
        params = {"callback": callback, **params}
        if data is not None:
            params["data"] = data if isinstance(data, str) else json.dumps(data)
        token = self.token if oauth_token is _KEEP else oauth_token
        if token is not None:
            params["oauth_token"] = token
        # A fresh client, like a <script> tag: the token, not the cookie, must carry the authority.
        return requests.get(f"{self.bridge}/jsonp/orders/{path}", params=params)

    def journal(self):
        return self.http.get(f"{self.bridge}/journal").json()

    def log_out(self):
        page = self.http.get(f"{self.bridge}/")
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        return self.http.post(f"{self.bridge}/logout", data={"csrf_token": csrf})


# --- Helpers for the order-safety tests (hostile input, upstream faults, crash, gunicorn, logs, journal) ---

def wait_until(probe, timeout=10.0, interval=0.05, what="the condition"):
    """Call probe until it returns something true; return that, or fail after timeout seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(interval)


def sim_stats(simulator_url):
    return requests.get(f"{simulator_url}/admin/stats", timeout=10).json()


def sim_faults(simulator_url, **settings):
    """Change the simulator's run-time fault knobs (SIM_LATENCY_MS=..., SIM_DROP_RATE=...)."""
    answer = requests.post(f"{simulator_url}/admin/faults", json=settings, timeout=10)
    assert answer.status_code == 200, answer.text
    return answer.json()


def journal_row(rows, confirm_id):
    """The one journal row (as /journal lists it) of a send with this OrderConfirmId, or None."""
    found = [row for row in rows if row["confirm_id"] == confirm_id and row["kind"] == "send"]
    assert len(found) <= 1, found
    return found[0] if found else None


