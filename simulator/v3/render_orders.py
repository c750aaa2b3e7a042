"""Orders in v3's words: the answers to placing, cancelling and replacing, confirmations, the order lists, and
the routes and activation triggers an order may name. From the model's own objects."""

import datetime

from tradestation import dialects
from tradestation import errors as E
from tradestation import v3_vocabulary as words
from tradestation.errors import ApiError

from .. import estimates
from ..book import REJECTED, STATUS_DESCRIPTIONS, BookOrder
from ..desk import CANCEL_SENT, REPLACE_SENT, SENT, Cancellation, Confirmation
from .render import asset, day, decimal, moment, plain

# An order refused downstream is listed under Errors with this word (the order still got an id).
FAILED = "FAILED"
# A good-till-cancelled order lapses this many days after it was placed (the order examples' GoodTillDate).
GTC_DAYS = 90
GOOD_TILL_CANCEL = {"GTC", "GCP"}
GOOD_TILL_DATE = {"GTD", "GDP"}
# How the classic GTDDate the order was read into is written.
GTD_FORMATS = ("%m/%d/%Y", "%Y-%m-%d")


def order_answers(orders: list[BookOrder]) -> dict:
    """v3's answer to placing: {"Orders": [...], "Errors": [...]} (Errors only when an order was rejected; a
    rejected order still has its id)."""
    body = {"Orders": [{"OrderID": order.id, "Message": SENT + order.description}
                       for order in orders if order.status != REJECTED]}
    errors = [{"OrderID": order.id, "Error": FAILED, "Message": order.reason}
              for order in orders if order.status == REJECTED]
    if errors:
        body["Errors"] = errors
    return body


def cancelled(answer: Cancellation) -> dict:
    if not answer.cancelled:
        raise ApiError(400, E.NOT_OPEN)
    return {"OrderID": answer.order.id, "Message": CANCEL_SENT}


def replaced(order: BookOrder) -> dict:
    return {"OrderID": order.id, "Message": REPLACE_SENT}


def confirmation(preview: Confirmation, request: dict) -> dict:
    """A preview in v3's names, numbers as strings: `request` is the v3 order as sent."""
    order, instrument = preview.order, preview.instrument
    body = {"Route": order.route, "TimeInForce": request["TimeInForce"], "AccountID": preview.account.key,
            "DisplayName": preview.account.key, "SummaryMessage": order.describe(instrument.decimals),
            "OrderAssetCategory": words.ORDER_ASSET_CATEGORIES[order.asset], "Currency": instrument.currency,
            "OrderConfirmID": preview.confirm_id}
    uses = {"Limit": ("LimitPrice",), "StopMarket": ("StopPrice",), "StopLimit": ("LimitPrice", "StopPrice")}
    for name in uses.get(request.get("OrderType"), ()):
        if name in request:     # a trailing stop may be sent without a StopPrice
            body[name] = str(request[name])
    body.update({"EstimatedPrice": decimal(preview.price), "EstimatedPriceDisplay": instrument.display(preview.price),
                 "EstimatedCost": decimal(preview.cost), "EstimatedCostDisplay": estimates.display(preview.cost),
                 "EstimatedCommission": decimal(preview.commission),
                 "EstimatedCommissionDisplay": estimates.display(preview.commission)})
    # A buy debits the account (positive), a sell credits it (negative).
    debit = float(preview.cost) + float(preview.commission)
    body["DebitCreditEstimatedCost"] = str(round(debit if preview.buying else -debit, 2))
    if instrument.asset == "FU":
        body.update({"ProductCurrency": instrument.currency, "AccountCurrency": preview.account.currency})
    if preview.initial_margin is not None:
        body["InitialMarginDisplay"] = estimates.display(preview.initial_margin)
    return body


def _good_till(order: BookOrder) -> str | None:
    duration = order.order.time_in_force
    if duration in GOOD_TILL_CANCEL:
        return day((order.placed_at + datetime.timedelta(days=GTC_DAYS)).date())
    if duration in GOOD_TILL_DATE and order.order.expiry:
        for written in GTD_FORMATS:
            try:
                return day(datetime.datetime.strptime(order.order.expiry, written).date())
            except ValueError:
                continue
    return None


