"""One order field at a time: its format, its limits and TradeStation's words when it is wrong.

Kept apart from the order so that the bridge's ticket, the simulator and the cancel-replace all check a
field by the one rule, and the ticket page can be handed the same formats (PATTERNS).
"""

import datetime
import math
import re
from decimal import Decimal, InvalidOperation

from . import errors as E
from .dialects import CLASSIC, NEEDS_LIMIT, NEEDS_STOP, canonical
from .errors import ApiError

MAX_QUANTITY = 1_000_000_000
MAX_PRICE = Decimal("1000000000")

# Plain ASCII only: a symbol, account or id never needs markup, quotes, control or bidi characters.
# TradeStation's symbols: letters and digits, spaces (options: `MSFT 240119C400`), `.` (`$SPX.X`, `BRK.B`), `:`
# and `-` (`JP:8698-TS`), `@` (continuous futures), `$` (indices), `^` and `#`. No `/`, no `..`: a symbol also
# goes into URL paths upstream (quotes), where either could walk elsewhere once decoded.
_SYMBOL = re.compile(r"(?!.*\.\.)[A-Z0-9$@^#][A-Z0-9 .:_#\-]{0,39}")
_ACCOUNT = re.compile(r"[A-Za-z0-9\-]{1,32}")
_CONFIRM_ID = re.compile(r"[A-Za-z0-9+/=_\-]+")
CLIENT_TAG = re.compile(r"[A-Za-z0-9 .,:_/\-]{0,50}")
_PRICE = re.compile(r"[0-9]{1,10}(\.[0-9]{1,8})?|\.[0-9]{1,8}")
_ORDER_ID = re.compile(r"[0-9]{1,18}")
_QUANTITY = re.compile(r"[0-9]{1,10}")

# The formats the ticket page checks before sending; these expressions mean the same in JavaScript.
PATTERNS = {"symbol": _SYMBOL.pattern, "price": _PRICE.pattern, "quantity": _QUANTITY.pattern}

# The longest OrderConfirmId each dialect takes: 25 in the classic docs, a GUID in the 2015 ones.
CONFIRM_ID_LIMIT = {CLASSIC: 25, "2015": 36}


def present(data, name):
    value = data.get(name)
    return value is not None and value != ""


def require(data, name, error):
    if not present(data, name):
        raise error
    return data[name]


def choice(value, allowed, error):
    chosen = canonical(value, allowed)
    if chosen is None:
        raise error
    return chosen


def parse_quantity(value):
    if isinstance(value, bool):
        raise ApiError(400, E.INVALID_QUANTITY)
    if isinstance(value, str):
        if not _QUANTITY.fullmatch(value):
            raise ApiError(400, E.INVALID_QUANTITY)
        value = int(value)
    elif isinstance(value, float):
        if not math.isfinite(value) or not value.is_integer():
            raise ApiError(400, E.INVALID_QUANTITY)
        value = int(value)
    if not isinstance(value, int) or not 0 < value <= MAX_QUANTITY:
        raise ApiError(400, E.INVALID_QUANTITY)
    return value


