"""Parsing and validating orders of either dialect into one neutral Order.

Every check raises ApiError with TradeStation's words, in the order TradeStation
reports them: shape first, then the required fields, then their values.
"""

import datetime
import math
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from . import errors as E
from .details import invalid, one_of, refuse_unknown
from .dialects import (
    ASSET_NAMES,
    ASSETS,
    CLASSIC,
    CLASSIC_ACTIONS,
    CLASSIC_DATED,
    CLASSIC_DURATIONS,
    CONDITIONS,
    COST_BASIS_METHODS,
    EXCHANGE_CODES,
    FUND_SOURCES,
    GLOBAL_DATED,
    GLOBAL_SIDES,
    GROUP_TYPES,
    NEEDS_LIMIT,
    NEEDS_STOP,
    ORDER_TYPES,
    ROUTES,
    TAXATION_METHODS,
    TIMES_IN_FORCE,
    canonical,
)
from .errors import ApiError

MAX_QUANTITY = 1_000_000_000
MAX_PRICE = Decimal("1000000000")
# The Orders page lets OSOs nest "to any level"; ours stops at five, so that no request nests without end.
MAX_OSO_DEPTH = 5

# Plain ASCII only: a symbol, account or id never needs markup, quotes, control or bidi characters.
# TradeStation's symbols: letters and digits, spaces (options: `MSFT 240119C400`), `.` (`$SPX.X`, `BRK.B`), `:`
# and `-` (`JP:8698-TS`), `@` (continuous futures), `$` (indices), `^` and `#`. No `/`, no `..`: a symbol also
# goes into URL paths upstream (quotes), where either could walk elsewhere once decoded.
_SYMBOL = re.compile(r"(?!.*\.\.)[A-Z0-9$@^#][A-Z0-9 .:_#\-]{0,39}")
_ACCOUNT = re.compile(r"[A-Za-z0-9\-]{1,32}")
_CONFIRM_ID = re.compile(r"[A-Za-z0-9+/=_\-]+")
_CLIENT_TAG = re.compile(r"[A-Za-z0-9 .,:_/\-]{0,50}")
_PRICE = re.compile(r"[0-9]{1,10}(\.[0-9]{1,8})?|\.[0-9]{1,8}")
_ORDER_ID = re.compile(r"[0-9]{1,18}")
_QUANTITY = re.compile(r"[0-9]{1,10}")

# The formats the ticket page checks before sending; these expressions mean the same in JavaScript.
PATTERNS = {"symbol": _SYMBOL.pattern, "price": _PRICE.pattern, "quantity": _QUANTITY.pattern}

# The longest OrderConfirmId each dialect takes: 25 in the classic docs, a GUID in the 2015 ones.
CONFIRM_ID_LIMIT = {CLASSIC: 25, "2015": 36}

CLASSIC_FIELDS = {"AccountKey", "AssetType", "Symbol", "Quantity", "OrderType", "LimitPrice", "StopPrice",
                  "Duration", "GTDDate", "TradeAction", "Route", "OrderConfirmId", "OrderID",
                  "AdvancedOptions", "OSOs", "Legs"}
GLOBAL_FIELDS = {"OrderConfirmId", "ClientTag", "AccountId", "AssetType", "Symbol", "Quantity", "Type",
                 "LimitPrice", "StopPrice", "Side", "TimeInForce", "TimeInForceExpiration", "Route",
                 "ExchangeCode", "FundSource", "TaxationMethod", "CostBasisMethod", "LotSelectionStrategy",
                 "Condition"}

# The names of the common fields in each dialect.
_NAMES = {
    CLASSIC: {"account": "AccountKey", "type": "OrderType", "action": "TradeAction", "tif": "Duration",
              "expiry": "GTDDate"},
    "2015": {"account": "AccountId", "type": "Type", "action": "Side", "tif": "TimeInForce",
             "expiry": "TimeInForceExpiration"},
}


