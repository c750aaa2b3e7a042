"""Positions and balances as the model works them out from fills (simulator/holdings.py)."""

from decimal import Decimal

from simulator import holdings
from simulator.book import Book

from .support import a_market, an_account, fill


def test_fills_in_one_symbol_make_one_position_at_their_average_price():
    market, book = a_market(MSFT="420.00"), Book(1)
    fill(book, market, "Buy", 10, "400.00")
    fill(book, market, "Buy", 10, "410.00")
    [held] = holdings.positions(book, market, an_account())
    assert (held.symbol, held.quantity, held.long, held.average_price) == ("MSFT", 20, True, Decimal("405"))
    assert held.market_value == Decimal("8400.00") and held.total_cost == Decimal("8100.00")
    assert held.open_profit == Decimal("300.00") and held.open_profit_per_unit == Decimal("15.00")
    assert held.group_id == holdings.FIRST_GROUP


def test_a_short_position_has_a_negative_quantity_and_gains_as_the_price_falls():
    market, book = a_market(MSFT="400.00"), Book(1)
    fill(book, market, "SellShort", 5, "410.00")
    [held] = holdings.positions(book, market, an_account())
    assert (held.quantity, held.long, held.size) == (-5, False, 5)
    assert held.open_profit == Decimal("50.00") and held.signed_market_value == Decimal("-2000.00")


def test_a_position_sold_out_is_gone_but_keeps_its_group_number():
    market, book = a_market(MSFT="420.00", AAPL="190.00"), Book(1)
    fill(book, market, "Buy", 10, "400.00")
    fill(book, market, "Sell", 10, "405.00")
    fill(book, market, "Buy", 3, "190.00", symbol="AAPL")
    [held] = holdings.positions(book, market, an_account())
    assert held.symbol == "AAPL" and held.group_id == holdings.FIRST_GROUP + 1


def test_cash_moves_with_every_fill_and_equity_is_cash_and_what_is_held():
    market, book = a_market(MSFT="420.00"), Book(1)
    fill(book, market, "Buy", 10, "400.00")
    fill(book, market, "Sell", 4, "405.00")
    money = holdings.balance(book, market, an_account())
    assert money.cash == Decimal("1000000") - Decimal("4000.00") + Decimal("1620.00")
    assert money.market_value == Decimal("2520.00") and money.equity == money.cash + Decimal("2520.00")
    # The average is the net cost over what is left ((4000 - 1620) / 6): a partial close realizes nothing yet.
    assert money.unrealized_profit == Decimal("140.00") and money.realized_profit == 0
    assert money.buying_power == Decimal("1000000")


def test_fills_in_another_account_are_not_this_one_s():
    market, book = a_market(MSFT="420.00"), Book(1)
    fill(book, market, "Buy", 10, "400.00", account="987654")
    assert holdings.positions(book, market, an_account()) == []
    assert holdings.balance(book, market, an_account()).cash == Decimal("1000000")
