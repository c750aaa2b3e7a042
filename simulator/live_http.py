"""An open stream over HTTP, for either face: admitted as any call is (token, quota of its category), given a
slot among the user's open streams, then served as chunked lines from simulator/live.py until it ends; its slot
is freed however it ends (the client leaving included)."""

from __future__ import annotations

import select
import socket
from collections.abc import Callable

from flask import Response, request

from tradestation.errors import ApiError
from tradestation.quotas import Category

from .live import Beat, Feed, Framing, follow
from .web import bearer_token, param, perform, simulator


class _Lines:
    """The response's iterable: werkzeug calls close() when the answer is over or the client has gone, even
    when no line was ever asked for, which a generator's `finally` would miss."""

    def __init__(self, lines, on_close):
        self._lines, self._on_close = lines, on_close

    def __iter__(self):
        return self

    def __next__(self):
        return next(self._lines)

    def close(self):
        self._lines.close()
        on_close, self._on_close = self._on_close, None
        if on_close:
            on_close()


def client_gone(environ) -> Callable[[], bool]:
    """Whether the client has closed its end: its socket reads as at its end without taking a byte."""
    sock = environ.get("werkzeug.socket")

    def gone():
        if sock is None:
            return False
        try:
            readable, _, _ = select.select([sock], [], [], 0)
            return bool(readable) and sock.recv(1, socket.MSG_PEEK) == b""
        except (OSError, ValueError):
            return isinstance(sock, socket.socket) and sock.fileno() == -1
    return gone


def live_response(category: Category | None, make_feed: Callable[[object], Feed], framing: Framing, *,
                  mimetype: str, beat: Callable[[float], Beat], refuse: Callable[[ApiError], Response]) -> Response:
    """Admit the call, build its feed with the caller's token, take a slot and stream. `beat(default)` gives
    the heartbeats from the simulator's interval setting; `refuse` renders a refusal in the face's words."""
    sim = simulator()
    try:
        token = perform(category, lambda token, dialect: token, bearer_token() or param("oauth_token"))
        feed = make_feed(token)
        beats = beat(sim.stream_heartbeat())
        stream = sim.open_stream(token.user, category)
    except ApiError as error:
        return refuse(error)
    lines = follow(feed, framing, signal=sim.changes, stream=stream, beat=beats,
                   client_gone=client_gone(request.environ))
    return Response(_Lines(lines, lambda: sim.close_stream(stream)), 200, mimetype=mimetype,
                    headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})
