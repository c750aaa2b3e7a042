"""The bridge's tables: the order journal and the users' grants, in one SQLAlchemy database.

The database, not process memory, is what several gunicorn workers (and several bridge instances on
one PostgreSQL) agree through. The tables are made and upgraded by the Alembic migrations in
migrations/ (never by create_all), so an upgrade keeps every journal row; the definitions below are
what the queries use, and a test checks they match the migrations' result.
"""

from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator, TypeVar

from alembic import command
from alembic.config import Config
from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    Engine,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    false,
    text,
)
from sqlalchemy.engine import CursorResult, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql import Executable

metadata = MetaData()

# Every row belongs to the upstream it was sent to: an order id, a confirm id, a token or a user id means
# something only there, and two bridges on one database (a SIM and a LIVE one from one checkout) must never
# see each other's. The key names the environment too: the same URL may be a LIVE bridge's and a test's.
UPSTREAM_LENGTH = 320


def upstream_key(environment: str, base_url: str) -> str:
    """The value of the `upstream` column of every row a bridge on this upstream writes and reads."""
    return f"{environment} {base_url}"


# One row per order the bridge relays, written before it is sent and completed after.
orders = Table(
    "orders", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("upstream", String(UPSTREAM_LENGTH), nullable=False),  # upstream_key(): where it was sent
    Column("userid", String(64), nullable=False),
    Column("kind", String(16), nullable=False),          # send, cancel, cancelreplace
    Column("confirm_id", String(40)),                     # the idempotency key of a send
    Column("target", String(300), nullable=False),        # the upstream URL it went to
    Column("api_version", String(8), nullable=False),
    Column("account", String(32)),
    Column("summary", String(200)),
    Column("request", Text, nullable=False),              # the order as relayed
    Column("state", String(16), nullable=False),
    Column("status_code", Integer),
    Column("answer", Text),                               # the upstream's answer, as the trader was shown it
    Column("order_id", String(32)),
    Column("message", Text),
    Column("attempts", Integer, nullable=False, default=1),
    Column("created_at", Float, nullable=False),
    Column("updated_at", Float, nullable=False),
    # TradeStation refused the token (401), the bridge refreshed it and sent the same request again.
    Column("token_refreshed", Boolean, nullable=False, server_default=false()),
    UniqueConstraint("upstream", "userid", "kind", "confirm_id", name="one_order_per_confirm_id"),
)

# A user's tokens, sealed (bridge/sealing.py). The refresh token lives only here, never in a cookie or a page.
grants = Table(
    "grants", metadata,
    Column("id", String(32), primary_key=True),
    Column("upstream", String(UPSTREAM_LENGTH), nullable=False),  # the only upstream the tokens are good for
    Column("userid", String(64), nullable=False),
    Column("access_token", Text, nullable=False),
    Column("refresh_token", Text),
    Column("redirect_uri", String(300), nullable=False),
    Column("expires_at", Float, nullable=False),
    Column("refresh_at", Float, nullable=False),
    Column("refreshing_until", Float),                    # a lease: one refresh at a time per grant
    Column("refreshed_at", Float),                        # the last refresh: at most one per short window
    Column("created_at", Float, nullable=False),          # a grant ends a fixed time after this ...
    Column("last_used_at", Float, nullable=False),        # ... or after this much idleness
)

# Every access token a grant has had, by hash (never the token itself), and how long each is accepted.
grant_tokens = Table(
    "grant_tokens", metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("grant_id", String(32), nullable=False, index=True),
    Column("created_at", Float, nullable=False),
    Column("expires_at", Float, nullable=False),          # TradeStation's expiry of the token
    Column("replaced_at", Float),                         # when a refresh replaced it; a short grace follows
)

# The JSONP exchanges the bridge answered, as it answered them, for the ticket's inspector: a page cannot read
# a <script>'s status, headers or body. A short record per user (bridge/exchanges.py keeps it bounded);
# the token in the request line is masked before it is written.
exchanges = Table(
    "exchanges", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("upstream", String(UPSTREAM_LENGTH), nullable=False),
    Column("userid", String(64), nullable=False),
    Column("callback", String(128), nullable=False),      # the page's request id: a name it chose for this call
    Column("request", Text, nullable=False),              # "GET /jsonp/...?...", oauth_token masked
    Column("status", Integer, nullable=False),
    Column("headers", Text, nullable=False),              # JSON: the answer's headers as sent
    Column("body", Text, nullable=False),                 # the answer's bytes as written, /**/ and all
    Column("durations", Text, nullable=False),            # JSON: Server-Timing's parts, in milliseconds
    Column("journal_row", Integer),                       # orders.id of the row the call made or found
    Column("created_at", Float, nullable=False),
    UniqueConstraint("upstream", "userid", "callback", name="one_exchange_per_callback"),
)

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
# Any number both sides agree on: PostgreSQL's advisory lock that lets one process at a time upgrade.
_MIGRATION_LOCK = 0x7473627269646765


