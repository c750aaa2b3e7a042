"""Every upstream call the bridge makes for a user, counted against TradeStation's quota table
(tradestation/quotas.py) before it is sent: a call that would pass a quota is not sent at all, and after
TradeStation refused one for its quota (v3's 429, v2's 403 "Quota Exceeded") the category rests until its
window ends.

Counted per user in this process only: two bridge processes serving one user each count their own calls, so
together they may spend more than either allows itself (a limit, said in docs/live.md). Orders (placement,
confirmation, replacement, cancellation) are in no category and never held back.
"""

from __future__ import annotations

import math
import re
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable, Iterator

from tradestation.errors import QUOTA_EXCEEDED
from tradestation.quotas import Category, quota

from .upstream import Answer, NotSent

# The words the page and the feed show for a held-back call or a paused category.
QUOTA_REASON = "TradeStation's request quota"

# Which category an upstream GET falls in, by its path under the base URL (v2's and v3's both).
_CATEGORIES: tuple[tuple[re.Pattern, Category], ...] = tuple((re.compile(pattern), category) for pattern, category in (
    (r"/users/[^/]+/accounts$", Category.ACCOUNTS),
    (r"/brokerage/accounts$", Category.ACCOUNTS),
    (r"/brokerage/stream/accounts/[^/]+/orders(/[^/]+)?$", Category.ORDER_STREAM),
    (r"/brokerage/stream/accounts/[^/]+/positions$", Category.POSITIONS_STREAM),
    (r"/accounts/[^/]+/(historical)?orders$", Category.ORDER_DETAILS),
    (r"/accounts/[^/]+/balances$", Category.BALANCES),
    (r"/accounts/[^/]+/positions$", Category.POSITIONS),
    (r"/(data/quote|marketdata/quotes)/[^/]+$", Category.QUOTE_SNAPSHOT),
    (r"/(stream/quote/(changes|snapshots)|marketdata/stream/quotes)/[^/]+$", Category.QUOTE_CHANGE_STREAM),
))


def category_of(method: str, path: str) -> Category | None:
    """The quota category of a call, or None for one TradeStation counts in none (every order call)."""
    if method != "GET":
        return None
    return next((category for pattern, category in _CATEGORIES if pattern.search(path)), None)


def refused_for_quota(answer: Answer) -> bool:
    """TradeStation's refusal for a quota: v3's 429, or v2's 403 in its words."""
    return answer.status == 429 or (answer.status == 403 and answer.error()["Message"] == QUOTA_EXCEEDED)


class OverQuota(NotSent):
    """A call held back because it would pass the user's quota (or the category is resting after TradeStation
    refused one): it was not sent."""

    def __init__(self, category: Category, seconds: int) -> None:
        self.category = category
        self.seconds = seconds
        super().__init__(f"{QUOTA_REASON} for {category.value} is used up for {seconds} s more")


def held_back(held: OverQuota) -> dict:
    """The page's answer for a call held back: TradeStation's error shape, with the bridge's words and the
    category and seconds for programs."""
    return {"Message": f"Not asked of TradeStation: {held}.", "StatusCode": 429, "Quota": held.category.value,
            "Seconds": held.seconds}


@dataclass
class _Window:
    start: float
    count: int = 0
    paused_until: float = 0.0


class QuotaBudget:
    """Windows per (user, category), begun at the user's first call in the category as TradeStation's are.
    `scale` shortens every window alike (tests against a simulator whose windows are scaled)."""

    def __init__(self, *, clock: Callable[[], float] = time.time, scale: float = 1.0) -> None:
        self.clock = clock
        self.scale = scale
        self._windows: dict[tuple[str, Category], _Window] = {}
        self._lock = threading.Lock()
        # Whom the calls on this thread are made for: AuthorizedCalls says it around each call.
        self._acting = threading.local()

    def window_length(self, category: Category) -> float:
        return quota(category).window * self.scale

    @contextmanager
    def acting_for(self, userid: str) -> Iterator[None]:
        previous = getattr(self._acting, "userid", None)
        self._acting.userid = userid
        try:
            yield
        finally:
            self._acting.userid = previous

    @property
    def userid(self) -> str | None:
        return getattr(self._acting, "userid", None)

    def spend(self, category: Category | None, userid: str | None = None) -> None:
        """Count one call, or raise OverQuota without counting it when it would pass the quota."""
        userid = userid or self.userid
        if category is None or userid is None:
            return
        limit = quota(category).requests
        with self._lock:
            now = self.clock()
            window = self._current(userid, category, now)
            if now < window.paused_until:
                raise OverQuota(category, _whole(window.paused_until - now))
            if limit is not None and window.count >= limit:
                raise OverQuota(category, _whole(window.start + self.window_length(category) - now))
            window.count += 1

    def refused(self, category: Category | None, userid: str | None = None) -> None:
        """TradeStation refused a call for its quota: rest the category until the window ends (ours, begun
        at the first call; TradeStation's began no later, so it has ended by then)."""
        userid = userid or self.userid
        if category is None or userid is None:
            return
        with self._lock:
            now = self.clock()
            window = self._current(userid, category, now)
            window.paused_until = window.start + self.window_length(category)

    # What bridge/upstream.py says around each call it sends.
    def before(self, method: str, path: str) -> None:
        self.spend(category_of(method, path))

    def after(self, method: str, path: str, answer: Answer) -> None:
        if refused_for_quota(answer):
            self.refused(category_of(method, path))

    def paused(self, userid: str, category: Category) -> int | None:
        """Seconds the category rests for the user, or None when it does not."""
        with self._lock:
            now = self.clock()
            window = self._windows.get((userid, category))
            if window is None or now >= window.paused_until:
                return None
            return _whole(window.paused_until - now)

    def left(self, userid: str, category: Category) -> int | None:
        """Calls left in the user's current window (None: the category counts no calls)."""
        limit = quota(category).requests
        if limit is None:
            return None
        with self._lock:
            return limit - self._current(userid, category, self.clock()).count

    def spacing(self, category: Category, *, calls: int, share: float) -> float:
        """Seconds between rounds of `calls` calls that keep them within `share` of the quota, leaving the rest
        for the page's own calls and for rounds after an order."""
        limit = quota(category).requests
        if limit is None:
            return 0.0
        return self.window_length(category) * calls / (limit * share)

    def _current(self, userid: str, category: Category, now: float) -> _Window:
        key = (userid, category)
        window = self._windows.get(key)
        if window is None or now >= max(window.start + self.window_length(category), window.paused_until):
            window = self._windows[key] = _Window(start=now)
        return window


def _whole(seconds: float) -> int:
    return max(1, math.ceil(seconds))
