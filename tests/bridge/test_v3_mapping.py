"""Every row of tradestation/v3_mapping.py against the v3 value written out here (never read from the table),
through order_request, the function the bridge sends with: a wrong row fails its own test."""

import datetime

import pytest

from tradestation import v3_mapping as v3
from tradestation import v3_prices
from tradestation.dialects import CLASSIC, GLOBAL
from tradestation.orders import parse_order
from tradestation.replacements import parse_replacement

NOW = datetime.datetime(2026, 11, 25, 12, 0, tzinfo=datetime.timezone.utc)


def classic(**changes):
    order = {"AccountKey": "281994", "AssetType": "EQ", "Symbol": "MSFT", "Quantity": "10", "OrderType": "Market",
             "TradeAction": "Buy", "Duration": "DAY", "OrderConfirmId": "abcdefghijklmnopqrstuv"}
    order.update(changes)
    return v3.order_request(parse_order({k: v for k, v in order.items() if v is not None}, CLASSIC), NOW)


def global_(**changes):
    order = {"OrderConfirmId": "abcdefghijklmnopqrstuv", "AccountId": "281994", "AssetType": "Equity",
             "Symbol": "IBM", "Quantity": 5, "Type": "Limit", "LimitPrice": "1.00", "Side": "Buy", "TimeInForce": "Day"}
    order.update(changes)
    return v3.order_request(parse_order({k: v for k, v in order.items() if v is not None}, GLOBAL), NOW)


# --- classic TradeAction ----------------------------------------------------------------------------
CLASSIC_ACTIONS = [("Buy", "EQ", "BUY"), ("Sell", "EQ", "SELL"), ("BuyToCover", "EQ", "BUYTOCOVER"),
                   ("SellShort", "EQ", "SELLSHORT"), ("BuyToOpen", "OP", "BUYTOOPEN"),
                   ("BuyToClose", "OP", "BUYTOCLOSE"), ("SellToOpen", "OP", "SELLTOOPEN"),
                   ("SellToClose", "OP", "SELLTOCLOSE")]


def test_every_classic_action_row_is_tested():
    assert {action for action, _, _ in CLASSIC_ACTIONS} == set(v3.CLASSIC_ACTIONS)


@pytest.mark.parametrize("action, asset, expected", CLASSIC_ACTIONS)
def test_classic_trade_action(action, asset, expected):
    symbol = "MSFT 261218C420" if asset == "OP" else "MSFT"
    assert classic(TradeAction=action, AssetType=asset, Symbol=symbol)["TradeAction"] == expected


# --- 2015 Side --------------------------------------------------------------------------------------
GLOBAL_SIDES = [("Buy", "Equity", "BUY"), ("Sell", "Equity", "SELL"), ("Short", "Equity", "SELLSHORT"),
                ("BuyToOpen", "Option", "BUYTOOPEN"), ("BuyToClose", "Option", "BUYTOCLOSE"),
                ("SellToOpen", "Option", "SELLTOOPEN"), ("SellToClose", "Option", "SELLTOCLOSE"),
                ("SellShortExempt", "Equity", None), ("Genbiki", "Equity", None), ("Genwatashi", "Equity", None)]


def test_every_2015_side_row_is_tested():
    assert {side for side, _, _ in GLOBAL_SIDES} == set(v3.GLOBAL_SIDES)


@pytest.mark.parametrize("side, asset, expected", GLOBAL_SIDES)
def test_2015_side(side, asset, expected):
    symbol = "MSFT 261218C420" if asset == "Option" else "IBM"
    if expected is None:
        with pytest.raises(v3.Unmappable) as refused:
            global_(Side=side, AssetType=asset, Symbol=symbol)
        assert (refused.value.field, refused.value.value) == ("Side", side)
    else:
        assert global_(Side=side, AssetType=asset, Symbol=symbol)["TradeAction"] == expected


