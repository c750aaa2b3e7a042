"""TradeStation API v3 behind the same calls as WebAPI v2 (bridge/upstream.py): the relay, the journal, the
reconciler and the ticket's market relays keep speaking v2, and this face carries each call to v3 and its
answer back in the v2 shape (tradestation/v3_mapping.py holds the table and the shapes).

What v3 cannot do is refused in check(), before the order is journaled or sent.
"""

from __future__ import annotations

import datetime
from typing import Any, Callable, Iterable
from urllib.parse import quote

from tradestation import v3_mapping as v3
from tradestation.dialects import dialect_for
from tradestation.errors import INVALID_ORDER, NOT_OPEN, NOT_YOUR_ACCOUNT, UNAUTHORIZED
from tradestation.orders import Group, Order, parse_group, parse_order
from tradestation.replacements import parse_replacement
from tradestation.results import order_result
from tradestation.v3_prices import price_decimals

from .refusals import NotInV3
from .upstream import Answer, Upstream


class V3Upstream(Upstream):
    DETAILS_KEPT = 1024     # symbols whose details are kept; past it the cache starts again

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A symbol's description and point value do not change during the day: asked once, not with every
        # 2-second quote refresh, which would double the quote strip's market data calls against the quota.
        self.symbol_details: dict[str, dict] = {}
        # Each looked-up symbol's PriceFormat.Decimals: v3 writes a price bare ("420"), v2 showed "420.00".
        self.price_decimals: dict[str, int] = {}

    # --- refusing what v3 cannot carry ------------------------------------------------------------------
    def check(self, order: Any) -> None:
        try:
            if isinstance(order, Group):
                v3.group_request(order)
            else:
                v3.order_request(order)
        except v3.Unmappable as missing:
            raise NotInV3(missing.field, missing.value) from None

    def _request(self, order: Order) -> dict:
        self.check(order)
        return v3.order_request(order)

    def offers(self, field: str, value: str) -> bool:
        tables = ((v3.CLASSIC_ACTIONS, v3.GLOBAL_SIDES) if field == "action"
                  else (v3.CLASSIC_DURATIONS, v3.GLOBAL_TIMES_IN_FORCE))
        return any(table.get(value) is not None for table in tables)

    def listed_confirm_id(self, confirm_id: str, api_version: str) -> str:
        return v3.confirm_id(confirm_id, dialect_for(api_version))

    @property
    def jsonp_base(self) -> str | None:
        return None     # v3 has no JSONP: the page sends through the bridge only

    # --- orders -------------------------------------------------------------------------------------
    def place(self, token: str, order: Any, api_version: str) -> Answer:
        parsed = parse_order(order, dialect_for(api_version))
        answer = self.call("POST", "/orderexecution/orders", token, None, self._request(parsed))
        return _mapped(answer, lambda body: _results(body, parsed.dialect, parsed.confirm_id))

    def confirm(self, token: str, order: Any, api_version: str) -> Answer:
        parsed = parse_order(order, dialect_for(api_version))
        answer = self.call("POST", "/orderexecution/orderconfirm", token, None, self._request(parsed))
        return _confirmed(answer, [parsed.confirm_id])

    def confirm_group(self, token: str, group: Any, api_version: str) -> Answer:
        parsed = parse_group(group, dialect_for(api_version))
        self.check(parsed)
        answer = self.call("POST", "/orderexecution/ordergroupconfirm", token, None, v3.group_request(parsed))
        return _confirmed(answer, [order.confirm_id for order in parsed.orders])

    def cancel(self, token: str, order_id: str) -> Answer:
        answer = self.call("DELETE", f"/orderexecution/orders/{quote(order_id, safe='')}", token)
        if answer.status == 400 and _message(answer.body) == NOT_OPEN:
            # v2 answered a cancel of an order that is over as a Failed Order Result (HTTP 200), not a
            # refusal: JSONP clients read its OrderStatus, so v3's 400 comes back in that shape.
            return Answer(200, order_result("classic", order_id, False, NOT_OPEN), answer.reason)
        return _mapped(answer, lambda body: _one_result(body, order_id))

    def replace(self, token: str, order_id: str, replacement: Any) -> Answer:
        change = parse_replacement(replacement, order_id)
        answer = self.call("PUT", f"/orderexecution/orders/{quote(change.order_id, safe='')}", token, None,
                           v3.replacement_request(change))
        return _mapped(answer, lambda body: _one_result(body, change.order_id))

    # --- accounts and the market ------------------------------------------------------------------------
    def accounts(self, token: str, userid: str) -> Answer:
        return _mapped(self.call("GET", "/brokerage/accounts", token),
                       lambda body: [v3.account(entry) for entry in _list(body, "Accounts")])

    def account_orders(self, token: str, accounts: Iterable[str], since: datetime.date | None = None) -> Answer:
        """Today's orders; with a day, v3's history since then too (a second call: v3 keeps them apart)."""
        keys = ",".join(quote(key, safe="") for key in accounts)
        today = _mapped(self.call("GET", f"/brokerage/accounts/{keys}/orders", token),
                        lambda body: [v3.listed_order(entry, self.price_decimals) for entry in _list(body, "Orders")])
        if since is None or not today.ok:
            return today
        history = _mapped(self.call("GET", f"/brokerage/accounts/{keys}/historicalorders", token,
                                    {"since": since.isoformat()}),
                          lambda body: [v3.listed_order(entry, self.price_decimals)
                                        for entry in _list(body, "Orders")])
        return Answer(today.status, today.body + history.body, today.reason) if history.ok else history

    def quote(self, token: str, symbol: str) -> Answer:
        called = self.call("GET", "/marketdata/quotes/" + quote(symbol, safe=""), token)
        # v3's quote has no point value (the guard rail's order value needs it: 50 for an E-mini), no
        # description and no decimals to show its prices with; its symbol details have them. Without them the
        # quote still serves.
        details = self._details(token, symbol) if called.ok and _list(called.body, "Quotes") else {}
        answer = _mapped(called, lambda body: [v3.quote(entry, self.price_decimals) for entry in _list(body, "Quotes")]
                         + [v3.quote_error(entry) for entry in _list(body, "Errors")])
        if answer.ok and answer.body and "Error" not in answer.body[0]:
            answer.body[0].update(details)
        return answer

    def quote_details(self, token: str, symbol: str) -> dict:
        """The symbol details the quote call adds (point value, description), for a streamed quote."""
        return self._details(token, symbol)

    def _details(self, token: str, symbol: str) -> dict:
        if symbol in self.symbol_details:
            return self.symbol_details[symbol]
        entry = self._ask_details(token, symbol)
        if not entry:       # a failed look-up is asked again next time
            return {}
        if len(self.symbol_details) >= self.DETAILS_KEPT:
            self.symbol_details.clear()
            self.price_decimals.clear()
        self.symbol_details[symbol] = details = v3.symbol_details(entry)
        decimals = price_decimals(entry)
        if decimals is not None:
            self.price_decimals[symbol] = decimals
        return details

    def _ask_details(self, token: str, symbol: str) -> dict:
        """v3's symbol details of the symbol, or {} when they could not be had."""
        try:
            answer = self.call("GET", "/marketdata/symbols/" + quote(symbol, safe=""), token)
        except Exception:       # NotSent, FateUnknown: a GET, and the quote is worth showing without them
            return {}
        entries = _list(answer.body, "Symbols") if answer.ok else []
        return entries[0] if entries else {}

    def balances(self, token: str, account: str) -> Answer:
        answer = _refused_account(self.call("GET", f"/brokerage/accounts/{quote(account, safe='')}/balances", token),
                                  "Balances")
        return _mapped(answer, lambda body: [v3.balance(entry) for entry in _list(body, "Balances")])

    def positions(self, token: str, account: str) -> Answer:
        answer = _refused_account(self.call("GET", f"/brokerage/accounts/{quote(account, safe='')}/positions", token),
                                  "Positions")
        return _mapped(answer, lambda body: [v3.position(entry, self.price_decimals)
                                             for entry in _list(body, "Positions")])


    # --- streams --------------------------------------------------------------------------------------
    def quote_stream_path(self, symbols: Iterable[str]) -> str | None:
        return "/marketdata/stream/quotes/" + ",".join(quote(symbol, safe="") for symbol in symbols)

    def order_stream_path(self, accounts: Iterable[str]) -> str | None:
        return "/brokerage/stream/accounts/" + ",".join(quote(key, safe="") for key in accounts) + "/orders"

    def positions_stream_path(self, accounts: Iterable[str]) -> str | None:
        return "/brokerage/stream/accounts/" + ",".join(quote(key, safe="") for key in accounts) + "/positions"

    def stream_quote(self, message: dict) -> dict:
        return v3.quote(message, self.price_decimals)

    def stream_order(self, message: dict) -> dict:
        return v3.listed_order(message, self.price_decimals)

    def stream_position(self, message: dict) -> dict:
        return v3.position(message, self.price_decimals)


