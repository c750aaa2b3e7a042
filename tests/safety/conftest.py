"""Fixtures of the order-safety tests (the simulator, the bridge and `trader` are in tests/conftest.py).

live   one simulator and one bridge for a whole module, over real HTTP, with a trader of each demo
       user (tests/safety/support.py: Live): the hostile-input battery's many cases share them
"""

import pytest

from tests.safety.support import Live


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    servers = Live(tmp_path_factory.mktemp("hostile"))
    yield servers
    servers.close()