# --- classic Duration -------------------------------------------------------------------------------
CLASSIC_DURATIONS = [("DAY", "DAY"), ("DYP", "DYP"), ("GTC", "GTC"), ("GCP", "GCP"), ("GTD", "GTD"),
                     ("GDP", "GDP"), ("IOC", "IOC"), ("FOK", "FOK"), ("OPG", "OPG"), ("CLO", "CLO"),
                     ("1", "1"), ("3", "3"), ("5", "5")]


def test_every_classic_duration_row_is_tested():
    assert {code for code, _ in CLASSIC_DURATIONS} == set(v3.CLASSIC_DURATIONS)


@pytest.mark.parametrize("duration, expected", CLASSIC_DURATIONS)
def test_classic_duration(duration, expected):
    dated = {"GTDDate": "12/31/2099"} if duration in ("GTD", "GDP") else {}
    request = classic(Duration=duration, **dated)
    assert request["TimeInForce"]["Duration"] == expected
    if dated:
        # A classic date is a day the order is good through: that day's end (UTC), not its start, which
        # is the evening before in New York and would end the order before its last session opened.
        assert request["TimeInForce"]["Expiration"] == "2099-12-31T23:59:59Z"
    else:
        assert "Expiration" not in request["TimeInForce"]


# --- 2015 TimeInForce -------------------------------------------------------------------------------
GLOBAL_TIFS = [("Day", "DAY", None), ("DayPlus", "DYP", None), ("GoodTillCancel", "GTC", None),
               ("GoodTillCancelPlus", "GCP", None), ("GoodTillDate", "GTD", "2099-12-31T23:59:59+09:00"),
               ("GoodTillDatePlus", "GDP", "2099-12-31T23:59:59+09:00"), ("ImmediateOrCancel", "IOC", None),
               ("FillorKill", "FOK", None), ("AtTheOpening", "OPG", None), ("AtTheClose", "CLO", None),
               ("GoodTill1Minute", "1", None), ("GoodTill3Minute", "3", None), ("GoodTill5Minute", "5", None),
               ("GoodTill1Week", "GTD", "2026-12-02T12:00:00Z"), ("GoodTill1Month", "GTD", "2026-12-25T12:00:00Z"),
               ("GoodTillCrossing", None, None), ("AMOnly", None, None), ("PMOnly", None, None)]


def test_every_2015_time_in_force_row_is_tested():
    assert {tif for tif, _, _ in GLOBAL_TIFS} == set(v3.GLOBAL_TIMES_IN_FORCE)


@pytest.mark.parametrize("tif, expected, expiration", GLOBAL_TIFS)
def test_2015_time_in_force(tif, expected, expiration):
    dated = ({"TimeInForceExpiration": "2099-12-31T23:59:59+09:00"}
             if tif in ("GoodTillDate", "GoodTillDatePlus") else {})
    if expected is None:
        with pytest.raises(v3.Unmappable) as refused:
            global_(TimeInForce=tif, **dated)
        assert (refused.value.field, refused.value.value) == ("TimeInForce", tif)
        return
    request = global_(TimeInForce=tif, **dated)
    assert request["TimeInForce"]["Duration"] == expected
    assert request["TimeInForce"].get("Expiration") == expiration


# --- asset types, order types, conditions, Japanese fields --------------------------------------------
def test_every_asset_row_is_tested():
    assert set(v3.ASSETS) == {"EQ", "OP", "FU", "FX"}


@pytest.mark.parametrize("asset, symbol, action", [("EQ", "MSFT", "Buy"), ("OP", "MSFT 261218C420", "BuyToOpen"),
                                                   ("FU", "ESZ26", "Buy")])
def test_an_asset_v3_trades_travels_without_an_asset_type(asset, symbol, action):
    request = classic(AssetType=asset, Symbol=symbol, TradeAction=action)
    assert "AssetType" not in request and request["Symbol"] == symbol


@pytest.mark.parametrize("send", [lambda: classic(AssetType="FX", Symbol="USDJPY"),
                                  lambda: global_(AssetType="Forex", Symbol="USDJPY")])
