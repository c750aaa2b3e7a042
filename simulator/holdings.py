"""What an account holds, worked out from the book's fills: its positions and its balance. Plain objects
that each face renders in its own words (simulator/v2/render_portfolio*.py, simulator/v3/render.py).

Cash moves with every fill (a buy pays its value, a sell receives it). Buying power is the account's fixed
figure that orders are checked against (desk rules), so that a long soak never runs out of it.
"""

from __future__ import annotations

import datetime
import zlib
from dataclasses import dataclass
from decimal import Decimal

from .accounts import Account
from .book import Book, BookOrder
from .market import Instrument, Market, Quote

CENT = Decimal("0.01")
# An account's position groups (2015 margin accounts) are numbered from here in the order their symbols
# were first filled, so that the Position Groups page's example (group 1234) names the account's first.
FIRST_GROUP = 1234


@dataclass(frozen=True)
class Position:
    """One symbol held in one account: a signed quantity (negative when short) and what it cost."""
    account: Account
    instrument: Instrument
    asset: str                  # the asset type the orders were sent as
    quantity: int
    cost: Decimal               # the signed sum of the fills' prices times their quantities
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
    def key(self) -> int:
        """A stable number for the position, as the examples' Key is one."""
        return zlib.crc32(f"{self.account.key}:{self.symbol}".encode())

    @property
    def average_price(self) -> Decimal:
        return self.cost / self.quantity

    @property
    def market_value(self) -> Decimal:
        return self.quote.last * self.size * self.instrument.point_value

    @property
    def signed_market_value(self) -> Decimal:
        return self.market_value if self.long else -self.market_value

    @property
    def total_cost(self) -> Decimal:
        return abs(self.cost) * self.instrument.point_value

    @property
    def open_profit(self) -> Decimal:
        """The unrealized profit or loss at the last price, to the cent."""
        return ((self.quote.last - self.average_price) * self.quantity * self.instrument.point_value).quantize(CENT)

    @property
    def open_profit_per_unit(self) -> Decimal:
        return self.quote.last - self.average_price if self.long else self.average_price - self.quote.last

    @property
    def open_profit_percent(self) -> Decimal:
        average = self.average_price
        return self.open_profit_per_unit / average * 100 if average else Decimal(0)


@dataclass(frozen=True)
class Balance:
    """An account's money now: the day's starting cash moved by its fills, and what its positions are worth."""
    account: Account
    cash: Decimal
    positions: tuple[Position, ...]

    @property
    def start_of_day(self) -> Decimal:
        return self.account.buying_power

    @property
    def buying_power(self) -> Decimal:
        return self.account.buying_power

    @property
    def market_value(self) -> Decimal:
        return sum((position.signed_market_value for position in self.positions), Decimal(0))

    @property
    def unrealized_profit(self) -> Decimal:
        return sum((position.open_profit for position in self.positions), Decimal(0))

    @property
    def equity(self) -> Decimal:
        return self.cash + self.market_value

    @property
    def realized_profit(self) -> Decimal:
        return Decimal(0)           # positions are not yet closed against their cost

    @property
    def commission(self) -> Decimal:
        return Decimal(0)           # fills take no commission from cash yet


def _filled(book: Book, account: Account) -> list[BookOrder]:
    return [order for order in book.orders.values()
            if order.account == account.key and order.filled_quantity and order.instrument is not None]


def _signed(order: BookOrder) -> int:
    """The quantity filled so far, negative for a sale."""
    return order.filled_quantity if order.buying else -order.filled_quantity


def positions(book: Book, market: Market, account: Account) -> list[Position]:
    """The account's positions with a quantity left, by symbol."""
    held: dict[str, dict] = {}
    for order in _filled(book, account):
        entry = held.setdefault(order.order.symbol, {"order": order, "quantity": 0, "cost": Decimal(0),
                                                      "group_id": FIRST_GROUP + len(held)})
        entry["quantity"] += _signed(order)
        entry["cost"] += _signed(order) * order.filled_price
        entry["time"] = max(filter(None, (entry.get("time"), order.placed_at)))
    return [Position(account=account, instrument=entry["order"].instrument, asset=entry["order"].order.asset,
                     quantity=entry["quantity"], cost=entry["cost"], last_fill_order_at=entry["time"],
                     group_id=entry["group_id"], quote=market.quote(symbol))
            for symbol, entry in sorted(held.items()) if entry["quantity"]]


def balance(book: Book, market: Market, account: Account) -> Balance:
    cash = account.buying_power
    for order in _filled(book, account):
        cash -= _signed(order) * order.filled_price * order.instrument.point_value
    return Balance(account=account, cash=cash, positions=tuple(positions(book, market, account)))
