"""Fixtures of the security tests (the simulator, the bridge and `trader` are in tests/conftest.py).

refresh     a callable: the page's "new token now" (POST /auth/token/refresh with its CSRF token) for a Trader
grant_rows  a callable: how many grants and grant tokens the bridge's database holds
"""

import pytest
from sqlalchemy import func, select

from bridge.db import grant_tokens, grants
from harness.trader import csrf_of


@pytest.fixture
def refresh():
    def ask(trader):
        answer = trader.http.post(f"{trader.bridge}/auth/token/refresh",
                                  headers={"X-CSRF-Token": csrf_of(trader.http.get(f"{trader.bridge}/"))})
        assert answer.status_code == 200, answer.text
        return answer.json()["access_token"]
    return ask


@pytest.fixture
def grant_rows(app):
    engine = app.extensions["tsbridge"].journal.engine

    def count():
        with engine.connect() as db:
            return (db.execute(select(func.count()).select_from(grants)).scalar(),
                    db.execute(select(func.count()).select_from(grant_tokens)).scalar())
    return count
