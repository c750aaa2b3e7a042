"""The journal remembers when TradeStation refused the token and the bridge refreshed it and sent again,
so that the ticket's inspector can say so (the JSONP answer itself must stay TradeStation's).

Revision ID: 0004_token_refreshed
Revises: 0003_exchanges
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_token_refreshed"
down_revision = "0003_exchanges"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A server default: the rows already written were never retried, and SQLite adds a NOT NULL column only so.
    with op.batch_alter_table("orders") as batch:
        batch.add_column(sa.Column("token_refreshed", sa.Boolean, nullable=False, server_default=sa.false()))
