"""Settling orders whose fate is unknown by looking them up in the account's orders upstream.

A lookup is a GET, safe to repeat; the order itself is never sent again from here. The
simulator lists each order's OrderConfirmId; a listing without one leaves the row unknown.
An order TradeStation does not list long after it was sent is marked not_found, and still
looked for later: if it turns up, the journal says so.
"""

from __future__ import annotations

import datetime
import time
from dataclasses import dataclass

from tradestation.dialects import dialect_for
from tradestation.errors import ApiError
from tradestation.results import order_result

from .calls import AuthorizedCalls
from .grants import Grant
from .journal import FOUND_LATER, UNKNOWN, UNSETTLED, Journal, Row
from .upstream import FateUnknown, NotSent, Upstream

NOT_FOUND_MESSAGE = ("TradeStation does not list this order: it was most likely not placed. Sending the same ticket "
                     "again is safe, since TradeStation refuses a repeated OrderConfirmId.")


# How far back TradeStation's v2 order list reaches (`since`, 30 days at most).
LISTING_REACH_DAYS = 30


@dataclass(frozen=True)
class Listing:
    """One account's orders as TradeStation listed them, once, for every open row of that account."""
    entries: list[dict]
    since: datetime.date | None

    @property
    def conclusive(self) -> bool:
        """Absence proves something only if the listing could have shown each order's OrderConfirmId."""
        return all("OrderConfirmId" in entry for entry in self.entries)

    def covers(self, row: Row) -> bool:
        return self.since is None or _day_of(row.created_at) >= self.since


class Reconciler:
    def __init__(self, journal: Journal, upstream: Upstream, calls: AuthorizedCalls, grace: float) -> None:
        self.journal = journal
        self.upstream = upstream
        self.calls = calls
        # How long after a failed attempt an order may still appear upstream; before that, absence proves nothing.
        self.grace = grace

    def settle(self, grant: Grant, row: Row) -> Row:
        """Try to settle one unknown or not-found row; return it as it stands afterwards."""
        if not _open(row):
            return row
        listing = self._listing(grant, row.account, [row])
        return row if listing is None else self._settle_from(listing, row)

    def settle_user(self, grant: Grant) -> None:
        """Settle what can be settled of a user's open orders, whatever their day, with one order list per
        account however many rows wait on it (raises the wrapped 401 if the grant is gone)."""
        self.journal.mark_stale()
        grant = self.calls.fresh(grant)
        by_account: dict[str, list[Row]] = {}
        for row in self.journal.unsettled(grant.userid):
            if _open(row):
                by_account.setdefault(row.account, []).append(row)
        for account, rows in by_account.items():
            listing = self._listing(grant, account, rows)
            if listing is not None:
                for row in rows:
                    self._settle_from(listing, row)

    def _listing(self, grant: Grant, account: str, rows: list[Row]) -> Listing | None:
        """The account's orders back to the oldest row's day, or None when TradeStation could not be asked."""
        since = _since(min(row.created_at for row in rows))
        try:
            answer = self.calls.call(grant, lambda token: self.upstream.account_orders(token, [account], since=since))
        except (NotSent, FateUnknown, ApiError):
            return None
        if not answer.ok or not isinstance(answer.body, list):
            return None
        return Listing([entry for entry in answer.body if isinstance(entry, dict)], since)

    def _settle_from(self, listing: Listing, row: Row) -> Row:
        listed_id = self.upstream.listed_confirm_id(row.confirm_id, row.api_version)
        found = next((entry for entry in listing.entries if entry.get("OrderConfirmId") == listed_id), None)
        if found is not None:
            order_id = str(found.get("OrderID", ""))
            accepted = found.get("Status") != "REJ"
            message = (f"Sent order: {row.summary}" if accepted
                       else f"Order failed. Reason: {found.get('RejectReason') or found.get('StatusDescription')}")
            result = order_result(dialect_for(row.api_version), order_id, accepted, message, row.confirm_id)
            return self.journal.settle_found(row, accepted=accepted, order_id=order_id, answer=[result],
                                             message=f"{message} ({FOUND_LATER})")
        if (row.state == UNKNOWN and listing.conclusive and listing.covers(row)
                and time.time() - row.updated_at > self.grace):
            return self.journal.settle_missing(row, NOT_FOUND_MESSAGE)
        return row


def _open(row: Row) -> bool:
    # Only a send is listed under its OrderConfirmId; a change's key is the bridge's own.
    return row.kind == "send" and row.state in UNSETTLED and bool(row.account) and bool(row.confirm_id)


def _day_of(timestamp: float) -> datetime.date:
    return datetime.datetime.fromtimestamp(timestamp, datetime.timezone.utc).date()


def _since(oldest: float) -> datetime.date | None:
    """None (today's list) when every row is of today; else the day before the oldest row's, within the list's
    reach. TradeStation's day begins at midnight in New York, up to five hours after ours in UTC: a row of the
    first hours of a UTC day is looked for with a date too."""
    now = datetime.datetime.now(datetime.timezone.utc)
    start_of_day = now.replace(hour=0, minute=0, second=0, microsecond=0) + datetime.timedelta(hours=6)
    if oldest >= start_of_day.timestamp():
        return None
    return max(_day_of(oldest) - datetime.timedelta(days=1), now.date() - datetime.timedelta(days=LISTING_REACH_DAYS))
