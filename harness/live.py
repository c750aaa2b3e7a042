"""A page's /live stream read as a browser's EventSource would: events (name, data) as they arrive, read in a
thread of their own so a test or the benchmark can wait for one with a deadline."""

from __future__ import annotations

import json
import threading
import time


class LiveStream:
    def __init__(self, http, bridge_url, symbol=None, read_timeout=30):
        self.response = http.get(f"{bridge_url}/live", params={"symbol": symbol} if symbol else None, stream=True,
                                 timeout=(5, read_timeout))
        self.status = self.response.status_code
        self.events: list[tuple[str, object, float]] = []     # (name, data, arrival on the monotonic clock)
        self._arrived = threading.Condition()
        self.closed = threading.Event()
        if self.status == 200:
            threading.Thread(target=self._read, daemon=True).start()
        else:
            self.closed.set()

    def _read(self):
        name, data = "message", []
        try:
            for line in self.response.iter_lines(decode_unicode=True):
                if line.startswith(":"):
                    continue        # a keep-alive
                if line.startswith("event:"):
                    name = line[6:].strip()
                elif line.startswith("data:"):
                    data.append(line[5:].strip())
                elif line == "" and data:
                    with self._arrived:
                        self.events.append((name, json.loads("\n".join(data)), time.monotonic()))
                        self._arrived.notify_all()
                    name, data = "message", []
        except Exception:      # the connection closed under the reader: the stream has ended
            pass
        finally:
            self.closed.set()
            with self._arrived:
                self._arrived.notify_all()

    def wait_for(self, name, check=lambda data: True, timeout=3.0):
        """The first event so far or to come of this name whose data passes `check`, within `timeout` s:
        (data, arrival)."""
        def found():
            return next(((data, arrival) for kind, data, arrival in self.events if kind == name and check(data)),
                        None)
        with self._arrived:
            if self._arrived.wait_for(lambda: found() is not None or self.closed.is_set(), timeout) and found():
                return found()
        raise AssertionError(f"no {name} event within {timeout} s")

    def names(self):
        return [kind for kind, _, _ in self.events]

    def close(self):
        self.response.close()
