"""The model's own rules for instruments, quotes, the book's orders and previews (pure logic, no HTTP)."""

import datetime
from decimal import Decimal

from simulator.accounts import Directory
from simulator.book import Book
from simulator.desk import Desk
from simulator.market import option_terms
from tradestation.dialects import CLASSIC
from tradestation.orders import parse_order

from .support import a_market, fill


def test_an_option_symbol_spells_its_terms_and_a_future_its_root():
    market = a_market()
    option = market.instrument("MSFT 261218C420")
    assert option.option.expiry == datetime.date(2026, 12, 18) and option.option.put_call == "C"
    assert option.option.strike == Decimal("420") and option.root == "MSFT"
    assert market.instrument("ESZ26").root == "ES" and market.instrument("MSFT").root == "MSFT"
    assert option_terms("AAPL 270115P185.5").strike == Decimal("185.5") and option_terms("MSFT") is None
    assert market.instrument("JP:8698-TS").country == "Japan" and market.instrument("IBM").country == "United States"


def test_a_quote_knows_its_change_from_the_previous_close():
    market = a_market()
    quote = market.quote("MSFT")
    assert quote.change == quote.last - quote.previous_close
    assert quote.change_percent == (quote.change / quote.previous_close * 100).quantize(Decimal("0.01"))
    assert market.quote("NOPE") is None


def test_an_order_knows_its_side_what_it_closes_and_what_is_left():
    market, book = a_market(MSFT="420.00"), Book(1)
    cover = fill(book, market, "BuyToCover", 10, "420.00")
    assert (cover.side, cover.closes, cover.leaves) == ("cover", True, 0)
    short = fill(book, market, "SellShort", 10, "420.00")
    assert (short.side, short.closes) == ("short", False)
    assert short.description == "Sell Short 10 MSFT @ Market"
    copy = short.snapshot()
    short.quantity = 20
    assert copy.quantity == 10


def test_a_preview_of_a_sale_credits_and_of_a_future_holds_its_margin():
    market, book = a_market(MSFT="420.00", ESZ26="5000.00"), Book(1)
    desk = Desk(book, market, Directory())

    def order(**fields):       # a margin account's: a cash account's sale must be of what it holds
        return parse_order({"AccountKey": "987654", "AssetType": "EQ", "Symbol": "MSFT", "Quantity": "10",
                            "OrderType": "Limit", "LimitPrice": "419.50", "TradeAction": "Sell", "Duration": "DAY",
                            "Route": "Intelligent", **fields}, CLASSIC)
    sale = desk.confirmation(order())
    assert (sale.buying, sale.price, sale.cost, sale.initial_margin) == (
        False, Decimal("419.50"), Decimal("4195.00"), None)
    assert len(sale.confirm_id) == 22 and desk.confirmation(order(OrderConfirmId="mine")).confirm_id == "mine"
    future = desk.confirmation(order(AccountKey="556677", AssetType="FU", Symbol="ESZ26", Quantity="2",
                                     TradeAction="Buy", LimitPrice="5000.25"))
    assert future.buying and future.initial_margin == future.cost == Decimal("25300.00")
