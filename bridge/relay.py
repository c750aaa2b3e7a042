"""One order's way through the bridge, as a straight line:
validated (tradestation/) → journaled → relayed upstream → answer journaled → returned for wrapping.

Every refusal is an ApiError carrying TradeStation's words, or ours (bridge/refusals.py) where it
has none, and saying whether the order may have gone through.
"""

from __future__ import annotations

import dataclasses
import hashlib
import secrets
from typing import Any

from tradestation.dialects import dialect_for
from tradestation.errors import ApiError
from tradestation.order_fields import parse_confirm_id, parse_order_id
from tradestation.orders import parse_group, parse_order
from tradestation.replacements import parse_replacement

from .calls import AuthorizedCalls, Request
from .grants import Grant
from .journal import (
    NOT_SENT,
    PENDING,
    PLACED,
    REJECTED,
    RETRYABLE,
    UNKNOWN,
    Claim,
    Journal,
    Row,
    canonical,
    judge,
    sentence,
)
from .reconcile import Reconciler
from .refusals import InProgress, MayBePlaced, Refusal, ReusedConfirmId
from .upstream import FateUnknown, NotSent, Upstream


def new_confirm_id() -> str:
    return secrets.token_urlsafe(16)  # 22 characters, like the seed's


def change_key(*, kind: str, target: str, request: str, after: int) -> str:
    """The duplicate key of a change sent without an OrderConfirmId: the order it changes, the change itself
    (canonical JSON) and the journal row of the change before it (0 for the first). 40 characters, longer than
    any OrderConfirmId, so never one a page chose."""
    digest = hashlib.sha256(f"{kind} {target} {request} {after}".encode()).hexdigest()
    return f"chg-{digest[:36]}"


