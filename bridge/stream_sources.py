"""The feed's streamed sources: a symbol's quotes (v2 and v3), and v3's orders and positions of the user's
accounts. Each keeps what its stream has said so far and publishes the whole, in the shape the page's
/market/… calls answer, after every change.
"""

from __future__ import annotations

from tradestation.quotas import Category

from .feed_sources import Context, PolledOrders, PolledPositions, PolledQuote, Source, Stream
from .live_feed import Event
from .stream_reader import Kind, Message


class QuoteStream(Stream):
    category = Category.QUOTE_CHANGE_STREAM

    def __init__(self, context: Context, symbol: str) -> None:
        super().__init__(context, f"quote {symbol}")
        self.symbol = symbol
        self.quote: dict = {}

    def path(self) -> str | None:
        return self.context.upstream.quote_stream_path([self.symbol])

    def replacement(self) -> Source:
        return PolledQuote(self.context, self.symbol)

    def begin(self) -> None:
        self.quote = {}

    def take(self, message: Message) -> None:
        if message.kind is not Kind.DATA:
            return
        # After the first, each message carries only the fields that moved: merged before it is reshaped, since
        # v3's shape fills a missing field with nothing.
        self.quote = {**self.quote, **message.body}
        shaped = self.context.upstream.stream_quote(self.quote)
        self.feed.publish(("quote", self.symbol), Event("quote", [shaped]))


class OrderStream(Stream):
    category = Category.ORDER_STREAM

    def __init__(self, context: Context) -> None:
        super().__init__(context, "orders")
        self.orders: dict[str, dict] = {}
        self.snapshot_done = False

    def path(self) -> str | None:
        return self.context.upstream.order_stream_path(self.feed.accounts)

    def replacement(self) -> Source:
        return PolledOrders(self.context)

    def begin(self) -> None:
        self.orders, self.snapshot_done = {}, False

    def take(self, message: Message) -> None:
        if message.kind is Kind.END_SNAPSHOT:
            self.snapshot_done = True
        elif message.kind is Kind.DATA and not message.body.get("Error"):     # not a refused account's entry
            order = self.context.upstream.stream_order(message.body)
            self.orders[order.get("OrderID", "")] = order
            if self.snapshot_done:
                self.feed.note_order()      # balances and positions without a stream look again
        else:
            return
        if self.snapshot_done:
            self.feed.publish(("orders",), Event("orders", list(self.orders.values())))


class PositionsStream(Stream):
    category = Category.POSITIONS_STREAM

    def __init__(self, context: Context) -> None:
        super().__init__(context, "positions")
        self.positions: dict[tuple[str, str], dict] = {}
        self.snapshot_done = False

    def path(self) -> str | None:
        return self.context.upstream.positions_stream_path(self.feed.accounts)

    def replacement(self) -> Source:
        return PolledPositions(self.context)

    def begin(self) -> None:
        self.positions, self.snapshot_done = {}, False

    def take(self, message: Message) -> None:
        if message.kind is Kind.END_SNAPSHOT:
            self.snapshot_done = True
        elif message.kind is Kind.DATA and not message.body.get("Error"):
            entry = message.body
            key = (str(entry.get("AccountID", "")), str(entry.get("PositionID") or entry.get("Symbol", "")))
            if entry.get("Deleted"):
                self.positions.pop(key, None)
            else:
                self.positions[key] = self.context.upstream.stream_position(entry)
        else:
            return
        if self.snapshot_done:
            for account in self.feed.accounts:
                body = [position for (owner, _), position in self.positions.items() if owner == account]
                self.feed.publish(("positions", account), Event("positions", {"account": account, "body": body}))
