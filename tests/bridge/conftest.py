"""Fixtures of the bridge's own tests (the simulator, the bridge and `trader` are in tests/conftest.py).

simulator_stats   a callable returning the upstream simulator's GET /admin/stats
"""

import pytest

from harness.sim_admin import admin


@pytest.fixture
def simulator_stats(simulator):
    return lambda: admin(simulator, "stats")
