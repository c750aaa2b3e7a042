"""From the v2 order dialects (classic 20101026, 2015 20150101/20150601) to TradeStation API v3, and back.

The tables below are the one place to change when a row is wrong; the functions only walk them. A value
mapped to None has no v3 equivalent: `order_request` names it in an `Unmappable` rather than send an order
that means something else. Each row has a test (tests/bridge/test_v3_mapping.py) with the v3 value
written out.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from . import v3_vocabulary as vocabulary
from .dialects import CLASSIC, GLOBAL, canonical
from .orders import Group, Order, words
from .v3_prices import price_text

# --- the tables (v3's own words are in tradestation/v3_vocabulary.py) --------------------------------
# Classic TradeAction → v3 TradeAction.
CLASSIC_ACTIONS = vocabulary.TRADE_ACTIONS

# 2015 Side → v3 TradeAction. The 2015 contract offers BuyToClose for options only, so it is BUYTOCLOSE
# (an equity short is covered with Buy). The Japanese margin and exempt sides have no v3 action.
GLOBAL_SIDES = {
    "Buy": "BUY", "Sell": "SELL", "Short": "SELLSHORT",
    "BuyToOpen": "BUYTOOPEN", "BuyToClose": "BUYTOCLOSE", "SellToOpen": "SELLTOOPEN", "SellToClose": "SELLTOCLOSE",
    "SellShortExempt": None, "Genbiki": None, "Genwatashi": None,
}

# Classic Duration → v3 TimeInForce.Duration.
CLASSIC_DURATIONS = vocabulary.DURATIONS

# 2015 TimeInForce → v3 TimeInForce.Duration. The week and month are good-till-date with a computed
# expiration (GOOD_TILL_SPANS); crossing and the Japanese sessions have no v3 duration.
GLOBAL_TIMES_IN_FORCE = {
    "Day": "DAY", "DayPlus": "DYP", "GoodTillCancel": "GTC", "GoodTillCancelPlus": "GCP",
    "GoodTillDate": "GTD", "GoodTillDatePlus": "GDP", "ImmediateOrCancel": "IOC", "FillorKill": "FOK",
    "AtTheOpening": "OPG", "AtTheClose": "CLO", "GoodTill1Minute": "1", "GoodTill3Minute": "3",
    "GoodTill5Minute": "5", "GoodTill1Week": "GTD", "GoodTill1Month": "GTD",
    "GoodTillCrossing": None, "AMOnly": None, "PMOnly": None,
}
GOOD_TILL_SPANS = {"GoodTill1Week": datetime.timedelta(days=7), "GoodTill1Month": datetime.timedelta(days=30)}

# Asset types (the classic codes, which the 2015 names map onto in tradestation/dialects.py): v3 has no forex.
ASSETS = vocabulary.ASSET_CATEGORIES

ORDER_TYPES = vocabulary.ORDER_TYPES

# 2015 Condition → what it is in v3: only a plain order travels as one order request.
CONDITIONS = {"Basic": "", "OrderSendOrder": None, "OrderCancelOrder": None, "Bracket": None}

# 2015 fields of the Japanese market that v3 has no field for; present, they refuse the order.
JAPANESE_FIELDS = ("ExchangeCode", "FundSource", "TaxationMethod", "CostBasisMethod", "LotSelectionStrategy")

# --- and back: v3's words in the v2 shapes the page and JSONP clients read ----------------------------
# v3 AccountType → the classic account Type letter.
ACCOUNT_TYPES = {word: letter for letter, word in vocabulary.ACCOUNT_TYPES.items()}
# v3 Position LongShort → the classic letter.
LONG_SHORT = {word: letter for letter, word in vocabulary.LONG_SHORT.items()}

V3_CONFIRM_ID_LIMIT = vocabulary.CONFIRM_ID_LIMIT


@dataclass(frozen=True)
class Unmappable(Exception):
    """A field of the order, with its value, that v3 has no equivalent for."""
    field: str
    value: str

    def __str__(self) -> str:
        return f"{self.field} {self.value}"


def _row(table: dict, field: str, value: str) -> str:
    mapped = table.get(value)
    if mapped is None:
        raise Unmappable(field, value)
    return mapped


# --- the v2 order as a v3 order request -------------------------------------------------------------
def confirm_id(value: str | None, dialect: str) -> str | None:
    """v3's OrderConfirmID for a v2 OrderConfirmId: as it is when it fits; a GUID (the 2015 documents') as
    base64url of its 16 bytes; anything longer as a digest of it. The same id always gives the same form,
    so TradeStation still refuses a repeat."""
    if not value:
        return None
    if dialect == GLOBAL:
        try:
            return base64.urlsafe_b64encode(uuid.UUID(value).bytes).rstrip(b"=").decode()
        except ValueError:
            pass
    if len(value) <= V3_CONFIRM_ID_LIMIT:
        return value
    digest = hashlib.sha256(value.encode()).digest()[:16]
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def expiration(order: Order, now: datetime.datetime | None = None) -> str | None:
    """TimeInForce.Expiration (RFC 3339) for a dated order, else None."""
    if order.dialect == CLASSIC:
        if not order.expiry:
            return None
        # A classic GTDDate is a day (MM/DD/YYYY) with no time of day or zone that the order is good through:
        # its end in UTC (the ticket's 2015 expiration is the end of the day too). Its start would be the
        # evening before in New York, ending the order before that day's session.
        day = datetime.datetime.strptime(order.expiry, "%m/%d/%Y").date()
        return f"{day.isoformat()}T23:59:59Z"
    if order.time_in_force in GOOD_TILL_SPANS:
        now = now or datetime.datetime.now(datetime.timezone.utc)
        return (now + GOOD_TILL_SPANS[order.time_in_force]).strftime("%Y-%m-%dT%H:%M:%SZ")
    if not order.expiry:
        return None
    return datetime.datetime.fromisoformat(order.expiry).isoformat()


def trailing_stop(stop: dict) -> dict:
    """Classic {ByPoints, Value}: points are an Amount, else a Percent; the Swagger file's shapes as they are."""
    if "Amount" in stop:
        return {"Amount": str(stop["Amount"])}
    if "Percent" in stop:
        return {"Percent": str(stop["Percent"])}
    return {"Amount" if stop["ByPoints"] else "Percent": str(stop["Value"])}


