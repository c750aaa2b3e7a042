"""v3's requests read into the simulator's terms: a v3 order request mapped to the classic order request the
shared parser checks (tradestation/orders.py; one parser, so both faces place, refuse and deduplicate alike).
What the simulator answers is rendered in v3's words by render.py, from its own objects."""

import datetime

from tradestation import errors as E
from tradestation import v3_vocabulary as words
from tradestation.dialects import canonical
from tradestation.errors import ApiError

NO_FOREX = "Forex is not traded through API v3."
CONFIRM_ID_TOO_LONG = f"OrderConfirmID must be at most {words.CONFIRM_ID_LIMIT} characters."
ORDER_FIELDS = {"AccountID", "Symbol", "Quantity", "OrderType", "TradeAction", "TimeInForce", "Route",
                "LimitPrice", "StopPrice", "OrderConfirmID", "AdvancedOptions", "OSOs", "Legs", "BuyingPowerWarning"}
REPLACE_FIELDS = {"Quantity", "OrderType", "LimitPrice", "StopPrice", "AdvancedOptions"}
LEG_FIELDS = {"Symbol", "Quantity", "TradeAction"}
# The document's values of BuyingPowerWarning: the simulator checks buying power whichever is sent.
BUYING_POWER_WARNINGS = ("Enforce", "Preconfirmed", "Confirmed")
BAD_WARNING = f"BuyingPowerWarning must be one of {', '.join(BUYING_POWER_WARNINGS)}."


def _missing(name):
    return ApiError(400, f"{E.MISSING_FIELD} {name}")


def _gtd_date(expiration):
    """An RFC 3339 Expiration as the classic GTDDate (MM/DD/YYYY); left as sent when unreadable, so the
    v2 rules refuse it in their words."""
    try:
        return datetime.datetime.fromisoformat(expiration).strftime("%m/%d/%Y")
    except (TypeError, ValueError):
        return expiration


def _named(data, known):
    """The fields of a v3 object under the document's spelling: v3 reads names whatever their case (the Single
    Option Order example sends AccountId). An unknown name, or one sent twice in two cases, is refused."""
    if not isinstance(data, dict) or not data:
        raise ApiError(400, E.INVALID_ORDER)
    spelling = {name.casefold(): name for name in known}
    named = {}
    for name, value in data.items():
        proper = spelling.get(name.casefold()) if isinstance(name, str) else None
        if proper is None or proper in named:
            raise ApiError(400, E.INVALID_ORDER)
        named[proper] = value
    return named


def named_order(data):
    """An order request's fields under the document's spelling, for a preview to echo."""
    return _named(data, ORDER_FIELDS)


def classic_order(data, asset_of):
    """A v3 order request as the classic order dict the v2 rules check. `asset_of(symbol)` is the
    market's asset class for a symbol, or None for one it does not list."""
    data = _named(data, ORDER_FIELDS)
    legs = [_named(leg, LEG_FIELDS) for leg in _list(data["Legs"])] if data.get("Legs") is not None else None
    for name in ("AccountID", "TimeInForce") if legs else ("AccountID", "TradeAction", "TimeInForce"):
        if data.get(name) in (None, ""):
            raise _missing(name)
    warning = data.get("BuyingPowerWarning")
    if warning is not None and canonical(warning, BUYING_POWER_WARNINGS) is None:
        raise ApiError(400, BAD_WARNING)
    confirm_id = data.get("OrderConfirmID")
    if isinstance(confirm_id, str) and len(confirm_id) > words.CONFIRM_ID_LIMIT:
        raise ApiError(400, CONFIRM_ID_TOO_LONG)
    if legs:
        # The legs are the order: it is entered as its first option leg (the first leg when none is an
        # option), with the others beside it; a Symbol sent as well (the underlying) is not traded.
        data = {**data, **_lead_leg(legs, asset_of)}
    symbol = data.get("Symbol")
    asset = ("OP" if legs and any(asset_of(leg.get("Symbol")) == "OP" for leg in legs)
             else asset_of(symbol) if isinstance(symbol, str) else None)
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
        "OrderConfirmId": confirm_id, "AdvancedOptions": _classic_options(data.get("AdvancedOptions")),
    }
    if legs is not None:
        order["Legs"] = [dict(leg, TradeAction=_classic_action(leg.get("TradeAction"))) for leg in legs]
    if data.get("OSOs") is not None:
        order["OSOs"] = [classic_group(group, asset_of) for group in _list(data["OSOs"])]
    return {name: value for name, value in order.items() if value is not None}


