"""Settling orders whose fate is unknown by looking them up in the account's orders upstream.

A lookup is a GET, safe to repeat; the order itself is never sent again from here. The
simulator lists each order's OrderConfirmId; a listing without one leaves the row unknown.
An order TradeStation does not list long after it was sent is marked not_found, and still
looked for later: if it turns up, the journal says so.
"""

from __future__ import annotations

import time

from tradestation.dialects import dialect_for
from tradestation.errors import ApiError
from tradestation.results import order_result

from .calls import AuthorizedCalls
from .grants import Grant
from .journal import UNKNOWN, UNSETTLED, Journal, Row
from .upstream import FateUnknown, NotSent, Upstream

# Said of an order whose answer was lost and which TradeStation's order list then showed.
FOUND_LATER = "found at TradeStation after the connection broke"
NOT_FOUND_MESSAGE = ("TradeStation does not list this order: it was most likely not placed. Sending the same ticket "
                     "again is safe, since TradeStation refuses a repeated OrderConfirmId.")


class Reconciler:
    def __init__(self, journal: Journal, upstream: Upstream, calls: AuthorizedCalls, grace: float) -> None:
        self.journal = journal
        self.upstream = upstream
        self.calls = calls
        # How long after a failed attempt an order may still appear upstream; before that, absence proves nothing.
        self.grace = grace

    def settle(self, grant: Grant, row: Row) -> Row:
        """Try to settle one unknown or not-found row; return it as it stands afterwards."""
        # Only a send is listed under its OrderConfirmId; a change's key is the bridge's own.
        if row.kind != "send" or row.state not in UNSETTLED or not row.account or not row.confirm_id:
            return row
        try:
            answer = self.calls.call(grant, lambda token: self.upstream.account_orders(token, [row.account]))
        except (NotSent, FateUnknown, ApiError):
            return row
        if not answer.ok or not isinstance(answer.body, list):
            return row
        entries = [entry for entry in answer.body if isinstance(entry, dict)]
        listed_id = self.upstream.listed_confirm_id(row.confirm_id, row.api_version)
        found = next((entry for entry in entries if entry.get("OrderConfirmId") == listed_id), None)
        # Absence proves something only if the listing could have shown the order's OrderConfirmId.
        conclusive = all("OrderConfirmId" in entry for entry in entries)
        if found is not None:
            order_id = str(found.get("OrderID", ""))
            accepted = found.get("Status") != "REJ"
            message = (f"Sent order: {row.summary}" if accepted
                       else f"Order failed. Reason: {found.get('RejectReason') or found.get('StatusDescription')}")
            result = order_result(dialect_for(row.api_version), order_id, accepted, message, row.confirm_id)
            return self.journal.settle_found(row, accepted=accepted, order_id=order_id, answer=[result],
                                             message=f"{message} ({FOUND_LATER})")
        if row.state == UNKNOWN and conclusive and time.time() - row.updated_at > self.grace:
            return self.journal.settle_missing(row, NOT_FOUND_MESSAGE)
        return row

    def settle_user(self, grant: Grant) -> None:
        """Settle what can be settled of a user's orders today (raises the wrapped 401 if the grant is gone)."""
        self.journal.mark_stale()
        grant = self.calls.fresh(grant)
        for row in self.journal.unsettled(grant.userid):
            self.settle(grant, row)
