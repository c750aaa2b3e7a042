"""Settling orders whose fate is unknown by looking them up in the account's orders upstream.

A lookup is a GET, safe to repeat; the order itself is never sent again from here. The
simulator lists each order's OrderConfirmId; a listing without one leaves the row unknown.
An order TradeStation does not list long after it was sent is marked not_found, and still
looked for later: if it turns up, the journal says so.
"""

import time

from tradestation.dialects import dialect_for
from tradestation.results import order_result

from .journal import NOT_FOUND, PLACED, REJECTED, UNKNOWN, UNSETTLED
from .upstream import FateUnknown, NotSent


NOT_FOUND_MESSAGE = ("TradeStation does not list this order: it was most likely not placed. Sending the same ticket "
                     "again is safe, since TradeStation refuses a repeated OrderConfirmId.")


class Reconciler:
    def __init__(self, journal, upstream, grace):
        self.journal = journal
        self.upstream = upstream
        # How long after a failed attempt an order may still appear upstream; before that, absence proves nothing.
        self.grace = grace

    def settle(self, grant, row):
        """Try to settle one unknown or not-found row; return it as it stands afterwards."""
        if row["state"] not in UNSETTLED or not row["account"] or not row["confirm_id"]:
            return row
        try:
            answer = self.upstream.account_orders(grant.access_token, [row["account"]])
        except (NotSent, FateUnknown):
            return row
        if not answer.ok or not isinstance(answer.body, list):
            return row
        entries = [entry for entry in answer.body if isinstance(entry, dict)]
        found = next((entry for entry in entries if entry.get("OrderConfirmId") == row["confirm_id"]), None)
        # Absence proves something only if the listing could have shown the order's OrderConfirmId.
        conclusive = all("OrderConfirmId" in entry for entry in entries)
        if found is not None:
            order_id = str(found.get("OrderID", ""))
            accepted = found.get("Status") != "REJ"
            message = (f"Sent order: {row['summary']}" if accepted
                       else f"Order failed. Reason: {found.get('RejectReason') or found.get('StatusDescription')}")
            result = order_result(dialect_for(row["api_version"]), order_id, accepted, message, row["confirm_id"])
            self.journal.resolve(row, PLACED if accepted else REJECTED, order_id,
                                 f"{message} (found at TradeStation after the connection broke)", [result])
        elif row["state"] == UNKNOWN and conclusive and time.time() - row["updated_at"] > self.grace:
            self.journal.resolve(row, NOT_FOUND, None, NOT_FOUND_MESSAGE)
        return self.journal.get(row["id"])

    def settle_user(self, grant):
        self.journal.mark_stale()
        for row in self.journal.unsettled(grant.userid):
            self.settle(grant, row)
