"""The order desk: entering orders (and their OSO children and groups) on the book, the rules that reject them
downstream, previews, cancels and replacements. It answers with the model's objects (the book's orders, a
Confirmation, a Cancellation); each face words them. Not locked itself: the backend holds its lock."""

from __future__ import annotations

import base64
import dataclasses
import secrets
from dataclasses import dataclass
from decimal import Decimal

from tradestation import errors as E
from tradestation.dialects import ASSET_OF_NAME, NEEDS_LIMIT, NEEDS_STOP
from tradestation.errors import ApiError
from tradestation.orders import Group, Order
from tradestation.replacements import Replacement

from . import estimates, holdings, legs, trading_rules
from .accounts import Account, Directory
from .activation import Watch
from .book import BUYING, OPEN, QUEUED, REJECTED, WORKING, Book, BookOrder
from .market import Instrument, Market

# What the broker says of an order it took, cancelled or replaced (both faces relay these words).
SENT = "Sent order: "
CANCEL_SENT = "Cancel order sent."
REPLACE_SENT = "Cancel/Replace order sent."
# A multi-leg order is priced as one (legs.py): a limit on its net price, or at market.
MULTI_LEG_TYPE = "Order failed. Reason: A multi-leg order is a Market or Limit order"


def rejection_for_symbol(symbol: str) -> str:
    return f"Order failed. Reason: {symbol} is not a known symbol"


@dataclass(frozen=True)
class Confirmation:
    """What an order would do if placed: its estimated price, cost and commission, and the id to place it with."""
    order: Order
    account: Account
    instrument: Instrument
    price: Decimal
    cost: Decimal               # notional value, or initial margin for a future
    commission: Decimal
    confirm_id: str

    @property
    def buying(self) -> bool:
        return self.order.action in BUYING

    @property
    def initial_margin(self) -> Decimal | None:
        """The margin a future or a forex order holds; None for the others."""
        if self.instrument.asset == "FU":
            return self.cost
        if self.instrument.asset == "FX":
            return estimates.buying_power_used(self.instrument, self.order.quantity, self.price)
        return None


@dataclass(frozen=True)
class Cancellation:
    order: BookOrder
    cancelled: bool             # False: the order was no longer open


