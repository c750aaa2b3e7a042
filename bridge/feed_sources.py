"""Where a feed's values come from, and the calls that stand in where the API has no stream: made once per
user (not per page) at a pace inside the quota, and again right after an order. The streams themselves are
bridge/stream_sources.py.

Each source runs in a thread of its own until it is stopped (its last page left, or the feed ended).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Any, Callable

from tradestation.errors import ApiError
from tradestation.quotas import Category, quota

from .calls import AuthorizedCalls
from .grants import Grant
from .live_feed import Event, Feed, State, quota_pause, status
from .quota_budget import OverQuota, QuotaBudget, refused_for_quota
from .upstream import Answer, FateUnknown, NotSent, Upstream


@dataclass(frozen=True)
class Pace:
    """How the sources keep time (bridge/settings.py has the defaults' reasons)."""
    heartbeat_timeout: float = 20.0     # a stream silent this long is taken for dead
    first_backoff: float = 0.5
    longest_backoff: float = 30.0
    shortest_round: float = 2.0         # never poll faster than the page did
    share: float = 0.5                  # of each quota, for the feed's regular rounds
    early_gap: float = 1.0              # the least time between a round and one brought forward by an order


@dataclass(frozen=True)
class Context:
    feed: Feed
    calls: AuthorizedCalls
    upstream: Upstream
    budget: QuotaBudget
    grant: Callable[[], Grant | None]      # a live grant of the feed's pages (bridge/live_feeds.py keeps it)
    pace: Pace


class Source:
    """One thread's worth of a feed: `name` keys its state on the feed; `category` is the quota its calls count
    against."""
    category: Category

    def __init__(self, context: Context, name: str) -> None:
        self.context = context
        self.feed = context.feed
        self.name = name
        self.stop_event = threading.Event()
        self._response: Any = None
        self.held_for = 0       # seconds the budget held the last call back for
        self.thread = threading.Thread(target=self._run, name=f"feed {name}", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.stop_event.set()
        response = self._response
        if response is not None:
            response.shutdown()     # a read waiting for the next message returns at once

    @property
    def stopping(self) -> bool:
        return self.stop_event.is_set() or self.feed.stopped.is_set()

    def pause(self, seconds: float) -> None:
        self.stop_event.wait(seconds)

    def _run(self) -> None:
        try:
            self.run()
        finally:
            self.feed.source_state(self.name, None)

    def run(self) -> None:
        raise NotImplementedError

    # --- one call, with what its failure means for the page ----------------------------------------------
    def fetch(self, request: Callable[[str], Answer]) -> Answer | None:
        """The answer, or None after saying on the feed why there is none."""
        grant = self.context.grant()
        if grant is None:
            return None
        try:
            answer = self.context.calls.call(grant, request)
        except OverQuota as held:
            self.feed.source_state(self.name, quota_pause(held.seconds))
            self.held_for = held.seconds
            return None
        except (NotSent, FateUnknown, ApiError) as failure:
            self.feed.source_state(self.name, status(State.RECONNECTING, reason=str(failure)))
            return None
        if refused_for_quota(answer):
            seconds = self.context.budget.paused(grant.userid, self.category) or 1
            self.feed.source_state(self.name, quota_pause(seconds))
            return None
        if answer.ok:
            self.feed.source_state(self.name, None)
        return answer


class Rounds(Source):
    """Calls in rounds: each round asks every account (or all at once), at a pace inside the quota, and a round
    comes early after an order."""

    def __init__(self, context: Context, name: str, category: Category, calls_per_round: int) -> None:
        super().__init__(context, name)
        self.category = category
        self.calls_per_round = calls_per_round
        self.interval = max(context.pace.shortest_round,
                            context.budget.spacing(category, calls=calls_per_round, share=context.pace.share))

    def run(self) -> None:
        seen = self.feed.orders_seen()
        while not self.stopping:
            last = time.monotonic()
            self.round()
            seen = self.feed.wait_for_order(seen, self.interval, self.stop_event)
            early = self.interval - (time.monotonic() - last)
            if early > 0:
                # After an order: a burst of orders makes one round, no sooner than a gap after the last, and
                # only from the part of the quota the regular rounds leave; else the regular round comes.
                self.pause(self.context.pace.early_gap - (time.monotonic() - last))
                if not self._spare():
                    self.pause(self.interval - (time.monotonic() - last))
                seen = self.feed.orders_seen()

    def _spare(self) -> bool:
        left = self.context.budget.left(self.feed.userid, self.category)
        limit = quota(self.category).requests
        return left is None or limit is None or left - self.calls_per_round >= limit * self.context.pace.share

    def round(self) -> None:
        raise NotImplementedError


class PerAccount(Rounds):
    """Each account asked in turn (balances; positions where the API has no stream), published per account."""

    def __init__(self, context: Context, name: str, category: Category,
                 ask: Callable[[str, str], Answer]) -> None:
        super().__init__(context, name, category, len(context.feed.accounts))
        self.ask = ask

    def round(self) -> None:
        for account in self.feed.accounts:
            answer = self.fetch(lambda token, account=account: self.ask(token, account))
            if answer is not None:
                self.feed.publish((self.name, account), account_event(self.name, account, answer))


def balances(context: Context) -> PerAccount:
    return PerAccount(context, "balances", Category.BALANCES, context.upstream.balances)


def polled_positions(context: Context) -> PerAccount:
    return PerAccount(context, "positions", Category.POSITIONS, context.upstream.positions)


class PolledOrders(Rounds):
    def __init__(self, context: Context) -> None:
        super().__init__(context, "orders", Category.ORDER_DETAILS, 1)
        self.fills: dict | None = None      # each filled order's filled quantity in the last list

    def round(self) -> None:
        answer = self.fetch(lambda token: self.context.upstream.account_orders(token, self.feed.accounts))
        if answer is None:
            return
        body = body_of(answer)
        self.feed.publish(("orders",), Event("orders", body))
        fills = _fills(body)
        if self.fills is not None and fills != self.fills:
            self.feed.note_order()      # a fill the bridge did not relay moves balances and positions too
        self.fills = fills


def _fills(body: Any) -> dict:
    entries = body if isinstance(body, list) else []
    return {entry.get("OrderID"): entry.get("ExecuteQuantity") for entry in entries
            if isinstance(entry, dict) and entry.get("ExecuteQuantity")}


class PolledQuote(Rounds):
    def __init__(self, context: Context, symbol: str) -> None:
        super().__init__(context, f"quote {symbol}", Category.QUOTE_SNAPSHOT, 1)
        self.symbol = symbol

    def run(self) -> None:
        # Quotes do not change with an order: plain rounds.
        while not self.stopping:
            answer = self.fetch(lambda token: self.context.upstream.quote(token, self.symbol))
            if answer is not None:
                self.feed.publish(("quote", self.symbol), Event("quote", body_of(answer)))
            self.pause(self.interval)


def body_of(answer: Answer) -> Any:
    """What the page's /market/… call answers: the body, or the refusal as {"Message", "StatusCode"}."""
    return answer.body if answer.ok else answer.error()


def account_event(name: str, account: str, answer: Answer) -> Event:
    return Event(name, {"account": account, "body": body_of(answer)})