def test_forex_has_no_v3_equivalent(send):
    with pytest.raises(v3.Unmappable) as refused:
        send()
    assert (refused.value.field, refused.value.value) == ("AssetType", "FX")


ORDER_TYPES = [("Market", {}, "Market", {}),
               ("Limit", {"LimitPrice": "1.25"}, "Limit", {"LimitPrice": "1.25"}),
               ("StopMarket", {"StopPrice": "2.5"}, "StopMarket", {"StopPrice": "2.5"}),
               ("StopLimit", {"LimitPrice": "2.55", "StopPrice": "2.5"}, "StopLimit",
                {"LimitPrice": "2.55", "StopPrice": "2.5"})]


def test_every_order_type_row_is_tested():
    assert {name for name, _, _, _ in ORDER_TYPES} == set(v3.ORDER_TYPES)


@pytest.mark.parametrize("order_type, prices, expected, expected_prices", ORDER_TYPES)
def test_order_type_and_its_prices_as_strings(order_type, prices, expected, expected_prices):
    request = classic(OrderType=order_type, **prices)
    assert request["OrderType"] == expected
    assert {k: request[k] for k in ("LimitPrice", "StopPrice") if k in request} == expected_prices


def test_a_price_the_type_does_not_use_is_dropped():
    # The Confirm Order example's 0.0 prices on a Market order, and the seed's StopPrice on a Limit order.
    assert "LimitPrice" not in classic(LimitPrice=0.0, StopPrice=0.0)
    assert "StopPrice" not in global_(StopPrice=14.12)


CONDITIONS = [("Basic", "sent"), ("OrderSendOrder", None), ("OrderCancelOrder", None), ("Bracket", None)]


def test_every_condition_row_is_tested():
    assert {name for name, _ in CONDITIONS} == set(v3.CONDITIONS)


@pytest.mark.parametrize("condition, expected", CONDITIONS)
def test_2015_condition(condition, expected):
    if expected is None:
        with pytest.raises(v3.Unmappable) as refused:
            global_(Condition=condition)
        assert refused.value.field == "Condition"
    else:
        assert "Condition" not in global_(Condition=condition)


@pytest.mark.parametrize("field, value", [("ExchangeCode", "TS"), ("FundSource", "Cash"),
                                          ("TaxationMethod", "Calculated"), ("CostBasisMethod", "FIFO"),
                                          ("LotSelectionStrategy", "FirstInFirstOut")])
def test_the_japanese_markets_fields_have_no_v3_equivalent(field, value):
    assert field in v3.JAPANESE_FIELDS
    with pytest.raises(v3.Unmappable) as refused:
        global_(**{field: value})
    assert (refused.value.field, refused.value.value) == (field, value)


def test_the_japanese_fields_table_has_no_untested_row():
    assert set(v3.JAPANESE_FIELDS) == {"ExchangeCode", "FundSource", "TaxationMethod", "CostBasisMethod",
                                       "LotSelectionStrategy"}


# --- the renamed fields -------------------------------------------------------------------------------
def test_a_classic_order_in_full():
    assert classic(OrderType="Limit", LimitPrice="1.00", Symbol="ARNA", Duration="GTC", Route="NSDQ") == {
        "AccountID": "281994", "Symbol": "ARNA", "Quantity": "10", "OrderType": "Limit", "TradeAction": "BUY",
        "TimeInForce": {"Duration": "GTC"}, "Route": "NSDQ", "LimitPrice": "1.00",
        "OrderConfirmID": "abcdefghijklmnopqrstuv"}


def test_a_2015_order_in_full():
    assert global_() == {
        "AccountID": "281994", "Symbol": "IBM", "Quantity": "5", "OrderType": "Limit", "TradeAction": "BUY",
        "TimeInForce": {"Duration": "DAY"}, "Route": "Intelligent", "LimitPrice": "1.00",
        "OrderConfirmID": "abcdefghijklmnopqrstuv"}


