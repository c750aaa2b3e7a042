"""The suite's rules, and the fixtures several areas share: a simulator, and a bridge in front of it.

Each area (simulator/, bridge/, safety/, browser/, bench/) has its own conftest.py for the fixtures
only it uses; helpers live in plain modules (harness/ for what the benchmark needs too).
"""

import os
import shutil
import time

import pytest
import time_machine

from harness import browser
from harness.environment import is_setting
from harness.keys import SECRET_KEY
from tests.reused_simulators import ReusedSimulators
from tests.sim_client import SimClient


# === Suite-wide rules ============================================================================
@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    # A skipped test proves nothing (see pyproject.toml): report it as a failure instead.
    outcome = yield
    report = outcome.get_result()
    if report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"a test may not be skipped: {report.longrepr}"


# The order tests are handed out in (make test: xdist gives two at a time to whichever worker is free). The suite
# is bound by the 2 cores: the areas of long tests that mostly wait (production's and the benchmark's stacks: a
# 30-second slowloris, streams held open) are spread among the browser tests, which keep the cores busy. Run
# first all together, they left the cores mostly idle for ~10 s, then the four workers' Chromiums ran together;
# spread, three whole runs took 260 to 274 s against 278 to 293 s. Both areas come first, so no worker is left
# running a long one alone at the end; then safety, then the rest in pytest's order.
WAITING, BUSY, THEN = ("production", "bench"), ("browser",), ("safety",)


def pytest_collection_modifyitems(items):
    def area(item):
        return item.nodeid.split("/")[1] if item.nodeid.startswith("tests/") else ""

    def of(areas):
        return [item for item in items if area(item) in areas]

    items[:] = (interleaved(of(WAITING), among=of(BUSY)) + of(THEN)
                + [item for item in items if area(item) not in WAITING + BUSY + THEN])


def interleaved(few, among):
    """`few` spread evenly through `among`, each list keeping its own order."""
    if not few or not among:
        return few + among
    step = len(among) / len(few)
    ordered = []
    for index, item in enumerate(few):
        ordered += [item] + among[round(index * step):round((index + 1) * step)]
    return ordered


@pytest.fixture(autouse=True)
def no_settings_from_the_shell(monkeypatch):
    # A test sees only the settings it gives: a TS_BASE_URL or WEB_CONCURRENCY left in the shell
    # would otherwise reach create_app, `python app.py` or gunicorn.conf.py.
    for name in [name for name in os.environ if is_setting(name)]:
        monkeypatch.delenv(name)


# One headless Chromium for the whole run (Playwright's sync API allows one per thread): the browser
# tests' and the security tests'. No skip when the browser is missing: launch() raises and every
# such test fails.
@pytest.fixture(scope="session")
def chromium():
    with browser.chromium(browser.LOOPBACK_SITE) as launched:
        yield launched


# The wall clock of everything serving in this test's process (the bridge's journal, reconciler and grants,
# the in-process simulator), running as usual until the test moves it on with clock.shift(seconds): a grace
# period or an idle limit passes without the test sleeping through it. Monotonic clocks, sleeps and socket
# timeouts stay real, and so does everything in another process (gunicorn, a simulator started as one).
@pytest.fixture
def clock():
    with time_machine.travel(time.time(), tick=True) as traveller:
        yield traveller


# === Simulator fixtures (owned by the simulator; bridge fixtures go in their own section) ========
#
# simulator_config   the SIM_* settings for this test's simulator; parametrize it indirectly:
#                    @pytest.mark.parametrize("simulator_config", [{"SIM_TOKEN_LIFETIME": 2}], indirect=True)
# simulator          a simulator serving over real HTTP on a loopback port (a ServerThread:
#                    .url, .port, .app, .shutdown()); its v2 base URL is simulator.url + "/v2". The server
#                    may be one an earlier test in this process used, its state new (tests/reused_simulators.py);
#                    a test may still stop it or change it: the next test then gets another
# sim                a tests.sim_client.SimClient for that simulator: sign-in helpers and authorised calls
# demo_token         an access token of the demo user, signed in through the simulator's login page
# (the simulator's own tests have more in tests/simulator/conftest.py)


@pytest.fixture
def simulator_config(request):
    return dict(getattr(request, "param", None) or {})


@pytest.fixture(scope="session")
def reused_simulators():
    kept = ReusedSimulators()
    yield kept
    kept.close()


@pytest.fixture
def simulator(simulator_config, reused_simulators):
    server = reused_simulators.lend(simulator_config)
    yield server
    reused_simulators.take_back(server)


@pytest.fixture
def sim(simulator):
    return SimClient(simulator)


