"""The order book: every order the simulator has taken, how each fills, rests, is cancelled or replaced,
and how orders in a group (OCO, bracket, order-sends-order) act on one another.

Orders fill at the touch: a buy at the ask, a sell at the bid. A limit order rests until the touch reaches
its price, a stop until the touch reaches its stop. An order entered fills whole; a resting one that the
market reaches as prices move fills as far as the size shown at the touch, the rest staying open
(partially filled) for the next move.
"""

import copy
import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from tradestation.dialects import NEEDS_LIMIT, NEEDS_STOP

OPEN, QUEUED, FILLED, CANCELLED, REJECTED, EXPIRED = "OPN", "OSO", "FLL", "CAN", "REJ", "EXP"
PARTIAL = "FPR"
STATUS_DESCRIPTIONS = {OPEN: "Sent", QUEUED: "OSO Order", FILLED: "Filled", CANCELLED: "Cancelled",
                       REJECTED: "Rejected", EXPIRED: "Expired", PARTIAL: "Partial Fill (Alive)"}
LIVE = (OPEN, QUEUED, PARTIAL)
WORKING = (OPEN, PARTIAL)       # in the market: may fill

BUYING = {"Buy", "BuyToCover", "BuyToOpen", "BuyToClose", "Genbiki"}
# Good only for the moment they arrive: cancelled if they cannot fill at once.
IMMEDIATE = {"IOC", "FOK", "ImmediateOrCancel", "FillorKill"}
# What each action (of either dialect) does: buy, sell, sell short or buy to cover.
SIDES = {"Buy": "buy", "Sell": "sell", "SellShort": "short", "Short": "short", "BuyToCover": "cover",
         "BuyToOpen": "buy", "BuyToClose": "buy", "SellToOpen": "sell", "SellToClose": "sell",
         "SellShortExempt": "short", "Genbiki": "buy", "Genwatashi": "sell"}


@dataclass(frozen=True)
class Fill:
    """One execution, in the order the market made them: what positions and cash are worked out from."""
    order_id: str
    quantity: int
    price: Decimal


def now():
    return datetime.datetime.now(datetime.timezone.utc)


def start_of_today():
    return now().replace(hour=0, minute=0, second=0, microsecond=0)


@dataclass
class BookOrder:
    """One order as the simulator holds it. The parsed Order is kept as sent; what a cancel-replace
    may change (type, quantity, prices) lives in the mutable fields."""
    id: str
    user: str
    account: str
    order: object               # tradestation.orders.Order
    instrument: object          # market.Instrument, or None for a symbol the market does not list
    type: str
    quantity: int
    limit_price: Decimal = None
    stop_price: Decimal = None
    status: str = OPEN
    reason: str = None
    filled_price: Decimal = None    # the average over the fills so far
    filled_quantity: int = 0
    filled_value: Decimal = Decimal(0)
    stop_hit: bool = False
    placed_at: datetime.datetime = field(default_factory=now)
    closed_at: datetime.datetime = None
    group: str = None           # "OCO" or "BRK": the siblings cancel when one fills
    siblings: list = field(default_factory=list)
    parent: str = None          # the order whose fill sends this one (OSO)
    children: list = field(default_factory=list)
    watch: object = None        # activation.Watch while the order's activation rules hold it back

    @property
    def held(self):
        """Resting, not in the market, until its activation rules are met."""
        return self.watch is not None and not self.watch.ready()

    @property
    def buying(self):
        return self.order.action in BUYING

    @property
    def live(self):
        return self.status in LIVE

    def close(self, status, reason=None, price=None):
        self.status, self.reason, self.closed_at = status, reason, now()
        if price is not None:
            self.filled_price = price

    def fill_price(self, market):
        """The price this order would fill at against the market now, or None if it rests."""
        if self.status not in WORKING or self.instrument is None or self.held:
            return None
        symbol = self.order.symbol
        touch = market.ask(symbol) if self.buying else market.bid(symbol)
        if self.type in NEEDS_STOP and not self.stop_hit:
            reached = touch >= self.stop_price if self.buying else touch <= self.stop_price
            if not reached:
                return None
            self.stop_hit = True
        if self.type in NEEDS_LIMIT:
            crossed = touch <= self.limit_price if self.buying else touch >= self.limit_price
            return touch if crossed else None
        return touch

    @property
    def description(self) -> str:
        """The order in words, its prices to its instrument's decimals ("Buy 10 MSFT @ 419.50 Limit")."""
        return self.order.describe(self.instrument.decimals if self.instrument else 2)

    @property
    def side(self) -> str:
        """buy, sell, short or cover: what the order does to a position, whatever the dialect's word for it."""
        return SIDES.get(self.order.action, "")

    @property
    def closes(self) -> bool:
        """Whether the order's action closes a position (an option's ...ToClose, an equity's BuyToCover)."""
        return self.order.action.endswith("Close") or self.order.action == "BuyToCover"

    @property
    def leaves(self) -> int:
        """The quantity still to fill: none once the order is over."""
        return self.quantity - self.filled_quantity if self.live else 0

    @property
    def advanced_options_text(self) -> str:
        """The order's trailing stop in words, as the order list shows advanced options; "" when none."""
        trail = self.order.trailing_stop
        if not trail:
            return ""
        if "Amount" in trail:
            return f"Trailing stop: {trail['Amount']}"
        unit = "points" if trail.get("ByPoints") else "%"
        return f"Trailing stop: {trail.get('Value', trail.get('Percent'))} {unit}"

    def snapshot(self) -> "BookOrder":
        """A copy of the order as it is now, for a face to render after the lock is let go."""
        return copy.copy(self)


