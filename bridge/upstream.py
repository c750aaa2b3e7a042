"""The upstream's REST API over one pool of keep-alive connections (urllib3, which requests
itself is built on; requests' own per-call work cost a relayed order a fifth of its time).

Failures are sorted by what they mean for an order: NotSent when the request cannot have
reached TradeStation, FateUnknown when it may have. Nothing here retries an order.
"""

from __future__ import annotations

import datetime
import json
import urllib.request
from typing import TYPE_CHECKING, Any, Iterable
from urllib.parse import quote, urlencode, urlsplit

import urllib3
from urllib3.exceptions import ConnectTimeoutError, HTTPError, ReadTimeoutError

from tradestation.errors import SERVER_ERROR

from .settings import Settings
from .trace import measure

if TYPE_CHECKING:
    from .quota_budget import QuotaBudget

STREAM_ACCEPT = "application/vnd.tradestation.streams.v2+json"
# No retry and no redirect, made once: urllib3 would resend a request on some failures, and an order must never
# be; given `retries=False` it builds this same object on every call.
NEVER_AGAIN = urllib3.Retry(total=False, redirect=False)


class NotSent(Exception):
    pass


class FateUnknown(Exception):
    pass


def _parsed(data: bytes) -> Any:
    try:
        return json.loads(data)
    except ValueError:
        return None


class Answer:
    """An upstream HTTP answer: its status and JSON body (TradeStation's error shape made flat), and the
    status line's words, which are all a refusal that is not JSON says (the quota's HTML page)."""

    def __init__(self, status: int, body: Any, reason: str | None = None) -> None:
        self.status = status
        self.body = body
        self.reason = reason

    @property
    def ok(self) -> bool:
        return self.status == 200

    def error(self) -> dict:
        """{"Message", "StatusCode"} for a refusal, whichever of TradeStation's two shapes it came in."""
        body = self.body.get("Error", self.body) if isinstance(self.body, dict) else {}
        message = body.get("Message") if isinstance(body, dict) else None
        if not isinstance(message, str):
            message = self.reason if self.body is None and self.reason else SERVER_ERROR
        return {"Message": message, "StatusCode": self.status}


def _pool(base_url: str, size: int) -> urllib3.HTTPConnectionPool:
    """The keep-alive connections to the upstream's one host, asked directly: a PoolManager would work
    out which pool on every call (0.05 ms of CPU per relayed order). An https upstream is reached
    through the proxy the environment names, if any (read once), by a tunnel; plain http is allowed
    only to a loopback upstream (bridge/settings.py), which no proxy serves."""
    parts = urlsplit(base_url)
    proxy = urllib.request.getproxies().get("https") if parts.scheme == "https" else None
    if proxy and not urllib.request.proxy_bypass(parts.hostname):
        return urllib3.ProxyManager(proxy, maxsize=size, block=False).connection_from_url(base_url)
    return urllib3.connection_from_url(base_url, maxsize=size, block=False)


class StreamAnswer(Answer):
    """A stream's answer: on 200, `response` is the open urllib3 response to read chunks from (and close);
    a refusal is read whole, as any other answer."""

    def __init__(self, status: int, body: Any, reason: str | None, response: Any = None) -> None:
        super().__init__(status, body, reason)
        self.response = response