# A ticket's fields in the order an order is written, each as (classic name, 2015 name): the five above, and
# the ones both dialects spell alike. The ticket's inspector lines the two dialects up with it.
_TICKET_FIELDS = ("OrderConfirmId", "account", "AssetType", "Symbol", "Quantity", "type", "LimitPrice", "StopPrice",
                  "action", "tif", "expiry", "Route")


def field_pairs():
    return [(_NAMES[CLASSIC].get(name, name), _NAMES["2015"].get(name, name)) for name in _TICKET_FIELDS]


@dataclass(frozen=True)
class Order:
    """One validated order, whichever dialect it came in."""
    dialect: str
    account: str
    asset: str              # EQ, OP, FU or FX
    symbol: str
    quantity: int
    type: str               # Market, Limit, StopMarket or StopLimit
    action: str             # the dialect's own spelling: TradeAction or Side
    time_in_force: str      # Duration or TimeInForce
    limit_price: Decimal = None
    stop_price: Decimal = None
    expiry: str = None      # GTDDate or TimeInForceExpiration, as sent
    route: str = "Intelligent"
    confirm_id: str = None
    client_tag: str = None
    trailing_stop: dict = None
    osos: tuple = ()
    legs: tuple = ()        # the Swagger file's multi-leg Legs: ({"Symbol", "Quantity", "TradeAction"}, ...)
    activation: object = None   # an Activation: the Swagger file's activation rules, or None
    fields: dict = field(default=None, compare=False, repr=False)  # the input, as sent

    def describe(self, decimals=2):
        """TradeStation's summary of an order: 'Buy 10 ARNA @ 1.00 Limit'."""
        what = f"{words(self.action)} {self.quantity:,} {self.symbol}"
        if self.trailing_stop:
            # The Place Order page's trailing stop answer: no price, the trail after "Trl:". Its page shows
            # only points; a percentage is marked with "%", an amount with "$" (ours).
            stop = self.trailing_stop
            if "Amount" in stop:
                trail = f"${stop['Amount']}"
            else:
                trail = f"{stop.get('Value', stop.get('Percent'))}{'' if stop.get('ByPoints') else '%'}"
            return f"{what} @  {words(self.type)} - Trl: {trail}"
        if self.type == "Market":
            return f"{what} @ Market"
        price = self.limit_price if self.type in NEEDS_LIMIT else self.stop_price
        return f"{what} @ {price:,.{decimals}f} {words(self.type)}"


    def entered(self):
        """The order as the trader entered it, every price exactly as given:
        'Sell 5 EURUSD @ 1.07855 Stop Limit, stop 1.078'."""
        return f"{words(self.action)} {self.quantity:,} {self.symbol} @ " + \
            as_entered(self.type, self.limit_price, self.stop_price)


def as_entered(order_type, limit_price, stop_price):
    """'Market', '1.07855 Limit', '1.07855 Stop Limit, stop 1.078': every price as given, none rounded."""
    if order_type == "Market":
        return "Market"
    if order_type == "StopLimit":
        return f"{limit_price} Stop Limit, stop {stop_price}"
    return f"{limit_price if order_type in NEEDS_LIMIT else stop_price} {words(order_type)}"


