"""Fixtures of the benchmark's smoke test.

soak   runs `python -m bench.soak` with the given arguments, in a process of its own as from a shell
       (the tests do not import bench/), and returns its exit status and the counts it wrote as JSON
bench  the same for any of the benchmark's modules: bench(module, *arguments) -> (status, figures)
"""

import json
import subprocess

import pytest

from harness.servers import PYTHON, ROOT, environment


@pytest.fixture
def bench(tmp_path):
    def run(module, *arguments):
        counts = tmp_path / f"{module}.json"
        finished = subprocess.run([PYTHON, "-m", module, *arguments, "--json", str(counts)], cwd=ROOT,
                                  env=environment({}), capture_output=True, text=True, timeout=300)
        assert counts.exists(), f"{module} wrote no figures:\n{finished.stdout[-3000:]}\n{finished.stderr[-3000:]}"
        return finished.returncode, json.loads(counts.read_text())
    return run


@pytest.fixture
def soak(bench):
    return lambda *arguments: bench("bench.soak", *arguments)
