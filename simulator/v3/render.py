"""What every v3 answer shares: its error body, and numbers, money and times written as v3 writes them (numbers
as strings). The answers themselves are rendered by area, each from the model's own objects: render_brokerage.py
(accounts, balances, positions), render_orders.py (orders, confirmations, routes, triggers), render_market.py
(quotes, symbols, bars) and render_options.py (expirations, strikes, spreads, risk and reward)."""

import datetime
from decimal import Decimal

from tradestation import v3_vocabulary as words
from tradestation.errors import ApiError


def error_body(error: ApiError) -> dict:
    return {"Error": words.ERROR_WORDS.get(error.status, "Error"), "Message": error.message}


def decimal(number) -> str:
    """A price as the v3 document's examples write one: its digits, no padding to the symbol's decimals and no
    trailing zeros (a MSFT limit of "230", a bar's close of "216.2" beside "216.39")."""
    return plain(Decimal(str(number)))


def plain(number) -> str:
    """A number without trailing zeros, as v3's examples write strikes and increments (150, 2.5, 0.01)."""
    text = format(number, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def money(amount) -> str:
    return f"{float(amount):.2f}"


def asset(asset_code: str) -> str:
    """What v3 calls an asset type (a type it has no word for is shown as the simulator's code)."""
    return words.ASSET_CATEGORIES.get(asset_code) or asset_code


def moment(when) -> str:
    """An RFC 3339 time in UTC; "" for none."""
    return when.strftime("%Y-%m-%dT%H:%M:%SZ") if when else ""


def day(date: datetime.date) -> str:
    """A day as v3 writes one: midnight UTC of it."""
    return f"{date.isoformat()}T00:00:00Z"
