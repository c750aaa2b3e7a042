"""The JSONP exchanges the bridge answered, as it answered them, for the ticket's inspector.

A JSONP answer is a <script>: the page that asked can run it but cannot read its status, its headers or
its bytes. So the bridge writes each exchange down (the request line with the token masked, the answer as
sent, the time it spent, the journal row) under the callback name the page chose, and the page reads it
back as JSON once its callback has run. Only the newest few per user are kept.
"""

from __future__ import annotations

import json
import time
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, delete, insert, select
from sqlalchemy.exc import IntegrityError

from tradestation.redact import mask_query

from .db import exchanges

KEEP = 100      # per user: a demo's worth of calls; older ones are dropped as new ones come


@dataclass(frozen=True)
class Exchange:
    userid: str
    callback: str
    request: str                # "GET /jsonp/orders/send?…", the token masked
    status: int
    headers: dict[str, str]
    body: str
    durations: dict[str, float]
    journal_row: int | None
    created_at: float = 0.0

    def public(self) -> dict:
        return {"callback": self.callback, "request": self.request, "status": self.status,
                "headers": self.headers, "body": self.body, "durations": self.durations,
                "journal_row": self.journal_row, "created_at": self.created_at}


def request_line(method: str, path: str, query: str) -> str:
    return f"{method} {path}" + (f"?{mask_query(query)}" if query else "")


class ExchangeLog:
    def __init__(self, engine: Engine, keep: int = KEEP, one_writer: Any = None, *, upstream: str) -> None:
        self.engine = engine
        # db.upstream_key(): a callback name, like a user id, means something only on one upstream.
        self.upstream = upstream
        self._mine = exchanges.c.upstream == upstream
        self.keep = keep
        # The journal's queue of SQLite writers (Journal.one_writer), so that a record never makes an order's
        # journal write sleep on SQLite's lock.
        self.one_writer = one_writer if one_writer is not None else nullcontext()

    def record(self, exchange: Exchange) -> None:
        values = {"upstream": self.upstream, "userid": exchange.userid, "callback": exchange.callback,
                  "request": exchange.request,
                  "status": exchange.status, "headers": json.dumps(exchange.headers), "body": exchange.body,
                  "durations": json.dumps(exchange.durations), "journal_row": exchange.journal_row,
                  "created_at": time.time()}
        try:
            with self.one_writer, self.engine.begin() as db:
                # The same callback name again is the same URL requested again (the inspector's Replay):
                # the newest answer is the one the page that asked will read.
                db.execute(delete(exchanges).where(self._mine, exchanges.c.userid == exchange.userid,
                                                   exchanges.c.callback == exchange.callback))
                db.execute(insert(exchanges).values(**values))
                newest = (select(exchanges.c.id).where(self._mine, exchanges.c.userid == exchange.userid)
                          .order_by(exchanges.c.id.desc()).limit(self.keep))
                db.execute(delete(exchanges).where(self._mine, exchanges.c.userid == exchange.userid,
                                                   exchanges.c.id.not_in(newest.scalar_subquery())))
        except IntegrityError:
            pass        # two requests of one URL at the same moment: one of them is kept

    def find(self, userid: str, callback: str) -> Exchange | None:
        with self.engine.connect() as db:
            row = db.execute(select(exchanges).where(self._mine, exchanges.c.userid == userid,
                                                     exchanges.c.callback == callback)).mappings().first()
        if row is None:
            return None
        values: dict[str, Any] = dict(row)
        values.pop("id")
        values.pop("upstream")
        values["headers"] = json.loads(values["headers"])
        values["durations"] = json.loads(values["durations"])
        return Exchange(**values)