class Upstream:
    def __init__(self, settings: Settings, pool_size: int = 64, budget: QuotaBudget | None = None) -> None:
        self.base_url = settings.base_url
        self.timeout = urllib3.Timeout(connect=settings.connect_timeout, read=settings.read_timeout)
        self.pool = _pool(self.base_url, pool_size)
        # Streams hold their connections for as long as a page is open: a pool of their own, so that an
        # order never waits for a connection a stream holds.
        self.stream_pool = _pool(self.base_url, pool_size)
        self.base_path = urlsplit(self.base_url).path.rstrip("/")
        self.budget = budget

    def url(self, path: str) -> str:
        return self.base_url + path

    def target(self, path: str) -> str:
        """What the request line names for a path under the base URL (the pool knows the host)."""
        return self.base_path + path

    def call(self, method: str, path: str, token: str, params: dict | None = None, body: Any = None) -> Answer:
        headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
        data = None
        if body is not None:
            headers["Content-Type"] = "application/json"
            data = json.dumps(body, separators=(",", ":")).encode()
        target = self.target(path) + (f"?{urlencode(params)}" if params else "")
        if self.budget is not None:
            self.budget.before(method, path)     # OverQuota (a NotSent) when the call would pass the quota
        try:
            with measure("upstream"):
                response = self.pool.urlopen(method, target, body=data, headers=headers, timeout=self.timeout,
                                             retries=NEVER_AGAIN, redirect=False)
        except ConnectTimeoutError as error:    # NewConnectionError too: refused, unreachable, unresolved
            raise NotSent("TradeStation could not be reached") from error
        except ReadTimeoutError as error:
            raise FateUnknown("TradeStation did not answer in time") from error
        except HTTPError as error:
            raise FateUnknown("the connection to TradeStation broke before it answered") from error
        answer = Answer(response.status, _parsed(response.data), response.reason)
        if self.budget is not None:
            self.budget.after(method, path, answer)
        return answer

    def open_stream(self, path: str, token: str, *, heartbeat_timeout: float) -> StreamAnswer:
        """Open one of TradeStation's streams; its chunks are read by the caller (bridge/stream_reader.py).
        A read that waits past `heartbeat_timeout` raises, since every stream sends at least a heartbeat."""
        headers = {"Authorization": f"Bearer {token}", "Accept": STREAM_ACCEPT}
        if self.budget is not None:
            self.budget.before("GET", path)
        timeout = urllib3.Timeout(connect=self.timeout.connect_timeout, read=heartbeat_timeout)
        try:
            response = self.stream_pool.urlopen("GET", self.target(path), headers=headers, timeout=timeout,
                                                retries=NEVER_AGAIN, redirect=False, preload_content=False)
        except ConnectTimeoutError as error:
            raise NotSent("TradeStation could not be reached") from error
        except HTTPError as error:
            raise FateUnknown("the stream to TradeStation broke before it answered") from error
        if response.status == 200:
            return StreamAnswer(200, None, response.reason, response)
        try:
            answer = StreamAnswer(response.status, _parsed(response.read()), response.reason)
        finally:
            response.release_conn()
        if self.budget is not None:
            self.budget.after("GET", path, answer)
        return answer

    # The streams of this face: None where the API has none (v2 streams quotes only).
    def quote_stream_path(self, symbols: Iterable[str]) -> str | None:
        # v2 beats only when asked: a quiet symbol would otherwise look like a dead stream.
        return "/stream/quote/changes/" + ",".join(quote(symbol, safe="") for symbol in symbols) + "?heartbeat=true"

    def order_stream_path(self, accounts: Iterable[str]) -> str | None:
        return None

    def positions_stream_path(self, accounts: Iterable[str]) -> str | None:
        return None

    def stream_quote(self, message: dict) -> dict:
        """A quote stream's message in v2's quote shape (v2's is one already, or the fields that moved)."""
        return message

    def quote_details(self, token: str, symbol: str) -> dict:
        """What a streamed quote lacks of the quote call's answer: nothing in v2."""
        return {}

    def stream_order(self, message: dict) -> dict:
        return message

    def stream_position(self, message: dict) -> dict:
        return message

    # The calls a ticket needs, named as the contract names them.
    def place(self, token: str, order: Any, api_version: str) -> Answer:
        return self.call("POST", "/orders", token, {"APIVersion": api_version}, order)

    def confirm(self, token: str, order: Any, api_version: str) -> Answer:
        return self.call("POST", "/orders/confirm", token, {"APIVersion": api_version}, order)

    def confirm_group(self, token: str, group: Any, api_version: str) -> Answer:
        return self.call("POST", "/orders/groups/confirm", token, {"APIVersion": api_version}, group)

    def cancel(self, token: str, order_id: str) -> Answer:
        return self.call("DELETE", f"/orders/{order_id}", token)

    def replace(self, token: str, order_id: str, replacement: Any) -> Answer:
        return self.call("PUT", f"/orders/{order_id}", token, None, replacement)

    def accounts(self, token: str, userid: str) -> Answer:
        return self.call("GET", f"/users/{quote(userid, safe='')}/accounts", token)

    def account_orders(self, token: str, accounts: Iterable[str], since: datetime.date | None = None) -> Answer:
        """Today's orders of the accounts, or those since a day (TradeStation reaches 30 days back)."""
        keys = ",".join(quote(key, safe="") for key in accounts)
        return self.call("GET", f"/accounts/{keys}/orders", token,
                         {"since": since.strftime("%m-%d-%Y")} if since else None)

    # The ticket's market context.
    def quote(self, token: str, symbol: str) -> Answer:
        return self.call("GET", "/data/quote/" + quote(symbol, safe=""), token)

    def balances(self, token: str, account: str) -> Answer:
        return self.call("GET", f"/accounts/{quote(account, safe='')}/balances", token)

    def positions(self, token: str, account: str) -> Answer:
        return self.call("GET", f"/accounts/{quote(account, safe='')}/positions", token)

    # What differs between the v2 face (this one) and the v3 face (bridge/v3face.py) beyond the calls.
    def check(self, order: Any) -> None:
        """Refuse, before it is journaled, an order this upstream cannot carry; v2 carries every valid one."""

    def listed_confirm_id(self, confirm_id: str, api_version: str) -> str:
        """The OrderConfirmId as the upstream's order list shows it."""
        return confirm_id

    def offers(self, field: str, value: str) -> bool:
        """Whether the ticket should offer a side or time in force ("action", "tif") of either dialect."""
        return True

    @property
    def jsonp_base(self) -> str | None:
        """Where a page may send JSONP straight to TradeStation, or None where the upstream has no JSONP."""
        return self.base_url
