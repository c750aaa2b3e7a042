"""Fixtures of the benchmark's smoke test.

soak   runs `python -m bench.soak` with the given arguments, in a process of its own as from a shell
       (the tests do not import bench/), and returns its exit status and the counts it wrote as JSON
"""

import json
import subprocess

import pytest

from harness.servers import PYTHON, ROOT, environment


@pytest.fixture
def soak(tmp_path):
    def run(*arguments):
        counts = tmp_path / "soak.json"
        finished = subprocess.run([PYTHON, "-m", "bench.soak", *arguments, "--json", str(counts)], cwd=ROOT,
                                  env=environment({}), capture_output=True, text=True, timeout=300)
        assert counts.exists(), f"the soak wrote no counts:\n{finished.stdout[-3000:]}\n{finished.stderr[-3000:]}"
        return finished.returncode, json.loads(counts.read_text())
    return run
