"""Multi-leg orders (the Legs of an order: option spreads, a covered or married stock): one order whose legs
fill together, whole, at one net price, or not at all.

The net price is per unit of the package: what its buys cost less what its sells bring, each leg at its touch
(a buy at the ask, a sell at the bid), over the smallest leg's size in shares (a contract's 100, or a stock
leg's shares). A vertical of one contract a leg is priced as the difference of the two premiums, a married
put of 100 shares and one put as the share price plus the premium. A limit is the most the package may cost:
a positive limit a debit, a negative one (a credit) the least it must bring."""

from __future__ import annotations

from decimal import Decimal


def unit(leg_orders) -> int:
    """The package's size in shares: its smallest leg's quantity times its point value."""
    return min(leg.quantity * leg.instrument.point_value for leg in leg_orders)


def touch(leg, market) -> Decimal:
    symbol = leg.order.symbol
    return market.ask(symbol) if leg.buying else market.bid(symbol)


def net_price(leg_orders, market) -> Decimal:
    """What one unit of the package costs now (negative: what it brings)."""
    value = sum(((1 if leg.buying else -1) * touch(leg, market) * leg.quantity * leg.instrument.point_value
                 for leg in leg_orders), Decimal(0))
    return value / unit(leg_orders)


def value(leg_orders, price: Decimal) -> Decimal:
    """The whole package's cost at a net price (negative: a credit)."""
    return price * unit(leg_orders)
