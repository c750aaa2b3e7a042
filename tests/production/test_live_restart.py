"""A gunicorn worker told to stop (SIGTERM: a restart, a deploy) while a page holds its /live stream: the stream
ends at once and the worker exits, instead of waiting graceful_timeout (30 s) for the page to leave. The page's
EventSource then opens its stream again, on a worker still serving."""

import os
import signal
import time

from harness.live import LiveStream
from harness.servers import start_bridge
from harness.trader import Trader


def test_a_stopping_gunicorn_ends_an_open_stream_and_exits_at_once(simulator, tmp_path):
    server = start_bridge(tmp_path, simulator.url + "/v2", workers=1)
    try:
        trader = Trader(server.url)
        page = LiveStream(trader.http, server.url, "MSFT")
        page.wait_for("status", timeout=10)
        told = time.monotonic()
        os.killpg(server.process.pid, signal.SIGTERM)       # as harness/servers.py and a deploy stop it
        assert page.closed.wait(5), "the open stream still holds the stopping worker"
        # gunicorn then keeps the stream's kept-alive connection 2 s more (STOP_KEEPALIVE_LINGER): far from 30 s.
        assert server.process.wait(10) == 0, server.tail()
        assert time.monotonic() - told < 10
        assert "ended" not in page.names(), "the login goes on: only this process stopped"
    finally:
        server.stop()
