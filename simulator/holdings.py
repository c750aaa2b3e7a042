"""What an account holds, worked out from the book's fills in the order they happened: its positions and its
balance. Plain objects that each face renders in its own words (simulator/v2/render_portfolio*.py,
simulator/v3/render.py).

A broker's rules: a fill that adds to a position moves its average price; one that reduces it realizes the
difference to the average and leaves the average alone; one that goes through zero closes the position and
opens the other side at the fill's price. Each order's commission (estimates.commission, on what it filled)
comes out of cash. Equities and options settle in cash (a buy pays its value, a sale receives it); futures and
forex only move cash by what they realize. Buying power follows from the account's type (`buying_power`).
Open orders hold no buying power back: each order is checked against the buying power as it arrives.
"""

from __future__ import annotations

import datetime
import zlib
from dataclasses import dataclass, field
from decimal import Decimal

from . import estimates
from .accounts import Account
from .book import Book, BookOrder
from .market import Instrument, Market, Quote

CENT = Decimal("0.01")
# An account's position groups (2015 margin accounts) are numbered from here in the order their symbols
# were first filled, so that the Position Groups page's example (group 1234) names the account's first.
FIRST_GROUP = 1234
# Paid for in full when bought; futures and forex are margined, and only their profit is cash.
CASH_SETTLED = ("EQ", "OP")


@dataclass(frozen=True)
class Position:
    """One symbol held in one account: a signed quantity (negative when short), its average price and what its
    partial closes have realized."""
    account: Account
    instrument: Instrument
    asset: str                  # the asset type the orders were sent as
    quantity: int
    average_price: Decimal      # of the fills that opened what is held (reset by a reversal)
    realized_profit: Decimal    # what the fills that reduced it made against the average, to the cent
    last_fill_order_at: datetime.datetime   # when the latest order of the position was placed
    group_id: int
    quote: Quote

    @property
    def symbol(self) -> str:
        return self.instrument.symbol

    @property
    def long(self) -> bool:
        return self.quantity > 0

    @property
    def size(self) -> int:
        return abs(self.quantity)

    @property
    def settles_in_cash(self) -> bool:
        return self.instrument.asset in CASH_SETTLED

    @property
    def key(self) -> int:
        """A stable number for the position, as the examples' Key is one."""
        return zlib.crc32(f"{self.account.key}:{self.symbol}".encode())

    @property
    def market_value(self) -> Decimal:
        return self.quote.last * self.size * self.instrument.point_value

    @property
    def signed_market_value(self) -> Decimal:
        return self.market_value if self.long else -self.market_value

    @property
    def total_cost(self) -> Decimal:
        return self.average_price * self.size * self.instrument.point_value

    @property
    def open_profit(self) -> Decimal:
        """The unrealized profit or loss at the last price, to the cent."""
        return estimates.money((self.quote.last - self.average_price) * self.quantity * self.instrument.point_value)

    @property
    def open_profit_per_unit(self) -> Decimal:
        return self.quote.last - self.average_price if self.long else self.average_price - self.quote.last

    @property
    def open_profit_percent(self) -> Decimal:
        average = self.average_price
        return self.open_profit_per_unit / average * 100 if average else Decimal(0)

    @property
    def requirement(self) -> Decimal:
        """What holding it takes from buying power: the initial margin of futures, forex's margin rate, and for
        shares and options in a margin account half their value (Regulation T's initial requirement)."""
        if self.instrument.asset == "FU":
            return (self.instrument.initial_margin or Decimal(0)) * self.size
        if self.instrument.asset == "FX":
            return estimates.FX_MARGIN_RATE * self.size
        return self.market_value / 2


@dataclass(frozen=True)
class Balance:
    """An account's money now: the day's starting cash moved by its fills and commissions, and what its
    positions are worth."""
    account: Account
    cash: Decimal
    positions: tuple[Position, ...]
    realized_profit: Decimal    # over every symbol traded today, closed positions included
    commission: Decimal

    @property
    def start_of_day(self) -> Decimal:
        return self.account.cash

    @property
    def market_value(self) -> Decimal:
        return sum((position.signed_market_value for position in self.positions), Decimal(0))

    @property
    def unrealized_profit(self) -> Decimal:
        return sum((position.open_profit for position in self.positions), Decimal(0))

    @property
    def todays_profit(self) -> Decimal:
        return self.realized_profit + self.unrealized_profit

    @property
    def equity(self) -> Decimal:
        return self.cash + sum((held.signed_market_value if held.settles_in_cash else held.open_profit
                                for held in self.positions), Decimal(0))

    @property
    def buying_power(self) -> Decimal:
        """A cash account buys with its cash; a margin account with twice its equity less what its positions
        require (Regulation T: half their value); futures and forex accounts with their equity less their
        positions' margin. Never below zero."""
        if self.account.type == "C":
            power = self.cash
        elif self.account.type == "M":
            power = 2 * (self.equity - sum((held.requirement for held in self.positions), Decimal(0)))
        else:
            power = self.equity - sum((held.requirement for held in self.positions), Decimal(0))
        return estimates.money(max(power, Decimal(0)))


