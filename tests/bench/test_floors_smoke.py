"""`python -m bench.floors`, small: it runs as from a shell and gives each of the four served floors a CPU time
per request (never asserting a timing)."""

import subprocess

from harness.servers import PYTHON, ROOT, environment

FLOORS = ("bare WSGI", "bare WSGI, access log", "Flask view", "Flask view, access log")


def test_the_floors_name_each_server_with_its_cpu_per_request():
    finished = subprocess.run([PYTHON, "-m", "bench.floors", "--requests", "50", "--rounds", "1"], cwd=ROOT,
                              env=environment({}), capture_output=True, text=True, timeout=120)
    assert finished.returncode == 0, finished.stdout[-3000:] + finished.stderr[-3000:]
    rows = {line[:28].strip(): line[28:].split() for line in finished.stdout.splitlines()[2:]}
    assert sorted(rows) == sorted(FLOORS), finished.stdout
    for label, figures in rows.items():
        assert float(figures[0]) > 0, (label, figures)