def words(name):
    """'StopLimit' -> 'Stop Limit', 'BuyToOpen' -> 'Buy To Open'."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name)


# An order of one dialect sent under the other's APIVersion (a 2015 order with none) is the commonest
# "unknown field": the other dialect's fields, and how to ask for it.
_OTHER_DIALECT = {CLASSIC: (GLOBAL_FIELDS, "the 2015 order: send it with APIVersion=20150101 (with none, an order "
                                           "is read as classic, APIVersion 20101026)"),
                  "2015": (CLASSIC_FIELDS, "the classic order: send it with APIVersion=20101026, or with none")}


def _present(data, name):
    value = data.get(name)
    return value is not None and value != ""


def _require(data, name, error):
    if not _present(data, name):
        raise error
    return data[name]


def _choice(value, allowed, error):
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


def _parse_symbol(value):
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


def _parse_gtd_date(value):
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


def _parse_expiration(value):
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


_POINTS = re.compile(r"[1-9][0-9]{0,8}")
_PERCENT = re.compile(r"([0-9]{1,3})(\.[0-9]{1,2})?")


# AdvancedOptions as the Swagger file defines them, beside the classic pages' TrailingStop.
ADVANCED_OPTIONS = {"TrailingStop", "MarketActivationRules", "TimeActivationRules", "ShowOnlyQuantity"}
PREDICATES = ("Lt", "Lte", "Gt", "Gte")
MARKET_RULE_FIELDS = ("RuleType", "Symbol", "Predicate", "TriggerKey", "Price", "LogicOperator")
TRIGGER_KEYS = ("STT", "STTN", "SBA", "SAB", "DTT", "DTTN", "DBA", "DAB", "TTT", "TTTN", "TBA", "TAB")
LOGIC_OPERATORS = ("And", "Or")
_TIME_UTC = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]")


def _parse_advanced_options(options, order_type, asset):
    """AdvancedOptions: a trailing stop (returned), activation rules and a shown quantity (checked)."""
    if not isinstance(options, dict):
        raise invalid("AdvancedOptions must be an object.")
    refuse_unknown(options, ADVANCED_OPTIONS, within="AdvancedOptions", listed=True)
    if options.get("MarketActivationRules") is not None:
        _parse_market_rules(options["MarketActivationRules"])
    if options.get("TimeActivationRules") is not None:
        rules = _list(options["TimeActivationRules"], E.INVALID_ORDER, "TimeActivationRules")
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


def _parse_activation(options):
    """The activation rules of AdvancedOptions already checked by _parse_advanced_options, or None."""
    rules = tuple(MarketRule(rule["Symbol"], rule["Predicate"], rule["TriggerKey"],
                             parse_price(rule["Price"], E.INVALID_ORDER), rule.get("LogicOperator"))
                  for rule in options.get("MarketActivationRules") or ())
    times = options.get("TimeActivationRules") or ()
    if not rules and not times:
        return None
    return Activation(rules, times[0]["TimeUtc"] if times else None)


def _parse_market_rules(rules):
    rules = _list(rules, E.INVALID_ORDER, "MarketActivationRules")
    if len(rules) > 4:
        raise invalid("MarketActivationRules holds at most 4 rules.")
    for rule in rules:
        if not isinstance(rule, dict):
            raise invalid("Each of MarketActivationRules must be an object.")
        refuse_unknown(rule, MARKET_RULE_FIELDS, within="a market activation rule", listed=True)
        _choice(rule.get("RuleType"), ("Price",), invalid(one_of("RuleType", ("Price",))))
        _parse_symbol(rule.get("Symbol"))
        _choice(rule.get("Predicate"), PREDICATES, invalid(one_of("Predicate", PREDICATES)))
        _choice(rule.get("TriggerKey"), TRIGGER_KEYS, invalid(one_of("TriggerKey", TRIGGER_KEYS)))
        try:
            parse_price(rule.get("Price"), E.INVALID_ORDER)
        except ApiError:
            raise invalid("The Price of a market activation rule must be a price above 0.") from None
        if rule.get("LogicOperator") is not None:
            _choice(rule["LogicOperator"], LOGIC_OPERATORS, invalid(one_of("LogicOperator", LOGIC_OPERATORS)))


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
    if _present(data, name) and not _is_zero(data[name]):
        parse_price(data[name], message)


def _parse_net_price(value, message):
    """A multi-leg order's net price: a debit, or a credit written negative (the v3 document's iron condor
    sells for a limit of -20)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value < 0:
        return -parse_price(-value, message)
    if isinstance(value, str) and value.startswith("-"):
        return -parse_price(value[1:], message)
    return parse_price(value, message)


