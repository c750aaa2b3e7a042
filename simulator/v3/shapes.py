"""v3's shapes over the simulator's v2 rules: a v3 order request mapped to the classic order the v2 rules
check (one mapping, so both faces place, refuse and deduplicate alike), and the v2 answers dressed in v3's
names, with numbers sent as strings as v3 sends them."""

import datetime

from tradestation import errors as E
from tradestation.errors import ApiError

from ..book import BUYING

# v3's error words for each status (its Error Responses: {"Error", "Message"}).
ERROR_WORDS = {400: "BadRequest", 401: "Unauthorized", 403: "Forbidden", 404: "NotFound",
               405: "MethodNotAllowed", 413: "PayloadTooLarge", 429: "TooManyRequests",
               500: "InternalServerError", 502: "BadGateway", 503: "ServiceUnavailable", 504: "GatewayTimeout"}
# An order refused downstream is listed under Errors with this word (the order still got an id).
FAILED = "FAILED"

MAX_CONFIRM_ID = 22
CONFIRM_ID_TOO_LONG = "OrderConfirmID must be at most 22 characters."
NO_FOREX = "Forex is not traded through API v3."
ORDER_FIELDS = {"AccountID", "Symbol", "Quantity", "OrderType", "TradeAction", "TimeInForce", "Route",
                "LimitPrice", "StopPrice", "OrderConfirmID", "AdvancedOptions", "OSOs", "Legs"}
REPLACE_FIELDS = {"Quantity", "OrderType", "LimitPrice", "StopPrice", "AdvancedOptions"}
TRADE_ACTIONS = {"BUY": "Buy", "SELL": "Sell", "BUYTOCOVER": "BuyToCover", "SELLSHORT": "SellShort",
                 "BUYTOOPEN": "BuyToOpen", "BUYTOCLOSE": "BuyToClose", "SELLTOOPEN": "SellToOpen",
                 "SELLTOCLOSE": "SellToClose"}
ASSET_WORDS = {"EQ": "STOCK", "OP": "STOCKOPTION", "FU": "FUTURE"}
# The book's side letters (B buy, S sell, T sell short, C buy to cover) as v3's BuyOrSell.
BUY_OR_SELL = {"B": "Buy", "S": "Sell", "T": "SellShort", "C": "BuyToCover"}
ACCOUNT_TYPES = {"C": "Cash", "M": "Margin", "F": "Futures"}


def error_body(error):
    return {"Error": ERROR_WORDS.get(error.status, "Error"), "Message": error.message}


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
    if isinstance(confirm_id, str) and len(confirm_id) > MAX_CONFIRM_ID:
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
    return TRADE_ACTIONS.get(action.upper(), action) if isinstance(action, str) else action


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


# Answers

def order_answers(results):
    """Classic Order Results as v3's {"Orders": [...], "Errors": [...]} (Errors only when there are any)."""
    orders = [{"OrderID": result["OrderID"], "Message": result["Message"]}
              for result in results if result["OrderStatus"] == "Ok"]
    errors = [{"OrderID": result["OrderID"], "Error": FAILED, "Message": result["Message"]}
              for result in results if result["OrderStatus"] != "Ok"]
    body = {"Orders": orders}
    if errors:
        body["Errors"] = errors
    return body


def single_answer(result):
    """A classic result of a cancel or replace as v3's {"OrderID", "Message"}; a failed one is a 400."""
    if result["OrderStatus"] != "Ok":
        raise ApiError(400, result["Message"])
    return {"OrderID": result["OrderID"], "Message": result["Message"]}


def confirmation(classic, request, order):
    """The classic confirmation of an order in v3's names, numbers as strings: `request` is the v3 order as
    sent, `order` its classic mapping."""
    body = {"Route": classic["Route"], "TimeInForce": request["TimeInForce"], "AccountID": classic["Account"],
            "SummaryMessage": classic["SummaryMessage"], "OrderAssetCategory": ASSET_WORDS[order["AssetType"]],
            "OrderConfirmID": classic["OrderConfirmId"]}
    uses = {"Limit": ("LimitPrice",), "StopMarket": ("StopPrice",), "StopLimit": ("LimitPrice", "StopPrice")}
    for name in uses.get(order["OrderType"], ()):
        body[name] = str(request[name])
    for name in ("EstimatedPrice", "EstimatedCost", "EstimatedCommission"):
        body[name] = str(classic[name])
        body[name + "Display"] = classic[name + "Display"]
    # A buy debits the account (positive), a sell credits it (negative).
    debit = classic["EstimatedCost"] + classic["EstimatedCommission"]
    body["DebitCreditEstimatedCost"] = str(round(debit if order["TradeAction"] in BUYING else -debit, 2))
    for name in ("ProductCurrency", "AccountCurrency", "InitialMarginDisplay"):
        if name in classic:
            body[name] = classic[name]
    return body


def listed_order(classic, with_confirm_id=True):
    """A classic order list entry (the book's listing) in v3's Order shape, numbers as strings; with its
    OrderConfirmID, which v3's Order object does not have, unless told not to."""
    def number(value):
        return "0" if value in (None, "") else str(value)

    leg = classic["Legs"][0]
    entry = {
        "AccountID": classic["AccountID"],
        "OrderID": str(classic["OrderID"]),
        "OrderConfirmID": classic["OrderConfirmId"] if with_confirm_id else None,
        "AdvancedOptions": classic.get("AdvancedOptions", ""),
        "ClosedDateTime": classic["FilledCanceled"],
        "CommissionFee": "0",
        "Currency": classic["Denomination"],
        "Duration": classic["Duration"],
        "FilledPrice": number(classic["FilledPrice"]),
        "GroupName": classic["GroupName"],
        # Only the prices the order type has.
        "LimitPrice": _text(classic["LimitPrice"]),
        "StopPrice": _text(classic["StopPrice"]),
        "OpenedDateTime": classic["TimeStamp"],
        "OrderType": classic["OrderType"],
        "PriceUsedForBuyingPower": number(leg.get("PriceUsedForBuyingPower")),
        "RejectReason": classic["RejectReason"],
        "Routing": classic["Routing"],
        "Status": classic["Status"],
        "StatusDescription": classic["StatusDescription"],
        "UnbundledRouteFee": "0",
        "Legs": [{
            "AssetType": ASSET_WORDS.get(classic["AssetType"], classic["AssetType"]),
            "BuyOrSell": BUY_OR_SELL[leg["Side"]],
            "ExecQuantity": str(leg["ExecQuantity"]),
            "ExecutionPrice": number(leg["ExecPrice"]),
            "OpenOrClose": "Close" if leg.get("OpenOrClose") == "C" else "Open",
            "QuantityOrdered": str(leg["Quantity"]),
            "QuantityRemaining": str(leg["Leaves"]),
            "Symbol": leg["Symbol"],
        }],
    }
    return {name: value for name, value in entry.items() if value is not None}


def historical_since(text):
    """v3's `since` (YYYY-MM-DD) as the v2 rules' MM-DD-YYYY; left as sent when unreadable, for the v2
    rules to refuse in their words."""
    try:
        return datetime.datetime.strptime(text or "", "%Y-%m-%d").strftime("%m-%d-%Y")
    except ValueError:
        return text or "not given"
