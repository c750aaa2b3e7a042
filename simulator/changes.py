"""The signal open streams wait on: a version number that moves whenever the market or the book does (a tick,
a pinned price, an order placed, filled, replaced or cancelled), so a stream re-reads only when something moved
and hears of it at once rather than at its next poll."""

from __future__ import annotations

import threading
from collections.abc import Callable


class Changes:
    def __init__(self):
        self._condition = threading.Condition()
        self.version = 0
        # Set once, when the server stops: every stream ends with its face's shutdown word.
        self.closed = False

    def bump(self) -> None:
        with self._condition:
            self.version += 1
            self._condition.notify_all()

    def notify(self, mark: Callable[[], None] = lambda: None) -> None:
        """Wake every waiting stream without a change of state (`mark` runs under the condition first, so a
        stream that is about to wait sees what it set)."""
        with self._condition:
            mark()
            self._condition.notify_all()

    def close(self) -> None:
        self.notify(lambda: setattr(self, "closed", True))

    def wait(self, seen: int, timeout: float, stop: Callable[[], bool] = lambda: False) -> int:
        """The version once it differs from `seen`, the server closes, `stop()` holds or `timeout` passes."""
        with self._condition:
            self._condition.wait_for(lambda: self.version != seen or self.closed or stop(), timeout)
            return self.version
