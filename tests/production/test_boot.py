"""A fresh start is clean: processes opening a new SQLite journal at the same moment all boot.

Before, `PRAGMA journal_mode=WAL` ran on every new connection; switching a new file to WAL needs it
to itself, and a second process doing the same at the same moment got "database is locked" and the
gunicorn worker failed to boot. Each round here starts several processes that open one new file in
the same few milliseconds.
"""

import subprocess
import time

from harness.servers import PYTHON, ROOT, environment

PROCESSES = 6
ROUNDS = 5

OPEN_AT = """
import sys, time
from bridge.db import connect
from sqlalchemy import text
url, at = sys.argv[1], float(sys.argv[2])
time.sleep(max(0.0, at - time.time()))
engine = connect(url)
with engine.connect() as db:
    print(db.execute(text("PRAGMA journal_mode")).scalar(), db.execute(text("SELECT count(*) FROM orders")).scalar())
"""


def test_processes_opening_a_new_sqlite_journal_together_all_start(tmp_path):
    for round_ in range(ROUNDS):
        url = f"sqlite:///{tmp_path / f'journal-{round_}.sqlite3'}"
        at = time.time() + 2.0      # after every process has imported SQLAlchemy and Alembic
        processes = [subprocess.Popen([PYTHON, "-c", OPEN_AT, url, str(at)], cwd=ROOT, env=environment({}),
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                     for _ in range(PROCESSES)]
        finished = [process.communicate(timeout=60) for process in processes]
        failed = [err for process, (_, err) in zip(processes, finished, strict=True) if process.returncode != 0]
        assert not failed, failed[0]
        assert [out.split() for out, _ in finished] == [["wal", "0"]] * PROCESSES
