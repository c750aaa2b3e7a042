"""v3's requests read into the simulator's terms: a v3 order request mapped to the classic order request the
shared parser checks (tradestation/orders.py; one parser, so both faces place, refuse and deduplicate alike).
What the simulator answers is rendered in v3's words by render.py, from its own objects."""

import datetime

from tradestation import errors as E
from tradestation import v3_vocabulary as words
from tradestation.errors import ApiError

NO_FOREX = "Forex is not traded through API v3."
CONFIRM_ID_TOO_LONG = f"OrderConfirmID must be at most {words.CONFIRM_ID_LIMIT} characters."
ORDER_FIELDS = {"AccountID", "Symbol", "Quantity", "OrderType", "TradeAction", "TimeInForce", "Route",
                "LimitPrice", "StopPrice", "OrderConfirmID", "AdvancedOptions", "OSOs", "Legs"}
REPLACE_FIELDS = {"Quantity", "OrderType", "LimitPrice", "StopPrice", "AdvancedOptions"}


def _missing(name):
    return ApiError(400, f"{E.MISSING_FIELD} {name}")


def _gtd_date(expiration):
    """An RFC 3339 Expiration as the classic GTDDate (MM/DD/YYYY); left as sent when unreadable, so the
    v2 rules refuse it in their words."""
    try:
        return datetime.datetime.fromisoformat(expiration).strftime("%m/%d/%Y")
    except (TypeError, ValueError):
        return expiration


def classic_order(data, asset_of):
    """A v3 order request as the classic order dict the v2 rules check. `asset_of(symbol)` is the
    market's asset class for a symbol, or None for one it does not list."""
    if not isinstance(data, dict) or not data or set(data) - ORDER_FIELDS:
        raise ApiError(400, E.INVALID_ORDER)
    for name in ("AccountID", "TradeAction", "TimeInForce"):
        if data.get(name) in (None, ""):
            raise _missing(name)
    confirm_id = data.get("OrderConfirmID")
    if isinstance(confirm_id, str) and len(confirm_id) > words.CONFIRM_ID_LIMIT:
        raise ApiError(400, CONFIRM_ID_TOO_LONG)
    symbol = data.get("Symbol")
    asset = asset_of(symbol) if isinstance(symbol, str) else None
    if asset == "FX":
        raise ApiError(400, NO_FOREX)
    tif = data["TimeInForce"]
    if not isinstance(tif, dict) or set(tif) - {"Duration", "Expiration"}:
        raise ApiError(400, E.INVALID_TIF)
    order = {
        "AccountKey": data["AccountID"], "AssetType": asset or "EQ", "Symbol": symbol,
        "Quantity": data.get("Quantity"), "OrderType": data.get("OrderType"),
        "TradeAction": _classic_action(data["TradeAction"]),
        "Duration": tif.get("Duration"), "GTDDate": _gtd_date(tif["Expiration"]) if "Expiration" in tif else None,
        "Route": data.get("Route"), "LimitPrice": data.get("LimitPrice"), "StopPrice": data.get("StopPrice"),
        "OrderConfirmId": confirm_id, "AdvancedOptions": data.get("AdvancedOptions"),
    }
    if data.get("Legs") is not None:
        order["Legs"] = [dict(leg, TradeAction=_classic_action(leg.get("TradeAction"))) if isinstance(leg, dict)
                         else leg for leg in _list(data["Legs"])]
    if data.get("OSOs") is not None:
        order["OSOs"] = [classic_group(group, asset_of) for group in _list(data["OSOs"])]
    return {name: value for name, value in order.items() if value is not None}


def _classic_action(action):
    # An action v3 does not know is passed on as sent, for the v2 rules to refuse in their words.
    return words.CLASSIC_ACTION_OF.get(action.upper(), action) if isinstance(action, str) else action


def classic_group(data, asset_of):
    if not isinstance(data, dict) or set(data) - {"Type", "Orders"}:
        raise ApiError(400, E.INVALID_GROUP)
    return {"Type": data.get("Type"), "Orders": [classic_order(order, asset_of)
                                                 for order in _list(data.get("Orders"), E.INVALID_GROUP)]}


def _list(value, message=E.INVALID_ORDER):
    if not isinstance(value, list):
        raise ApiError(400, message)
    return value


def classic_replacement(data, held):
    """A v3 replace request (what may change) as the classic Update Order the v2 rules check; what it
    leaves out stays as the held order has it."""
    if not isinstance(data, dict) or not data or set(data) - REPLACE_FIELDS:
        raise ApiError(400, E.INVALID_ORDER)
    order_type = data.get("OrderType", held.type)
    replacement = {"AccountKey": held.account, "OrderID": held.id, "OrderType": order_type,
                   "Quantity": data.get("Quantity", str(held.quantity)),
                   "LimitPrice": data.get("LimitPrice", _text(held.limit_price)),
                   "StopPrice": data.get("StopPrice", _text(held.stop_price)),
                   "AdvancedOptions": data.get("AdvancedOptions")}
    if order_type == "Market":
        # A change to Market drops the prices the order had (a price sent along is still checked).
        for name in ("LimitPrice", "StopPrice"):
            if name not in data:
                replacement.pop(name)
    return {name: value for name, value in replacement.items() if value is not None}


def _text(number):
    return None if number is None else str(number)
