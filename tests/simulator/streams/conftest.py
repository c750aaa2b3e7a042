"""Fixtures of the stream tests: a simulator whose idle streams beat every 0.2 s (TradeStation's 5 s would make
each heartbeat test wait), and the demo user's v3 token.

v3_token    an access token of the demo user, signed in the v3 way
"""

import pytest

from harness import v3 as h

HEARTBEAT = 0.2


@pytest.fixture
def simulator_config(request):
    return {"SIM_STREAM_HEARTBEAT": HEARTBEAT, **(getattr(request, "param", None) or {})}


@pytest.fixture
def v3_token(simulator):
    return h.tokens(simulator.url)["access_token"]
