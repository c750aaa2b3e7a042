"""Talking to the simulator's v3 face as a client would: the Auth0-style sign-in (through the login page,
filled in as a person does) and v3 orders."""

import base64
import hashlib
import secrets
from urllib.parse import parse_qs, urlsplit

import requests

from harness.login import sign_in
from harness.orders import new_confirm_id
from tradestation.sim_contract import DEMO_CLIENT as DEMO_KEY
from tradestation.sim_contract import DEMO_USER

DEMO_CLIENT, DEMO_SECRET = DEMO_KEY.name, DEMO_KEY.secret
REDIRECT_URI = "http://127.0.0.1:8765/callback"
AUDIENCE = "https://api.tradestation.com"
SCOPE = "openid profile offline_access MarketData ReadAccount Trade"


def pkce_pair():
    """A PKCE verifier and its S256 challenge (RFC 7636)."""
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).decode().rstrip("=")
    return verifier, challenge


def authorize(root, user=DEMO_USER.name, password=DEMO_USER.secret, **query):
    """The answer to the login form of GET {root}/authorize (a 302 on success; not followed)."""
    params = {"response_type": "code", "client_id": DEMO_CLIENT, "audience": AUDIENCE,
              "redirect_uri": REDIRECT_URI, "scope": SCOPE, "state": "st-1", **query}
    http = requests.Session()
    page = http.get(f"{root}/authorize", params={k: v for k, v in params.items() if v is not None}, timeout=10)
    assert page.status_code == 200, page.text
    return sign_in(http, page, user, password, allow_redirects=False, timeout=10)


def code(root, **query):
    answer = authorize(root, **query)
    assert answer.status_code == 302, answer.text
    return parse_qs(urlsplit(answer.headers["Location"]).query)["code"][0]


def token_call(root, **form):
    return requests.post(f"{root}/oauth/token", data={"client_id": DEMO_CLIENT, "client_secret": DEMO_SECRET,
                                                      **form}, timeout=10)


def tokens(root, scope=SCOPE):
    """A token response of the demo user, signed in with PKCE."""
    verifier, challenge = pkce_pair()
    signed = code(root, scope=scope, code_challenge=challenge, code_challenge_method="S256")
    answer = token_call(root, grant_type="authorization_code", code=signed, redirect_uri=REDIRECT_URI,
                        code_verifier=verifier)
    assert answer.status_code == 200, answer.text
    return answer.json()


def v3_order(**changes):
    """A v3 order: buy 10 MSFT at market for the day, in the demo user's cash account."""
    order = {"AccountID": "281994", "Symbol": "MSFT", "Quantity": "10", "OrderType": "Market",
             "TradeAction": "BUY", "TimeInForce": {"Duration": "DAY"}, "Route": "Intelligent",
             "OrderConfirmID": new_confirm_id()[:22]}
    order.update(changes)
    return {name: value for name, value in order.items() if value is not None}


class V3:
    """Calls on one simulator's /v3 with a bearer token."""

    def __init__(self, root, token):
        self.root, self.token = root, token

    def call(self, method, path, **kwargs):
        headers = {"Authorization": f"Bearer {self.token}", **kwargs.pop("headers", {})}
        return requests.request(method, f"{self.root}/v3{path}", headers=headers, timeout=10, **kwargs)

    def place(self, order):
        return self.call("POST", "/orderexecution/orders", json=order)

    def orders(self, accounts="281994"):
        answer = self.call("GET", f"/brokerage/accounts/{accounts}/orders")
        assert answer.status_code == 200, answer.text
        return answer.json()["Orders"]
