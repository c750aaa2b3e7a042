"""The bridge's tables: the order journal and the users' grants, in one SQLAlchemy database.

The database, not process memory, is what several gunicorn workers agree through.
"""

from sqlalchemy import (Column, Float, Integer, MetaData, String, Table, Text, UniqueConstraint, create_engine,
                        event)
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

# A user's tokens. The refresh token lives only here, never in a cookie or a page.
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
    Column("created_at", Float, nullable=False),
)

# Every access token a grant has had, by hash, so a page holding the previous one is still recognised.
grant_tokens = Table(
    "grant_tokens", metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("grant_id", String(32), nullable=False, index=True),
    Column("created_at", Float, nullable=False),
)


def connect(url):
    """An engine with the tables in place; SQLite gets WAL and a lock wait so processes can share it."""
    sqlite = url.startswith("sqlite")
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
    return engine
