"""The order journal: every order is written down before it is sent and completed after.

It is also the arbiter of idempotency. A unique (user, kind, OrderConfirmId) row means that,
whichever process or thread gets a repeat, only the one that inserted the row relays it.

An order's states and the moves between them are listed once, in MOVES; each move is a method
that checks it against the table and returns the row as it now stands.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import threading
import time
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from typing import Any, Iterator

from sqlalchemy import Engine, and_, bindparam, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from tradestation.errors import ApiError
from tradestation.results import result_ok, result_order_id

from .db import Prepared, alone, inserted_id, orders, returning_id, single_statements
from .refusals import NotPlaced
from .trace import measure, note_journal_row
from .upstream import Answer, FateUnknown, NotSent

PENDING = "pending"        # claimed and being relayed
PLACED = "placed"          # TradeStation answered with results that all succeeded
REJECTED = "rejected"      # TradeStation answered, refusing it (a failed result or a 400)
UNKNOWN = "unknown"        # it may have reached TradeStation: never sent again until settled
NOT_SENT = "not_sent"      # it certainly did not reach TradeStation
NOT_FOUND = "not_found"    # TradeStation did not list it well after it was sent: almost certainly not placed

# Where each state may go. Back to PENDING means sent again, and only under the same
# OrderConfirmId, which TradeStation also checks for duplicates.
MOVES = {
    PENDING: {PLACED, REJECTED, NOT_SENT, UNKNOWN},
    UNKNOWN: {PLACED, REJECTED, NOT_FOUND},
    NOT_FOUND: {PLACED, REJECTED, PENDING},
    NOT_SENT: {PENDING},
    PLACED: set(),
    REJECTED: set(),
}
RETRYABLE = frozenset(state for state, targets in MOVES.items() if PENDING in targets)
# Looked up again whenever the journal is shown: an order not found so far may still turn up.
UNSETTLED = (UNKNOWN, NOT_FOUND)


class IllegalMove(RuntimeError):
    """A move the table does not allow: a bug in the caller, never the trader's doing."""


# Said of an order whose answer was lost and which TradeStation's order list then showed (bridge/reconcile.py).
FOUND_LATER = "found at TradeStation after the connection broke"


@dataclass(frozen=True)
class Row:
    """One journal row. `request` is the order as relayed (canonical JSON); `answer` is parsed."""
    id: int
    userid: str
    kind: str                   # send, cancel, cancelreplace
    confirm_id: str | None
    target: str
    api_version: str
    account: str | None
    summary: str | None
    request: str
    state: str
    status_code: int | None = None
    answer: Any = None
    order_id: str | None = None
    message: str | None = None
    attempts: int = 1
    created_at: float = 0.0
    updated_at: float = 0.0
    token_refreshed: bool = False
    upstream: str = ""          # db.upstream_key() of the upstream it was sent to

    def public(self) -> dict:
        """The row as the ticket shows it, with the time in force and expiry that were sent."""
        try:
            sent = json.loads(self.request)
        except ValueError:
            sent = {}
        sent = sent if isinstance(sent, dict) else {}
        return {"confirm_id": self.confirm_id, "kind": self.kind, "created_at": self.created_at,
                "updated_at": self.updated_at, "token_refreshed": self.token_refreshed, "summary": self.summary,
                "account": self.account, "state": self.state, "order_id": self.order_id,
                "message": self.message, "status_code": self.status_code,
                # Told as a flag, so that the page never has to find the words in the message.
                "found_later": bool(self.message) and self.message.endswith(f"({FOUND_LATER})"),
                "time_in_force": sent.get("Duration") or sent.get("TimeInForce"),
                "expiry": sent.get("GTDDate") or sent.get("TimeInForceExpiration")}


@dataclass(frozen=True)
class Claim:
    row: Row
    fresh: bool         # True: this caller relays it; False: row is someone else's attempt


@dataclass(frozen=True)
class Verdict:
    """What an attempt came to: the state it leaves the order in, and what to tell the trader."""
    state: str
    status: int | None
    message: str | None
    answer: Any = None          # TradeStation's results, when it answered 200
    order_id: str | None = None
    token_refreshed: bool = False   # the answer came after a 401, a token refresh and the same request again


def judge(outcome: Answer | BaseException) -> Verdict:
    """What one relayed attempt came to, from TradeStation's answer or the failure that stopped it."""
    if isinstance(outcome, Answer):
        if outcome.ok:
            results = outcome.body if isinstance(outcome.body, list) else [outcome.body]
            first = results[0] if results and isinstance(results[0], dict) else {}
            placed = all(isinstance(result, dict) and result_ok(result) for result in results)
            return Verdict(PLACED if placed else REJECTED, 200, first.get("Message"), outcome.body,
                           result_order_id(first))
        message = outcome.error()["Message"]
        if outcome.status >= 500:
            return Verdict(UNKNOWN, outcome.status, f"TradeStation answered {message}.")
        # 401, 403 and 404 refuse before anything is done, so the order may be sent again; a 400 is final.
        return Verdict(REJECTED if outcome.status == 400 else NOT_SENT, outcome.status, message)
    if isinstance(outcome, NotSent):
        refusal = NotPlaced(f"{sentence(outcome)}.")
        return Verdict(NOT_SENT, refusal.status, refusal.message)
    if isinstance(outcome, FateUnknown):
        return Verdict(UNKNOWN, None, f"{sentence(outcome)}.")
    if isinstance(outcome, ApiError):
        # Raised before the call: the grant could not give a token, so nothing was sent.
        return Verdict(NOT_SENT, outcome.status, outcome.message)
    return Verdict(UNKNOWN, None, "The bridge failed while relaying this order.")


