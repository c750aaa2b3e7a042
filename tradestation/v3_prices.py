"""v3's prices in v2's display strings. v3 writes a price as its bare digits ("420", "4999.75"); v2's
*PriceDisplay and *Text strings pad it to the symbol's decimals (v3: PriceFormat.Decimals) with thousands
grouped. A symbol whose details the bridge has not fetched is shown with the places its price has, and at least
cents."""

from decimal import Decimal, InvalidOperation
from typing import Any

LEAST_DECIMALS = 2


def price_text(value: Any, decimals: int | None = None) -> str:
    """A v3 price string as v2 displays it: "420" → "420.00", "4999.75" → "4,999.75"; "" stays ""."""
    try:
        number = Decimal(str(value)) if value not in (None, "") else None
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        return "" if value is None else str(value)
    if decimals is None:
        exponent = number.as_tuple().exponent
        decimals = max(LEAST_DECIMALS, -exponent if isinstance(exponent, int) else 0)
    return f"{number:,.{decimals}f}"


def price_decimals(entry: dict) -> int | None:
    """The decimals a symbol's prices are shown with, from its v3 symbol details (PriceFormat.Decimals)."""
    price_format = entry.get("PriceFormat") if isinstance(entry.get("PriceFormat"), dict) else {}
    try:
        decimals = int(str(price_format.get("Decimals")))
    except ValueError:
        return None
    return decimals if decimals >= 0 else None
