"""A cancel-replace: what may change in a resting order, checked before it goes upstream."""

from dataclasses import dataclass
from decimal import Decimal

from . import errors as E
from .advanced_options import parse_advanced_options
from .details import invalid, one_of, refuse_unknown
from .dialects import ASSETS, CLASSIC_ACTIONS, ORDER_TYPES
from .errors import ApiError
from .order_fields import (
    choice,
    parse_account,
    parse_order_id,
    parse_prices,
    parse_quantity,
    parse_symbol,
    present,
    require,
)
from .orders import as_entered


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
    symbol = parse_symbol(data["Symbol"]) if present(data, "Symbol") else None
    asset = choice(data["AssetType"], ASSETS, ApiError(400, E.INVALID_ASSET)) if present(data, "AssetType") else None
    action = None
    if present(data, "TradeAction"):
        allowed = CLASSIC_ACTIONS[asset] if asset else tuple(dict.fromkeys(
            name for names in CLASSIC_ACTIONS.values() for name in names))
        action = choice(data["TradeAction"], allowed, ApiError(400, E.INVALID_ACTION))
    trailing_stop = (parse_advanced_options(data["AdvancedOptions"], order_type, asset or "EQ")
                     if present(data, "AdvancedOptions") else None)
    return symbol, asset, action, trailing_stop


def parse_replacement(data, order_id):
    if not isinstance(data, dict):
        raise invalid("The change must be a JSON object of its fields.")
    refuse_unknown(data, REPLACEMENT_FIELDS, within="a cancel-replace", listed=True)
    order_id = parse_order_id(order_id)
    if present(data, "OrderID") and str(data["OrderID"]) != order_id:
        raise invalid("The OrderID in data is not the order the URL names.", E.INVALID_ORDER_ID)
    account = parse_account(require(data, "AccountKey", E.missing_field("AccountKey")))
    quantity = parse_quantity(require(data, "Quantity", ApiError(400, E.MISSING_QUANTITY)))
    order_type = choice(require(data, "OrderType", ApiError(400, E.MISSING_TYPE)), ORDER_TYPES,
                        ApiError(400, E.INVALID_TYPE, one_of("OrderType", ORDER_TYPES)))
    options = data.get("AdvancedOptions")
    limit_price, stop_price = parse_prices(
        data, order_type, trailing=isinstance(options, dict) and options.get("TrailingStop") is not None)
    return Replacement(account, order_id, order_type, quantity, limit_price, stop_price,
                       *_parse_repeated(data, order_type))
