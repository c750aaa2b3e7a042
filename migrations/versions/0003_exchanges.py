"""The JSONP exchanges the bridge answered, kept briefly for the ticket's inspector.

Revision ID: 0003_exchanges
Revises: 0002_sessions
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_exchanges"
down_revision = "0002_sessions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "exchanges",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("userid", sa.String(64), nullable=False),
        sa.Column("callback", sa.String(128), nullable=False),
        sa.Column("request", sa.Text, nullable=False),
        sa.Column("status", sa.Integer, nullable=False),
        sa.Column("headers", sa.Text, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("durations", sa.Text, nullable=False),
        sa.Column("journal_row", sa.Integer),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.UniqueConstraint("userid", "callback", name="one_exchange_per_callback"),
    )