# --- v3's answers, in v2's shapes --------------------------------------------------------------------
def _list(body: Any, name: str) -> list:
    entries = body.get(name) if isinstance(body, dict) else None
    return [entry for entry in entries if isinstance(entry, dict)] if isinstance(entries, list) else []


def _mapped(answer: Answer, shape: Callable[[Any], Any]) -> Answer:
    """A 200 reshaped; a refusal as v2's flat {"Message", "StatusCode"} with v3's words. A 401 refuses the
    token, so it carries v2's word for that and the bridge refreshes the token and tries once more
    (bridge/calls.py), unless it refuses the account, as v2 did with a 401 too: that one keeps its words,
    since a refresh would only send the order again to be refused again."""
    if answer.ok:
        return Answer(200, shape(answer.body), answer.reason)
    message = _message(answer.body)
    if answer.status == 401 and message != NOT_YOUR_ACCOUNT:
        message = UNAUTHORIZED
    if message is None:
        return Answer(answer.status, None if answer.body is None else {}, answer.reason)
    return Answer(answer.status, {"Message": message, "StatusCode": answer.status}, answer.reason)


# v3's names for its refusals, as the HTTP statuses v2 refused with.
ERROR_STATUSES = {"BadRequest": 400, "Unauthorized": 401, "Forbidden": 403, "NotFound": 404}


