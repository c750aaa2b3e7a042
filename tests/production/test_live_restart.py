"""A gunicorn worker told to stop (SIGTERM: a restart, a deploy) while a page holds its /live stream: the stream
ends at once and the worker exits, instead of waiting graceful_timeout (30 s) for the page to leave. The page's
EventSource then opens its stream again, on a worker still serving."""

import os
import runpy
import signal
import threading
import time
from types import SimpleNamespace

from harness.live import LiveStream
from harness.servers import ROOT, start_bridge
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


def test_a_second_sigterm_arriving_while_the_first_closes_the_streams_does_not_wait_for_it():
    # The stand-in holds a lock as the feeds' close_all does, and a second SIGTERM (the master's, passed on)
    # arrives while it does: Python runs that handler inside the first one, in this same thread.
    hooks = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    held, calls, reentered = threading.Lock(), [], []

    def close_streams():
        calls.append(1)
        if not held.acquire(timeout=1):
            reentered.append(1)
            return
        try:
            if len(calls) == 1:
                signal.raise_signal(signal.SIGTERM)
        finally:
            held.release()

    stops = []
    worker = SimpleNamespace(wsgi=SimpleNamespace(extensions={"close_streams": close_streams}),
                             handle_exit=lambda sig, frame: stops.append(sig))
    before = signal.getsignal(signal.SIGTERM)
    try:
        hooks["post_worker_init"](worker)
        signal.raise_signal(signal.SIGTERM)
    finally:
        signal.signal(signal.SIGTERM, before)
    assert stops == [signal.SIGTERM, signal.SIGTERM], "gunicorn's own handler runs for each"
    assert (calls, reentered) == ([1], []), "the streams are closed once, and never from inside the first close"
