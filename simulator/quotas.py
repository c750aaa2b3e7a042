"""TradeStation's request quotas, counted per user and category (the table is tradestation/quotas.py).

A user's window in a category opens at their first request in it and lasts the table's window (times
SIM_QUOTA_WINDOW_SCALE, so a test can see a five-minute window pass in seconds); past the table's count the
request is refused until the window has passed, and the next request opens a new one. A refused request
does not count. Calls in no category (order placement, confirmation, replacement, cancellation, symbol
look-ups) are never counted, so market data can never hold an order back.

Part of the Simulator (backend.py), under its lock.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from tradestation import errors as E
from tradestation.errors import ApiError
from tradestation.quotas import Category, quota


@dataclass
class Window:
    opened: float
    count: int = 0


class Quotas:
    def __init__(self, settings: dict, clock: Callable[[], float] = time.monotonic):
        self._settings = settings
        self._clock = clock
        self._windows: dict[tuple[str, Category], Window] = {}
        self.refusals: Counter[Category] = Counter()

    @property
    def enforced(self) -> bool:
        return self._settings["SIM_QUOTAS"] == "on"

    def charge(self, user: str, category: Category | None) -> None:
        """Count one request of `user` in `category`; refuse it (403 Quota Exceeded, which the v3 face
        answers as 429) when the user's window is already full."""
        if category is None or not self.enforced:
            return
        rule = quota(category)
        if rule.requests is None:
            return      # a category limited only by how many of its streams are open at once
        now = self._clock()
        window = self._windows.get((user, category))
        if window is None or now - window.opened >= rule.window * self._settings["SIM_QUOTA_WINDOW_SCALE"]:
            window = self._windows[(user, category)] = Window(now)
        if window.count >= rule.requests:
            self.refusals[category] += 1
            raise ApiError(403, E.QUOTA_EXCEEDED)
        window.count += 1

    def reset(self) -> None:
        """Every user's windows start afresh (the counts of refusals stay)."""
        self._windows.clear()

    def stats(self) -> dict:
        return {"quotas": "on" if self.enforced else "off",
                "quota_refusals_by_category": {category.value: count for category, count in self.refusals.items()}}
