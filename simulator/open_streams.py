"""The streams each user has open: TradeStation's concurrent limits per kind (tradestation/quotas.py,
Quota.concurrent), and how an open stream is told to end early (GoAway, or a stream error), as TradeStation's
servers end theirs when they restart or fail."""

from __future__ import annotations

import enum
import threading
from dataclasses import dataclass, field

from tradestation import errors as E
from tradestation.errors import ApiError
from tradestation.quotas import Category, quota


class EndKind(enum.Enum):
    GO_AWAY = "goaway"      # the server is about to go: reconnect
    ERROR = "error"         # the stream failed after it started


@dataclass(frozen=True)
class Ending:
    kind: EndKind
    message: str | None = None      # the error's words (None: the face's own default)
    title: str | None = None        # v3's Error title of a stream error (None: the face's own default)


def from_request(body: dict) -> Ending:
    """The ending an admin request asks for ({"end": "GoAway" | "Error", "message", "error"})."""
    kinds = {"goaway": EndKind.GO_AWAY, "error": EndKind.ERROR}
    kind = kinds.get(str(body.get("end", "GoAway")).casefold())
    message, title = body.get("message"), body.get("error")
    if kind is None:
        raise ValueError('end must be "GoAway" or "Error"')
    if any(value is not None and (not isinstance(value, str) or not value.strip()) for value in (message, title)):
        raise ValueError("message and error must be words")
    return Ending(kind=kind, message=message, title=title)


@dataclass(eq=False)
class OpenStream:
    user: str
    category: Category | None
    ending: Ending | None = field(default=None)


class OpenStreams:
    """Thread-safe on its own lock: a stream opens and closes outside the simulator's lock."""

    def __init__(self):
        self._lock = threading.Lock()
        self._open: list[OpenStream] = []

    def open(self, user: str, category: Category | None) -> OpenStream:
        """A slot for a new stream, or the quota refusal when the user already has the kind's limit open."""
        limit = quota(category).concurrent if category else None
        with self._lock:
            if limit is not None and self._count(user, category) >= limit:
                raise ApiError(403, E.QUOTA_EXCEEDED)
            stream = OpenStream(user=user, category=category)
            self._open.append(stream)
            return stream

    def close(self, stream: OpenStream) -> None:
        with self._lock:
            if stream in self._open:
                self._open.remove(stream)

    def end(self, ending: Ending, user: str | None = None) -> int:
        """Mark the open streams of a user (None: everyone's) to end as `ending` says; how many were marked."""
        with self._lock:
            chosen = [stream for stream in self._open if user is None or stream.user == user]
            for stream in chosen:
                stream.ending = ending
            return len(chosen)

    def _count(self, user, category):
        return sum(1 for stream in self._open if stream.user == user and stream.category == category)

    def counts(self) -> dict[str, int]:
        """Open streams by category name, for the admin API's stats."""
        with self._lock:
            found: dict[str, int] = {}
            for stream in self._open:
                name = stream.category.value if stream.category else "other"
                found[name] = found.get(name, 0) + 1
            return found
