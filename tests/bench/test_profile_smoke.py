"""`python -m bench.profile`, small: it runs as from a shell and names every stage with its wall and CPU
time (never asserting a timing)."""

import subprocess

from harness.servers import PYTHON, ROOT, environment

STAGES = ("whole request", "grant lookup", "parse + validate the order", "journal claim", "upstream POST /orders",
          "journal record_answer", "relay.send")


def test_the_profile_names_each_stage_with_its_wall_and_cpu_time():
    finished = subprocess.run([PYTHON, "-m", "bench.profile", "--orders", "30"], cwd=ROOT, env=environment({}),
                              capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stdout[-3000:] + finished.stderr[-3000:]
    lines = finished.stdout.splitlines()
    header = next(line for line in lines if line.startswith("stage"))
    assert "wall p50" in header and "CPU p50" in header
    for stage in STAGES:
        [row] = [line for line in lines if line.startswith(stage)]
        figures = [float(value) for value in row.split()[-4:]]
        assert all(value >= 0 for value in figures), row
