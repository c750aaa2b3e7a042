"""A fresh start is clean: processes opening a new SQLite journal at the same moment all boot.

Before, `PRAGMA journal_mode=WAL` ran on every new connection; switching a new file to WAL needs it
to itself, and a second process doing the same at the same moment got "database is locked" and the
gunicorn worker failed to boot. Each round here starts several processes that open one new file in
the same few milliseconds.
"""

import subprocess

from harness.servers import PYTHON, ROOT, environment

PROCESSES = 6
ROUNDS = 5

# One interpreter imports SQLAlchemy and Alembic once, then per round forks PROCESSES children that
# block on a pipe until every one of them exists, and are let go together: they open the file at the
# same moment however slowly the machine imports, and the 30 openings cost one import.
OPEN_TOGETHER = """
import os, sys, traceback
from bridge.db import connect
from sqlalchemy import text
processes = int(sys.argv[1])
for url in sys.argv[2:]:
    go, release = os.pipe()
    children = []
    for _ in range(processes):
        pid = os.fork()
        if pid == 0:
            os.close(release)
            os.read(go, 1)
            try:
                with connect(url).connect() as db:
                    line = f"{db.execute(text('PRAGMA journal_mode')).scalar()} "
                    line += f"{db.execute(text('SELECT count(*) FROM orders')).scalar()}"
                os.write(1, (line + chr(10)).encode())
                os._exit(0)
            except BaseException:
                traceback.print_exc()
                os._exit(1)
        children.append(pid)
    os.close(go)
    os.write(release, b"x" * processes)
    os.close(release)
    failed = [pid for pid in children if os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) != 0]
    if failed:
        sys.exit(f"{len(failed)} of {processes} processes failed on {url}")
"""


def test_processes_opening_a_new_sqlite_journal_together_all_start(tmp_path):
    urls = [f"sqlite:///{tmp_path / f'journal-{round_}.sqlite3'}" for round_ in range(ROUNDS)]
    finished = subprocess.run([PYTHON, "-c", OPEN_TOGETHER, str(PROCESSES), *urls], cwd=ROOT, env=environment({}),
                              capture_output=True, text=True, timeout=120)
    assert finished.returncode == 0, finished.stderr[-3000:]
    assert [line.split() for line in finished.stdout.splitlines()] == [["wal", "0"]] * (PROCESSES * ROUNDS)