# --- OrderConfirmID -------------------------------------------------------------------------------------
@pytest.mark.parametrize("dialect, given, expected", [
    (CLASSIC, "abcdefghijklmnopqrstuv", "abcdefghijklmnopqrstuv"),            # 22: as it is
    (CLASSIC, "short-1", "short-1"),
    (GLOBAL, "1f0c3a5e-7b9d-4c2e-8a61-0d2f4b6c8e10", "Hww6XnudTC6KYQ0vS2yOEA"),  # a GUID: its 16 bytes, base64url
    (GLOBAL, "1F0C3A5E-7B9D-4C2E-8A61-0D2F4B6C8E10", "Hww6XnudTC6KYQ0vS2yOEA"),  # the same GUID, upper case
    (GLOBAL, "96x0c/Bq00qatgyO+QO4pA", "96x0c/Bq00qatgyO+QO4pA"),             # the seed's: 22, as it is
    # 25 (the classic limit): the first 16 bytes of its SHA-256, base64url
    (CLASSIC, "abcdefghijklmnopqrstuvwxy", "abmAVJ1QRZaShRM993OukQ"),
])
def test_order_confirm_id(dialect, given, expected):
    mapped = v3.confirm_id(given, dialect)
    assert mapped == expected and len(mapped) <= 22
    assert v3.confirm_id(given, dialect) == mapped      # stable for a ticket


# --- trailing stops, OSOs, legs, a replacement ------------------------------------------------------------
@pytest.mark.parametrize("stop, expected", [({"ByPoints": True, "Value": 2}, {"Amount": "2"}),
                                            ({"ByPoints": False, "Value": "1.5"}, {"Percent": "1.5"}),
                                            ({"Amount": "0.25"}, {"Amount": "0.25"}),
                                            ({"Percent": "3"}, {"Percent": "3"})])
def test_trailing_stop(stop, expected):
    request = classic(OrderType="StopMarket", StopPrice="400", TradeAction="Sell",
                      AdvancedOptions={"TrailingStop": stop})
    assert request["AdvancedOptions"] == {"TrailingStop": expected}


def test_osos_are_mapped_all_the_way_down():
    child = {"AccountKey": "281994", "AssetType": "EQ", "Symbol": "MSFT", "Quantity": "10", "OrderType": "Limit",
             "LimitPrice": "500", "TradeAction": "Sell", "Duration": "GTC"}
    request = classic(OSOs=[{"Type": "NORMAL", "Orders": [child]}])
    assert request["OSOs"] == [{"Type": "NORMAL", "Orders": [{
        "AccountID": "281994", "Symbol": "MSFT", "Quantity": "10", "OrderType": "Limit", "TradeAction": "SELL",
        "TimeInForce": {"Duration": "GTC"}, "Route": "Intelligent", "LimitPrice": "500"}]}]


def test_legs_carry_v3_actions_and_string_quantities():
    request = classic(AssetType="OP", Symbol="MSFT 261218C420", TradeAction="BuyToOpen",
                      Legs=[{"Symbol": "MSFT 261218C420", "Quantity": 1, "TradeAction": "BuyToOpen"}])
    assert request["Legs"] == [{"Symbol": "MSFT 261218C420", "Quantity": "1", "TradeAction": "BUYTOOPEN"}]


def test_a_replacement_carries_only_what_may_change():
    change = parse_replacement({"AccountKey": "281994", "OrderID": "208033600", "OrderType": "Limit",
                                "Quantity": "20", "LimitPrice": "1.44", "Symbol": "ARNA"}, "208033600")
    assert v3.replacement_request(change) == {"Quantity": "20", "OrderType": "Limit", "LimitPrice": "1.44"}


# --- and back ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("v3_type, letter", [("Cash", "C"), ("Margin", "M"), ("Futures", "F"), ("DVP", "D")])
def test_account_type_back(v3_type, letter):
    assert set(v3.ACCOUNT_TYPES) == {"Cash", "Margin", "Futures", "DVP"}
    assert v3.account({"AccountID": "281994", "AccountType": v3_type})["Type"] == letter


