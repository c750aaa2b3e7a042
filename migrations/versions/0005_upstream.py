"""Every journal row, exchange and grant names the upstream it belongs to (its environment and base URL), so that
bridges on different upstreams sharing one database never see each other's orders, ids or logins.

What the rows written before this are given:
- an order whose `target` lies under the configured upstream's base URL: the configured upstream (the one the
  bridge running the upgrade is on, handed in by bridge/db.py);
- any other order (sent by a bridge on another upstream, or upgraded with no upstream configured): the upstream
  "UNKNOWN <its target>", which no bridge reads. It is kept, never shown, never mixed with another's;
- grants and the inspector's exchanges are deleted: which upstream a login's tokens are good for is not written
  down, and a guess could hand one upstream's token to the other. Everyone logs in once more.

Revision ID: 0005_upstream
Revises: 0004_token_refreshed
"""

import sqlalchemy as sa
from alembic import context, op

revision = "0005_upstream"
down_revision = "0004_token_refreshed"
branch_labels = None
depends_on = None

LENGTH = 320
UNKNOWN = "UNKNOWN "


def upgrade() -> None:
    upstream = context.config.attributes.get("upstream")
    orders = sa.table("orders", sa.column("target", sa.String), sa.column("upstream", sa.String))
    op.execute(sa.table("grant_tokens").delete())
    op.execute(sa.table("grants").delete())
    op.execute(sa.table("exchanges").delete())
    for name in ("orders", "grants", "exchanges"):
        op.add_column(name, sa.Column("upstream", sa.String(LENGTH), nullable=True))
    unknown = sa.literal(UNKNOWN) + orders.c.target
    if upstream:
        base_url = upstream.split(" ", 1)[1]
        under = sa.or_(orders.c.target == base_url, orders.c.target.startswith(base_url + "/", autoescape=True))
        op.execute(orders.update().values(upstream=sa.case((under, upstream), else_=unknown)))
    else:
        op.execute(orders.update().values(upstream=unknown))

    with op.batch_alter_table("orders") as batch:
        batch.alter_column("upstream", existing_type=sa.String(LENGTH), nullable=False)
        batch.drop_constraint("one_order_per_confirm_id", type_="unique")
        batch.create_unique_constraint("one_order_per_confirm_id", ["upstream", "userid", "kind", "confirm_id"])
    with op.batch_alter_table("grants") as batch:
        batch.alter_column("upstream", existing_type=sa.String(LENGTH), nullable=False)
    with op.batch_alter_table("exchanges") as batch:
        batch.alter_column("upstream", existing_type=sa.String(LENGTH), nullable=False)
        batch.drop_constraint("one_exchange_per_callback", type_="unique")
        batch.create_unique_constraint("one_exchange_per_callback", ["upstream", "userid", "callback"])