def _lead_leg(legs, asset_of):
    options = [leg for leg in legs if isinstance(leg.get("Symbol"), str) and asset_of(leg["Symbol"]) == "OP"]
    lead = (options or legs)[0]
    return {"Symbol": lead.get("Symbol"), "Quantity": lead.get("Quantity"), "TradeAction": lead.get("TradeAction")}


def _classic_options(options):
    """v3's AdvancedOptions in the classic rules' terms: a time rule's TimeUtc is a time of day, which v3
    writes as a date-time on 0001-01-01 ("the date portion is not used"); an AdvancedOptions nested in
    AdvancedOptions (as the document's activation-rules group example sends its trailing stop) is read as
    part of the outer one. What does not fit is passed on for the classic rules to refuse in their words."""
    if not isinstance(options, dict):
        return options
    inner = options.get("AdvancedOptions")
    if isinstance(inner, dict) and not set(inner) & set(options):
        options = {**{name: value for name, value in options.items() if name != "AdvancedOptions"}, **inner}
    rules = options.get("TimeActivationRules")
    if isinstance(rules, list):
        options = {**options, "TimeActivationRules": [
            dict(rule, TimeUtc=_time_of_day(rule["TimeUtc"])) if isinstance(rule, dict) and "TimeUtc" in rule
            else rule for rule in rules]}
    return options


def _time_of_day(value):
    try:
        moment = datetime.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return value
    if moment.tzinfo is not None:
        moment = moment.astimezone(datetime.timezone.utc)
    return moment.strftime("%H:%M:%S")


def _classic_action(action):
    # An action v3 does not know is passed on as sent, for the v2 rules to refuse in their words.
    return words.CLASSIC_ACTION_OF.get(action.upper(), action) if isinstance(action, str) else action


def classic_group(data, asset_of):
    try:
        data = _named(data, {"Type", "Orders"})
    except ApiError:
        raise ApiError(400, E.INVALID_GROUP) from None
    return {"Type": data.get("Type"), "Orders": [classic_order(order, asset_of)
                                                 for order in _list(data.get("Orders"), E.INVALID_GROUP)]}


def _list(value, message=E.INVALID_ORDER):
    if not isinstance(value, list):
        raise ApiError(400, message)
    return value


def classic_replacement(data, held):
    """A v3 replace request (what may change) as the classic Update Order the v2 rules check; what it
    leaves out stays as the held order has it."""
    data = _named(data, REPLACE_FIELDS)
    order_type = data.get("OrderType", held.type)
    replacement = {"AccountKey": held.account, "OrderID": held.id, "OrderType": order_type,
                   "Quantity": data.get("Quantity", str(held.quantity)),
                   "LimitPrice": data.get("LimitPrice", _text(held.limit_price)),
                   "StopPrice": data.get("StopPrice", _text(held.stop_price)),
                   "AdvancedOptions": _classic_options(data.get("AdvancedOptions"))}
    if order_type == "Market":
        # A change to Market drops the prices the order had (a price sent along is still checked).
        for name in ("LimitPrice", "StopPrice"):
            if name not in data:
                replacement.pop(name)
    return {name: value for name, value in replacement.items() if value is not None}


def _text(number):
    return None if number is None else str(number)
