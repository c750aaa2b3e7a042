"""An order's AdvancedOptions: the trailing stop, and the rules that hold it back until the market or the
clock says (activation rules). Apart from the order, as both a new order and a cancel-replace may carry them.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from . import errors as E
from .details import invalid, one_of, refuse_unknown
from .errors import ApiError
from .order_fields import choice, parse_list, parse_price, parse_symbol

_POINTS = re.compile(r"[1-9][0-9]{0,8}")
_PERCENT = re.compile(r"([0-9]{1,3})(\.[0-9]{1,2})?")


# AdvancedOptions as the Swagger file defines them, beside the classic pages' TrailingStop.
ADVANCED_OPTIONS = {"TrailingStop", "MarketActivationRules", "TimeActivationRules", "ShowOnlyQuantity"}
PREDICATES = ("Lt", "Lte", "Gt", "Gte")
MARKET_RULE_FIELDS = ("RuleType", "Symbol", "Predicate", "TriggerKey", "Price", "LogicOperator")
TRIGGER_KEYS = ("STT", "STTN", "SBA", "SAB", "DTT", "DTTN", "DBA", "DAB", "TTT", "TTTN", "TBA", "TAB")
LOGIC_OPERATORS = ("And", "Or")
_TIME_UTC = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]")


def parse_advanced_options(options, order_type, asset):
    """AdvancedOptions: a trailing stop (returned), activation rules and a shown quantity (checked)."""
    if not isinstance(options, dict):
        raise invalid("AdvancedOptions must be an object.")
    refuse_unknown(options, ADVANCED_OPTIONS, within="AdvancedOptions", listed=True)
    if options.get("MarketActivationRules") is not None:
        _parse_market_rules(options["MarketActivationRules"])
    if options.get("TimeActivationRules") is not None:
        rules = parse_list(options["TimeActivationRules"], E.INVALID_ORDER, "TimeActivationRules")
        if len(rules) > 1 or not all(isinstance(rule, dict) and set(rule) == {"TimeUtc"} and isinstance(
                rule["TimeUtc"], str) and _TIME_UTC.fullmatch(rule["TimeUtc"]) for rule in rules):
            raise invalid('TimeActivationRules holds at most one rule, {"TimeUtc": "hh:mm:ss"} (UTC).')
    if options.get("ShowOnlyQuantity") is not None:
        # Equities and futures only; for equities a multiple of 100 (the Swagger file).
        shown = options["ShowOnlyQuantity"]
        if (asset not in ("EQ", "FU") or isinstance(shown, bool) or not isinstance(shown, int) or shown <= 0
                or (asset == "EQ" and shown % 100)):
            raise invalid("ShowOnlyQuantity must be a whole number above 0 (for equities a multiple of 100), "
                           "on an equity or futures order.")
    return _parse_trailing_stop(options.get("TrailingStop"), order_type)


@dataclass(frozen=True)
class MarketRule:
    """One of the Swagger file's MarketActivationRules: `symbol`'s price, read as `trigger_key` says,
    compared by `predicate` with `price`; `logic` joins it to the rule before (And or Or)."""
    symbol: str
    predicate: str
    trigger_key: str
    price: Decimal
    logic: str = None


@dataclass(frozen=True)
class Activation:
    """What must happen before an order goes to the market: market rules, and a time of day (UTC)."""
    market_rules: tuple = ()
    time_utc: str = None        # hh:mm:ss


def parse_activation(options):
    """The activation rules of AdvancedOptions already checked by parse_advanced_options, or None."""
    rules = tuple(MarketRule(rule["Symbol"], rule["Predicate"], rule["TriggerKey"],
                             parse_price(rule["Price"], E.INVALID_ORDER), rule.get("LogicOperator"))
                  for rule in options.get("MarketActivationRules") or ())
    times = options.get("TimeActivationRules") or ()
    if not rules and not times:
        return None
    return Activation(rules, times[0]["TimeUtc"] if times else None)


def _parse_market_rules(rules):
    rules = parse_list(rules, E.INVALID_ORDER, "MarketActivationRules")
    if len(rules) > 4:
        raise invalid("MarketActivationRules holds at most 4 rules.")
    for rule in rules:
        if not isinstance(rule, dict):
            raise invalid("Each of MarketActivationRules must be an object.")
        refuse_unknown(rule, MARKET_RULE_FIELDS, within="a market activation rule", listed=True)
        choice(rule.get("RuleType"), ("Price",), invalid(one_of("RuleType", ("Price",))))
        parse_symbol(rule.get("Symbol"))
        choice(rule.get("Predicate"), PREDICATES, invalid(one_of("Predicate", PREDICATES)))
        choice(rule.get("TriggerKey"), TRIGGER_KEYS, invalid(one_of("TriggerKey", TRIGGER_KEYS)))
        try:
            parse_price(rule.get("Price"), E.INVALID_ORDER)
        except ApiError:
            raise invalid("The Price of a market activation rule must be a price above 0.") from None
        if rule.get("LogicOperator") is not None:
            choice(rule["LogicOperator"], LOGIC_OPERATORS, invalid(one_of("LogicOperator", LOGIC_OPERATORS)))


def _parse_trailing_stop(stop, order_type):
    """The Orders page's rules: StopMarket orders only; points a whole number, a percentage with at most
    two decimals (ours: above 0 and at most 100). The classic pages send {ByPoints, Value}; the Swagger file
    sends {Amount} or {Percent}, never both."""
    if stop is None:
        return None
    shapes = ({"ByPoints", "Value"}, {"Amount"}, {"Percent"})
    if not isinstance(stop, dict) or set(stop) not in shapes or not isinstance(stop.get("ByPoints", False), bool):
        raise invalid('TrailingStop must be {"ByPoints": true or false, "Value": n}, {"Amount": n} or {"Percent": n}.')
    if order_type == "StopLimit":
        raise ApiError(400, E.TRAILING_STOP_LIMIT)
    if order_type != "StopMarket":
        raise ApiError(400, E.TRAILING_NOT_STOP)
    if "Amount" in stop:
        parse_price(stop["Amount"], E.TRAILING_POINTS)
        return stop
    by_points = stop.get("ByPoints", False)
    value = stop["Value"] if "Value" in stop else stop["Percent"]
    # The Trailing Stop object types Value as a string; the Place Order example sends a number.
    text = repr(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value
    if by_points:
        if not isinstance(text, str) or not _POINTS.fullmatch(text):
            raise ApiError(400, E.TRAILING_POINTS)
    elif not isinstance(text, str) or not _PERCENT.fullmatch(text) or not 0 < Decimal(text) <= 100:
        raise ApiError(400, E.TRAILING_PERCENT)
    return stop
