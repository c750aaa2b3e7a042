"""A user of the bridge, logged in, calling its JSONP endpoints as the ticket page does."""

import json
import re

import requests

from harness.login import log_in
from tradestation.sim_contract import DEMO_USER

_KEEP = object()       # oauth_token's default, "the trader's token": None sends none


def csrf_of(page):
    """The CSRF token a page of the bridge carries for its forms (logout) and the token refresh."""
    return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)


class Trader:
    """A logged-in user of the bridge, calling its JSONP endpoints as the ticket page does."""

    def __init__(self, bridge_url, user=DEMO_USER.name, password=DEMO_USER.secret):
        self.bridge = bridge_url
        self.http = log_in(bridge_url, user, password)
        self.token = self.http.get(f"{bridge_url}/auth/token").json()["access_token"]

    def jsonp(self, path, data=None, callback="cb", oauth_token=_KEEP, from_page=False, **params):
        params = {"callback": callback, **params}
        if data is not None:
            params["data"] = data if isinstance(data, str) else json.dumps(data)
        token = self.token if oauth_token is _KEEP else oauth_token
        if token is not None:
            params["oauth_token"] = token
        # A fresh client by default: the token, not the cookie, must carry the authority. from_page: the
        # ticket page's <script>, which carries the session cookie too (the inspector keeps its exchanges).
        client = self.http if from_page else requests
        return client.get(f"{self.bridge}/jsonp/orders/{path}", params=params)

    def journal(self, settle=True):
        """Today's journal; settle=False: the journal's own rows, without asking TradeStation first."""
        return self.http.get(f"{self.bridge}/journal", params=None if settle else {"settle": "no"}).json()

    def log_out(self):
        csrf = csrf_of(self.http.get(f"{self.bridge}/"))
        return self.http.post(f"{self.bridge}/logout", data={"csrf_token": csrf})
