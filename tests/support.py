"""Helpers the tests share: a login that fills TradeStation's form as a browser would, and JSONP unwrapping."""

import json
import re
import secrets
from html.parser import HTMLParser
from urllib.parse import urljoin

import requests

_KEEP = object()


def new_confirm_id():
    return secrets.token_urlsafe(16)


def unwrap(response, callback="cb"):
    """The JSON inside a JSONP answer, after checking the wrapping TradeStation specifies."""
    assert response.status_code == 200, response.text
    assert response.headers["jsonp-callback"] == callback
    match = re.fullmatch(rf"(?:/\*\*/)?{re.escape(callback)}\((.*)\)", response.text, re.S)
    assert match, response.text
    return json.loads(match.group(1))


class _Form(HTMLParser):
    def __init__(self):
        super().__init__()
        self.action, self.fields, self._label = None, {}, None
        self.name_of_id, self.id_of_label = {}, {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and self.action is None:
            self.action = attrs.get("action", "")
        elif tag == "input" and attrs.get("name"):
            self.fields[attrs["name"]] = attrs.get("value", "")
            self.name_of_id[attrs.get("id")] = attrs["name"]
        elif tag == "label":
            self._label = attrs.get("for")

    def handle_data(self, data):
        if self._label and data.strip():
            self.id_of_label[data.strip()] = self._label

    def handle_endtag(self, tag):
        if tag == "label":
            self._label = None


def submit_form(http, page, by_label, **options):
    """Fill a page's first form by its visible labels and post it, as a browser would."""
    form = _Form()
    form.feed(page.text)
    data = dict(form.fields)
    for label, value in by_label.items():
        data[form.name_of_id[form.id_of_label[label]]] = value
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
