"""Bridges built straight from settings, for the tests of what settings do."""

import secrets

from bridge import create_app
from bridge.sealing import new_key
from harness.keys import SECRET_KEY

# What a bridge for real TradeStation must be given (the upstream aside): its key, its callback, its secrets.
REAL = {"TS_CLIENT_ID": "key", "TS_CLIENT_SECRET": "secret", "TS_REDIRECT_URI": "https://bridge.example.com/callback",
        "SECRET_KEY": secrets.token_hex(32), "TS_TOKEN_KEYS": new_key()}


def make(tmp_path, **settings):
    """A bridge app on a journal of its own in tmp_path."""
    return create_app({"DATABASE_URL": f"sqlite:///{tmp_path}/journal.sqlite3", "SECRET_KEY": SECRET_KEY, **settings})
