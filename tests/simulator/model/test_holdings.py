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


def test_cash_moves_with_every_fill_and_its_commission_and_equity_is_cash_and_what_is_held():
    market, book = a_market(MSFT="420.00"), Book(1)
    fill(book, market, "Buy", 10, "400.00")
    fill(book, market, "Sell", 4, "405.00")
    money = holdings.balance(book, market, an_account())
    # Each order pays its commission (0.005 a share, 1.00 at least): 1.00 twice.
    assert money.commission == Decimal("2.00")
    assert money.cash == Decimal("1000000") - Decimal("4000.00") + Decimal("1620.00") - Decimal("2.00")
    assert money.market_value == Decimal("2520.00") and money.equity == money.cash + Decimal("2520.00")
    # A partial close realizes against the average and leaves it alone: 4 x (405 - 400) realized, 6 x 20 open.
    assert money.realized_profit == Decimal("20.00") and money.unrealized_profit == Decimal("120.00")
    assert money.todays_profit == Decimal("140.00")
    # A cash account buys with its cash.
    assert money.buying_power == money.cash


def test_fills_in_another_account_are_not_this_one_s():
    market, book = a_market(MSFT="420.00"), Book(1)
    fill(book, market, "Buy", 10, "400.00", account="987654")
    assert holdings.positions(book, market, an_account()) == []
    assert holdings.balance(book, market, an_account()).cash == Decimal("1000000")


def test_the_issue_s_short_and_partial_cover_keeps_the_average_and_realizes_the_difference():
    market, book = a_market(MSFT="404.00"), Book(1)
    fill(book, market, "SellShort", 20, "419.99", account="987654")
    fill(book, market, "BuyToCover", 12, "404.00", account="987654")
    [held] = holdings.positions(book, market, an_account("987654"))
    assert (held.quantity, held.average_price) == (-8, Decimal("419.99"))
    assert held.open_profit == Decimal("127.92") and held.realized_profit == Decimal("191.88")
    money = holdings.balance(book, market, an_account("987654"))
    assert money.realized_profit == Decimal("191.88") and money.unrealized_profit == Decimal("127.92")


def test_a_reversal_through_zero_starts_a_new_average_at_the_fill_price():
    market, book = a_market(MSFT="420.00"), Book(1)
    fill(book, market, "Buy", 10, "400.00", account="987654")
    fill(book, market, "Sell", 15, "410.00", account="987654")
    [held] = holdings.positions(book, market, an_account("987654"))
    assert (held.quantity, held.long, held.average_price) == (-5, False, Decimal("410.00"))
    assert held.realized_profit == Decimal("100.00") and held.open_profit == Decimal("-50.00")
    fill(book, market, "Buy", 5, "415.00", account="987654")
    assert holdings.positions(book, market, an_account("987654")) == []
    assert holdings.balance(book, market, an_account("987654")).realized_profit == Decimal("75.00")


def test_adding_to_a_position_averages_and_closing_it_whole_leaves_only_what_it_realized():
    market, book = a_market(MSFT="420.00"), Book(1)
    fill(book, market, "Buy", 10, "400.00")
    fill(book, market, "Buy", 30, "404.00")
    [held] = holdings.positions(book, market, an_account())
    assert held.average_price == Decimal("403.00") and held.total_cost == Decimal("16120.00")
    fill(book, market, "Sell", 40, "410.00")
    money = holdings.balance(book, market, an_account())
    assert money.positions == () and money.realized_profit == Decimal("280.00")
    assert money.cash == Decimal("1000000") + Decimal("280.00") - money.commission


def test_a_margin_account_buys_with_twice_its_equity_less_half_what_it_holds():
    market, book = a_market(MSFT="400.00"), Book(1)
    margin = an_account("987654")
    assert holdings.balance(book, market, margin).buying_power == 2 * margin.cash
    fill(book, market, "Buy", 100, "400.00", account="987654")
    money = holdings.balance(book, market, margin)
    # A purchase of 40,000 uses 40,000 of it (and its 1.00 commission, twice: out of equity, times two).
    assert money.buying_power == 2 * margin.cash - Decimal("40000.00") - Decimal("2.00")


def test_a_future_moves_cash_only_by_what_it_realizes_and_holds_its_initial_margin():
    market, book = a_market(ESZ26="5000.00"), Book(1)
    futures = an_account("556677")
    fill(book, market, "Buy", 2, "5000.00", symbol="ESZ26", account="556677")
    money = holdings.balance(book, market, futures)
    assert money.cash == futures.cash - Decimal("3.00")       # 1.50 a contract
    assert money.buying_power == money.equity - 2 * Decimal("12650.00")
    fill(book, market, "Sell", 1, "5010.25", symbol="ESZ26", account="556677")
    money = holdings.balance(book, market, futures)
    assert money.realized_profit == Decimal("512.50")        # 10.25 points at 50 a point
    assert money.cash == futures.cash + Decimal("512.50") - Decimal("4.50")
