"""The users' grants and their tokens' hashes (sealed tokens, leases, idle and absolute lifetimes).

Grant tables of a bridge from before this (other columns) hold only logins: they are dropped and made
anew, and everyone logs in again. Ones that already have these columns are kept, logins and all.

Revision ID: 0002_sessions
Revises: 0001_journal
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_sessions"
down_revision = "0001_journal"
branch_labels = None
depends_on = None

GRANTS = {"id", "userid", "access_token", "refresh_token", "redirect_uri", "expires_at", "refresh_at",
          "refreshing_until", "refreshed_at", "created_at", "last_used_at"}
GRANT_TOKENS = {"token_hash", "grant_id", "created_at", "expires_at", "replaced_at"}


def upgrade() -> None:
    inspector = sa.inspect(op.get_bind())
    present = {name: {column["name"] for column in inspector.get_columns(name)}
               for name in ("grants", "grant_tokens") if inspector.has_table(name)}
    if present == {"grants": GRANTS, "grant_tokens": GRANT_TOKENS}:
        return
    for name in present:
        op.drop_table(name)
    op.create_table(
        "grants",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("userid", sa.String(64), nullable=False),
        sa.Column("access_token", sa.Text, nullable=False),
        sa.Column("refresh_token", sa.Text),
        sa.Column("redirect_uri", sa.String(300), nullable=False),
        sa.Column("expires_at", sa.Float, nullable=False),
        sa.Column("refresh_at", sa.Float, nullable=False),
        sa.Column("refreshing_until", sa.Float),
        sa.Column("refreshed_at", sa.Float),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("last_used_at", sa.Float, nullable=False),
    )
    op.create_table(
        "grant_tokens",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("grant_id", sa.String(32), nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("expires_at", sa.Float, nullable=False),
        sa.Column("replaced_at", sa.Float),
    )
    op.create_index("ix_grant_tokens_grant_id", "grant_tokens", ["grant_id"])
