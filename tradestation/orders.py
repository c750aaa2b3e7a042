"""Parsing and validating orders of either dialect into one neutral Order.

Every check raises ApiError with TradeStation's words, in the order TradeStation
reports them: shape first, then the required fields, then their values.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from . import errors as E
from .advanced_options import parse_activation, parse_advanced_options
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
    ORDER_TYPES,
    ROUTES,
    TAXATION_METHODS,
    TIMES_IN_FORCE,
)
from .errors import ApiError
from .order_fields import (
    CLIENT_TAG,
    choice,
    parse_account,
    parse_confirm_id,
    parse_expiration,
    parse_gtd_date,
    parse_list,
    parse_prices,
    parse_quantity,
    parse_symbol,
    present,
    require,
)

# The Orders page lets OSOs nest "to any level"; ours stops at five, so that no request nests without end.
MAX_OSO_DEPTH = 5

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


def parse_order(data, dialect, depth=0):
    """Validate one order of a dialect; return an Order or raise ApiError."""
    if not isinstance(data, dict):
        raise invalid("The order must be a JSON object of its fields.")
    if not data:
        raise invalid("The order has no fields.")
    refuse_unknown(data, CLASSIC_FIELDS if dialect == CLASSIC else GLOBAL_FIELDS, within="the order",
                   other=_OTHER_DIALECT[dialect])
    names = _NAMES[dialect]

    account = parse_account(require(data, names["account"], E.missing_field(names["account"])))
    asset_value = require(data, "AssetType", E.missing_field("AssetType"))
    if dialect == CLASSIC:
        asset = choice(asset_value, ASSETS, ApiError(400, E.INVALID_ASSET, one_of("AssetType", ASSETS)))
        actions, durations, dated = CLASSIC_ACTIONS[asset], CLASSIC_DURATIONS[asset], CLASSIC_DATED
    else:
        asset = ASSET_NAMES[choice(asset_value, tuple(ASSET_NAMES),
                                   ApiError(400, E.INVALID_ASSET, one_of("AssetType", tuple(ASSET_NAMES))))]
        actions, durations, dated = GLOBAL_SIDES[asset], TIMES_IN_FORCE, GLOBAL_DATED
    action = choice(require(data, names["action"], E.missing_field(names["action"])), actions,
                    ApiError(400, E.INVALID_ACTION, one_of(f"{names['action']} for {asset_value}", actions)))
    symbol = parse_symbol(require(data, "Symbol", ApiError(400, E.MISSING_SYMBOL)))
    quantity = parse_quantity(require(data, "Quantity", ApiError(400, E.MISSING_QUANTITY)))
    order_type = choice(require(data, names["type"], ApiError(400, E.MISSING_TYPE)), ORDER_TYPES,
                        ApiError(400, E.INVALID_TYPE, one_of(names["type"], ORDER_TYPES)))

    options = data.get("AdvancedOptions") if dialect == CLASSIC else None
    trailing = isinstance(options, dict) and options.get("TrailingStop") is not None
    limit_price, stop_price = parse_prices(data, order_type, trailing=trailing,
                                           net=dialect == CLASSIC and present(data, "Legs"))

    tif = choice(require(data, names["tif"], ApiError(400, E.MISSING_TIF)), durations,
                 ApiError(400, E.INVALID_TIF, one_of(f"{names['tif']} for {asset_value}", durations)))
    expiry = None
    if tif in dated:
        value = require(data, names["expiry"], ApiError(400, E.MISSING_EXPIRY))
        expiry = parse_gtd_date(value) if dialect == CLASSIC else parse_expiration(value)
    elif present(data, names["expiry"]):
        raise ApiError(400, E.INVALID_EXPIRY)

    route = "Intelligent"
    if present(data, "Route"):
        route = choice(data["Route"], ROUTES[asset], ApiError(400, E.INVALID_ROUTE,
                                                               one_of(f"Route for {asset_value}", ROUTES[asset])))

    confirm_id = parse_confirm_id(data.get("OrderConfirmId"), dialect)
    client_tag = trailing_stop = activation = None
    osos = legs = ()
    if dialect == CLASSIC:
        if present(data, "OrderID"):
            raise invalid("OrderID names an existing order: only a cancel-replace sends one.")
        if present(data, "AdvancedOptions"):
            trailing_stop = parse_advanced_options(data["AdvancedOptions"], order_type, asset)
            activation = parse_activation(data["AdvancedOptions"])
        if present(data, "Legs"):
            legs = _parse_legs(data["Legs"], asset)
        # An empty list attaches nothing, as the Order page's OSO example sends it on the triggered order.
        if present(data, "OSOs") and data["OSOs"] != []:
            if depth >= MAX_OSO_DEPTH:
                raise invalid(f"OSOs nest at most {MAX_OSO_DEPTH} levels deep.")
            osos = tuple(parse_group(group, dialect, depth + 1)
                         for group in parse_list(data["OSOs"], E.INVALID_ORDER, "OSOs"))
    else:
        if present(data, "ClientTag"):
            if not isinstance(data["ClientTag"], str) or not CLIENT_TAG.fullmatch(data["ClientTag"]):
                raise invalid("ClientTag is at most 50 letters, digits, spaces and . , : _ / -")
            client_tag = data["ClientTag"]
        for name, allowed in (("ExchangeCode", EXCHANGE_CODES), ("FundSource", FUND_SOURCES),
                              ("TaxationMethod", TAXATION_METHODS), ("CostBasisMethod", COST_BASIS_METHODS),
                              ("LotSelectionStrategy", COST_BASIS_METHODS), ("Condition", CONDITIONS)):
            if present(data, name):
                choice(data[name], allowed, invalid(one_of(name, allowed)))

    return Order(dialect=dialect, account=account, asset=asset, symbol=symbol, quantity=quantity,
                 type=order_type, action=action, time_in_force=tif, limit_price=limit_price,
                 stop_price=stop_price, expiry=expiry, route=route, confirm_id=confirm_id,
                 client_tag=client_tag, trailing_stop=trailing_stop, osos=osos, legs=legs,
                 activation=activation, fields=data)


MAX_LEGS = 4    # ours: the Swagger file sets no limit


def _parse_legs(value, asset):
    """Legs (the Swagger file's OrderRequestDefinition): each a symbol, a quantity and an action, none twice;
    an option order's legs may be stock legs too (a covered call)."""
    legs = parse_list(value, E.INVALID_ORDER, "Legs")
    actions = CLASSIC_ACTIONS["OP"] + CLASSIC_ACTIONS["EQ"] if asset == "OP" else CLASSIC_ACTIONS[asset]
    parsed = []
    for leg in legs:
        if not isinstance(leg, dict) or set(leg) != {"Symbol", "Quantity", "TradeAction"}:
            raise invalid('Each of Legs must be {"Symbol", "Quantity", "TradeAction"}.')
        parsed.append((parse_symbol(leg["Symbol"]), parse_quantity(leg["Quantity"]),
                       choice(leg["TradeAction"], actions, ApiError(400, E.INVALID_ACTION,
                                                                    one_of("A leg's TradeAction", actions)))))
    if not 0 < len(parsed) <= MAX_LEGS or len(set(parsed)) != len(parsed):
        raise invalid(f"Legs holds 1 to {MAX_LEGS} legs, none twice.")
    return tuple({"Symbol": symbol, "Quantity": quantity, "TradeAction": action}
                 for symbol, quantity, action in parsed)


@dataclass(frozen=True)
class Group:
    type: str               # NORMAL, OCO or BRK
    orders: tuple


def parse_group(data, dialect, depth=0):
    """Validate a group order: {"Type": "OCO"|"BRK"|"NORMAL", "Orders": [...]}."""
    if not isinstance(data, dict) or set(data) - {"Type", "Orders"}:
        raise invalid('A group order is {"Type": NORMAL, OCO or BRK, "Orders": [...]}, nothing else.',
                       E.INVALID_GROUP)
    group_type = choice(data.get("Type"), GROUP_TYPES, invalid(one_of("Type", GROUP_TYPES), E.INVALID_GROUP_TYPE))
    orders = parse_list(data.get("Orders"), E.INVALID_GROUP, "Orders")
    if group_type in ("OCO", "BRK") and len(orders) < 2:
        raise ApiError(400, E.GROUP_NEEDS_PAIR)
    if not orders or len(orders) > 10:
        raise invalid("A group holds 1 to 10 orders.", E.INVALID_GROUP)
    if not all(isinstance(order, dict) and order for order in orders):
        raise ApiError(400, E.GROUP_MEMBER_NOT_ORDER)
    return Group(group_type, tuple(parse_order(order, dialect, depth) for order in orders))