def order_request(order: Order, now: datetime.datetime | None = None) -> dict:
    """The v3 order request for a validated v2 order; raises Unmappable for what v3 cannot carry."""
    _row(ASSETS, "AssetType", order.asset)
    if order.dialect == CLASSIC:
        action = _row(CLASSIC_ACTIONS, "TradeAction", order.action)
        duration = _row(CLASSIC_DURATIONS, "Duration", order.time_in_force)
    else:
        action = _row(GLOBAL_SIDES, "Side", order.action)
        duration = _row(GLOBAL_TIMES_IN_FORCE, "TimeInForce", order.time_in_force)
        fields = order.fields or {}
        if fields.get("Condition") not in (None, ""):
            _row(CONDITIONS, "Condition", canonical(fields["Condition"], tuple(CONDITIONS)))
        for name in JAPANESE_FIELDS:
            if fields.get(name) not in (None, ""):
                raise Unmappable(name, str(fields[name]))
    request: dict[str, Any] = {
        "AccountID": order.account, "Symbol": order.symbol, "Quantity": str(order.quantity),
        "OrderType": _row(ORDER_TYPES, "OrderType", order.type), "TradeAction": action,
        "TimeInForce": {"Duration": duration}, "Route": order.route,
    }
    expires = expiration(order, now)
    if expires:
        request["TimeInForce"]["Expiration"] = expires
    if order.limit_price is not None:
        request["LimitPrice"] = str(order.limit_price)
    if order.stop_price is not None:
        request["StopPrice"] = str(order.stop_price)
    mapped_id = confirm_id(order.confirm_id, order.dialect)
    if mapped_id:
        request["OrderConfirmID"] = mapped_id
    advanced = dict((order.fields or {}).get("AdvancedOptions") or {})
    if order.trailing_stop:
        advanced["TrailingStop"] = trailing_stop(order.trailing_stop)
    if advanced:
        request["AdvancedOptions"] = advanced
    if order.legs:
        request["Legs"] = [{"Symbol": leg["Symbol"], "Quantity": str(leg["Quantity"]),
                            "TradeAction": _row(CLASSIC_ACTIONS, "TradeAction", leg["TradeAction"])}
                           for leg in order.legs]
    if order.osos:
        request["OSOs"] = [group_request(group, now) for group in order.osos]
    return request


