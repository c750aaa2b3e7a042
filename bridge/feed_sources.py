"""Where a feed's values come from: TradeStation's streams where the API has them, else calls made once per
user (not per page) at a pace inside the quota, and again right after an order.

Each source runs in a thread of its own until it is stopped (its last page left, or the feed ended). A stream
that breaks, sends an error, goes away or falls silent past the heartbeat timeout is opened again, after a
back-off that grows with each failure in a row; a stream that TradeStation does not have here (404) is
replaced by calls.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Any, Callable

from urllib3.exceptions import HTTPError

from tradestation.errors import ApiError
from tradestation.quotas import Category, quota

from .calls import AuthorizedCalls
from .grants import Grant
from .live_feed import Event, Feed, State, quota_pause, status
from .quota_budget import OverQuota, QuotaBudget, refused_for_quota
from .stream_reader import Kind, Message, Unreadable, messages
from .upstream import Answer, FateUnknown, NotSent, Upstream

STREAM_ENDED = "TradeStation ended the stream"
STREAM_BROKE = "the stream from TradeStation broke"


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
    """One thread's worth of a feed: `name` keys its state on the feed."""

    def __init__(self, context: Context, name: str) -> None:
        self.context = context
        self.feed = context.feed
        self.name = name
        self.stop_event = threading.Event()
        self._response: Any = None
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
            return None
        except (NotSent, FateUnknown, ApiError) as failure:
            self.feed.source_state(self.name, status(State.RECONNECTING, reason=str(failure)))
            return None
        if refused_for_quota(answer):
            seconds = self.context.budget.paused(grant.userid, self.category_of_refusal()) or 1
            self.feed.source_state(self.name, quota_pause(seconds))
            return None
        if answer.ok:
            self.feed.source_state(self.name, None)
        return answer

    def category_of_refusal(self) -> Category:
        raise NotImplementedError


class Rounds(Source):
    """Calls in rounds: each round asks every account (or all at once), at a pace inside the quota, and a round
    comes early after an order."""

    def __init__(self, context: Context, name: str, category: Category, calls_per_round: int) -> None:
        super().__init__(context, name)
        self.category = category
        self.calls_per_round = calls_per_round
        self.interval = max(context.pace.shortest_round,
                            context.budget.spacing(category, calls=calls_per_round, share=context.pace.share))

    def category_of_refusal(self) -> Category:
        return self.category

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


class Balances(Rounds):
    def __init__(self, context: Context) -> None:
        super().__init__(context, "balances", Category.BALANCES, len(context.feed.accounts))

    def round(self) -> None:
        for account in self.feed.accounts:
            answer = self.fetch(lambda token, account=account: self.context.upstream.balances(token, account))
            if answer is not None:
                self.feed.publish(("balances", account), account_event("balances", account, answer))


class PolledPositions(Rounds):
    def __init__(self, context: Context) -> None:
        super().__init__(context, "positions", Category.POSITIONS, len(context.feed.accounts))

    def round(self) -> None:
        for account in self.feed.accounts:
            answer = self.fetch(lambda token, account=account: self.context.upstream.positions(token, account))
            if answer is not None:
                self.feed.publish(("positions", account), account_event("positions", account, answer))


class PolledOrders(Rounds):
    def __init__(self, context: Context) -> None:
        super().__init__(context, "orders", Category.ORDER_DETAILS, 1)

    def round(self) -> None:
        answer = self.fetch(lambda token: self.context.upstream.account_orders(token, self.feed.accounts))
        if answer is not None:
            self.feed.publish(("orders",), Event("orders", body_of(answer)))


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


class Stream(Source):
    """One of TradeStation's streams, kept open; `replacement` makes the calls that stand in where the API has
    no such stream."""
    category: Category

    def path(self) -> str | None:
        raise NotImplementedError

    def replacement(self) -> Source:
        raise NotImplementedError

    def begin(self) -> None:
        """A stream (re)opened: its snapshot comes again."""

    def take(self, message: Message) -> None:
        raise NotImplementedError

    def category_of_refusal(self) -> Category:
        return self.category

    def run(self) -> None:
        failures = 0
        while not self.stopping:
            path = self.path()
            if path is None:
                return self._replaced()
            answer = self.fetch(lambda token, path=path: self.context.upstream.open_stream(
                path, token, heartbeat_timeout=self.context.pace.heartbeat_timeout))
            if answer is not None and answer.status == 404:
                return self._replaced()
            if answer is None or not answer.ok:
                failures += 1
                if answer is not None:
                    self.feed.source_state(self.name, status(State.RECONNECTING, reason=answer.error()["Message"]))
                self.pause(self._backoff(failures))
                continue
            ended, failures = self._read(answer.response, failures)
            if ended and not self.stopping:
                # The stream ended as planned (v2's END): open it again no sooner than the quota allows.
                self.pause(max(self.context.budget.spacing(self.category, calls=1, share=self.context.pace.share),
                               self.context.pace.first_backoff))
            elif not self.stopping:
                self.pause(self._backoff(failures))

    def _read(self, response: Any, failures: int) -> tuple[bool, int]:
        """(whether it ended as planned, the failures in a row); a GoAway reopens at once."""
        self._response = response
        self.begin()
        try:
            for message in messages(response.stream(amt=None, decode_content=True)):
                if self.stopping:
                    return False, failures
                if message.kind is Kind.END:
                    return True, 0
                if message.kind is Kind.GO_AWAY:
                    self.feed.source_state(self.name, status(State.RECONNECTING, 0, str(message.body)))
                    return False, -1      # the next pause is none
                if message.kind is Kind.ERROR:
                    self.feed.source_state(self.name, status(State.RECONNECTING, reason=str(message.body)))
                    return False, failures + 1
                self.feed.source_state(self.name, None)
                failures = 0
                self.take(message)
            # Closed without a word: a dropped connection (v2's way of going away, too).
            if not self.stopping:
                self.feed.source_state(self.name, status(State.RECONNECTING, reason=STREAM_ENDED))
            return False, failures + 1
        except (HTTPError, OSError, Unreadable) as broken:
            if not self.stopping:
                self.feed.source_state(self.name, status(State.RECONNECTING, reason=_said(broken)))
            return False, failures + 1
        finally:
            self._response = None
            response.release_conn()
            response.close()

    def _backoff(self, failures: int) -> float:
        if failures < 0:
            return 0.0
        pace = self.context.pace
        return min(pace.longest_backoff, pace.first_backoff * 2 ** max(failures - 1, 0))

    def _replaced(self) -> None:
        replacement = self.replacement()
        replacement.stop_event = self.stop_event
        replacement.run()


def _said(broken: Exception) -> str:
    if isinstance(broken, Unreadable):
        return f"TradeStation's stream sent {broken}"
    return STREAM_BROKE