@dataclass
class _Running:
    """A symbol's position as the account's fills are replayed."""
    first: BookOrder
    group_id: int
    quantity: int = 0
    average: Decimal = Decimal(0)
    realized: Decimal = Decimal(0)
    placed_at: datetime.datetime | None = None
    orders: set = field(default_factory=set)

    def apply(self, signed: int, price: Decimal, point_value: int) -> Decimal:
        """One fill (negative for a sale); answers what it realized."""
        if not self.quantity or (self.quantity > 0) == (signed > 0):
            size = abs(self.quantity) + abs(signed)
            self.average = (self.average * abs(self.quantity) + price * abs(signed)) / size
            self.quantity += signed
            return Decimal(0)
        closed = min(abs(signed), abs(self.quantity))
        direction = 1 if self.quantity > 0 else -1
        made = estimates.money((price - self.average) * closed * direction * point_value)
        self.realized += made
        self.quantity += signed
        if not self.quantity:
            self.average = Decimal(0)
        elif (self.quantity > 0) != (direction > 0):
            self.average = price        # through zero: what is left was opened at this fill
        return made


def _replay(book: Book, account: Account) -> dict[str, _Running]:
    """The account's fills in the order they happened, by symbol (in the order symbols were first filled)."""
    held: dict[str, _Running] = {}
    for fill in book.fills:
        order = book.orders[fill.order_id]
        if order.account != account.key or order.instrument is None:
            continue
        running = held.setdefault(order.order.symbol, _Running(first=order, group_id=FIRST_GROUP + len(held)))
        running.apply(fill.quantity if order.buying else -fill.quantity, fill.price, order.instrument.point_value)
        running.placed_at = max(filter(None, (running.placed_at, order.placed_at)))
        running.orders.add(order.id)
    return held


def _positions(account: Account, market: Market, held: dict[str, _Running]) -> list[Position]:
    return [Position(account=account, instrument=running.first.instrument, asset=running.first.order.asset,
                     quantity=running.quantity, average_price=running.average, realized_profit=running.realized,
                     last_fill_order_at=running.placed_at, group_id=running.group_id, quote=market.quote(symbol))
            for symbol, running in sorted(held.items()) if running.quantity]


def positions(book: Book, market: Market, account: Account) -> list[Position]:
    """The account's positions with a quantity left, by symbol."""
    return _positions(account, market, _replay(book, account))


def held_quantity(book: Book, account: Account, symbol: str) -> int:
    """The signed quantity of a symbol the account holds now (0 when none)."""
    running = _replay(book, account).get(symbol)
    return running.quantity if running else 0


def balance(book: Book, market: Market, account: Account) -> Balance:
    held = _replay(book, account)
    cash, commission = account.cash, Decimal(0)
    for order in (book.orders[order_id] for running in held.values() for order_id in running.orders):
        commission += estimates.commission(order.instrument, order.filled_quantity)
    for fill in book.fills:
        order = book.orders[fill.order_id]
        if order.account == account.key and order.instrument is not None and order.instrument.asset in CASH_SETTLED:
            signed = fill.quantity if order.buying else -fill.quantity
            cash -= signed * fill.price * order.instrument.point_value
    margined = sum((running.realized for running in held.values()
                    if running.first.instrument.asset not in CASH_SETTLED), Decimal(0))
    return Balance(account=account, cash=cash + margined - commission,
                   positions=tuple(_positions(account, market, held)),
                   realized_profit=sum((running.realized for running in held.values()), Decimal(0)),
                   commission=commission)


def opening_balance(account: Account) -> Balance:
    """The account's balance as the day began: its starting cash, nothing held (the demo day starts flat)."""
    return Balance(account=account, cash=account.cash, positions=(), realized_profit=Decimal(0),
                   commission=Decimal(0))
