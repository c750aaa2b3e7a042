"""The bridge's tables: the order journal and the users' grants, in one SQLAlchemy database.

The database, not process memory, is what several gunicorn workers agree through.
"""

import os

from sqlalchemy import (Column, Float, Integer, MetaData, String, Table, Text, UniqueConstraint, create_engine,
                        event, inspect)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

metadata = MetaData()

# One row per order the bridge relays, written before it is sent and completed after.
orders = Table(
    "orders", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
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
    UniqueConstraint("userid", "kind", "confirm_id", name="one_order_per_confirm_id"),
)

# A user's tokens, sealed (bridge/sealing.py). The refresh token lives only here, never in a cookie or a page.
grants = Table(
    "grants", metadata,
    Column("id", String(32), primary_key=True),
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

SESSION_TABLES = (grant_tokens, grants)


def connect(url):
    """An engine with the tables in place; SQLite gets WAL and a lock wait so processes can share it."""
    sqlite = url.startswith("sqlite")
    if sqlite:
        _private_file(make_url(url).database)
    # The grants table holds tokens: with SQLAlchemy's logger at INFO (to see the SQL), its statement
    # parameters would put them in the log.
    engine = create_engine(url, connect_args={"timeout": 30} if sqlite else {}, pool_pre_ping=not sqlite,
                           hide_parameters=True)
    if sqlite:
        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(connection, _record):
            cursor = connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()
    try:
        metadata.create_all(engine)
    except OperationalError:
        # Another process (a second gunicorn worker) created the tables between our check and ours.
        metadata.create_all(engine)
    _renew_session_tables(engine)
    return engine


def _private_file(path):
    """The SQLite file made (or kept) readable by its owner alone; SQLite gives its -wal and -shm
    files the same permissions."""
    if not path or path == ":memory:" or path.startswith("file:"):
        return
    os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
    os.chmod(path, 0o600)


def _renew_session_tables(engine):
    """Grants from a bridge whose session tables had other columns are dropped: they hold only logins,
    which end with it (everyone logs in again). The journal is never touched here."""
    present = {table.name: {column["name"] for column in inspect(engine).get_columns(table.name)}
               for table in SESSION_TABLES}
    if all(present[table.name] == set(table.columns.keys()) for table in SESSION_TABLES):
        return
    try:
        metadata.drop_all(engine, tables=SESSION_TABLES)
        metadata.create_all(engine, tables=SESSION_TABLES)
    except OperationalError:
        metadata.create_all(engine, tables=SESSION_TABLES)   # another process renewed them first