def sentence(error: BaseException) -> str:
    text = str(error)
    return text[:1].upper() + text[1:]


def canonical(order: Any) -> str:
    return json.dumps(order, sort_keys=True, separators=(",", ":"))


# The two statements of every order, built once: building them per call costs more than running them.
_CLAIMED = ("upstream", "userid", "kind", "confirm_id", "target", "api_version", "account", "summary", "request",
            "state", "attempts", "created_at", "updated_at")
_INSERT = insert(orders).values({name: bindparam(name) for name in _CLAIMED})
# A relay's answer is written whatever the row says meanwhile: if the row was thought stale while
# TradeStation took its time, the answer is still what happened.
_FINISH = update(orders).where(orders.c.id == bindparam("row_id")).values(
    {name: bindparam(name) for name in ("state", "status_code", "answer", "order_id", "message", "updated_at",
                                        "token_refreshed")})


class Journal:
    def __init__(self, engine: Engine, stale_after: float, *, upstream: str) -> None:
        self.engine = engine
        # An order's own two statements, each a transaction of its own (db.single_statements()).
        self.single = single_statements(engine)
        self._insert = Prepared(returning_id(_INSERT, orders, engine), self.single)
        self._finish_row = Prepared(_FINISH, self.single)
        # db.upstream_key() of this bridge's upstream: the only rows it writes, reads and moves.
        self.upstream = upstream
        self._mine = orders.c.upstream == upstream
        # SQLite lets one writer in at a time and makes the others sleep in steps of milliseconds;
        # this process's threads queue on a lock instead, which wakes the next at once. Public: the
        # other writers of the same database (bridge/exchanges.py) queue on it too.
        self.one_writer = threading.Lock() if engine.dialect.name == "sqlite" else nullcontext()
        # A pending row older than this belongs to a relay that died with its process.
        self.stale_after = stale_after

    # --- claiming -----------------------------------------------------------------------------
    def claim(self, *, userid: str, kind: str, confirm_id: str | None, target: str, api_version: str,
              account: str | None, summary: str, request: Any) -> Claim:
        """Write the attempt down before it is sent; only a fresh claim may be relayed."""
        now = time.time()
        values = dict(upstream=self.upstream, userid=userid, kind=kind, confirm_id=confirm_id, target=target,
                      api_version=api_version,
                      account=account, summary=summary, request=canonical(request), state=PENDING, attempts=1,
                      created_at=now, updated_at=now)
        try:
            row_id = self._alone(self._insert, values, inserted_id)
            note_journal_row(row_id)
            return Claim(Row(id=row_id, **values), True)
        except IntegrityError:
            pass
        row = self.find(userid, kind, confirm_id)
        note_journal_row(row.id)
        if row.state in RETRYABLE and row.request == values["request"]:
            with self._writing() as db:
                won = db.execute(update(orders).where(orders.c.id == row.id, orders.c.state == row.state)
                                 .values(state=PENDING, attempts=orders.c.attempts + 1, updated_at=now,
                                         status_code=None, answer=None, message=None)).rowcount == 1
            if won:
                return Claim(dataclasses.replace(row, state=PENDING, attempts=row.attempts + 1, updated_at=now,
                                                 status_code=None, answer=None, message=None), True)
            row = self.get(row.id)
        return Claim(row, False)

    # --- the moves of a relayed attempt ---------------------------------------------------------
    def record_answer(self, row: Row, verdict: Verdict) -> Row:
        """TradeStation answered: placed, or rejected."""
        return self._finish(row, verdict)

    def mark_not_sent(self, row: Row, verdict: Verdict) -> Row:
        """It certainly did not reach TradeStation; the same ticket may be sent again."""
        return self._finish(row, dataclasses.replace(verdict, state=NOT_SENT))

    def mark_unknown(self, row: Row, verdict: Verdict) -> Row:
        """It may have reached TradeStation; it waits to be settled."""
        return self._finish(row, dataclasses.replace(verdict, state=UNKNOWN))

    def _finish(self, row: Row, verdict: Verdict) -> Row:
        _check(row.state, verdict.state)
        now = time.time()
        self._alone(self._finish_row, {"row_id": row.id, "state": verdict.state, "status_code": verdict.status,
                              "answer": _dumps(verdict.answer), "order_id": verdict.order_id,
                              "message": verdict.message, "updated_at": now,
                              "token_refreshed": verdict.token_refreshed}, lambda result: None)
        return dataclasses.replace(row, state=verdict.state, status_code=verdict.status, answer=verdict.answer,
                                   order_id=verdict.order_id, message=verdict.message, updated_at=now,
                                   token_refreshed=verdict.token_refreshed)

    # --- the moves of reconciliation ------------------------------------------------------------
    def settle_found(self, row: Row, *, accepted: bool, order_id: str, message: str, answer: Any) -> Row:
        """TradeStation lists the order after all: it was placed (or rejected there)."""
        return self._settle(row, PLACED if accepted else REJECTED, status_code=200, order_id=order_id,
                            message=message, answer=answer)

    def settle_missing(self, row: Row, message: str) -> Row:
        """TradeStation still does not list it, well after it was sent: most likely never placed."""
        return self._settle(row, NOT_FOUND, status_code=None, order_id=None, message=message, answer=None)

    def _settle(self, row: Row, state: str, **values: Any) -> Row:
        """Only a row still as the caller read it moves, so two reconcilers cannot disagree."""
        _check(row.state, state)
        now = time.time()
        with self._writing() as db:
            changed = db.execute(update(orders).where(orders.c.id == row.id, orders.c.state == row.state,
                                                      orders.c.updated_at == row.updated_at)
                                 .values(state=state, updated_at=now, **{**values, "answer": _dumps(values["answer"])})
                                 ).rowcount == 1
        if not changed:
            return self.get(row.id)
        return dataclasses.replace(row, state=state, updated_at=now, **values)

    def mark_stale(self) -> None:
        """Pending rows whose relay died (a killed process) become unknown, to be reconciled."""
        _check(PENDING, UNKNOWN)
        with self._writing() as db:
            db.execute(update(orders).where(self._mine, orders.c.state == PENDING,
                                            orders.c.updated_at < time.time() - self.stale_after)
                       .values(state=UNKNOWN, message="The bridge stopped while relaying this order."))

    # --- reading --------------------------------------------------------------------------------
    def get(self, row_id: int) -> Row | None:
        with self.engine.connect() as db:
            return _row(db.execute(select(orders).where(self._mine, orders.c.id == row_id)).mappings().first())

    def find(self, userid: str, kind: str, confirm_id: str | None) -> Row | None:
        with self.engine.connect() as db:
            return _row(db.execute(select(orders).where(
                self._mine, orders.c.userid == userid, orders.c.kind == kind, orders.c.confirm_id == confirm_id)
            ).mappings().first())

    def latest_change(self, *, userid: str, kind: str, target: str) -> Row | None:
        """Today's newest change of this kind (cancel, cancelreplace) to the order at `target`, or None."""
        with self.engine.connect() as db:
            return _row(db.execute(select(orders).where(
                self._mine, orders.c.userid == userid, orders.c.kind == kind, orders.c.target == target,
                orders.c.created_at >= _midnight()).order_by(orders.c.id.desc()).limit(1)).mappings().first())

    def unsettled(self, userid: str) -> list[Row]:
        """The rows to look up: every unknown one, however old (no day boundary forgets an order that may
        have been placed), and the not-found ones of today, which may still turn up."""
        with self.engine.connect() as db:
            rows = db.execute(select(orders).where(
                self._mine, orders.c.userid == userid,
                or_(orders.c.state == UNKNOWN, and_(orders.c.state == NOT_FOUND,
                                                    orders.c.created_at >= _midnight())))).mappings().all()
        return [_row(row) for row in rows]

    def today(self, userid: str, limit: int = 200) -> list[Row]:
        """Today's rows, with the older ones that changed today or are still unknown."""
        midnight = _midnight()
        with self.engine.connect() as db:
            rows = db.execute(select(orders).where(
                self._mine, orders.c.userid == userid,
                or_(orders.c.created_at >= midnight, orders.c.updated_at >= midnight, orders.c.state == UNKNOWN))
                .order_by(orders.c.id.desc()).limit(limit)).mappings().all()
        return [_row(row) for row in rows]

    def _alone(self, statement: Prepared, values: dict, take: Any) -> Any:
        """One of an order's own statements, committed as it runs (db.alone())."""
        with measure("journal"), self.one_writer:
            return alone(self.single, statement, values, take)

    @contextmanager
    def _writing(self) -> Iterator[Any]:
        with measure("journal"), self.one_writer, self.engine.begin() as db:
            yield db


def _check(state: str, target: str) -> None:
    if target not in MOVES[state]:
        raise IllegalMove(f"an order cannot move from {state} to {target}")


def _dumps(answer: Any) -> str | None:
    return None if answer is None else json.dumps(answer)


def _midnight() -> float:
    return datetime.datetime.combine(datetime.date.today(), datetime.time()).timestamp()


def _row(mapping: Any) -> Row | None:
    if mapping is None:
        return None
    values = dict(mapping)
    values["answer"] = None if values["answer"] is None else json.loads(values["answer"])
    return Row(**values)
