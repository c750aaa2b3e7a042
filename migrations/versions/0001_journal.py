"""The order journal.

A database made before migrations existed already has this table, with these columns, and its rows
are the record of real orders: it is kept as it is, never re-created.

Revision ID: 0001_journal
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_journal"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    if sa.inspect(op.get_bind()).has_table("orders"):
        return
    op.create_table(
        "orders",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("userid", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("confirm_id", sa.String(40)),
        sa.Column("target", sa.String(300), nullable=False),
        sa.Column("api_version", sa.String(8), nullable=False),
        sa.Column("account", sa.String(32)),
        sa.Column("summary", sa.String(200)),
        sa.Column("request", sa.Text, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("status_code", sa.Integer),
        sa.Column("answer", sa.Text),
        sa.Column("order_id", sa.String(32)),
        sa.Column("message", sa.Text),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("updated_at", sa.Float, nullable=False),
        sa.UniqueConstraint("userid", "kind", "confirm_id", name="one_order_per_confirm_id"),
    )