def _conditional(order: BookOrder) -> list[dict] | None:
    """The orders linked to this one: its group's siblings, the order that sends it, the orders it sends."""
    linked = [{"Relationship": order.group, "OrderID": sibling} for sibling in order.siblings]
    if order.parent:
        linked.append({"Relationship": "OSP", "OrderID": order.parent})
    linked += [{"Relationship": "OSO", "OrderID": child} for child in order.children]
    return linked or None


def _activation(order: BookOrder) -> dict:
    rules = order.order.activation
    if rules is None:
        return {}
    shown = {}
    if rules.market_rules:
        shown["MarketActivationRules"] = [{"RuleType": "Price", "Symbol": rule.symbol, "Predicate": rule.predicate,
                                           "TriggerKey": rule.trigger_key, "Price": plain(rule.price)}
                                          for rule in rules.market_rules]
    if rules.time_utc:
        # A time of day with no day of its own, as the order examples write it.
        shown["TimeActivationRules"] = [{"TimeUtc": f"0001-01-01T{rules.time_utc}Z"}]
    return shown


def _leg(order: BookOrder) -> dict:
    leg = {"AssetType": asset(order.order.asset), "BuyOrSell": words.BUY_OR_SELL[order.side],
           "ExecQuantity": str(order.filled_quantity),
           "ExecutionPrice": "0" if order.filled_price is None else decimal(order.filled_price),
           "OpenOrClose": "Close" if order.closes else "Open", "QuantityOrdered": str(order.quantity),
           "QuantityRemaining": str(order.leaves), "Symbol": order.order.symbol}
    terms = order.instrument.option if order.instrument else None
    if terms:
        leg.update({"ExpirationDate": day(terms.expiry), "OptionType": words.OPTION_TYPES[terms.put_call],
                    "StrikePrice": plain(terms.strike), "Underlying": terms.root})
    return leg


def listed_order(order: BookOrder, with_confirm_id: bool = True) -> dict:
    """An order of the account's list in v3's Order shape, numbers as strings; with its OrderConfirmID, which
    v3's Order object does not have, unless told not to."""
    def number(value) -> str:
        return "0" if value is None else decimal(value)

    def text(value) -> str | None:
        return None if value is None else decimal(value)

    limit, stop = order.limit_price, order.stop_price
    used = limit if limit is not None else (stop if stop is not None else order.filled_price)
    entry = {
        "AccountID": order.account,
        "OrderID": order.id,
        "OrderConfirmID": (order.order.confirm_id or "") if with_confirm_id else None,
        "AdvancedOptions": order.advanced_options_text,
        "ClosedDateTime": moment(order.closed_at),
        "CommissionFee": "0",
        "ConditionalOrders": _conditional(order),
        "Currency": order.instrument.currency if order.instrument else "",
        "Duration": order.order.time_in_force,
        "FilledPrice": number(order.filled_price),
        "GoodTillDate": _good_till(order),
        "GroupName": order.group or "",
        # Only the prices the order type has.
        "LimitPrice": text(limit),
        "StopPrice": text(stop),
        "OpenedDateTime": moment(order.placed_at),
        "OrderType": order.type,
        "PriceUsedForBuyingPower": number(used),
        "RejectReason": order.reason or "",
        "Routing": order.order.route,
        "Status": order.status,
        "StatusDescription": STATUS_DESCRIPTIONS[order.status],
        "UnbundledRouteFee": "0",
        # A multi-leg order lists each of its legs; any other order is its own one leg.
        "Legs": [_leg(leg) for leg in order.leg_orders or [order]],
        **_activation(order),
    }
    return {name: value for name, value in entry.items() if value is not None}


def routes() -> dict:
    """Each route an order may name, with the asset types it takes."""
    found: dict[str, list[str]] = {}
    for asset_code, names in dialects.ROUTES.items():
        if words.ASSET_CATEGORIES.get(asset_code):
            for name in names:
                found.setdefault(name, []).append(asset(asset_code))
    return {"Routes": [{"Id": name, "Name": name, "AssetTypes": types} for name, types in found.items()]}


def activation_triggers() -> dict:
    return {"ActivationTriggers": [{"Key": key, "Name": name, "Description": description}
                                   for key, (name, description) in words.ACTIVATION_TRIGGERS.items()]}
