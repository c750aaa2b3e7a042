"""The order journal: every order is written down before it is sent and completed after.

It is also the arbiter of idempotency. A unique (user, kind, OrderConfirmId) row means that,
whichever process or thread gets a repeat, only the one that inserted the row relays it.
"""

import datetime
import json
import threading
import time
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass

from sqlalchemy import and_, bindparam, insert, select, update
from sqlalchemy.exc import IntegrityError

from .db import orders

PENDING, PLACED, REJECTED = "pending", "placed", "rejected"
UNKNOWN = "unknown"        # it may have reached TradeStation: never sent again until settled
NOT_SENT = "not_sent"      # it certainly did not reach TradeStation
NOT_FOUND = "not_found"    # TradeStation did not list it well after it was sent: almost certainly not placed
# Sent again only under the same OrderConfirmId, which TradeStation also checks for duplicates.
RETRYABLE = {NOT_SENT, NOT_FOUND}
# Looked up again whenever the journal is shown: an order not found so far may still turn up.
UNSETTLED = (UNKNOWN, NOT_FOUND)


# The two statements of every order, built once: building them per call costs more than running them.
_INSERT = insert(orders)
_FINISH = update(orders).where(orders.c.id == bindparam("row_id")).values(
    {name: bindparam(name) for name in ("state", "status_code", "answer", "order_id", "message", "updated_at")})
_UNANSWERED = {"status_code": None, "answer": None, "order_id": None, "message": None}


def canonical(order):
    return json.dumps(order, sort_keys=True, separators=(",", ":"))


@dataclass(frozen=True)
class Claim:
    row: dict
    fresh: bool         # True: this caller relays it; False: row is someone else's attempt


class Journal:
    def __init__(self, engine, stale_after):
        self.engine = engine
        # SQLite lets one writer in at a time and makes the others sleep in steps of milliseconds;
        # this process's threads queue on a lock instead, which wakes the next at once.
        self._one_writer = threading.Lock() if engine.dialect.name == "sqlite" else nullcontext()
        # A pending row older than this belongs to a relay that died with its process.
        self.stale_after = stale_after

    def claim(self, userid, kind, confirm_id, target, api_version, account, summary, request):
        now = time.time()
        values = dict(userid=userid, kind=kind, confirm_id=confirm_id, target=target, api_version=api_version,
                      account=account, summary=summary, request=canonical(request), state=PENDING, attempts=1,
                      created_at=now, updated_at=now)
        try:
            with self._writing() as db:
                row_id = db.execute(_INSERT, values).inserted_primary_key[0]
            return Claim({**values, **_UNANSWERED, "id": row_id}, True)
        except IntegrityError:
            pass
        row = self.find(userid, kind, confirm_id)
        if row["state"] in RETRYABLE and row["request"] == values["request"]:
            with self._writing() as db:
                won = db.execute(update(orders).where(orders.c.id == row["id"], orders.c.state == row["state"])
                                 .values(state=PENDING, attempts=orders.c.attempts + 1, updated_at=now,
                                         status_code=None, answer=None, message=None)).rowcount == 1
            if won:
                return Claim(self.get(row["id"]), True)
            row = self.get(row["id"])
        return Claim(row, False)

    @contextmanager
    def _writing(self):
        with self._one_writer, self.engine.begin() as db:
            yield db

    def finish(self, row_id, state, status_code=None, answer=None, order_id=None, message=None):
        with self._writing() as db:
            db.execute(_FINISH, {"row_id": row_id, "state": state, "status_code": status_code,
                                 "answer": None if answer is None else json.dumps(answer), "order_id": order_id,
                                 "message": message, "updated_at": time.time()})

    def resolve(self, row, state, order_id=None, message=None, answer=None):
        """Settle a row that is still as the caller read it, so that two reconcilers cannot disagree."""
        with self._writing() as db:
            changed = db.execute(update(orders).where(orders.c.id == row["id"], orders.c.state == row["state"],
                                                      orders.c.updated_at == row["updated_at"]).values(
                state=state, order_id=order_id, message=message, updated_at=time.time(),
                status_code=None if answer is None else 200,
                answer=None if answer is None else json.dumps(answer))).rowcount
        return changed == 1

    def get(self, row_id):
        with self.engine.connect() as db:
            return _row(db.execute(select(orders).where(orders.c.id == row_id)).mappings().first())

    def find(self, userid, kind, confirm_id):
        with self.engine.connect() as db:
            return _row(db.execute(select(orders).where(
                orders.c.userid == userid, orders.c.kind == kind, orders.c.confirm_id == confirm_id)).mappings().first())

    def mark_stale(self):
        """Pending rows whose relay died (a killed process) become unknown, to be reconciled."""
        with self._writing() as db:
            db.execute(update(orders).where(orders.c.state == PENDING,
                                            orders.c.updated_at < time.time() - self.stale_after)
                       .values(state=UNKNOWN, message="The bridge stopped while relaying this order."))

    def unsettled(self, userid):
        with self.engine.connect() as db:
            rows = db.execute(select(orders).where(and_(orders.c.userid == userid, orders.c.state.in_(UNSETTLED),
                                                        orders.c.created_at >= _midnight()))).mappings().all()
        return [_row(row) for row in rows]

    def today(self, userid, limit=200):
        with self.engine.connect() as db:
            rows = db.execute(select(orders).where(orders.c.userid == userid, orders.c.created_at >= _midnight())
                              .order_by(orders.c.id.desc()).limit(limit)).mappings().all()
        return [_row(row) for row in rows]


def _midnight():
    return datetime.datetime.combine(datetime.date.today(), datetime.time()).timestamp()


def _row(row):
    if row is None:
        return None
    row = dict(row)
    row["answer"] = None if row["answer"] is None else json.loads(row["answer"])
    return row


def public(row):
    """A journal row as the ticket shows it."""
    return {"confirm_id": row["confirm_id"], "kind": row["kind"], "created_at": row["created_at"],
            "summary": row["summary"], "account": row["account"], "state": row["state"],
            "order_id": row["order_id"], "message": row["message"], "status_code": row["status_code"]}
