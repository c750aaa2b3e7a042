"""Fixtures of the live data's tests: a real bridge against the real simulator, over HTTP.

live        opens a /live stream for a logged-in requests session: live(http, symbol=None) -> LiveStream;
            every stream it opened is closed after the test
"""

import pytest

from harness.live import LiveStream


@pytest.fixture
def live(bridge):
    opened = []

    def open_stream(http, symbol=None):
        stream = LiveStream(http, bridge.url, symbol)
        opened.append(stream)
        return stream
    yield open_stream
    for stream in opened:
        stream.close()


@pytest.fixture
def bridge_config(request):
    """The test's settings; and a keep-alive every half second, so that a stream whose client left ends at
    once (a server notices a closed connection only when it writes) and the bridge shuts down quickly."""
    return {"LIVE_KEEP_ALIVE": 0.5, **dict(getattr(request, "param", None) or {})}
