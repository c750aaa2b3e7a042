"""Fixtures of the production tests: the bridge as a desk deploys it (gunicorn, PostgreSQL, nginx).

desk   the README's production layout (harness.production.start_production): two bridge instances
       under gunicorn on one new PostgreSQL database, behind deploy/nginx.conf with TLS, relaying
       to a simulator; clients trust nginx's certificate (REQUESTS_CA_BUNDLE) for the test. Short
       upstream timeouts, so a killed relay's row goes stale in seconds.

The databases (`postgres`, `database_url`) are in tests/conftest.py; the servers are started by
harness/production.py, as the benchmark starts them.
"""

import pytest

from harness.production import start_production
from harness.servers import stack

TIMEOUTS = {"TS_CONNECT_TIMEOUT": 0.5, "TS_READ_TIMEOUT": 3, "TS_RECONCILE_GRACE": 1}


@pytest.fixture
def desk(postgres, monkeypatch):
    database = postgres.create_database()
    with stack("tsbridge-desk") as (workdir, servers):
        production = start_production(workdir, database, env=TIMEOUTS, workers=1)
        servers.callback(production.stop)
        monkeypatch.setenv("REQUESTS_CA_BUNDLE", production.ca)
        yield production
    postgres.drop_database(database)
