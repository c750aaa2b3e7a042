"""Fixtures of the simulator's own tests (the simulator and `sim` themselves are in tests/conftest.py).

twin         a second simulator with the same (default) seed, as a SimClient
stranger     a simulator with another seed, as a SimClient
"""

import pytest

from simulator.server import start
from tests.sim_client import SimClient


@pytest.fixture
def twin():
    """A second simulator with the same (default) seed."""
    server = start()
    yield SimClient(server)
    server.shutdown()


@pytest.fixture
def stranger():
    server = start({"SIM_SEED": 8})
    yield SimClient(server)
    server.shutdown()