@pytest.mark.parametrize("v3_side, letter", [("Long", "L"), ("Short", "S")])
def test_position_side_back(v3_side, letter):
    assert set(v3.LONG_SHORT) == {"Long", "Short"}
    assert v3.position({"Symbol": "MSFT", "Quantity": "-5" if letter == "S" else "5",
                        "LongShort": v3_side})["LongShort"] == letter


@pytest.mark.parametrize("v3_action, words", [("BUY", "Buy"), ("SELL", "Sell"), ("BUYTOCOVER", "Buy To Cover"),
                                              ("SELLSHORT", "Sell Short"), ("BUYTOOPEN", "Buy To Open"),
                                              ("BUYTOCLOSE", "Buy To Close"), ("SELLTOOPEN", "Sell To Open"),
                                              ("SELLTOCLOSE", "Sell To Close"), ("Buy", "Buy")])
def test_an_order_lists_action_in_classic_words(v3_action, words):
    assert v3.action_words(v3_action) == words


def test_symbol_details_give_the_quote_its_description_and_point_value():
    assert v3.symbol_details({"Symbol": "ESZ26", "Description": "E-mini S&P 500 Dec 2026",
                              "PriceFormat": {"PointValue": "50", "Decimals": "2"}}) == {
        "Description": "E-mini S&P 500 Dec 2026", "PointValue": 50.0}


# v3 writes a price bare ("420", as its order examples' LimitPrice "230"); v2's display strings pad it.
@pytest.mark.parametrize("v3_price, decimals, shown", [
    ("420", 2, "420.00"), ("4999.75", 2, "4,999.75"), ("1.5", 3, "1.500"), ("-1.61", 2, "-1.61"),
    ("420", None, "420.00"), ("5000.25", None, "5,000.25"), ("1.08345", None, "1.08345"), ("0", None, "0.00"),
    ("", 2, ""), (None, None, ""), ("n/a", 2, "n/a")])
def test_a_v3_price_is_shown_as_v2_shows_it(v3_price, decimals, shown):
    assert v3_prices.price_text(v3_price, decimals) == shown


def test_symbol_details_tell_a_symbols_decimals():
    assert v3_prices.price_decimals({"PriceFormat": {"Format": "Decimal", "Decimals": "2", "Increment": "0.25"}}) == 2
    assert v3_prices.price_decimals({"PriceFormat": {"Format": "Decimal"}}) is None
    assert v3_prices.price_decimals({}) is None
    assert v3_prices.price_decimals({"PriceFormat": {"Decimals": "-1"}}) is None


def test_a_quote_order_and_position_show_prices_with_the_symbols_decimals():
    known = {"ESZ26": 2, "EURX": 4}
    shown = v3.quote({"Symbol": "ESZ26", "Last": "5000", "Ask": "5000.25", "Bid": "4999.75", "NetChange": "-1"}, known)
    assert (shown["LastPriceDisplay"], shown["AskPriceDisplay"], shown["BidPriceDisplay"]) == \
        ("5,000.00", "5,000.25", "4,999.75")
    assert shown["NetChangePriceDisplay"] == "-1.00" and shown["Last"] == 5000.0
    assert v3.quote({"Symbol": "EURX", "Last": "1.1"}, known)["LastPriceDisplay"] == "1.1000"
    order = v3.listed_order({"OrderID": "7", "LimitPrice": "419", "FilledPrice": "0", "Status": "OPN",
                             "Legs": [{"Symbol": "MSFT", "QuantityOrdered": "10"}]})
    assert (order["LimitPriceText"], order["StopPriceText"], order["LimitPrice"]) == ("419.00", "", 419.0)
    held = v3.position({"Symbol": "ESZ26", "Quantity": "1", "LongShort": "Long", "AveragePrice": "5000",
                        "Last": "5000.5"}, known)
    assert (held["AveragePriceDisplay"], held["LastPriceDisplay"]) == ("5,000.00", "5,000.50")
