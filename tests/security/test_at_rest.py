"""Secrets at rest: the instance folder and every file in it are the owner's alone, and a copy of
the database reveals no token (they are sealed with Fernet; only their hashes are looked up)."""

import os
import stat

from app import create_app
from bridge.sealing import new_key
from harness.jsonp import unwrap
from harness.keys import SECRET_KEY
from harness.orders import classic_order
from harness.servers import ROOT
from harness.trader import Trader
from simulator.server import serve_in_thread


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def test_the_instance_folder_and_its_files_are_private(app, trader, tmp_path):
    instance = ROOT / "instance"
    assert mode(instance) == 0o700
    for name in ("secret_key", "token_key"):
        if (instance / name).exists():
            assert mode(instance / name) == 0o600, name
    assert mode(instance / "token_key") == 0o600     # the test bridge makes one: no TS_TOKEN_KEYS is given
    unwrap(trader.jsonp("send", data=classic_order()))
    database = tmp_path / "journal.sqlite3"
    for path in (database, database.with_name("journal.sqlite3-wal")):
        assert path.exists() and mode(path) == 0o600, path


def test_a_database_file_that_was_world_readable_is_made_private(simulator, tmp_path):
    database = tmp_path / "journal.sqlite3"
    database.touch(mode=0o644)
    os.chmod(database, 0o644)
    create_app({"TS_BASE_URL": simulator.url + "/v2", "DATABASE_URL": f"sqlite:///{database}"})
    assert mode(database) == 0o600


def test_wal_and_shm_files_left_world_readable_are_made_private(simulator, tmp_path):
    """Another instance has the database open (its -wal and -shm exist) and they were made 0644: SQLite keeps an
    existing file's mode, so the instance starting now makes them private."""
    from sqlalchemy import text
    database = tmp_path / "journal.sqlite3"
    settings = {"TS_BASE_URL": simulator.url + "/v2", "DATABASE_URL": f"sqlite:///{database}"}
    first = create_app(settings).extensions["tsbridge"].journal.engine
    with first.connect() as holding:
        holding.execute(text("SELECT count(*) FROM orders"))
        left = [database.with_name("journal.sqlite3-wal"), database.with_name("journal.sqlite3-shm")]
        for path in left:
            assert path.exists(), path
            os.chmod(path, 0o644)
        create_app(settings)
        assert [mode(path) for path in left] == [0o600, 0o600]


def test_a_copy_of_the_database_reveals_no_token(app, trader, refresh, tmp_path):
    grants = app.extensions["tsbridge"].grants
    tokens = {trader.token, grants.by_access_token(trader.token).refresh_token}
    tokens.add(refresh(trader))
    unwrap(trader.jsonp("send", data=classic_order()))
    dump = b"".join(path.read_bytes() for path in tmp_path.glob("journal.sqlite3*"))
    assert len(dump) > 10_000
    for token in tokens:
        assert token.encode() not in dump


def test_token_keys_rotate_without_logging_anyone_out(simulator, tmp_path):
    old, new = new_key(), new_key()
    settings = {"TS_BASE_URL": simulator.url + "/v2", "DATABASE_URL": f"sqlite:///{tmp_path / 'journal.sqlite3'}",
                "SECRET_KEY": SECRET_KEY}
    before = serve_in_thread(create_app({**settings, "TS_TOKEN_KEYS": old}))
    try:
        trader = Trader(before.url)
    finally:
        before.shutdown()
    # The new key first (it seals from now on), the old one still opens what it sealed.
    after = create_app({**settings, "TS_TOKEN_KEYS": f"{new},{old}"})
    grant = after.extensions["tsbridge"].grants.by_access_token(trader.token)
    assert grant is not None and grant.access_token == trader.token
    # Once the old key is dropped, what it sealed cannot be opened: that login ends, nothing breaks.
    retired = create_app({**settings, "TS_TOKEN_KEYS": new})
    assert retired.extensions["tsbridge"].grants.by_access_token(trader.token) is None


def test_a_looked_up_grant_holds_its_refresh_token_sealed_until_a_refresh_needs_it(app, trader):
    grant = app.extensions["tsbridge"].grants.by_access_token(trader.token)
    held = [value for value in vars(grant).values() if isinstance(value, str)]
    clear = grant.refresh_token        # opened on demand, as a refresh does
    assert clear and clear != grant.sealed_refresh_token
    assert clear not in held and clear not in repr(grant)
