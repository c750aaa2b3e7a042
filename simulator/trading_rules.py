"""A broker's rules about what an account may trade, applied to an order at its preview (a 400) and when it is
sent (taken with an id and rejected): prices on the instrument's tick, a cash account's sales covered by what it
holds, and an order's cost within the buying power the account has now (holdings.py)."""

from __future__ import annotations

from decimal import Decimal

from tradestation import errors as E
from tradestation.orders import Order

from . import estimates, holdings
from .accounts import Account
from .book import BUYING, Book
from .market import Instrument, Market

INSUFFICIENT_BUYING_POWER = "Order failed. Reason: Insufficient buying power"
# The actions that open a short position whatever is held.
SHORT_SALES = {"SellShort", "Short", "SellShortExempt"}


def off_tick(instrument: Instrument, limit_price: Decimal | None, stop_price: Decimal | None) -> str | None:
    """Why a limit or stop price is refused (not a whole number of the instrument's ticks), or None."""
    for name, price in (("Limit price", limit_price), ("Stop price", stop_price)):
        if price is not None and not instrument.on_tick(price):
            return E.OFF_TICK.format(field=name, price=price, symbol=instrument.symbol,
                                     tick=str(instrument.tick(price)))
    return None


def cash_account_sale(book: Book, account: Account, order: Order, covered: int = 0) -> str | None:
    """Why a cash account may not make this sale, or None: it cannot sell short, nor sell more than it holds
    (`covered`: what a parent order buys before this one is sent, for an order-sends-order exit). Open sell orders
    are not counted against what is held: the two exits of an OCO name the same shares."""
    if account.type != "C" or order.action in BUYING:
        return None
    if order.action in SHORT_SALES:
        return E.CASH_SHORT.format(account=account.key)
    held = max(holdings.held_quantity(book, account, order.symbol), 0) + covered
    if order.quantity > held:
        return E.CASH_OVERSELL.format(account=account.key, held=held, symbol=order.symbol)
    return None


def refusal(book: Book, account: Account, order: Order, instrument: Instrument, covered: int = 0) -> str | None:
    """The rules an order is held to at its preview as well as when it is sent."""
    return (off_tick(instrument, order.limit_price, order.stop_price)
            or cash_account_sale(book, account, order, covered))


def beyond_buying_power(book: Book, market: Market, account: Account, order: Order,
                        instrument: Instrument) -> str | None:
    """Why the account cannot afford the order now, or None. Only what the order opens needs buying power: a
    sale of what is held, or a buy that covers a short, frees it."""
    held = holdings.held_quantity(book, account, order.symbol)
    buying = order.action in BUYING
    opening = order.quantity - max(-held if buying else held, 0)
    if opening <= 0:
        return None
    price = estimates.estimated_price(order.type, order.limit_price, order.stop_price, buying, market, order.symbol)
    power = holdings.balance(book, market, account).buying_power
    needed = estimates.buying_power_used(instrument, opening, price) + estimates.commission(instrument, order.quantity)
    return INSUFFICIENT_BUYING_POWER if needed > power else None
