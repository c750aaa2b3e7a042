"""A broker's rules on what an account may trade (simulator/trading_rules.py), at a preview and when sent."""

from decimal import Decimal

import pytest

from simulator.accounts import Directory
from simulator.book import Book
from simulator.desk import Desk
from simulator.market import INSTRUMENTS
from simulator.trading_rules import INSUFFICIENT_BUYING_POWER
from tradestation.dialects import CLASSIC
from tradestation.errors import ApiError
from tradestation.orders import parse_order

from .support import a_market, fill

CASH_SHORT = "Order failed. Reason: Account 281994 is a cash account and cannot sell short"
OFF_TICK = "Order failed. Reason: Limit price 4990.13 is not a multiple of the tick size of ESZ26, 0.25"


def order(**fields):
    return parse_order({"AccountKey": "281994", "AssetType": "EQ", "Symbol": "AAPL", "Quantity": "100",
                        "OrderType": "Market", "TradeAction": "Sell", "Duration": "DAY", "Route": "Intelligent",
                        **fields}, CLASSIC)


def a_desk(**prices):
    market, book = a_market(**prices), Book(1)
    return Desk(book, market, Directory()), book, market


@pytest.mark.parametrize(("symbol", "on", "off"), [
    ("MSFT", "419.99", "419.995"), ("ESZ26", "4990.25", "4990.13"), ("ESZ26", "5000", "5000.10"),
    ("MSFT 261218C420", "25.45", "25.42"), ("EURUSD", "1.08001", "1.080005"), ("USDJPY", "150.125", "150.1255"),
    ("JP:5008-TS", "155", "155.5"),
])
def test_a_price_is_on_its_instrument_s_tick_or_off_it(symbol, on, off):
    instrument = a_market().instrument(symbol)
    assert instrument.on_tick(Decimal(on)) and not instrument.on_tick(Decimal(off))


def test_every_instrument_s_starting_price_is_on_its_tick():
    assert all(instrument.on_tick(instrument.base) for instrument in INSTRUMENTS)


def test_an_off_tick_future_is_refused_at_its_preview_and_rejected_when_sent_naming_the_tick():
    desk, _, _ = a_desk(ESZ26="5000.00")
    future = order(AccountKey="556677", AssetType="FU", Symbol="ESZ26", Quantity="1", TradeAction="Buy",
                   OrderType="Limit", LimitPrice="4990.13")
    with pytest.raises(ApiError) as refused:
        desk.confirmation(future)
    assert (refused.value.status, refused.value.message) == (400, OFF_TICK)
    [placed] = desk.place("demo", future)
    assert (placed.status, placed.reason) == ("REJ", OFF_TICK)
    [on_tick] = desk.place("demo", order(AccountKey="556677", AssetType="FU", Symbol="ESZ26", Quantity="1",
                                         TradeAction="Buy", OrderType="Limit", LimitPrice="4990.25"))
    assert on_tick.status == "OPN"


def test_a_cash_account_cannot_sell_short_or_more_than_it_holds():
    desk, book, market = a_desk(AAPL="190.00")
    fill(book, market, "Buy", 10, "190.00", symbol="AAPL")
    for sale, words in ((order(TradeAction="SellShort", Quantity="5"), CASH_SHORT),
                        (order(), "Order failed. Reason: Account 281994 is a cash account and cannot sell more "
                                  "than it holds (10 AAPL)")):
        with pytest.raises(ApiError) as refused:
            desk.confirmation(sale)
        assert refused.value.message == words
        [placed] = desk.place("demo", sale)
        assert (placed.status, placed.reason) == ("REJ", words)
    [held] = desk.place("demo", order(Quantity="10"))
    assert held.status == "FLL"
    # The same sales are a margin account's to make.
    [short] = desk.place("demo", order(AccountKey="987654", TradeAction="SellShort", Quantity="5"))
    assert short.status == "FLL"


def test_a_cash_account_s_exit_sent_by_its_own_buy_is_covered_by_it():
    desk, _, _ = a_desk(AAPL="190.00")
    entry = order(TradeAction="Buy", Quantity="10", OSOs=[{"Type": "NORMAL", "Orders": [
        {"AccountKey": "281994", "AssetType": "EQ", "Symbol": "AAPL", "Quantity": "10", "OrderType": "Limit",
         "LimitPrice": "250.00", "TradeAction": "Sell", "Duration": "GTC", "Route": "Intelligent"}]}])
    parent, child = desk.place("demo", entry)
    assert (parent.status, child.status) == ("FLL", "OPN")


def test_buying_power_is_what_the_account_has_now_and_a_sale_of_what_is_held_needs_none():
    desk, book, market = a_desk(MSFT="400.00")
    fill(book, market, "Buy", 2490, "400.00")       # 996,000 of the cash account's 1,000,000
    [more] = desk.place("demo", order(Symbol="MSFT", TradeAction="Buy", Quantity="20"))
    assert (more.status, more.reason) == ("REJ", INSUFFICIENT_BUYING_POWER)
    [sale] = desk.place("demo", order(Symbol="MSFT", Quantity="2490"))
    assert sale.status == "FLL"