@pytest.fixture
def demo_token(sim):
    """An access token of the demo user, signed in at the simulator through its login page."""
    return sim.token()
# === End of simulator fixtures ===================================================================


# === Database fixtures ============================================================================
#
# postgres       one PostgreSQL cluster for the whole run (harness.postgres.Postgres), started on first use;
#                PostgreSQL missing is a failure, never a skip
# database_url   a new, empty database for this test: SQLite in tmp_path unless parametrized indirectly
#                with "postgresql" (tests/safety/conftest.py runs its tests on both: DATABASES)
# journal_url    database_url as a bridge's fixture opens it: a SQLite one is first a copy of a journal
#                migrated once per process (migrated_sqlite), PostgreSQL's stays empty; the bridge's start
#                still runs the migrations, finding nothing to do

DATABASES = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def postgres():
    from harness.postgres import start_postgres
    cluster = start_postgres()
    yield cluster
    cluster.stop()


@pytest.fixture
def database_url(request, tmp_path):
    kind = getattr(request, "param", "sqlite")
    if kind == "sqlite":
        return f"sqlite:///{tmp_path / 'journal.sqlite3'}"
    cluster = request.getfixturevalue("postgres")
    url = cluster.create_database()
    request.addfinalizer(lambda: cluster.drop_database(url))
    return url


# Alembic's five migrations cost a bridge's start 0.045 s of CPU on a new SQLite file, 0.007 s on a copy of
# one already at the newest revision: most tests start a bridge, and the migrations have tests of their own
# (tests/production/test_migrations.py, on database_url itself, left empty for them).
@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory):
    from bridge.db import connect
    path = tmp_path_factory.mktemp("migrated") / "journal.sqlite3"
    connect(f"sqlite:///{path}").dispose()      # the last connection closed: the WAL is in the file
    return path


@pytest.fixture
def journal_url(database_url, migrated_sqlite):
    from sqlalchemy.engine import make_url
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite" and not os.path.exists(url.database):
        shutil.copyfile(migrated_sqlite, url.database)
    return database_url
# === End of database fixtures =====================================================================


# === Bridge fixtures ==============================================================================
#
# bridge_config   settings for this test's bridge, over the defaults below; parametrize it indirectly
# app             the bridge's Flask app, configured against this test's simulator, with its own journal
# bridge          the bridge serving over real HTTP on a free loopback port (.url, .app, .shutdown())
# trader          a harness.trader.Trader: logged in as demo through the simulator's login page
# desks           a SIM desk and a LIVE desk on one database (harness.desks): .simulator, .app, .bridge, .trader
# embedded        the bridge as `python app.py` runs it with no upstream set: with the simulator it started
#                 beside it (create_app_with_simulator), both serving on loopback: .bridge (.url, .app),
#                 .simulator (.url, .app), .sim (a SimClient for it); the demo controls work only here

@pytest.fixture
def bridge_config(request):
    return dict(getattr(request, "param", None) or {})


@pytest.fixture
def app(simulator, bridge_config, journal_url):
    from app import create_app
    return create_app({"TESTING": True, "TS_BASE_URL": simulator.url + "/v2", "SECRET_KEY": SECRET_KEY,
                       "DATABASE_URL": journal_url, "TS_READ_TIMEOUT": 5, **bridge_config})


@pytest.fixture
def bridge(app):
    from simulator.server import serve_in_thread
    server = serve_in_thread(app)
    yield server
    server.shutdown()


@pytest.fixture
def trader(bridge):
    from harness.trader import Trader
    return Trader(bridge.url)
@pytest.fixture
def embedded(simulator_config, bridge_config, journal_url):
    from types import SimpleNamespace

    from bridge import create_app_with_simulator
    from simulator.server import serve_in_thread
    app, simulator = create_app_with_simulator({"TESTING": True, "SECRET_KEY": SECRET_KEY,
                                                "DATABASE_URL": journal_url, "TS_READ_TIMEOUT": 5, **bridge_config},
                                               simulator_config)
    server = serve_in_thread(app)
    yield SimpleNamespace(bridge=server, simulator=simulator, sim=SimClient(simulator))
    server.shutdown()
    simulator.shutdown()


@pytest.fixture
def desks(journal_url):
    """A SIM desk and a LIVE desk (harness.desks: a bridge and a simulator each) on one database."""
    from harness.desks import start_desk, stop_desk
    sim, live = start_desk("SIM", journal_url), start_desk("LIVE", journal_url)
    yield sim, live
    stop_desk(sim)
    stop_desk(live)
# === End of bridge fixtures =======================================================================
