"""What an order would cost: the figures of a confirmation and of the buying-power check.

Amounts are in the instrument's currency and compared with an account's buying power without
conversion: the simulator has one rate for every currency, 1.
"""

from decimal import ROUND_HALF_UP, Decimal

from tradestation.dialects import NEEDS_LIMIT, NEEDS_STOP

FX_MARGIN_RATE = Decimal("0.02")   # 50:1, on the base-currency amount
CENT = Decimal("0.01")


def money(amount):
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def display(amount):
    return f"{money(amount):,.2f}"


def estimated_price(order_type, limit_price, stop_price, buying, market, symbol):
    # A trailing stop sent without a StopPrice sets its stop from the market: estimated at the touch.
    if order_type in NEEDS_LIMIT:
        return limit_price
    if order_type in NEEDS_STOP and stop_price is not None:
        return stop_price
    return market.ask(symbol) if buying else market.bid(symbol)


def commission(instrument, quantity):
    if instrument.asset == "EQ":
        return money(max(Decimal("1.00"), Decimal("0.005") * quantity))
    if instrument.asset == "OP":
        return money(Decimal("0.60") * quantity)
    if instrument.asset == "FU":
        return money(Decimal("1.50") * quantity)
    return Decimal("0.00")


def cost(instrument, quantity, price):
    """The order's notional value (equities, options, forex) or its initial margin (futures)."""
    if instrument.asset == "FU":
        return money(instrument.initial_margin * quantity)
    return money(price * quantity * instrument.point_value)


def buying_power_used(instrument, quantity, price):
    if instrument.asset == "FX":
        return money(FX_MARGIN_RATE * quantity)
    return cost(instrument, quantity, price)