def _parse_prices(data, order_type, trailing=False, net=False):
    """The limit and stop prices an order type needs; one it does not need is empty, zero or a price.
    trailing: a trailing stop sets its own stop, so a StopPrice is optional. net: a multi-leg order's limit is
    a net price, which may be a credit."""
    limit_price = stop_price = None
    if order_type in NEEDS_LIMIT:
        limit_price = (_parse_net_price if net else parse_price)(
            _require(data, "LimitPrice", ApiError(400, E.MISSING_LIMIT)), E.INVALID_LIMIT)
    else:
        _unused_price(data, "LimitPrice", E.INVALID_LIMIT)
    if order_type in NEEDS_STOP:
        if _present(data, "StopPrice") or not trailing:
            stop_price = parse_price(_require(data, "StopPrice", ApiError(400, E.MISSING_STOP)), E.INVALID_STOP)
    else:
        _unused_price(data, "StopPrice", E.INVALID_STOP)
    return limit_price, stop_price


def parse_order(data, dialect, depth=0):
    """Validate one order of a dialect; return an Order or raise ApiError."""
    if not isinstance(data, dict):
        raise invalid("The order must be a JSON object of its fields.")
    if not data:
        raise invalid("The order has no fields.")
    refuse_unknown(data, CLASSIC_FIELDS if dialect == CLASSIC else GLOBAL_FIELDS, within="the order",
                   other=_OTHER_DIALECT[dialect])
    names = _NAMES[dialect]

    account = parse_account(_require(data, names["account"], E.missing_field(names["account"])))
    asset_value = _require(data, "AssetType", E.missing_field("AssetType"))
    if dialect == CLASSIC:
        asset = _choice(asset_value, ASSETS, ApiError(400, E.INVALID_ASSET, one_of("AssetType", ASSETS)))
        actions, durations, dated = CLASSIC_ACTIONS[asset], CLASSIC_DURATIONS[asset], CLASSIC_DATED
    else:
        asset = ASSET_NAMES[_choice(asset_value, tuple(ASSET_NAMES),
                                    ApiError(400, E.INVALID_ASSET, one_of("AssetType", tuple(ASSET_NAMES))))]
        actions, durations, dated = GLOBAL_SIDES[asset], TIMES_IN_FORCE, GLOBAL_DATED
    action = _choice(_require(data, names["action"], E.missing_field(names["action"])), actions,
                     ApiError(400, E.INVALID_ACTION, one_of(f"{names['action']} for {asset_value}", actions)))
    symbol = _parse_symbol(_require(data, "Symbol", ApiError(400, E.MISSING_SYMBOL)))
    quantity = parse_quantity(_require(data, "Quantity", ApiError(400, E.MISSING_QUANTITY)))
    order_type = _choice(_require(data, names["type"], ApiError(400, E.MISSING_TYPE)), ORDER_TYPES,
                         ApiError(400, E.INVALID_TYPE, one_of(names["type"], ORDER_TYPES)))

    options = data.get("AdvancedOptions") if dialect == CLASSIC else None
    trailing = isinstance(options, dict) and options.get("TrailingStop") is not None
    limit_price, stop_price = _parse_prices(data, order_type, trailing=trailing,
                                            net=dialect == CLASSIC and _present(data, "Legs"))

    tif = _choice(_require(data, names["tif"], ApiError(400, E.MISSING_TIF)), durations,
                  ApiError(400, E.INVALID_TIF, one_of(f"{names['tif']} for {asset_value}", durations)))
    expiry = None
    if tif in dated:
        value = _require(data, names["expiry"], ApiError(400, E.MISSING_EXPIRY))
        expiry = _parse_gtd_date(value) if dialect == CLASSIC else _parse_expiration(value)
    elif _present(data, names["expiry"]):
        raise ApiError(400, E.INVALID_EXPIRY)

    route = "Intelligent"
    if _present(data, "Route"):
        route = _choice(data["Route"], ROUTES[asset], ApiError(400, E.INVALID_ROUTE,
                                                                one_of(f"Route for {asset_value}", ROUTES[asset])))

    confirm_id = parse_confirm_id(data.get("OrderConfirmId"), dialect)
    client_tag = trailing_stop = activation = None
    osos = legs = ()
    if dialect == CLASSIC:
        if _present(data, "OrderID"):
            raise invalid("OrderID names an existing order: only a cancel-replace sends one.")
        if _present(data, "AdvancedOptions"):
            trailing_stop = _parse_advanced_options(data["AdvancedOptions"], order_type, asset)
            activation = _parse_activation(data["AdvancedOptions"])
        if _present(data, "Legs"):
            legs = _parse_legs(data["Legs"], asset)
        # An empty list attaches nothing, as the Order page's OSO example sends it on the triggered order.
        if _present(data, "OSOs") and data["OSOs"] != []:
            if depth >= MAX_OSO_DEPTH:
                raise invalid(f"OSOs nest at most {MAX_OSO_DEPTH} levels deep.")
            osos = tuple(parse_group(group, dialect, depth + 1)
                         for group in _list(data["OSOs"], E.INVALID_ORDER, "OSOs"))
    else:
        if _present(data, "ClientTag"):
            if not isinstance(data["ClientTag"], str) or not _CLIENT_TAG.fullmatch(data["ClientTag"]):
                raise invalid("ClientTag is at most 50 letters, digits, spaces and . , : _ / -")
            client_tag = data["ClientTag"]
        for name, allowed in (("ExchangeCode", EXCHANGE_CODES), ("FundSource", FUND_SOURCES),
                              ("TaxationMethod", TAXATION_METHODS), ("CostBasisMethod", COST_BASIS_METHODS),
                              ("LotSelectionStrategy", COST_BASIS_METHODS), ("Condition", CONDITIONS)):
            if _present(data, name):
                _choice(data[name], allowed, invalid(one_of(name, allowed)))

    return Order(dialect=dialect, account=account, asset=asset, symbol=symbol, quantity=quantity,
                 type=order_type, action=action, time_in_force=tif, limit_price=limit_price,
                 stop_price=stop_price, expiry=expiry, route=route, confirm_id=confirm_id,
                 client_tag=client_tag, trailing_stop=trailing_stop, osos=osos, legs=legs,
                 activation=activation, fields=data)


