"""The journal's tables are made and upgraded by Alembic migrations, and no upgrade loses a row.

On SQLite and on PostgreSQL (a new database each): a database made before migrations existed (by
create_all, with the grant tables of an earlier bridge) is upgraded in place; each migration in
turn keeps the orders written before it; and the tables the migrations make are exactly the ones
bridge/db.py queries.
"""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, insert, inspect, select, text

from bridge.db import MIGRATIONS, connect, grants, metadata, orders, upgrade
from tests.conftest import DATABASES

pytestmark = pytest.mark.parametrize("database_url", DATABASES, indirect=True)

# The upstream of the bridge that runs the upgrades here: the journal rows below were sent to it.
UPSTREAM = "SIM http://127.0.0.1/v2"

# The tables as the bridge made them with create_all before migrations, with the grants of the bridge
# before sealed tokens and session lifetimes (fewer columns): the oldest database an upgrade meets.
BEFORE_MIGRATIONS = [
    """CREATE TABLE orders (id INTEGER NOT NULL PRIMARY KEY, userid VARCHAR(64) NOT NULL, kind VARCHAR(16) NOT NULL,
       confirm_id VARCHAR(40), target VARCHAR(300) NOT NULL, api_version VARCHAR(8) NOT NULL, account VARCHAR(32),
       summary VARCHAR(200), request TEXT NOT NULL, state VARCHAR(16) NOT NULL, status_code INTEGER, answer TEXT,
       order_id VARCHAR(32), message TEXT, attempts INTEGER NOT NULL, created_at FLOAT NOT NULL,
       updated_at FLOAT NOT NULL, CONSTRAINT one_order_per_confirm_id UNIQUE (userid, kind, confirm_id))""",
    """CREATE TABLE grants (id VARCHAR(32) NOT NULL PRIMARY KEY, userid VARCHAR(64) NOT NULL,
       access_token TEXT NOT NULL, refresh_token TEXT, expires_at FLOAT NOT NULL)""",
    """CREATE TABLE grant_tokens (token_hash VARCHAR(64) NOT NULL PRIMARY KEY, grant_id VARCHAR(32) NOT NULL)""",
]


def journal_rows(count, prefix):
    return [dict(id=None, userid="demo", kind="send", confirm_id=f"{prefix}-{n}", target="http://127.0.0.1/v2/orders",
                 api_version="20101026", account="281994", summary=f"Buy {n + 1} MSFT @ Market", request="{}",
                 state="placed", status_code=200, answer="[]", order_id=str(208033600 + n), message="Sent order",
                 attempts=1, created_at=1700000000.0 + n, updated_at=1700000000.5 + n) for n in range(count)]


def insert_rows(engine, rows):
    scoped = {"upstream": UPSTREAM} if "upstream" in columns(engine) else {}
    with engine.begin() as db:
        for row in rows:
            values = {**{key: value for key, value in row.items() if key != "id"}, **scoped}
            db.execute(insert(orders).values(**values))


def read_rows(engine):
    """The rows, in the columns the database has so far (an earlier migration has fewer)."""
    present = [column for column in orders.c if column.name in columns(engine)]
    with engine.connect() as db:
        return [{key: value for key, value in row.items() if key != "id"}
                for row in db.execute(select(*present).order_by(orders.c.confirm_id)).mappings()]


def expected(rows, engine):
    """The rows as written, with what a later migration adds to rows written before it (not retried)."""
    present = columns(engine)
    added = {name: value for name, value in (("token_refreshed", False), ("upstream", UPSTREAM)) if name in present}
    return sorted(({**{key: value for key, value in row.items() if key != "id"}, **added} for row in rows),
                  key=lambda row: row["confirm_id"])


def columns(engine):
    return {column["name"] for column in inspect(engine).get_columns("orders")}


def head():
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(config)


def test_the_migrations_make_exactly_the_tables_the_bridge_queries(database_url):
    engine = connect(database_url, upstream=UPSTREAM)
    with engine.connect() as db:
        assert compare_metadata(MigrationContext.configure(db), metadata) == []
        assert MigrationContext.configure(db).get_current_revision() == head().get_current_head()


def test_a_database_from_before_migrations_keeps_every_journal_row(database_url):
    old = create_engine(database_url)
    with old.begin() as db:
        for statement in BEFORE_MIGRATIONS:
            if old.dialect.name == "postgresql":    # create_all's autoincrementing key there
                statement = statement.replace("id INTEGER NOT NULL PRIMARY KEY", "id SERIAL PRIMARY KEY")
            db.exec_driver_sql(statement)
        db.execute(text("INSERT INTO grants VALUES ('g1', 'demo', 'sealed', NULL, 1.0)"))
    rows = journal_rows(5, "before")
    insert_rows(old, rows)
    old.dispose()

    engine = connect(database_url, upstream=UPSTREAM)
    assert read_rows(engine) == expected(rows, engine)
    # The old logins are gone (they could not be used: the columns changed); the new tables are in place.
    with engine.connect() as db:
        assert db.execute(select(grants)).all() == []
        assert compare_metadata(MigrationContext.configure(db), metadata) == []
    # The journal still takes new orders, with ids after the old ones, and a second start changes nothing.
    insert_rows(engine, journal_rows(2, "after"))
    engine.dispose()
    again = connect(database_url, upstream=UPSTREAM)
    assert read_rows(again) == expected(rows + journal_rows(2, "after"), again)
    again.dispose()


def test_each_migration_in_turn_keeps_the_rows_written_before_it(database_url):
    engine = create_engine(database_url)
    revisions = [script.revision for script in reversed(list(head().walk_revisions()))]
    written = []
    for number, revision in enumerate(revisions):
        with engine.begin() as db:
            upgrade(db, revision, upstream=UPSTREAM)
        if inspect(engine).has_table("orders"):
            written += journal_rows(3, f"at-{number}")
            insert_rows(engine, journal_rows(3, f"at-{number}"))
        assert read_rows(engine) == expected(written, engine)
    assert len(written) == 3 * len(revisions)
    engine.dispose()


def test_rows_from_before_upstreams_go_to_the_configured_one_only_where_they_were_sent_there(database_url):
    """A SIM and a LIVE bridge shared one file before rows named their upstream: the first to upgrade must not
    take the other's orders for its own. Logins and inspector records say nowhere whose they are: they go."""
    engine = create_engine(database_url)
    with engine.begin() as db:
        upgrade(db, "0004_token_refreshed")
    rows = journal_rows(4, "mixed")
    targets = ["http://127.0.0.1/v2/orders", "http://127.0.0.1/v2/orders/208033600",
               "http://127.0.0.1:5001/v2/orders", "http://127.0.0.1/v2x/orders"]
    insert_rows(engine, [dict(row, target=target) for row, target in zip(rows, targets, strict=True)])
    with engine.begin() as db:
        db.execute(text("INSERT INTO grants VALUES ('g1', 'demo', 'sealed', NULL, 'http://x/callback', "
                        "1.0, 1.0, NULL, NULL, 1.0, 1.0)"))
        upgrade(db, upstream=UPSTREAM)
    with engine.connect() as db:
        found = dict(db.execute(select(orders.c.target, orders.c.upstream)).all())
        assert db.execute(select(grants)).all() == []
    assert found == {targets[0]: UPSTREAM, targets[1]: UPSTREAM, targets[2]: f"UNKNOWN {targets[2]}",
                     targets[3]: f"UNKNOWN {targets[3]}"}
    engine.dispose()