class Book:
    """Orders by id, the results handed out per OrderConfirmId, and the matching of live orders.

    Not locked itself: the backend holds its lock around every call.
    """

    def __init__(self, first_id):
        self._next_id = first_id
        self.orders = {}
        self.fills: list[Fill] = []
        # (user, OrderConfirmId) -> the ids whose results answered it first, so a repeat can be answered
        # with the same results without placing anything.
        self.answered = {}
        self.duplicates_refused = 0
        self.changes = 0        # cancels and cancel-replaces taken: what a repeated change must not add to

    def new_id(self):
        order_id = str(self._next_id)
        self._next_id += 1
        return order_id

    def add(self, book_order):
        self.orders[book_order.id] = book_order
        return book_order

    def fill(self, order, quantity, price):
        """An execution of part or all of an order, recorded in the ledger."""
        order.filled_quantity += quantity
        order.filled_value += quantity * price
        order.filled_price = order.filled_value / order.filled_quantity
        self.fills.append(Fill(order_id=order.id, quantity=quantity, price=price))

    def get(self, order_id):
        return self.orders.get(order_id)

    def remember(self, user, confirm_id, order_ids):
        if confirm_id:
            self.answered[(user, confirm_id)] = list(order_ids)

    def first_answer(self, user, confirm_id):
        if not confirm_id:
            return None
        return self.answered.get((user, confirm_id))

    def link(self, group_type, members):
        """OCO and BRK: when one fills, or is cancelled by its own parent, the others go too."""
        ids = [member.id for member in members]
        for member in members:
            member.group = group_type
            member.siblings = [other for other in ids if other != member.id]

    def cancel(self, book_order, reason="Cancelled by user"):
        book_order.close(CANCELLED, reason)
        self._cancel_children(book_order)

    def _cancel_children(self, book_order):
        for child_id in book_order.children:
            child = self.orders[child_id]
            if child.live:
                child.close(CANCELLED, "Parent order did not fill")
                self._cancel_children(child)

    def match(self, market, candidates=None, partial=False):
        """Fill every live order the market now reaches; fills may release OSO children, which are
        matched in turn. partial: as prices move, an order takes no more than the size at the touch.
        Returns the ids that got a fill, whole or in part."""
        touched = []
        pending = list(candidates if candidates is not None else self.orders)
        while pending:
            order = self.orders[pending.pop(0)]
            price = order.fill_price(market)
            if price is None:
                continue
            left = order.quantity - order.filled_quantity
            shown = market.ask_size(order.order.symbol) if order.buying else market.bid_size(order.order.symbol)
            take = min(left, shown) if partial else left
            self.fill(order, take, price)
            touched.append(order.id)
            if order.filled_quantity < order.quantity:
                order.status = PARTIAL
                continue
            order.close(FILLED)
            for sibling_id in order.siblings:
                sibling = self.orders[sibling_id]
                if sibling.live:
                    sibling.close(CANCELLED, f"Order {order.id} of the {order.group} group filled")
                    self._cancel_children(sibling)
            for child_id in order.children:
                child = self.orders[child_id]
                if child.status == QUEUED:
                    child.status = OPEN
                    pending.append(child_id)
        return touched

    def observe(self, market):
        """A market move, as the held orders' activation rules count it."""
        for order in self.orders.values():
            if order.status in WORKING and order.watch is not None and not order.watch.activated:
                order.watch.observe(market)

    def waiting_for_time(self):
        """The held orders that a time rule may have released since: to be matched when anyone looks."""
        return [order.id for order in self.orders.values() if order.status in WORKING and order.watch is not None
                and not order.watch.activated and order.watch.activation.time_utc is not None]

    def expire_unfilled_immediate(self, book_orders):
        for order in book_orders:
            if order.status in WORKING and order.order.time_in_force in IMMEDIATE:
                order.close(EXPIRED, "Not filled immediately")
                self._cancel_children(order)

    def stats(self):
        confirm_ids = {(order.user, order.order.confirm_id) for order in self.orders.values() if order.order.confirm_id}
        by_status = {}
        for order in self.orders.values():
            by_status[order.status] = by_status.get(order.status, 0) + 1
        return {"orders": len(self.orders), "confirm_ids": len(confirm_ids),
                "duplicates_refused": self.duplicates_refused, "changes": self.changes, "by_status": by_status}