class Relay:
    def __init__(self, upstream: Upstream, journal: Journal, calls: AuthorizedCalls, reconciler: Reconciler) -> None:
        self.upstream = upstream
        self.journal = journal
        self.calls = calls
        self.reconciler = reconciler

    # --- placing ---------------------------------------------------------------------------
    def send(self, grant: Grant, data: Any, api_version: str) -> Any:
        order = parse_order(data, dialect_for(api_version))
        self.upstream.check(order)
        if order.confirm_id is None:
            data = {**data, "OrderConfirmId": new_confirm_id()}
        claim = self.journal.claim(userid=grant.userid, kind="send", confirm_id=data["OrderConfirmId"],
                                   target=self.upstream.url("/orders"), api_version=api_version,
                                   account=order.account, summary=order.entered(), request=data)
        return self._once(grant, claim, data, lambda token: self.upstream.place(token, data, api_version))

    def _once(self, grant: Grant, claim: Claim, request: Any, call: Request) -> Any:
        """Relay what this request claimed; answer a repeat of its key from the journal, never by sending."""
        if claim.fresh:
            return self._relay(grant, claim.row, call)
        if claim.row.request != canonical(request):
            # The id names another order: answering with that order's result would tell the trader
            # this one was placed when it never was.
            raise ReusedConfirmId()
        return self._repeat(grant, claim.row)

    def _repeat(self, grant: Grant, row: Row) -> Any:
        """The answer to an OrderConfirmId seen before: the recorded one, never a second order."""
        if row.state == PENDING:
            raise InProgress()
        if row.state == UNKNOWN:
            row = self.reconciler.settle(grant, row)
            if row.state == UNKNOWN:
                # Nothing was sent this time: say what happened the first time, not as if it were now.
                raise MayBePlaced("This ticket was sent before and its fate is not known yet"
                                  + (f" (the first time: {row.message.rstrip('.')})." if row.message else "."))
            if row.state in RETRYABLE:
                raise Refusal(503, row.message)
        if row.status_code not in (None, 200):
            raise ApiError(row.status_code, row.message)
        if row.answer is None:
            raise InProgress()  # another request took the row back up between our two reads
        return row.answer

    # --- the calls that change nothing and those that change an existing order ---------------
    def confirm(self, grant: Grant, data: Any, api_version: str) -> Any:
        self.upstream.check(parse_order(data, dialect_for(api_version)))
        return self._ask(grant, lambda token: self.upstream.confirm(token, data, api_version))

    def confirm_group(self, grant: Grant, data: Any, api_version: str) -> Any:
        self.upstream.check(parse_group(data, dialect_for(api_version)))
        return self._ask(grant, lambda token: self.upstream.confirm_group(token, data, api_version))

    def cancel(self, grant: Grant, order_id: str, api_version: str, confirm_id: str | None = None) -> Any:
        order_id = parse_order_id(order_id)
        return self._change(grant, kind="cancel", order_id=order_id, request={"OrderID": order_id},
                            account=None, summary=f"Cancel order {order_id}", api_version=api_version,
                            confirm_id=confirm_id, call=lambda token: self.upstream.cancel(token, order_id))

    def replace(self, grant: Grant, order_id: str, data: Any, api_version: str, confirm_id: str | None = None) -> Any:
        change = parse_replacement(data, order_id)
        return self._change(grant, kind="cancelreplace", order_id=change.order_id, request=data,
                            account=change.account, summary=change.entered(), api_version=api_version,
                            confirm_id=confirm_id,
                            call=lambda token: self.upstream.replace(token, change.order_id, data))

    def _change(self, grant: Grant, *, kind: str, order_id: str, request: Any, account: str | None, summary: str,
                api_version: str, confirm_id: str | None, call: Request) -> Any:
        """A cancel or cancel-replace, sent once per key as a send is per OrderConfirmId. The key is the one the
        caller gave (the JSONP URL's OrderConfirmId), else change_key(): the same change of the same order again
        today, with no other change of it between, is a repeat (a double click, a reload, a second instance)."""
        target = self.upstream.url(f"/orders/{order_id}")
        key = parse_confirm_id(confirm_id, dialect_for(api_version))
        if key is None:
            key = self._change_key(grant.userid, kind=kind, target=target, request=canonical(request))
        claim = self.journal.claim(userid=grant.userid, kind=kind, confirm_id=key, target=target,
                                   api_version=api_version, account=account, summary=summary, request=request)
        return self._once(grant, claim, request, call)

    def _change_key(self, userid: str, *, kind: str, target: str, request: str) -> str:
        latest = self.journal.latest_change(userid=userid, kind=kind, target=target)
        if latest is not None and latest.request == request and latest.confirm_id:
            return latest.confirm_id
        # Two identical requests at once both see the same latest row, so both make this key: the journal's
        # unique key lets one of them through.
        return change_key(kind=kind, target=target, request=request, after=latest.id if latest else 0)

    # --- talking to the upstream --------------------------------------------------------------
    def _ask(self, grant: Grant, request: Request) -> Any:
        try:
            answer = self.calls.call(grant, request)
        except (NotSent, FateUnknown) as error:
            raise Refusal(503, f"{sentence(error)}. Please try again.") from None
        if not answer.ok:
            raise ApiError(answer.status, answer.error()["Message"])
        return answer.body

    def _relay(self, grant: Grant, row: Row, request: Request) -> Any:
        tokens: list[str] = []

        def counted(token: str) -> Any:     # a second call is the one retry after a refused token
            tokens.append(token)
            return request(token)
        try:
            outcome = self.calls.call(grant, counted)
        except Exception as failure:     # judged below; a failure of the bridge's own is raised again
            outcome = failure
        verdict = dataclasses.replace(judge(outcome), token_refreshed=len(tokens) > 1)
        if verdict.state == UNKNOWN:
            row = self.journal.mark_unknown(row, verdict)
            if isinstance(outcome, Exception) and not isinstance(outcome, FateUnknown):
                raise outcome
            return self._settled(grant, row)
        if verdict.state == NOT_SENT:
            self.journal.mark_not_sent(row, verdict)
            if isinstance(outcome, NotSent):
                raise Refusal(verdict.status, verdict.message)
            # TradeStation's refusal relayed, or its word for a token the bridge could not renew: its shape alone.
            raise ApiError(verdict.status, verdict.message)
        self.journal.record_answer(row, verdict)
        if verdict.status != 200:
            raise ApiError(verdict.status, verdict.message)
        return verdict.answer

    def _settled(self, grant: Grant, row: Row) -> Any:
        """After an unknown outcome: ask TradeStation at once; answer what it says, or that we cannot tell."""
        row = self.reconciler.settle(grant, row)
        if row.state in (PLACED, REJECTED):
            return row.answer
        status = row.status_code if (row.status_code or 0) >= 500 else 504
        raise MayBePlaced(row.message, status)
