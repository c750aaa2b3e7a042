"""The bridge fixtures start a SQLite journal as a copy of one migrated once per process (tests/conftest.py:
journal_url), rather than running Alembic for every test. The copy must be exactly what the migrations make, and
empty, or one test could see another's rows."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, select

from bridge.db import metadata
from tests.production.test_migrations import head


def test_a_bridge_fixtures_journal_is_the_newest_revision_and_holds_no_row(journal_url):
    engine = create_engine(journal_url)
    with engine.connect() as db:
        assert compare_metadata(MigrationContext.configure(db), metadata) == []
        assert MigrationContext.configure(db).get_current_revision() == head().get_current_head()
        assert {name: db.execute(select(table)).all() for name, table in metadata.tables.items()} == \
            {name: [] for name in metadata.tables}
    engine.dispose()

