"""The Simulator: every piece of state behind one lock, and the rules the HTTP layer asks it to apply.

It answers with the model's objects (accounts, the book's orders, positions, balances, quotes, confirmations),
never with an API's words: the v2 views (simulator/api.py, jsonp_views.py, with simulator/v2/render_*.py) and
the v3 views (simulator/v3/) each render them, so both faces share one state and the REST and JSONP twins of a
call cannot behave differently.
"""

from __future__ import annotations

import datetime
import fnmatch
import secrets
import threading
from dataclasses import dataclass

from tradestation import errors as E
from tradestation.errors import ApiError
from tradestation.order_fields import parse_account, parse_order_id
from tradestation.orders import Group, parse_group, parse_order
from tradestation.replacements import parse_replacement

from . import holdings, level2, streams
from . import settings as S
from .access import Access
from .accounts import Account, Directory
from .book import Book, BookOrder, start_of_today
from .changes import Changes
from .control import Control
from .desk import Cancellation, Confirmation, Desk
from .faults import Faults
from .holdings import Balance, Position
from .market import Market, Quote, UnknownSymbol
from .market_data import MarketData
from .open_streams import OpenStreams
from .quotas import Quotas
from .tokens import TokenStore
from .v3.signin import Auth0Grants
from .watching import Watching

# The Error Handling page's since-date rows, word for word ("number" is the limit, in days).
INVALID_SINCE = "The supplied since date is invalid."
SINCE_TOO_OLD = "The supplied since date is invalid. Can not return order history older than {days} day(s)."
TOO_MANY_SYMBOLS = "Too many symbols."
GROUP_NOT_FOUND = "Not Found"
MAX_SYMBOLS = 100
# How far back `since` may reach: 14 days in the classic Orders page, 30 in the 2015 one, 90 in the Swagger
# file. The widest, so that a client written against any of them is answered.
HISTORY_DAYS = 90


@dataclass(frozen=True)
class ListedOrder:
    """An order of an account's list, with its instrument's quote at the time of listing (None if unlisted)."""
    order: BookOrder
    quote: Quote | None


def _day(text: str, formats: tuple[str, ...]) -> datetime.datetime:
    for written in formats:
        try:
            return datetime.datetime.strptime(text, written).replace(tzinfo=datetime.timezone.utc)
        except ValueError:
            continue
    raise ApiError(400, INVALID_SINCE)


