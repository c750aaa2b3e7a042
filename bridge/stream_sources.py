"""The feed's streamed sources: a symbol's quotes (v2 and v3), and v3's orders and positions of the user's
accounts. Each keeps what its stream has said so far and publishes the whole, in the shape the page's
/market/… calls answer, after every change.

A stream that breaks, sends an error, goes away or falls silent past the heartbeat timeout is opened again,
after a back-off that grows with each failure in a row; a stream TradeStation does not have here (404) is
replaced by calls (bridge/feed_sources.py).
"""

from __future__ import annotations

from typing import Any

from urllib3.exceptions import HTTPError

from tradestation.quotas import Category

from .feed_sources import Context, PolledOrders, PolledQuote, Source, polled_positions
from .live_feed import Event, State, status
from .stream_reader import Kind, Message, Unreadable, messages

STREAM_ENDED = "TradeStation ended the stream"
STREAM_BROKE = "the stream from TradeStation broke"


class Stream(Source):
    """One of TradeStation's streams, kept open; `replacement` makes the calls that stand in where the API has
    no such stream."""

    def path(self) -> str | None:
        raise NotImplementedError

    def replacement(self) -> Source:
        raise NotImplementedError

    def begin(self) -> None:
        """A stream (re)opened: its snapshot comes again."""

    def take(self, message: Message) -> None:
        raise NotImplementedError

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
                # Held back by the quota: no sooner than it allows again.
                self.pause(max(self._backoff(failures), self.held_for))
                self.held_for = 0
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




class QuoteStream(Stream):
    category = Category.QUOTE_CHANGE_STREAM

    def __init__(self, context: Context, symbol: str) -> None:
        super().__init__(context, f"quote {symbol}")
        self.symbol = symbol
        self.quote: dict = {}
        self.details: dict = {}     # what the quote call adds (v3: point value, description): the page's contract

    def path(self) -> str | None:
        return self.context.upstream.quote_stream_path([self.symbol])

    def replacement(self) -> Source:
        return PolledQuote(self.context, self.symbol)

    def begin(self) -> None:
        self.quote = {}
        grant = self.context.grant()
        if grant is not None and not self.details:
            self.details = self.context.upstream.quote_details(grant.access_token, self.symbol)

    def take(self, message: Message) -> None:
        if message.kind is not Kind.DATA:
            return
        # After the first, each message carries only the fields that moved: merged before it is reshaped, since
        # v3's shape fills a missing field with nothing.
        self.quote = {**self.quote, **message.body}
        shaped = {**self.context.upstream.stream_quote(self.quote), **self.details}
        self.feed.publish(("quote", self.symbol), Event("quote", [shaped]))


class SnapshotStream(Stream):
    """A stream that first sends what is (then EndSnapshot), then each change: the whole is published once the
    snapshot is complete, and after every change."""

    def __init__(self, context: Context, name: str) -> None:
        super().__init__(context, name)
        self.entries: dict = {}
        self.snapshot_done = False

    def begin(self) -> None:
        self.entries, self.snapshot_done = {}, False

    def take(self, message: Message) -> None:
        if message.kind is Kind.END_SNAPSHOT:
            self.snapshot_done = True
        elif message.kind is Kind.DATA and not message.body.get("Error"):     # not a refused account's entry
            self.keep(message.body)
        else:
            return
        if self.snapshot_done:
            self.publish()

    def keep(self, entry: dict) -> None:
        raise NotImplementedError

    def publish(self) -> None:
        raise NotImplementedError


class OrderStream(SnapshotStream):
    category = Category.ORDER_STREAM

    def __init__(self, context: Context) -> None:
        super().__init__(context, "orders")

    def path(self) -> str | None:
        return self.context.upstream.order_stream_path(self.feed.accounts)

    def replacement(self) -> Source:
        return PolledOrders(self.context)

    def keep(self, entry: dict) -> None:
        order = self.context.upstream.stream_order(entry)
        self.entries[order.get("OrderID", "")] = order
        if self.snapshot_done:
            self.feed.note_order()      # balances and positions without a stream look again

    def publish(self) -> None:
        self.feed.publish(("orders",), Event("orders", list(self.entries.values())))


class PositionsStream(SnapshotStream):
    category = Category.POSITIONS_STREAM

    def __init__(self, context: Context) -> None:
        super().__init__(context, "positions")

    def path(self) -> str | None:
        return self.context.upstream.positions_stream_path(self.feed.accounts)

    def replacement(self) -> Source:
        return polled_positions(self.context)

    def keep(self, entry: dict) -> None:
        # A closed position's message names only its PositionID.
        key = str(entry.get("PositionID") or f"{entry.get('AccountID')}/{entry.get('Symbol')}")
        if entry.get("Deleted"):
            self.entries.pop(key, None)
        else:
            self.entries[key] = self.context.upstream.stream_position(entry)

    def publish(self) -> None:
        for account in self.feed.accounts:
            body = [position for position in self.entries.values() if position.get("AccountID") == account]
            self.feed.publish(("positions", account), Event("positions", {"account": account, "body": body}))