MAX_LEGS = 4    # ours: the Swagger file sets no limit


def _parse_legs(value, asset):
    """Legs (the Swagger file's OrderRequestDefinition): each a symbol, a quantity and an action, none twice;
    an option order's legs may be stock legs too (a covered call)."""
    legs = _list(value, E.INVALID_ORDER, "Legs")
    actions = CLASSIC_ACTIONS["OP"] + CLASSIC_ACTIONS["EQ"] if asset == "OP" else CLASSIC_ACTIONS[asset]
    parsed = []
    for leg in legs:
        if not isinstance(leg, dict) or set(leg) != {"Symbol", "Quantity", "TradeAction"}:
            raise invalid('Each of Legs must be {"Symbol", "Quantity", "TradeAction"}.')
        parsed.append((_parse_symbol(leg["Symbol"]), parse_quantity(leg["Quantity"]),
                       _choice(leg["TradeAction"], actions, ApiError(400, E.INVALID_ACTION,
                                                                     one_of("A leg's TradeAction", actions)))))
    if not 0 < len(parsed) <= MAX_LEGS or len(set(parsed)) != len(parsed):
        raise invalid(f"Legs holds 1 to {MAX_LEGS} legs, none twice.")
    return tuple({"Symbol": symbol, "Quantity": quantity, "TradeAction": action}
                 for symbol, quantity, action in parsed)


def _list(value, message, name):
    if not isinstance(value, list):
        raise ApiError(400, message, f"{name} must be a list.")
    return value


@dataclass(frozen=True)
class Group:
    type: str               # NORMAL, OCO or BRK
    orders: tuple