class Simulator(Access, Control, MarketData, Watching):
    """The whole simulated TradeStation. Thread-safe: every public method takes the lock. Signing in and
    admitting calls are Access's (access.py), the admin API's knobs and the market clock Control's
    (control.py), bars and option chains MarketData's (market_data.py), open streams
    Watching's (watching.py)."""

    def __init__(self, config=None):
        self.settings = S.resolve(config)
        # What /admin/ asks for: a web page in a local browser can reach loopback, but cannot know this.
        self.admin_token = self.settings["SIM_ADMIN_TOKEN"] or secrets.token_urlsafe(24)
        self.lock = threading.RLock()
        # Outside _build: a reset changes what open streams see, not whether they are open.
        self.changes = Changes()
        self.open_streams = OpenStreams()
        self._build()

    def _build(self):
        self.directory = Directory()
        self.market = Market(self.settings["SIM_SEED"])
        self.book = Book(self.settings["SIM_ORDER_ID_START"])
        self.tokens = TokenStore(self.settings["SIM_CLIENTS"], self.settings)
        self.faults = Faults(self.settings, self.settings["SIM_SEED"])
        self.quotas = Quotas(self.settings)
        # Order lists served (any face, any outcome past the account check): what a client's polling costs.
        self.order_lists = 0
        self.signin = Auth0Grants(self.tokens, self.settings)
        self.desk = Desk(self.book, self.market, self.directory)

    # Accounts and quotes

    def accounts(self, token, user_id: str) -> list[Account]:
        if self.directory.user_named(user_id) != token.user:
            raise ApiError(401, E.USER_NOT_AUTHORIZED)
        with self.lock:
            return self.directory.accounts_of(token.user)

    def stream(self, name, *args):
        """The chunks of one of the Stream pages' calls (simulator/streams.py), from the market as it is now."""
        with self.lock:
            if name == "quotes":
                return streams.quotes(self.market, *args)
            if name == "level2":
                return level2.chunks(self.market, self._known_symbol(args[0]))
            # Streams forgive a symbol's case, as quotes do (the examples ask for yhoo, spy, aapl).
            return getattr(streams, name)(self.market, self.settings["SIM_SEED"], self._known_symbol(args[0]),
                                          *args[1:])

    def quotes(self, symbols_text: str, most: int = MAX_SYMBOLS) -> list[Quote | UnknownSymbol]:
        """The symbols' quotes, `most` of them at a time."""
        symbols = [symbol.strip() for symbol in symbols_text.split(",") if symbol.strip()]
        if not symbols:
            raise ApiError(404, E.NOT_FOUND)
        if len(symbols) > most:
            raise ApiError(400, TOO_MANY_SYMBOLS)
        with self.lock:
            return [self.market.quote(self._known_symbol(symbol)) or UnknownSymbol(symbol) for symbol in symbols]

    def asset_of(self, symbol):
        """The asset class of a symbol the market lists (EQ, OP, FU, FX), or None."""
        instrument = self.market.instrument(symbol)
        return instrument.asset if instrument else None

    def own_accounts(self, token):
        with self.lock:
            return self.directory.accounts_of(token.user)

    def account_type(self, token, key):
        """The type (C, M, F, X) of an account the caller may use; refused as any account call refuses it."""
        with self.lock:
            return self._account(token, parse_account(key)).type

    def own_order(self, token, order_id: str) -> BookOrder:
        """The caller's own order by id (as it is now), refused as a cancel of someone else's order is."""
        order_id = parse_order_id(order_id)
        with self.lock:
            return self._own_order(token, order_id).snapshot()

    def _known_symbol(self, symbol):
        # Quotes forgive case; orders do not (the contract wants them upper-case).
        upper = symbol.upper()
        return upper if self.market.instrument(upper) else symbol

    def _account(self, token, key):
        account = self.directory.account(key)
        if account is None:
            raise ApiError(400, E.INVALID_ACCOUNT)
        if account.owner != token.user:
            raise ApiError(401, E.NOT_YOUR_ACCOUNT)
        return account

    def _check_accounts(self, token, order):
        self._account(token, order.account)
        for group in order.osos:
            for child in group.orders:
                self._check_accounts(token, child)

    # Placing, previews, cancels and replacements (the rules are the desk's)

    def place(self, token, dialect: str, data: dict) -> list[BookOrder]:
        order = parse_order(data, dialect)
        self._check_accounts(token, order)
        with self.lock:
            placed = self.desk.place(token.user, order)
        self.changes.bump()
        return placed

    def _group(self, token, dialect: str, data: dict) -> Group:
        """A group order that is valid, bracket rules included, on accounts the user may trade."""
        group = parse_group(data, dialect)
        self.desk.check_bracket(group)
        for order in group.orders:
            self._check_accounts(token, order)
        return group

    def place_group(self, token, dialect: str, data: dict) -> list[BookOrder]:
        group = self._group(token, dialect, data)
        with self.lock:
            placed = self.desk.place_group(token.user, group)
        self.changes.bump()
        return placed

    def confirm(self, token, dialect: str, data: dict) -> list[Confirmation]:
        order = parse_order(data, dialect)
        self._check_accounts(token, order)
        with self.lock:
            return [self.desk.confirmation(order)]

    def confirm_group(self, token, dialect: str, data: dict) -> list[Confirmation]:
        group = self._group(token, dialect, data)
        with self.lock:
            return [self.desk.confirmation(order) for order in group.orders]

    def _own_order(self, token, order_id: str) -> BookOrder:
        book_order = self.book.get(order_id)
        if book_order is None or book_order.user != token.user:
            raise ApiError(400, E.CANCEL_FAILED)
        return book_order

    def cancel(self, token, order_id: str) -> Cancellation:
        order_id = parse_order_id(order_id)
        with self.lock:
            cancelled = self.desk.cancel(self._own_order(token, order_id))
        self.changes.bump()
        return cancelled

    def replace(self, token, order_id: str, data: dict) -> BookOrder:
        replacement = parse_replacement(data, order_id)
        self._account(token, replacement.account)
        with self.lock:
            replaced = self.desk.replace(self._own_order(token, replacement.order_id), replacement)
        self.changes.bump()
        return replaced

    # The order list

    def account_orders(self, token, keys_text: str, since_text: str | None = None,
                       since_formats: tuple[str, ...] = ("%m-%d-%Y",)) -> list[ListedOrder]:
        """The accounts' orders placed since a day (today when none is given; `since_formats` are the calling
        face's ways of writing it), newest first."""
        keys = [key.strip() for key in keys_text.split(",") if key.strip()]
        if not keys:
            raise ApiError(400, E.INVALID_ACCOUNT)
        accounts = {self._account(token, parse_account(key)).key for key in keys}
        today = start_of_today()
        since = today
        if since_text is not None:
            since = _day(since_text, since_formats)
            if since < today - datetime.timedelta(days=HISTORY_DAYS):
                raise ApiError(403, SINCE_TOO_OLD.format(days=HISTORY_DAYS))
        with self.lock:
            self.order_lists += 1
            self._release_due()
            return [ListedOrder(order=order.snapshot(),
                                quote=self.market.quote(order.instrument.symbol) if order.instrument else None)
                    for order in self._orders_since(accounts, since)]

    def _orders_since(self, accounts: set[str], since: datetime.datetime) -> list[BookOrder]:
        """The accounts' orders placed since a moment, newest first."""
        chosen = [order for order in self.book.orders.values()
                  if order.account in accounts and order.placed_at >= since and order.leg_of is None]
        chosen.sort(key=lambda order: (order.placed_at, int(order.id)), reverse=True)
        return chosen

    # Balances and positions

    def _accounts_named(self, token, keys_text):
        keys = [key.strip() for key in keys_text.split(",") if key.strip()]
        if not keys:
            raise ApiError(400, E.INVALID_ACCOUNT)
        return [self._account(token, parse_account(key)) for key in keys]

    def balances(self, token, keys_text: str) -> list[Balance]:
        accounts = self._accounts_named(token, keys_text)
        with self.lock:
            self._release_due()
            return [holdings.balance(self.book, self.market, account) for account in accounts]

    def positions(self, token, keys_text: str, patterns: tuple[str, ...] = ()) -> list[Position]:
        """The accounts' positions; only those whose symbol matches one of `patterns` (* a wildcard) if given."""
        accounts = self._accounts_named(token, keys_text)
        with self.lock:
            self._release_due()
            return [held for account in accounts for held in holdings.positions(self.book, self.market, account)
                    if not patterns or any(fnmatch.fnmatchcase(held.symbol, pattern) for pattern in patterns)]

    def opening_balances(self, token, keys_text: str) -> list[Balance]:
        """The accounts' balances as the day began."""
        return [holdings.opening_balance(account) for account in self._accounts_named(token, keys_text)]

    def user_positions(self, token, user_id: str) -> list[Position]:
        """The classic Get User Positions call: the positions of every account of the user."""
        if self.directory.user_named(user_id) != token.user:
            raise ApiError(401, E.USER_NOT_AUTHORIZED)
        with self.lock:
            return [held for account in self.directory.accounts_of(token.user)
                    for held in holdings.positions(self.book, self.market, account)]

    def position_group(self, token, keys_text: str, group_id: str) -> Position:
        """The 2015 Position Groups call: one group (a holding) of a margin account."""
        accounts = self._accounts_named(token, keys_text)
        with self.lock:
            for account in accounts:
                for held in holdings.positions(self.book, self.market, account) if account.margin else ():
                    if str(held.group_id) == str(group_id):
                        return held
            raise ApiError(404, GROUP_NOT_FOUND)

    def _release_due(self):
        """Orders whose time rule has come: into the market, matched as a market move would match them."""
        due = self.book.waiting_for_time()
        # Only a fill is news to open streams: an order still waiting for its time is looked at on every read.
        if due and self.book.match(self.market, due, partial=True):
            self.changes.bump()
