"""A client of one simulator over HTTP, as a client application and its user's browser would be."""

import json
from urllib.parse import parse_qs, urlsplit

import requests

from harness.login import sign_in
from harness.sim_admin import admin_request
from tradestation.sim_contract import DEMO_CLIENT as DEMO_KEY

DEMO_CLIENT, DEMO_SECRET = DEMO_KEY.name, DEMO_KEY.secret
REDIRECT_URI = "http://127.0.0.1:8765/callback"


class SimClient:
    """Talks to one simulator over HTTP as a client application and its user's browser would."""

    def __init__(self, server):
        self.server = server
        self.url = server.url
        self.base = server.url + "/v2"
        self.backend = server.app.extensions["simulator"]

    # Signing in, as a browser does: GET the page, fill the form by its labels, POST it.
    def authorize_url(self, client_id=DEMO_CLIENT, redirect_uri=REDIRECT_URI, state="s-1", **extra):
        query = {"client_id": client_id, "redirect_uri": redirect_uri, "response_type": "code", **extra}
        if state is not None:
            query["state"] = state
        return requests.Request("GET", f"{self.base}/authorize", params=query).prepare().url

    def sign_in(self, user="demo", password="demo", **authorize):
        """The response to posting the login form (the documented 301 on success; not followed)."""
        http = requests.Session()
        page = http.get(self.authorize_url(**authorize), timeout=10)
        assert page.status_code == 200, page.text
        return sign_in(http, page, user, password, allow_redirects=False, timeout=10)

    def code(self, user="demo", password="demo", **authorize):
        answer = self.sign_in(user, password, **authorize)
        assert answer.status_code == 301, answer.text
        return parse_qs(urlsplit(answer.headers["Location"]).query)["code"][0]

    def exchange(self, code, client_id=DEMO_CLIENT, secret=DEMO_SECRET, redirect_uri=REDIRECT_URI):
        return requests.post(f"{self.base}/security/authorize", timeout=10, data={
            "grant_type": "authorization_code", "client_id": client_id, "client_secret": secret,
            "redirect_uri": redirect_uri, "code": code})

    def refresh(self, refresh_token, client_id=DEMO_CLIENT, secret=DEMO_SECRET, redirect_uri=REDIRECT_URI):
        return requests.post(f"{self.base}/security/authorize", timeout=10, data={
            "grant_type": "refresh_token", "client_id": client_id, "client_secret": secret,
            "redirect_uri": redirect_uri, "refresh_token": refresh_token})

    def tokens(self, user="demo", password="demo"):
        """A token response body for a user, in whatever variant the simulator is set to."""
        answer = self.exchange(self.code(user, password))
        assert answer.status_code == 200, answer.text
        return answer.json()

    def token(self, user="demo", password="demo"):
        body = self.tokens(user, password)
        return body.get("token") or body["access_token"]

    # Calls
    def call(self, method, path, token=None, api_version=None, **kwargs):
        headers = dict(kwargs.pop("headers", {}))
        if token:
            headers["Authorization"] = f"Bearer {token}"
        params = dict(kwargs.pop("params", {}))
        if api_version:
            params["APIVersion"] = api_version
        return requests.request(method, f"{self.base}{path}", headers=headers, params=params, timeout=10, **kwargs)

    def jsonp(self, path, token, data=None, callback="cb", **params):
        query = {"callback": callback, **params}
        if data is not None:
            query["data"] = data if isinstance(data, str) else json.dumps(data)
        if token is not None:
            query["oauth_token"] = token
        return requests.get(f"{self.base}/jsonp/orders/{path}", params=query, timeout=10)

    def admin(self, method, path, **kwargs):
        return admin_request(self.server, method, path, **kwargs)

    def stats(self):
        return self.admin("GET", "stats").json()
