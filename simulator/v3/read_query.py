"""The query parameters and bodies of v3's read calls, read into the simulator's terms: the order lists' `since`,
`pageSize` and `nextToken`, positions' `symbol` filter, the bar charts' range, the option calls' choices and the
risk-reward body. A value that cannot be read is refused with 400, naming it."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from itsdangerous import BadSignature, URLSafeTimedSerializer

from tradestation.errors import ApiError

from ..bars import grid
from ..options import Leg

# The documented ways of writing `since`: 2006-01-13, 01-13-2006, 2006/01/13, 01/13/2006.
SINCE_FORMATS = ("%Y-%m-%d", "%m-%d-%Y", "%Y/%m/%d", "%m/%d/%Y")
MISSING_SINCE = "The since parameter is required."
MAX_PAGE = 600
PAGE_LIFETIME = 3600          # seconds a nextToken may be used
INVALID_PAGE_SIZE = f"pageSize must be a whole number from 1 to {MAX_PAGE}."
INVALID_NEXT_TOKEN = "The nextToken is invalid or has expired."
TOO_MANY_ORDER_IDS = "At most 50 order IDs may be asked for."
MAX_ORDER_IDS = 50
TOO_MANY_ACCOUNTS = "At most 25 account IDs may be asked for."
MAX_ACCOUNTS = 25

UNITS = {"minute": 1, "daily": 24 * 60, "weekly": 7 * 24 * 60, "monthly": 30 * 24 * 60}
MAX_MINUTES = 1440
MAX_INTRADAY_BARS = 57600
SESSIONS = ("USEQPre", "USEQPost", "USEQPreAndPost", "USEQ24Hour", "Default")
DATE_FORMATS = ("%Y-%m-%d", "%Y-%m-%dT%H:%M:%SZ")
INVALID_UNIT = "unit must be one of Minute, Daily, Weekly, Monthly."
INVALID_INTERVAL = f"interval must be a whole number from 1 to {MAX_MINUTES} for Minute bars, and 1 otherwise."
INVALID_BARS_BACK = f"barsback must be a whole number from 1 to {MAX_INTRADAY_BARS} for intraday bars."
BARS_BACK_AND_FIRST = "barsback and firstdate cannot be used together."
LAST_AND_START = "lastdate and startdate cannot be used together."
INVALID_DATE = "{name} must be written YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ."
INVALID_SESSION = "sessiontemplate must be one of " + ", ".join(SESSIONS) + "."
INVALID_EXPIRATION = "{name} must be a date (MM-DD-YYYY, YYYY-MM-DD or RFC 3339)."
EXPIRATION_FORMATS = ("%m-%d-%Y", "%Y-%m-%d", "%Y-%m-%dT%H:%M:%SZ")
INVALID_STRIKE = "strikePrice must be a number."
INVALID_STRIKE_INTERVAL = "strikeInterval must be a whole number of 1 or more."
RISK_FIELDS, LEG_FIELDS = {"SpreadPrice", "Legs"}, {"Symbol", "Quantity", "TradeAction"}
INVALID_RISK_BODY = "The body must be an object with SpreadPrice (a number) and Legs (a list)."
INVALID_LEG = "Each leg needs a Symbol, a non-zero whole Quantity, and a TradeAction of BUY or SELL."


def since(text: str | None) -> str:
    if not text:
        raise ApiError(400, MISSING_SINCE)
    return text


def listed(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def account_ids(text: str) -> list[str]:
    ids = listed(text)
    if len(ids) > MAX_ACCOUNTS:
        raise ApiError(400, TOO_MANY_ACCOUNTS)
    return ids


def order_ids(text: str) -> list[str]:
    ids = listed(text)
    if len(ids) > MAX_ORDER_IDS:
        raise ApiError(400, TOO_MANY_ORDER_IDS)
    return ids


def symbol_patterns(text: str | None) -> tuple[str, ...]:
    return tuple(listed(text or ""))


# Paging

@dataclass(frozen=True)
class Page:
    size: int | None            # None: not paged
    after: str | None           # the last order id of the page before


class Pager:
    """Reads and writes nextTokens: signed (with the simulator's own secret), time-limited, and bound to the
    accounts they were given for."""

    def __init__(self, secret: str):
        self._serializer = URLSafeTimedSerializer(secret, salt="v3-order-pages")

    def read(self, accounts: str, size_text: str | None, token: str | None) -> Page:
        size = None
        if size_text is not None:
            if not re.fullmatch(r"[0-9]{1,3}", size_text) or not 1 <= int(size_text) <= MAX_PAGE:
                raise ApiError(400, INVALID_PAGE_SIZE)
            size = int(size_text)
        after = None
        if token:
            try:
                data = self._serializer.loads(token, max_age=PAGE_LIFETIME)
            except BadSignature:
                raise ApiError(400, INVALID_NEXT_TOKEN) from None
            if not isinstance(data, dict) or data.get("accounts") != accounts:
                raise ApiError(400, INVALID_NEXT_TOKEN)
            after = data["after"]
            size = size or MAX_PAGE
        return Page(size=size, after=after)

    def next_token(self, accounts: str, last_id: str) -> str:
        return self._serializer.dumps({"accounts": accounts, "after": last_id})


# Bar charts

@dataclass(frozen=True)
class BarRange:
    minutes: int
    first: datetime.datetime
    last: datetime.datetime


def _date(text: str, name: str) -> datetime.datetime:
    for written in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, written).replace(tzinfo=datetime.timezone.utc)
        except ValueError:
            continue
    raise ApiError(400, INVALID_DATE.format(name=name))


def bar_range(param, now: datetime.datetime) -> BarRange:
    """The bars asked for: `param(name)` reads a query parameter (None when absent)."""
    unit = UNITS.get((param("unit") or "Daily").casefold())
    if unit is None:
        raise ApiError(400, INVALID_UNIT)
    interval_text = param("interval") or "1"
    if not re.fullmatch(r"[0-9]{1,4}", interval_text):
        raise ApiError(400, INVALID_INTERVAL)
    interval = int(interval_text)
    if not (1 <= interval <= MAX_MINUTES if unit == 1 else interval == 1):
        raise ApiError(400, INVALID_INTERVAL)
    session = param("sessiontemplate")
    if session is not None and session not in SESSIONS:
        raise ApiError(400, INVALID_SESSION)
    if param("lastdate") and param("startdate"):
        raise ApiError(400, LAST_AND_START)
    end_name = "lastdate" if param("lastdate") else "startdate"
    last = _date(param(end_name), end_name) if param(end_name) else now
    minutes = unit * interval
    if param("firstdate"):
        if param("barsback"):
            raise ApiError(400, BARS_BACK_AND_FIRST)
        return BarRange(minutes, _date(param("firstdate"), "firstdate"), last)
    back_text = param("barsback") or "1"
    if not re.fullmatch(r"[0-9]{1,6}", back_text) or int(back_text) < 1 or (
            unit == 1 and int(back_text) > MAX_INTRADAY_BARS):
        raise ApiError(400, INVALID_BARS_BACK)
    # The bar that holds `last` and the ones before it.
    return BarRange(minutes, grid(last, minutes) - datetime.timedelta(minutes=minutes * (int(back_text) - 1)), last)


# Options

def expiration(text: str | None, name: str) -> datetime.date | None:
    if not text:
        return None
    for written in EXPIRATION_FORMATS:
        try:
            return datetime.datetime.strptime(text, written).date()
        except ValueError:
            continue
    raise ApiError(400, INVALID_EXPIRATION.format(name=name))


def strike_price(text: str | None) -> Decimal | None:
    if text is None:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ApiError(400, INVALID_STRIKE) from None


def strike_interval(text: str | None) -> int:
    if text is None:
        return 1
    if not re.fullmatch(r"[0-9]{1,4}", text) or int(text) < 1:
        raise ApiError(400, INVALID_STRIKE_INTERVAL)
    return int(text)


def risk_reward(data) -> tuple[Decimal, list[Leg]]:
    if not isinstance(data, dict) or set(data) - RISK_FIELDS or not isinstance(data.get("Legs"), list):
        raise ApiError(400, INVALID_RISK_BODY)
    price = data.get("SpreadPrice")
    if isinstance(price, bool) or not isinstance(price, (int, float)):
        raise ApiError(400, INVALID_RISK_BODY)
    legs = []
    for leg in data["Legs"]:
        if not isinstance(leg, dict) or set(leg) - LEG_FIELDS:
            raise ApiError(400, INVALID_LEG)
        symbol, quantity, action = leg.get("Symbol"), leg.get("Quantity"), leg.get("TradeAction")
        if (not isinstance(symbol, str) or not symbol or isinstance(quantity, bool)
                or not isinstance(quantity, int) or quantity == 0 or action not in ("BUY", "SELL")):
            raise ApiError(400, INVALID_LEG)
        legs.append(Leg(symbol=symbol, quantity=abs(quantity), buying=(action == "BUY") == (quantity > 0)))
    return Decimal(repr(price)), legs
