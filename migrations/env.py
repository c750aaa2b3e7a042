"""Alembic's entry point for the bridge's tables: bridge/db.py runs it on a connection it holds
under a lock (so several processes starting together upgrade once), never from a URL of its own."""

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=None, transaction_per_migration=False)
with context.begin_transaction():
    context.run_migrations()
