"""The ways the simulator can misbehave on purpose: latency, 500s, dropped connections and a queued quota
refusal (the quotas themselves are counted in quotas.py).

All are off by default. Random faults draw from their own stream seeded by SIM_SEED, so a run with
the same seed and the same calls misbehaves on the same calls. A demo or a test that wants one fault
on exactly the next few order calls queues it instead (NEXT_ORDER_FAULTS): no chance involved.
"""

import random
import socket

from tradestation import errors as E
from tradestation.errors import ApiError
from tradestation.sim_contract import DROP_AFTER, DROP_BEFORE, ERROR, QUOTA, TOKEN_EXPIRED, UNAVAILABLE

# What the next order calls (a new order, a cancel, a change) may meet, whatever the rates say; each is
# met after the token is accepted, as TradeStation checks the token first.
NEXT_ORDER_FAULTS = {
    TOKEN_EXPIRED: "every access token ends as it arrives: answered 401, as an expired token is",
    ERROR: "answered 500 Internal Server Error; nothing is recorded",
    QUOTA: "answered 403 Quota Exceeded; nothing is recorded",
    UNAVAILABLE: "answered 503 Failed to Cancel/Replace order. (the Orders service's 503 row); nothing is recorded",
    DROP_BEFORE: "dropped before it is recorded: no answer, no order",
    DROP_AFTER: "recorded, then dropped: the order exists but no answer comes back",
}
MAX_QUEUED = 100


class FaultError(ValueError):
    """A queued fault the simulator does not know, or a count out of range."""


class Faults:
    """Not locked itself: the backend holds its lock around every call."""

    def __init__(self, settings, seed):
        self._settings = settings
        self._random = random.Random(f"faults:{seed}")
        self.injected_errors = 0
        self.dropped = 0
        self.quota_refusals = 0
        # user → (fault, remaining); the key None is anyone's order calls. A demo arms its own user's, so
        # that one user's demo never meets another user's orders.
        self._queues = {}

    def queue_for_next_orders(self, fault, count, user=None):
        """The next `count` order calls (of `user`, or anyone's) meet `fault` (count 0 clears that queue);
        replaces what was queued for them."""
        if fault not in NEXT_ORDER_FAULTS:
            raise FaultError("fault must be one of " + ", ".join(NEXT_ORDER_FAULTS))
        if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= MAX_QUEUED:
            raise FaultError(f"count must be a whole number from 0 to {MAX_QUEUED}")
        if count:
            self._queues[user] = (fault, count)
        else:
            self._queues.pop(user, None)
        return self.queued(user)

    def queued(self, user=None):
        fault, remaining = self._queues.get(user, (None, 0))
        return {"fault": fault, "remaining": remaining}

    def take_next_order_fault(self, user):
        """The fault this order call of `user` meets: the user's own queue first, then anyone's; counted like
        its random twin."""
        key = user if user in self._queues else None
        if key not in self._queues:
            return None
        fault, remaining = self._queues[key]
        if remaining > 1:
            self._queues[key] = (fault, remaining - 1)
        else:
            del self._queues[key]
        if fault in (ERROR, UNAVAILABLE):
            self.injected_errors += 1
        elif fault == QUOTA:
            self.quota_refusals += 1
        elif fault in (DROP_BEFORE, DROP_AFTER):
            self.dropped += 1
        return fault

    def _happens(self, rate):
        if rate <= 0.0:
            return False
        if rate >= 1.0:
            return True
        return self._random.random() < rate

    def latency(self):
        return self._settings["SIM_LATENCY_MS"] / 1000.0

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

    def stats(self):
        return {"injected_errors": self.injected_errors, "dropped_connections": self.dropped,
                "quota_refusals": self.quota_refusals, "next_orders": self.queued(),
                "next_orders_by_user": {user: self.queued(user) for user in self._queues if user is not None}}


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
