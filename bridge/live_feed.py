"""One user's live data in this process: the latest value of each kind (a symbol's quote, today's orders, each
account's balances and positions, the feed's state), and the pages that listen, each told every change.

The feed holds no upstream connection itself: its sources (bridge/feed_sources.py) fetch and publish here, and
bridge/live_feeds.py starts and stops them as pages come and go.
"""

from __future__ import annotations

import enum
import json
import queue
import threading
from dataclasses import dataclass, field
from typing import Any

from .quota_budget import QUOTA_REASON


class State(enum.Enum):
    LIVE = "live"
    RECONNECTING = "reconnecting"
    PAUSED = "paused"


@dataclass(frozen=True)
class Event:
    """One server-sent event: its name (quote, orders, balances, positions, status, ended) and its data."""
    name: str
    data: Any

    def text(self) -> str:
        return f"event: {self.name}\ndata: {json.dumps(self.data, separators=(',', ':'))}\n\n"


def status(state: State, seconds: int | None = None, reason: str | None = None) -> Event:
    return Event("status", {"state": state.value, "seconds": seconds, "reason": reason})


def quota_pause(seconds: int) -> Event:
    return status(State.PAUSED, seconds, QUOTA_REASON)


# Never sent: it tells a page's stream to end without a word, as the process is stopping.
CLOSE = Event("close", None)


@dataclass(eq=False)
class Page:
    """One open /live stream: its login (grant), the symbol it shows, and the events waiting to be sent."""
    grant_id: str
    symbol: str | None
    events: queue.Queue = field(default_factory=queue.Queue)

    def next(self, timeout: float) -> Event | None:
        try:
            return self.events.get(timeout=timeout)
        except queue.Empty:
            return None

    def close(self) -> None:
        """The process is stopping: the stream ends after the events already waiting, and the page's browser
        opens it again, on a process still serving."""
        self.events.put(CLOSE)


class Feed:
    def __init__(self, userid: str, accounts: list[str]) -> None:
        self.userid = userid
        self.accounts = accounts
        self.pages: set[Page] = set()
        self.stopped = threading.Event()
        self.grant: Any = None                   # a live grant of its pages (bridge/live_feeds.py keeps it)
        # Counted orders: after one, the sources without a stream look again at once.
        self._orders = 0
        self._order_seen = threading.Condition()
        self._latest: dict[tuple, Event] = {}
        self._problems: dict[str, Event] = {}    # each source's state when it is not live
        self._lock = threading.Lock()

    # --- pages ------------------------------------------------------------------------------------
    def attach(self, page: Page) -> None:
        """A page joins and is sent at once the latest of each kind it shows."""
        with self._lock:
            self.pages.add(page)
            for key, event in self._latest.items():
                if key[0] != "quote" or key[1] == page.symbol:
                    page.events.put(event)
            page.events.put(self._status())

    def detach(self, page: Page) -> bool:
        """Whether the feed has no page left."""
        with self._lock:
            self.pages.discard(page)
            return not self.pages

    def symbols(self) -> set[str]:
        with self._lock:
            return {page.symbol for page in self.pages if page.symbol}

    def grant_ids(self) -> set[str]:
        with self._lock:
            return {page.grant_id for page in self.pages}

    def end(self, grant_id: str, reason: str) -> None:
        """The login of these pages ended: each is told, then closes."""
        with self._lock:
            for page in [page for page in self.pages if page.grant_id == grant_id]:
                page.events.put(Event("ended", {"reason": reason}))
                self.pages.discard(page)

    def close(self) -> None:
        """The process is stopping: every page's stream ends."""
        with self._lock:
            for page in self.pages:
                page.close()

    # --- orders, which call for a look at once -----------------------------------------------------
    def note_order(self) -> None:
        with self._order_seen:
            self._orders += 1
            self._order_seen.notify_all()

    def orders_seen(self) -> int:
        with self._order_seen:
            return self._orders

    def wait_for_order(self, seen: int, timeout: float, stop: threading.Event) -> int:
        """Wait up to `timeout` for an order after the `seen`-th, or for a stop; the orders seen now."""
        with self._order_seen:
            self._order_seen.wait_for(lambda: self._orders != seen or stop.is_set() or self.stopped.is_set(),
                                      timeout)
            return self._orders

    def stop(self) -> None:
        self.stopped.set()
        with self._order_seen:
            self._order_seen.notify_all()

    # --- sources ----------------------------------------------------------------------------------
    def publish(self, key: tuple, event: Event) -> None:
        """A value from a source; pages hear of it only when it changed."""
        with self._lock:
            if self._latest.get(key) == event:
                return
            self._latest[key] = event
            for page in self.pages:
                if key[0] != "quote" or key[1] == page.symbol:
                    page.events.put(event)

    def source_state(self, source: str, event: Event | None) -> None:
        """A source's trouble (reconnecting, paused), or None when it is live again; the pages hear the
        feed's state: the worst of its sources'."""
        with self._lock:
            before = self._status()
            if event is None:
                self._problems.pop(source, None)
            else:
                self._problems[source] = event
            after = self._status()
            if after != before:
                for page in self.pages:
                    page.events.put(after)

    def _status(self) -> Event:
        paused = [event for event in self._problems.values() if event.data["state"] == State.PAUSED.value]
        if paused:
            return max(paused, key=lambda event: event.data["seconds"] or 0)
        if self._problems:
            return next(iter(self._problems.values()))
        return status(State.LIVE)
