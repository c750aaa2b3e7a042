"""Multi-leg orders' net price and trailing stops' levels (pure logic, no HTTP)."""

from decimal import Decimal

from simulator import legs, trailing
from simulator.accounts import Directory
from simulator.book import QUEUED, Book, BookOrder
from simulator.desk import Desk
from tradestation.dialects import CLASSIC
from tradestation.orders import parse_order

from .support import a_market

CENT = Decimal("0.01")


def _tick(_price):
    return CENT


def _leg(market, symbol, quantity, action):
    order = parse_order({"AccountKey": "987654", "AssetType": "OP" if " " in symbol else "EQ", "Symbol": symbol,
                         "Quantity": str(quantity), "OrderType": "Market", "TradeAction": action, "Duration": "DAY"},
                        CLASSIC)
    return BookOrder(id="1", user="demo", account="987654", order=order, instrument=market.instrument(symbol),
                     type="Market", quantity=quantity, status=QUEUED)


def test_a_vertical_costs_the_difference_of_its_premiums_and_a_married_put_the_share_plus_the_put():
    market = a_market(**{"SPY 251219C300": "5.00", "SPY 251219C320": "2.00", "MSFT": "400.00",
                         "MSFT 251219P300": "1.20"})
    vertical = [_leg(market, "SPY 251219C320", 1, "SellToOpen"), _leg(market, "SPY 251219C300", 1, "BuyToOpen")]
    assert legs.net_price(vertical, market) == Decimal("5.00") - Decimal("1.99")     # the 320's bid
    assert legs.value(vertical, Decimal("3.01")) == Decimal("301")
    married = [_leg(market, "MSFT", 100, "Buy"), _leg(market, "MSFT 251219P300", 1, "BuyToOpen")]
    assert legs.unit(married) == 100 and legs.net_price(married, market) == Decimal("401.20")


def test_a_credit_is_a_negative_net_price():
    market = a_market(**{"SPY 251219C420": "6.00", "SPY 251219C430": "2.00"})
    call_spread = [_leg(market, "SPY 251219C420", 2, "SellToOpen"), _leg(market, "SPY 251219C430", 2, "BuyToOpen")]
    assert legs.net_price(call_spread, market) == Decimal("-3.95")      # per pair, the 420 at its bid of 5.95


def test_a_trailing_stop_follows_the_market_one_way_only():
    sell = {"Percent": "5.0"}
    first = trailing.followed(sell, buying=False, touch=Decimal("128.99"), stop=None, tick=_tick)
    assert first == Decimal("122.54")                                    # rounded down, away from the market
    assert trailing.followed(sell, buying=False, touch=Decimal("140"), stop=first, tick=_tick) == Decimal("133.00")
    assert trailing.followed(sell, buying=False, touch=Decimal("120"), stop=first, tick=_tick) == first
    buy = {"Amount": "2.11"}
    assert trailing.followed(buy, buying=True, touch=Decimal("200"), stop=None, tick=_tick) == Decimal("202.11")
    assert trailing.followed(buy, buying=True, touch=Decimal("210"), stop=Decimal("202.11"), tick=_tick) == \
        Decimal("202.11")
    points = {"ByPoints": True, "Value": 3}
    assert trailing.followed(points, buying=True, touch=Decimal("1.50"), stop=Decimal("2.00"), tick=_tick) == \
        Decimal("2.00")                                                  # the order's own stop is tighter


def test_a_multi_leg_order_is_a_market_or_limit_order_within_buying_power():
    market = a_market()
    desk = Desk(Book(1), market, Directory())
    legged = {"AccountKey": "987654", "AssetType": "OP", "Symbol": "SPY 251219C300", "Quantity": "1",
              "OrderType": "Limit", "LimitPrice": "1", "TradeAction": "BuyToOpen", "Duration": "GTC",
              "Legs": [{"Symbol": "SPY 251219C300", "Quantity": "1", "TradeAction": "BuyToOpen"}]}
    [stop] = desk.place("demo", parse_order(dict(legged, OrderType="StopMarket", StopPrice="2"), CLASSIC))
    assert stop.status == "REJ" and "Market or Limit" in stop.reason
    too_big = dict(legged, Quantity="300", Legs=[dict(legged["Legs"][0], Quantity="300")], LimitPrice="201.50")
    [refused] = desk.place("demo", parse_order(too_big, CLASSIC))
    assert refused.reason == "Order failed. Reason: Insufficient buying power"
    [placed] = desk.place("demo", parse_order(legged, CLASSIC))
    assert placed.status == "OPN" and [leg.order.symbol for leg in placed.leg_orders] == ["SPY 251219C300"]