def parse_price(value, message):
    """A positive decimal, sent as a string or a number."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ApiError(400, message)
    if isinstance(value, float) and not math.isfinite(value):
        raise ApiError(400, message)
    text = value if isinstance(value, str) else repr(value)
    if not _PRICE.fullmatch(text):
        raise ApiError(400, message)
    try:
        price = Decimal(text)
    except InvalidOperation:
        raise ApiError(400, message) from None
    if not 0 < price <= MAX_PRICE:
        raise ApiError(400, message)
    return price


def parse_account(value):
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ApiError(400, E.INVALID_ACCOUNT)
    value = str(value)
    if not _ACCOUNT.fullmatch(value):
        raise ApiError(400, E.INVALID_ACCOUNT)
    return value


def parse_order_id(value):
    if value is None or value == "":
        raise ApiError(400, E.MISSING_ORDER_ID)
    if isinstance(value, bool) or not isinstance(value, (str, int)) or not _ORDER_ID.fullmatch(str(value)):
        raise ApiError(400, E.INVALID_ORDER_ID)
    return str(value)


def parse_symbol(value):
    if not isinstance(value, str):
        raise ApiError(400, E.INVALID_SYMBOL)
    if not _SYMBOL.fullmatch(value):
        raise ApiError(400, E.INVALID_SYMBOL)
    return value


def parse_confirm_id(value, dialect):
    if value is None or value == "":
        return None
    if not isinstance(value, str) or len(value) > CONFIRM_ID_LIMIT[dialect] or not _CONFIRM_ID.fullmatch(value):
        raise ApiError(400, E.INVALID_CONFIRM_ID)
    return value


def _utc_now():
    return datetime.datetime.now(datetime.timezone.utc)


def parse_gtd_date(value):
    if not isinstance(value, str) or not re.fullmatch(r"[0-9]{2}/[0-9]{2}/[0-9]{4}", value):
        raise ApiError(400, E.INVALID_EXPIRY)
    try:
        day = datetime.datetime.strptime(value, "%m/%d/%Y").date()
    except ValueError:
        raise ApiError(400, E.INVALID_EXPIRY) from None
    # A bare date names no time zone: it is past only once it is over everywhere (UTC-12 is the last).
    if day < (_utc_now() - datetime.timedelta(hours=12)).date():
        raise ApiError(400, E.PAST_EXPIRY)
    return value


def parse_expiration(value):
    if not isinstance(value, str) or len(value) > 40:
        raise ApiError(400, E.INVALID_EXPIRY)
    try:
        when = datetime.datetime.fromisoformat(value)
    except ValueError:
        raise ApiError(400, E.INVALID_EXPIRY) from None
    if when.tzinfo is None:
        raise ApiError(400, E.INVALID_EXPIRY)
    if when < _utc_now():
        raise ApiError(400, E.PAST_EXPIRY)
    return value


def _is_zero(value):
    """0, 0.0 or "0.00": what TradeStation's own examples send for a price the order type does not use."""
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return value == 0 and math.copysign(1, value) > 0
    return isinstance(value, str) and bool(_PRICE.fullmatch(value)) and Decimal(value) == 0


def _unused_price(data, name, message):
    # Documented for a price the type does not use: "" or 0.00 (the Basic Order Request page), 0.0 (the
    # Confirm Order example), "0.00" (the Order example); a StopPrice on a Limit order (the seed) must still
    # be a price.
    if present(data, name) and not _is_zero(data[name]):
        parse_price(data[name], message)


def _parse_net_price(value, message):
    """A multi-leg order's net price: a debit, or a credit written negative (the v3 document's iron condor
    sells for a limit of -20)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value < 0:
        return -parse_price(-value, message)
    if isinstance(value, str) and value.startswith("-"):
        return -parse_price(value[1:], message)
    return parse_price(value, message)


def parse_prices(data, order_type, trailing=False, net=False):
    """The limit and stop prices an order type needs; one it does not need is empty, zero or a price.
    trailing: a trailing stop sets its own stop, so a StopPrice is optional. net: a multi-leg order's limit is
    a net price, which may be a credit."""
    limit_price = stop_price = None
    if order_type in NEEDS_LIMIT:
        limit_price = (_parse_net_price if net else parse_price)(
            require(data, "LimitPrice", ApiError(400, E.MISSING_LIMIT)), E.INVALID_LIMIT)
    else:
        _unused_price(data, "LimitPrice", E.INVALID_LIMIT)
    if order_type in NEEDS_STOP:
        if present(data, "StopPrice") or not trailing:
            stop_price = parse_price(require(data, "StopPrice", ApiError(400, E.MISSING_STOP)), E.INVALID_STOP)
    else:
        _unused_price(data, "StopPrice", E.INVALID_STOP)
    return limit_price, stop_price


def parse_list(value, message, name):
    if not isinstance(value, list):
        raise ApiError(400, message, f"{name} must be a list.")
    return value
