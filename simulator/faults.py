"""The ways the simulator can misbehave on purpose: latency, 500s, dropped connections and quotas.

All are off by default. Random faults draw from their own stream seeded by SIM_SEED, so a run with
the same seed and the same calls misbehaves on the same calls.
"""

import random
import socket
import time

from tradestation import errors as E
from tradestation.errors import ApiError

QUOTA_WINDOW = 300  # TradeStation counts in fixed five-minute windows


class Faults:
    """Not locked itself: the backend holds its lock around every call."""

    def __init__(self, settings, seed, clock=time.time):
        self._settings = settings
        self._random = random.Random(f"faults:{seed}")
        self._clock = clock
        self._counts = {}
        self.injected_errors = 0
        self.dropped = 0
        self.quota_refusals = 0

    def _happens(self, rate):
        if rate <= 0.0:
            return False
        if rate >= 1.0:
            return True
        return self._random.random() < rate

    def latency(self):
        return self._settings["SIM_LATENCY_MS"] / 1000.0

    def charge(self, user, category):
        """Count one request against the user's quota for a category; refuse it past the limit."""
        limit = self._settings["SIM_QUOTA"]
        if not limit:
            return
        window = int(self._clock() // QUOTA_WINDOW)
        key = (user, category)
        start, count = self._counts.get(key, (window, 0))
        if start != window:
            start, count = window, 0
        count += 1
        self._counts[key] = (start, count)
        if count > limit:
            self.quota_refusals += 1
            raise ApiError(403, E.QUOTA_EXCEEDED)

    def maybe_fail(self):
        if self._happens(self._settings["SIM_ERROR_RATE"]):
            self.injected_errors += 1
            raise ApiError(500, E.SERVER_ERROR)

    def drop_now(self, moment):
        """Whether to drop this order call's connection at this moment ("before" or "after" recording)."""
        if self._settings["SIM_DROP_WHEN"] != moment:
            return False
        if self._happens(self._settings["SIM_DROP_RATE"]):
            self.dropped += 1
            return True
        return False

    def reset_quota(self):
        self._counts.clear()

    def stats(self):
        return {"injected_errors": self.injected_errors, "dropped_connections": self.dropped,
                "quota_refusals": self.quota_refusals}


def drop_connection(environ):
    """Close the client's connection under the server, so the client sees no answer at all.

    werkzeug's development server exposes the socket; writing the response afterwards fails with
    a connection error, which the server treats as a client that went away.
    """
    sock = environ.get("werkzeug.socket")
    if sock is None:
        return False
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    return True
