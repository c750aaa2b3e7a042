"""Fixtures of the v3 face's tests.

v3          a harness.v3.V3 on the `simulator` fixture, with a token of the demo user signed in the v3 way
"""

import pytest

from harness import v3 as h


@pytest.fixture
def v3(simulator):
    return h.V3(simulator.url, h.tokens(simulator.url)["access_token"])