def group_request(group: Group, now: datetime.datetime | None = None) -> dict:
    """A group (OCO, BRK, or the OSOs' NORMAL) with each order mapped."""
    return {"Type": group.type, "Orders": [order_request(order, now) for order in group.orders]}


def replacement_request(change: Any) -> dict:
    """The v3 body of PUT /orderexecution/orders/{id} for a parsed cancel-replace: what may change."""
    body: dict[str, Any] = {"Quantity": str(change.quantity), "OrderType": _row(ORDER_TYPES, "OrderType", change.type)}
    if change.limit_price is not None:
        body["LimitPrice"] = str(change.limit_price)
    if change.stop_price is not None:
        body["StopPrice"] = str(change.stop_price)
    if change.trailing_stop:
        body["AdvancedOptions"] = {"TrailingStop": trailing_stop(change.trailing_stop)}
    return body


# --- v3's answers in the v2 shapes ----------------------------------------------------------------
# The page and JSONP clients read v2's shapes (tradestation/results.py, the simulator's listings); these
# turn v3's answers into them. v3 sends numbers as strings; v2 sent numbers, and its *Display strings.
def _number(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _whole(value: Any) -> int:
    number = _number(value)
    return int(number) if number is not None else 0


def _text(value: Any) -> str:
    return "" if value is None else str(value)


# v3's TradeAction (and an order list's BuyOrSell, in either case) in the classic words: BUYTOCOVER → Buy To Cover.
ACTION_WORDS = {v3: words(classic)
                for classic, v3 in CLASSIC_ACTIONS.items()}


def action_words(value: Any) -> str:
    text = _text(value)
    return ACTION_WORDS.get(text.upper(), text)


def confirmation(entry: dict, v2_confirm_id: str | None) -> dict:
    """A v3 confirmation as v2's Order Confirmation: its figures as numbers beside their display strings."""
    result = {key: value for key, value in entry.items() if key not in ("OrderConfirmID", "AccountID", "TimeInForce")}
    result["Account"] = _text(entry.get("Account") or entry.get("AccountID"))
    if "Duration" not in result and isinstance(entry.get("TimeInForce"), dict):
        result["Duration"] = entry["TimeInForce"].get("Duration")
    if isinstance(entry.get("TimeInForce"), dict) and entry["TimeInForce"].get("Expiration"):
        # A 2015 GoodTill1Week/1Month is confirmed as GTD: its date is said nowhere else.
        result["Expiration"] = _text(entry["TimeInForce"]["Expiration"])
    for name in ("LimitPrice", "StopPrice", "DebitCreditEstimatedCost"):
        if name in result:
            result[name] = _number(result[name])
    for name in ("EstimatedPrice", "EstimatedCost", "EstimatedCommission"):
        if name in entry:
            result[name] = _number(entry[name])
            result.setdefault(f"{name}Display", _text(entry[name]))
    result["OrderConfirmId"] = v2_confirm_id or _text(entry.get("OrderConfirmID"))
    return result


def account(entry: dict) -> dict:
    """A v3 account as v2's Account Info: Key, Name, Type letter and its description."""
    kind = _text(entry.get("AccountType"))
    return {"Key": _text(entry.get("AccountID")), "Name": _text(entry.get("Alias") or entry.get("AccountID")),
            "Type": ACCOUNT_TYPES.get(kind, kind), "TypeDescription": kind, "Status": _text(entry.get("Status"))}


def listed_order(entry: dict, decimals: Mapping[str, int] | None = None) -> dict:
    """A v3 order of the account's order list as a classic Order Detail (the keys the page reads); `decimals`
    are the symbols' known PriceFormat.Decimals."""
    legs = entry.get("Legs") if isinstance(entry.get("Legs"), list) else []
    leg = legs[0] if legs and isinstance(legs[0], dict) else {}
    quantity, executed = _whole(leg.get("QuantityOrdered", entry.get("Quantity"))), _whole(leg.get("ExecQuantity"))
    detail = {
        "OrderID": _text(entry.get("OrderID")), "AccountID": _text(entry.get("AccountID")),
        "Symbol": _text(leg.get("Symbol", entry.get("Symbol"))), "AssetType": _text(leg.get("AssetType")),
        "Type": action_words(leg.get("BuyOrSell") or entry.get("TradeAction")),
        "OrderType": _text(entry.get("OrderType")), "Quantity": quantity, "ExecuteQuantity": executed,
        "QuantityLeft": _whole(leg.get("QuantityRemaining")),
        "Duration": _text(entry.get("Duration")), "Routing": _text(entry.get("Routing")),
        "Status": _text(entry.get("Status")), "StatusDescription": _text(entry.get("StatusDescription")),
        "RejectReason": _text(entry.get("RejectReason")), "TimeStamp": _text(entry.get("OpenedDateTime")),
        "FilledCanceled": _text(entry.get("ClosedDateTime")),
    }
    for name in ("LimitPrice", "StopPrice", "FilledPrice"):
        value = entry.get(name)
        detail[name] = _number(value) if value not in (None, "") else None
        detail[f"{name}Text"] = price_text(value, (decimals or {}).get(detail["Symbol"]))
    if "OrderConfirmID" in entry:
        # Listed only when v3 lists it: reconciliation needs it to tell "not placed" from "not shown".
        detail["OrderConfirmId"] = _text(entry["OrderConfirmID"])
    return detail


def quote(entry: dict, decimals: Mapping[str, int] | None = None) -> dict:
    """A v3 quote as v2's Quote: numbers, and the *PriceDisplay strings the page shows."""
    places = (decimals or {}).get(_text(entry.get("Symbol")))
    result = {"Symbol": _text(entry.get("Symbol")), "Description": _text(entry.get("Description")),
              "BidSize": _whole(entry.get("BidSize")), "AskSize": _whole(entry.get("AskSize")),
              "Volume": _whole(entry.get("Volume")), "NetChangePct": _number(entry.get("NetChangePct")) or 0.0}
    for name in ("Bid", "Ask", "Last", "High", "Low", "Open", "PreviousClose", "NetChange"):
        result[name] = _number(entry.get(name)) or 0.0
        result[f"{name}PriceDisplay"] = price_text(entry.get(name), places)
    if entry.get("PointValue") is not None:
        result["PointValue"] = _number(entry["PointValue"])
    return result


def symbol_details(entry: dict) -> dict:
    """What v2's quote carried and v3 gives in its symbol details: the description, the point value and the
    tick (v2's MinMove is v3's PriceFormat.Increment)."""
    details = {"Description": _text(entry.get("Description"))}
    price_format = entry.get("PriceFormat") if isinstance(entry.get("PriceFormat"), dict) else {}
    for v2_name, v3_name in (("PointValue", "PointValue"), ("MinMove", "Increment")):
        value = _number(price_format.get(v3_name))
        if value:
            details[v2_name] = value
    return details


def quote_error(entry: dict) -> dict:
    return {"Symbol": _text(entry.get("Symbol")), "Error": _text(entry.get("Error") or entry.get("Message"))}


def balance(entry: dict) -> dict:
    """A v3 balance as v2's Balance: buying power, cash, equity, market value, the day's realized P/L."""
    detail = entry.get("BalanceDetail") if isinstance(entry.get("BalanceDetail"), dict) else {}
    return {"Key": _text(entry.get("AccountID")), "RealTimeBuyingPower": _number(entry.get("BuyingPower")) or 0.0,
            "RealTimeAccountBalance": _number(entry.get("CashBalance")) or 0.0,
            "RealTimeEquity": _number(entry.get("Equity")) or 0.0,
            "MarketValue": _number(entry.get("MarketValue")) or 0.0,
            "RealTimeRealizedProfitLoss": _number(detail.get("RealizedProfitLoss")) or 0.0}


def position(entry: dict, decimals: Mapping[str, int] | None = None) -> dict:
    """A v3 position as v2's Position: an unsigned quantity with its L/S letter."""
    places = (decimals or {}).get(_text(entry.get("Symbol")))
    side = _text(entry.get("LongShort"))
    quantity = _whole(entry.get("Quantity"))
    return {"AccountID": _text(entry.get("AccountID")), "Symbol": _text(entry.get("Symbol")),
            "Quantity": abs(quantity), "LongShort": LONG_SHORT.get(side, "S" if quantity < 0 else "L"),
            "AveragePrice": _number(entry.get("AveragePrice")) or 0.0,
            "AveragePriceDisplay": price_text(entry.get("AveragePrice"), places),
            "LastPrice": _number(entry.get("Last")) or 0.0, "LastPriceDisplay": price_text(entry.get("Last"), places),
            "MarketValue": _number(entry.get("MarketValue")) or 0.0,
            "OpenProfitLoss": _number(entry.get("UnrealizedProfitLoss")) or 0.0}
