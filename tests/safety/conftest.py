"""Fixtures of the order-safety tests (the simulator, the bridge and `trader` are in tests/conftest.py).

The journal, fault, crash and race tests run once on SQLite and once on PostgreSQL (the `database_url`
fixture of tests/conftest.py, parametrized here): what keeps an order from being placed twice is the
database, so each promise is held on both.

live   one simulator and one bridge for a whole module, over real HTTP, with a trader of each demo
       user (tests/safety/support.py: Live): the hostile-input battery's many cases share them
"""

import pytest

from tests.conftest import DATABASES
from tests.safety.support import Live

ON_BOTH_DATABASES = {"test_journal", "test_journal_states", "test_upstream_faults", "test_crash_safety",
                     "test_gunicorn_race", "test_two_upstreams",
                     "test_change_once"}


def pytest_generate_tests(metafunc):
    if metafunc.module.__name__.rsplit(".", 1)[-1] in ON_BOTH_DATABASES and "database_url" in metafunc.fixturenames:
        metafunc.parametrize("database_url", DATABASES, indirect=True)


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    servers = Live(tmp_path_factory.mktemp("hostile"))
    yield servers
    servers.close()