def connect(url: str, upstream: str | None = None) -> Engine:
    """An engine on a database whose tables are at the newest migration. SQLite gets WAL and a lock
    wait so that processes can share it. `upstream` (upstream_key()) is the bridge's: the rows written
    before rows had one are given it on upgrade, where they were sent there."""
    sqlite = url.startswith("sqlite")
    path = make_url(url).database if sqlite else None
    if sqlite:
        _private_file(path)
    # The grants table holds tokens: with SQLAlchemy's logger at INFO (to see the SQL), its statement
    # parameters would put them in the log. No pre-ping (a round trip before every statement): a connection
    # that died with its server fails its next statement, SQLAlchemy then discards it and every connection
    # pooled before it, and alone() runs an order's statements once more on a new one.
    engine = create_engine(url, connect_args={"timeout": 30} if sqlite else {}, hide_parameters=True)
    if sqlite:
        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(connection, _record):
            cursor = connection.cursor()
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()
    with _one_process_at_a_time(path), engine.begin() as db:
        if sqlite:
            # WAL is a property of the file, set once; switching to it needs the file to itself,
            # which a second process opening a new file at the same moment denied ("database is
            # locked" at boot): hence under the lock, and not on every connection.
            db.exec_driver_sql("PRAGMA journal_mode=WAL")
        elif engine.dialect.name == "postgresql":
            # Held until this transaction ends: a second instance starting waits, then finds nothing to do.
            db.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        upgrade(db, upstream=upstream)
    return engine


Taken = TypeVar("Taken")


def single_statements(engine: Engine) -> Engine:
    """The engine's pool with each statement its own transaction: on PostgreSQL one round trip a statement,
    where a transaction of one costs three (BEGIN, the statement, COMMIT or ROLLBACK). SQLite, in process,
    has no round trips to save, and would pay a PRAGMA on every connection's return to the pool."""
    if engine.dialect.name == "sqlite":
        return engine
    return engine.execution_options(isolation_level="AUTOCOMMIT")


class Prepared:
    """A write of every order (the journal's claim and its answer), compiled once for the engine's dialect
    and run as the driver's own SQL on SQLAlchemy's connection: its pool, PostgreSQL's autocommit and
    alone()'s second run after a dead connection stay; its per-execution work goes (the compiled cache's
    key, the execution context's set-up: ~14 µs of CPU a statement on SQLite). Only plain values may be
    bound: no type of the orders table needs converting on the way in. Not for reads: a SELECT run so
    builds its result's column map anew each time and costs more than through Core (the grant look-up
    measured 42 µs through Core, 51 so)."""

    def __init__(self, statement: Executable, engine: Engine) -> None:
        self._compiled = statement.compile(dialect=engine.dialect)
        self.sql = str(self._compiled)
        self._positions = self._compiled.positiontup    # None where the driver takes parameters by name

    def parameters(self, values: dict[str, Any]) -> Any:
        bound = self._compiled.construct_params(values)
        return bound if self._positions is None else tuple(bound[name] for name in self._positions)


def returning_id(statement: Any, table: Table, engine: Engine) -> Any:
    """An INSERT that tells the new row's id: SQLite's cursor knows it without RETURNING (which costs it more
    CPU), PostgreSQL says it in RETURNING's one row. inserted_id() reads either."""
    return statement if engine.dialect.name == "sqlite" else statement.returning(table.c.id)


def inserted_id(result: CursorResult) -> int:
    return result.scalar_one() if result.returns_rows else result.lastrowid


def alone(engine: Engine, statement: Prepared | Executable, parameters: dict[str, Any],
          take: Callable[[CursorResult], Taken]) -> Taken:
    """take() of one statement run on a single_statements() engine, run a second time if the connection was
    found dead (a database restarted since it was pooled): the statements given here may run twice (a read,
    an update to fixed values, the journal's claim, whose unique key refuses a second row)."""
    for attempt in (1, 2):
        try:
            with engine.begin() as db:     # on PostgreSQL no BEGIN or COMMIT is sent: it is autocommit
                if isinstance(statement, Prepared):
                    return take(db.exec_driver_sql(statement.sql, statement.parameters(parameters)))
                return take(db.execute(statement, parameters))
        except DBAPIError as error:
            if attempt == 2 or not error.connection_invalidated:
                raise
    raise AssertionError("unreachable")


def upgrade(db: Connection, revision: str = "head", upstream: str | None = None) -> None:
    """Run the migrations up to `revision` on this connection, inside its transaction."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = db
    config.attributes["upstream"] = upstream
    command.upgrade(config, revision)


@contextmanager
def _one_process_at_a_time(path: str | None) -> Iterator[None]:
    """An exclusive lock on a file beside the SQLite database while its schema is set up; elsewhere
    (PostgreSQL, an in-memory database) the database's own lock serves."""
    if not path or path == ":memory:" or path.startswith("file:"):
        yield
        return
    descriptor = os.open(f"{path}.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)    # closing releases the lock


def _private_file(path: str | None) -> None:
    """The SQLite file made (or kept) readable by its owner alone. SQLite gives new -wal and -shm files the
    database's permissions, but ones left by an earlier run keep theirs: they are made private too."""
    if not path or path == ":memory:" or path.startswith("file:"):
        return
    os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
    for name in (path, f"{path}-wal", f"{path}-shm"):
        if os.path.exists(name):
            os.chmod(name, 0o600)
