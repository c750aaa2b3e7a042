"""The upstream's REST API over one pooled keep-alive session.

Failures are sorted by what they mean for an order: NotSent when the request cannot have
reached TradeStation, FateUnknown when it may have. Nothing here retries an order.
"""

import json

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import NewConnectionError, ConnectTimeoutError

from tradestation.errors import SERVER_ERROR


class NotSent(Exception):
    pass


class FateUnknown(Exception):
    pass


class Answer:
    """An upstream HTTP answer: its status and JSON body (TradeStation's error shape made flat)."""

    def __init__(self, status, body):
        self.status = status
        self.body = body

    @property
    def ok(self):
        return self.status == 200

    def error(self):
        """{"Message", "StatusCode"} for a refusal, whichever of TradeStation's two shapes it came in."""
        body = self.body.get("Error", self.body) if isinstance(self.body, dict) else {}
        message = body.get("Message") if isinstance(body, dict) else None
        return {"Message": message if isinstance(message, str) else SERVER_ERROR, "StatusCode": self.status}


def _never_reached(error):
    """Whether a connection error happened before a byte of the request left."""
    reason = error.args[0] if error.args else None
    reason = getattr(reason, "reason", reason)
    return isinstance(reason, (NewConnectionError, ConnectTimeoutError, ConnectionRefusedError))


class Upstream:
    def __init__(self, settings, pool_size=64):
        self.base_url = settings.base_url
        self.timeout = (settings.connect_timeout, settings.read_timeout)
        self.session = requests.Session()
        # No retries: urllib3 may not resend a POST, and a GET is cheap to ask again ourselves.
        adapter = HTTPAdapter(pool_connections=4, pool_maxsize=pool_size, max_retries=0)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.session.headers.update({"Accept": "application/json"})

    def url(self, path):
        return self.base_url + path

    def call(self, method, path, token, params=None, body=None):
        headers = {"Authorization": f"Bearer {token}"}
        data = None
        if body is not None:
            headers["Content-Type"] = "application/json"
            data = json.dumps(body, separators=(",", ":"))
        try:
            response = self.session.request(method, self.url(path), params=params, data=data, headers=headers,
                                            timeout=self.timeout)
        except requests.ConnectTimeout as error:
            raise NotSent("TradeStation could not be reached in time") from error
        except requests.ConnectionError as error:
            if _never_reached(error):
                raise NotSent("TradeStation could not be reached") from error
            raise FateUnknown("the connection to TradeStation broke before it answered") from error
        except requests.Timeout as error:
            raise FateUnknown("TradeStation did not answer in time") from error
        except requests.RequestException as error:
            raise FateUnknown("the exchange with TradeStation failed") from error
        try:
            parsed = response.json()
        except ValueError:
            parsed = None
        return Answer(response.status_code, parsed)

    # The calls a ticket needs, named as the contract names them.
    def place(self, token, order, api_version):
        return self.call("POST", "/orders", token, {"APIVersion": api_version}, order)

    def confirm(self, token, order, api_version):
        return self.call("POST", "/orders/confirm", token, {"APIVersion": api_version}, order)

    def confirm_group(self, token, group, api_version):
        return self.call("POST", "/orders/groups/confirm", token, {"APIVersion": api_version}, group)

    def cancel(self, token, order_id):
        return self.call("DELETE", f"/orders/{order_id}", token)

    def replace(self, token, order_id, replacement):
        return self.call("PUT", f"/orders/{order_id}", token, None, replacement)

    def accounts(self, token, userid):
        return self.call("GET", f"/users/{requests.utils.quote(userid, safe='')}/accounts", token)

    def account_orders(self, token, accounts):
        keys = ",".join(requests.utils.quote(key, safe="") for key in accounts)
        return self.call("GET", f"/accounts/{keys}/orders", token)