def parse_group(data, dialect, depth=0):
    """Validate a group order: {"Type": "OCO"|"BRK"|"NORMAL", "Orders": [...]}."""
    if not isinstance(data, dict) or set(data) - {"Type", "Orders"}:
        raise invalid('A group order is {"Type": NORMAL, OCO or BRK, "Orders": [...]}, nothing else.',
                       E.INVALID_GROUP)
    group_type = _choice(data.get("Type"), GROUP_TYPES, invalid(one_of("Type", GROUP_TYPES), E.INVALID_GROUP_TYPE))
    orders = _list(data.get("Orders"), E.INVALID_GROUP, "Orders")
    if group_type in ("OCO", "BRK") and len(orders) < 2:
        raise ApiError(400, E.GROUP_NEEDS_PAIR)
    if not orders or len(orders) > 10:
        raise invalid("A group holds 1 to 10 orders.", E.INVALID_GROUP)
    if not all(isinstance(order, dict) and order for order in orders):
        raise ApiError(400, E.GROUP_MEMBER_NOT_ORDER)
    return Group(group_type, tuple(parse_order(order, dialect, depth) for order in orders))


@dataclass(frozen=True)
class Replacement:
    """What a cancel-replace may change: quantity, type (to Market only) and prices."""
    account: str
    order_id: str
    type: str
    quantity: int
    limit_price: Decimal = None
    stop_price: Decimal = None
    # What the order is, when the request repeats it (TradeStation's examples do); None when not sent.
    symbol: str = None
    asset: str = None
    action: str = None
    trailing_stop: dict = None

    def entered(self):
        """The change as the trader entered it: 'Change order 208033600 to 20 @ 1.44 Limit'."""
        return f"Change order {self.order_id} to {self.quantity:,} @ " + \
            as_entered(self.type, self.limit_price, self.stop_price)


# The Update Order object's fields, and the AssetType and TradeAction its JSONP example sends too.
REPLACEMENT_FIELDS = {"AccountKey", "OrderID", "OrderType", "Quantity", "LimitPrice", "StopPrice", "Symbol",
                      "AdvancedOptions", "AssetType", "TradeAction"}


def _parse_repeated(data, order_type):
    """The order's own fields a cancel-replace may repeat: each must be well formed (they cannot change),
    and the trail, which it may change."""
    symbol = _parse_symbol(data["Symbol"]) if _present(data, "Symbol") else None
    asset = _choice(data["AssetType"], ASSETS, ApiError(400, E.INVALID_ASSET)) if _present(data, "AssetType") else None
    action = None
    if _present(data, "TradeAction"):
        allowed = CLASSIC_ACTIONS[asset] if asset else tuple(dict.fromkeys(
            name for names in CLASSIC_ACTIONS.values() for name in names))
        action = _choice(data["TradeAction"], allowed, ApiError(400, E.INVALID_ACTION))
    trailing_stop = (_parse_advanced_options(data["AdvancedOptions"], order_type, asset or "EQ")
                     if _present(data, "AdvancedOptions") else None)
    return symbol, asset, action, trailing_stop


def parse_replacement(data, order_id):
    if not isinstance(data, dict):
        raise invalid("The change must be a JSON object of its fields.")
    refuse_unknown(data, REPLACEMENT_FIELDS, within="a cancel-replace", listed=True)
    order_id = parse_order_id(order_id)
    if _present(data, "OrderID") and str(data["OrderID"]) != order_id:
        raise invalid("The OrderID in data is not the order the URL names.", E.INVALID_ORDER_ID)
    account = parse_account(_require(data, "AccountKey", E.missing_field("AccountKey")))
    quantity = parse_quantity(_require(data, "Quantity", ApiError(400, E.MISSING_QUANTITY)))
    order_type = _choice(_require(data, "OrderType", ApiError(400, E.MISSING_TYPE)), ORDER_TYPES,
                         ApiError(400, E.INVALID_TYPE, one_of("OrderType", ORDER_TYPES)))
    options = data.get("AdvancedOptions")
    limit_price, stop_price = _parse_prices(
        data, order_type, trailing=isinstance(options, dict) and options.get("TrailingStop") is not None)
    return Replacement(account, order_id, order_type, quantity, limit_price, stop_price,
                       *_parse_repeated(data, order_type))
