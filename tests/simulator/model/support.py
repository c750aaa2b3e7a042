"""Building the simulator's model by hand: a market, a book and fills, without HTTP (pure logic)."""

from decimal import Decimal

from simulator.accounts import Directory
from simulator.book import FILLED, OPEN, Book, BookOrder
from simulator.market import Market
from tradestation.dialects import CLASSIC
from tradestation.orders import parse_order


def a_market(**prices):
    market = Market(7)
    for symbol, last in prices.items():
        market.set_last(symbol, Decimal(last))
    return market


def an_account(key="281994"):
    return Directory().account(key)


def fill(book: Book, market: Market, action: str, quantity: int, price: str, symbol="MSFT", account="281994"):
    """A filled order of the demo user's, as the book holds one after matching (its fill in the ledger)."""
    order = parse_order({"AccountKey": account, "AssetType": "EQ", "Symbol": symbol, "Quantity": str(quantity),
                         "OrderType": "Market", "TradeAction": action, "Duration": "DAY", "Route": "Intelligent"},
                        CLASSIC)
    book_order = book.add(BookOrder(id=book.new_id(), user="demo", account=account, order=order,
                                    instrument=market.instrument(symbol), type="Market", quantity=quantity,
                                    status=OPEN))
    book.fill(book_order, quantity, Decimal(price))
    book_order.close(FILLED)
    return book_order