def _refused_account(answer: Answer, name: str) -> Answer:
    """v3 answers one account's balances or positions with 200 and the account under "Errors" when it
    refuses it; v2 refused the call. Read as an empty list, the ticket would show a refused account as
    having nothing, so the account's error becomes the refusal it was."""
    if not answer.ok or _list(answer.body, name):
        return answer
    errors = _list(answer.body, "Errors")
    if not errors:
        return answer
    status = ERROR_STATUSES.get(_text(errors[0].get("Error")), 400)
    return Answer(status, {"Message": _message(errors[0]) or _text(errors[0].get("Error"))}, answer.reason)


def _message(body: Any) -> str | None:
    message = body.get("Message") if isinstance(body, dict) else None
    return message if isinstance(message, str) else None


def _results(body: Any, dialect: str, confirm_id: str | None) -> list:
    """v3's {"Orders": [...], "Errors": [...]} as the dialect's Order Results, placed first."""
    placed = [order_result(dialect, _text(entry.get("OrderID")), True, _text(entry.get("Message")), confirm_id)
              for entry in _list(body, "Orders")]
    failed = [order_result(dialect, _text(entry.get("OrderID")), False, _text(entry.get("Message")), confirm_id)
              for entry in _list(body, "Errors")]
    return placed + failed


def _confirmed(answer: Answer, confirm_ids: list) -> Answer:
    """v3's confirmations as v2's; a confirm refused inside a 200 (only "Errors") is a refusal, as v2 sent it."""
    if answer.ok and not _list(answer.body, "Confirmations"):
        errors = _list(answer.body, "Errors")
        message = _text(errors[0].get("Message")) if errors else INVALID_ORDER
        return Answer(400, {"Message": message, "StatusCode": 400}, answer.reason)
    return _mapped(answer, lambda body: [
        v3.confirmation(entry, confirm_ids[index] if index < len(confirm_ids) else None)
        for index, entry in enumerate(_list(body, "Confirmations"))])


def _one_result(body: Any, order_id: str) -> dict:
    """v3's answer to a cancel or a replace, {"OrderID", "Message"} (or inside "Orders"/"Errors"), as the
    classic Order Result v2 answered with."""
    if isinstance(body, dict) and ("Orders" in body or "Errors" in body):
        results = _results(body, "classic", None)
        return results[0] if results else order_result("classic", order_id, False, "")
    entry = body if isinstance(body, dict) else {}
    return order_result("classic", _text(entry.get("OrderID")) or order_id, True, _text(entry.get("Message")))


def _text(value: Any) -> str:
    return "" if value is None else str(value)