class Desk:
    def __init__(self, book: Book, market: Market, directory: Directory) -> None:
        self.book, self.market, self.directory = book, market, directory

    def place(self, user: str, order: Order) -> list[BookOrder]:
        """The order and its OSO children as entered (or as first entered, for a repeated OrderConfirmId)."""
        first = self.book.first_answer(user, order.confirm_id)
        if first is not None:
            self.book.duplicates_refused += 1
            return self._orders(first)
        ids = self._enter(user, order)
        self.book.match(self.market, ids)
        self.book.expire_unfilled_immediate(self._orders(ids, copy=False))
        self.book.remember(user, order.confirm_id, ids)
        return self._orders(ids)

    def place_group(self, user: str, group: Group) -> list[BookOrder]:
        answers, placed = [], []
        for order in group.orders:
            first = self.book.first_answer(user, order.confirm_id)
            if first is not None:
                self.book.duplicates_refused += 1
                answers.append(first)
                continue
            ids = self._enter(user, order)
            self.book.remember(user, order.confirm_id, ids)
            answers.append(ids)
            placed.append(self.book.get(ids[0]))
        if group.type in ("OCO", "BRK"):
            self.book.link(group.type, [member for member in placed if member.status != REJECTED])
        new_ids = [order_id for ids in answers for order_id in ids]
        self.book.match(self.market, [member.id for member in placed])
        self.book.expire_unfilled_immediate(self._orders(new_ids, copy=False))
        return self._orders(new_ids)

    def _orders(self, ids: list[str], copy: bool = True) -> list[BookOrder]:
        # Copies for the faces, which render them once the lock is let go.
        return [self.book.get(order_id).snapshot() if copy else self.book.get(order_id) for order_id in ids]

    @staticmethod
    def check_bracket(group: Group) -> None:
        """A bracket is exits around one position: one symbol, side and quantity, and at least one limit
        (the target) and one stop (the protection). The Group Order page asks for one symbol and side, and
        its BRK example names two accounts (123456 and 123465), so the account is not checked."""
        if group.type != "BRK":
            return
        first = group.orders[0]
        same = all((order.symbol, order.action, order.quantity)
                   == (first.symbol, first.action, first.quantity) for order in group.orders)
        types = {order.type for order in group.orders}
        if not same or "Limit" not in types or not types & NEEDS_STOP:
            raise ApiError(400, E.INVALID_GROUP)

    def _enter(self, user: str, order: Order, parent: str | None = None) -> list[str]:
        """Record an order (and its OSO children, queued behind it); return the ids, parent first."""
        instrument = self.market.instrument(order.symbol)
        book_order = BookOrder(id=self.book.new_id(), user=user, account=order.account, order=order,
                               instrument=instrument, type=order.type, quantity=order.quantity,
                               limit_price=order.limit_price, stop_price=order.stop_price,
                               status=QUEUED if parent else OPEN, parent=parent, trail=order.trailing_stop)
        self.book.add(book_order)
        reason = self._rejection(order, instrument, covered=self._covered_by(parent, order))
        if reason:
            book_order.close(REJECTED, reason)
            return [book_order.id]
        book_order.leg_orders = [self._leg(book_order, leg, number) for number, leg in enumerate(order.legs, 1)]
        if order.activation is not None:
            book_order.watch = Watch(order.activation)
            book_order.watch.observe(self.market)      # its entry is the rules' first tick
        ids = [book_order.id]
        for group in order.osos:
            members = []
            for child in group.orders:
                child_ids = self._enter(user, child, parent=book_order.id)
                book_order.children.append(child_ids[0])
                members.append(self.book.get(child_ids[0]))
                ids.extend(child_ids)
            if group.type in ("OCO", "BRK"):
                self.book.link(group.type, [member for member in members if member.status != REJECTED])
        return ids

    def _leg(self, package: BookOrder, leg: dict, number: int) -> BookOrder:
        """One leg of a multi-leg order, held in the book (so that its fill moves the account) under the
        order's id, never matched on its own."""
        instrument = self.market.instrument(leg["Symbol"])
        order = _leg_order(package.order, leg, instrument)
        return self.book.add(BookOrder(id=f"{package.id}-{number}", user=package.user,
                                       account=package.account, order=order, instrument=instrument,
                                       type="Market", quantity=order.quantity, status=QUEUED, leg_of=package.id))

    def _covered_by(self, parent: str | None, order: Order) -> int:
        """What an OSO child's parent buys of the child's symbol in its account before the child is sent."""
        parent_order = self.book.get(parent) if parent else None
        if parent_order is None or parent_order.order.action not in BUYING:
            return 0
        same = (parent_order.order.symbol, parent_order.account) == (order.symbol, order.account)
        return parent_order.quantity if same else 0

    def _rejection(self, order: Order, instrument: Instrument | None, covered: int = 0) -> str | None:
        """Why an accepted order is rejected downstream, or None. See the README for the rules."""
        if instrument is None:
            return rejection_for_symbol(order.symbol)
        if order.legs:
            return self._legs_rejection(order)
        for rule in order.activation.market_rules if order.activation else ():
            if self.market.instrument(rule.symbol) is None:
                return rejection_for_symbol(rule.symbol)
        if instrument.asset != order.asset:
            return (f"Order failed. Reason: {order.symbol} is {ASSET_OF_NAME[instrument.asset]}, "
                    f"not {ASSET_OF_NAME[order.asset]}")
        account = self.directory.account(order.account)
        return (_not_enabled(account, order.asset)
                or trading_rules.refusal(self.book, account, order, instrument, covered)
                or trading_rules.beyond_buying_power(self.book, self.market, account, order, instrument))

    def _legs_rejection(self, order: Order) -> str | None:
        if order.type not in ("Market", "Limit"):
            return MULTI_LEG_TYPE
        account = self.directory.account(order.account)
        for leg in order.legs:
            instrument = self.market.instrument(leg["Symbol"])
            if instrument is None:
                return rejection_for_symbol(leg["Symbol"])
            reason = (_not_enabled(account, instrument.asset)
                      or trading_rules.cash_account_sale(self.book, account, _leg_order(order, leg, instrument)))
            if reason:
                return reason
        off_tick = trading_rules.off_tick(self.market.instrument(order.symbol), order.limit_price, None)
        if off_tick:
            return off_tick
        # A debit is paid from buying power, as any purchase; a credit needs none here.
        _, cost, commission = self._package_estimate(order)
        power = holdings.balance(self.book, self.market, account).buying_power
        return trading_rules.INSUFFICIENT_BUYING_POWER if max(cost, Decimal(0)) + commission > power else None

    def confirmation(self, order: Order) -> Confirmation:
        instrument = self.market.instrument(order.symbol)
        if instrument is None:
            raise ApiError(400, rejection_for_symbol(order.symbol))
        account = self.directory.account(order.account)
        refused = (self._legs_rejection(order) if order.legs
                   else trading_rules.refusal(self.book, account, order, instrument))
        if refused:
            raise ApiError(400, refused)
        if order.legs:
            price, cost, commission = self._package_estimate(order)
        else:
            price = estimates.estimated_price(order.type, order.limit_price, order.stop_price,
                                              order.action in BUYING, self.market, order.symbol)
            cost = estimates.cost(instrument, order.quantity, price)
            commission = estimates.commission(instrument, order.quantity)
        return Confirmation(order=order, account=account, instrument=instrument, price=price, cost=cost,
                            commission=commission,
                            # A preview hands out the id the client should place the order with, if it brought none.
                            confirm_id=order.confirm_id or _new_confirm_id())

    def _package_estimate(self, order: Order) -> tuple[Decimal, Decimal, Decimal]:
        """A multi-leg order's net price (its limit, or the legs' touch now), its cost and its legs' commission."""
        leg_orders = []
        for leg in order.legs:
            instrument = self.market.instrument(leg["Symbol"])
            leg_orders.append(BookOrder(id="", user="", account=order.account, order=_leg_order(order, leg, instrument),
                                        instrument=instrument, type="Market", quantity=leg["Quantity"]))
        price = order.limit_price if order.type == "Limit" else legs.net_price(leg_orders, self.market)
        commission = sum((estimates.commission(leg.instrument, leg.quantity) for leg in leg_orders), Decimal(0))
        return price, estimates.money(legs.value(leg_orders, price)), commission

    def cancel(self, book_order: BookOrder) -> Cancellation:
        if not book_order.live:
            return Cancellation(order=book_order.snapshot(), cancelled=False)
        self.book.cancel(book_order)
        self.book.changes += 1
        return Cancellation(order=book_order.snapshot(), cancelled=True)

    def replace(self, book_order: BookOrder, replacement: Replacement) -> BookOrder:
        if replacement.account != book_order.account:
            raise ApiError(400, E.INVALID_ACCOUNT)
        if not book_order.live:
            raise ApiError(400, E.NOT_OPEN)
        # A request may repeat what the order is (TradeStation's examples do), never change it.
        held = book_order.order
        for given, kept in ((replacement.symbol, held.symbol), (replacement.asset, held.asset),
                            (replacement.action, held.action)):
            if given is not None and given != kept:
                raise ApiError(400, E.INVALID_ORDER)
        # Limit and stop orders keep their type or become Market; nothing else.
        if replacement.type not in (book_order.type, "Market"):
            raise ApiError(400, E.INVALID_TYPE)
        if replacement.quantity <= book_order.filled_quantity:
            raise ApiError(400, E.INVALID_QUANTITY)   # no smaller than what has already filled
        limit_price = replacement.limit_price if replacement.type in NEEDS_LIMIT else None
        stop_price = replacement.stop_price if replacement.type in NEEDS_STOP else None
        off_tick = trading_rules.off_tick(book_order.instrument, limit_price, stop_price)
        if off_tick:
            raise ApiError(400, off_tick)
        if replacement.trailing_stop is not None:
            # A new trail sets the stop again from the market now; a StopPrice sent with it is not used.
            book_order.trail, stop_price = replacement.trailing_stop, None
        book_order.type, book_order.quantity = replacement.type, replacement.quantity
        book_order.limit_price, book_order.stop_price = limit_price, stop_price
        if replacement.type not in NEEDS_STOP:
            book_order.stop_hit, book_order.trail = False, None
        self.book.changes += 1
        if book_order.status in WORKING:
            self.book.match(self.market, [book_order.id])
        return book_order.snapshot()


def _not_enabled(account: Account, asset: str) -> str | None:
    if account.trades(asset):
        return None
    return f"Order failed. Reason: Account {account.key} is not enabled for {ASSET_OF_NAME[asset]}"


def _leg_order(order: Order, leg: dict, instrument: Instrument) -> Order:
    """A leg of a multi-leg order as an order of its own, as it fills and is held."""
    return dataclasses.replace(order, symbol=leg["Symbol"], quantity=leg["Quantity"], action=leg["TradeAction"],
                               asset=instrument.asset, type="Market", limit_price=None, stop_price=None,
                               confirm_id=None, legs=(), osos=())


def _new_confirm_id() -> str:
    # 16 random bytes in unpadded base64: 22 characters, the shape of the seed's OrderConfirmId.
    return base64.b64encode(secrets.token_bytes(16)).decode().rstrip("=")
