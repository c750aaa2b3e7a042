"""The Simulator: every piece of state behind one lock, and the rules the HTTP layer asks it to apply.

The views only translate HTTP to calls on this object and its answers (or ApiErrors) back to HTTP,
so the REST and JSONP twins of a call cannot behave differently.
"""

import base64
import datetime
import secrets
import threading

from tradestation import errors as E
from tradestation.dialects import ASSET_OF_NAME, CLASSIC, NEEDS_LIMIT, NEEDS_STOP
from tradestation.errors import ApiError
from tradestation.orders import parse_account, parse_group, parse_order, parse_order_id, parse_replacement
from tradestation.results import order_result

from . import estimates, global_portfolio, listings, portfolio, settings as S, streams
from .accounts import Directory
from .book import BUYING, FILLED, OPEN, PARTIAL, QUEUED, REJECTED, WORKING, Book, BookOrder
from .faults import Faults
from .market import Market
from .activation import Watch
from .tokens import TokenStore
from .v3.signin import Auth0Grants

SENT = "Sent order: "
CANCEL_SENT = "Cancel order sent."
REPLACE_SENT = "Cancel/Replace order sent."
INSUFFICIENT_BUYING_POWER = "Order failed. Reason: Insufficient buying power"
# Taken by the contract (the Swagger file's Legs) and relayed by the bridge, but not executed here.
MULTI_LEG = "Order failed. Reason: The simulator does not execute multi-leg orders"
# The Error Handling page's since-date rows, word for word ("number" is the limit, in days).
INVALID_SINCE = "The supplied since date is invalid."
SINCE_TOO_OLD = "The supplied since date is invalid. Can not return order history older than {days} day(s)."
TOO_MANY_SYMBOLS = "Too many symbols."
MAX_SYMBOLS = 100
# How far back `since` may reach: 14 days in the classic Orders page, 30 in the 2015 one, 90 in the Swagger
# file. The widest, so that a client written against any of them is answered.
HISTORY_DAYS = 90

# The equities and options name is the Confirm Order example's; the others are ours, after the object pages.
CONFIRMATION_TYPES = {"EQ": "EquitiesOptionsOrderConfirmation", "OP": "EquitiesOptionsOrderConfirmation", "FU": "FuturesConfirmation",
                      "FX": "ForexConfirmation"}


def rejection_for_symbol(symbol):
    return f"Order failed. Reason: {symbol} is not a known symbol"


class Simulator:
    """The whole simulated TradeStation. Thread-safe: every public method takes the lock."""

    def __init__(self, config=None):
        self.settings = S.resolve(config)
        # What /admin/ asks for: a web page in a local browser can reach loopback, but cannot know this.
        self.admin_token = self.settings["SIM_ADMIN_TOKEN"] or secrets.token_urlsafe(24)
        self.lock = threading.RLock()
        self._build()

    def _build(self):
        self.directory = Directory()
        self.market = Market(self.settings["SIM_SEED"])
        self.book = Book(self.settings["SIM_ORDER_ID_START"])
        self.tokens = TokenStore(self.settings["SIM_CLIENTS"], self.settings)
        self.faults = Faults(self.settings, self.settings["SIM_SEED"])
        self.signin = Auth0Grants(self.tokens, self.settings)

    # Sign-in and tokens

    def authorize_problem(self, client_id, redirect_uri, response_type):
        with self.lock:
            return self.tokens.authorize_problem(client_id, redirect_uri, response_type)

    def sign_in(self, client_id, redirect_uri, user_id, password):
        """An authorization code for a user who gave the right password, or None."""
        with self.lock:
            if self.tokens.authorize_problem(client_id, redirect_uri, "code"):
                return None
            if not self.directory.check_password(user_id, password):
                return None
            return self.tokens.issue_code(client_id, redirect_uri, user_id)

    def grant(self, form, basic_credentials=None):
        with self.lock:
            return self.tokens.grant(form, basic_credentials)

    def auth0_problem(self, fields):
        with self.lock:
            return self.signin.authorize_problem(fields)

    def auth0_sign_in(self, fields, user_id, password):
        """The v3 face's sign-in: an authorization code for a user who gave the right password, or None."""
        with self.lock:
            if self.signin.authorize_problem(fields) or not self.directory.check_password(user_id, password):
                return None
            return self.signin.issue_code(fields, user_id)

    def auth0_grant(self, form, basic_credentials, issuer):
        with self.lock:
            return self.signin.grant(form, basic_credentials, issuer)

    def admit(self, token_value, category, client_only_ok=False, unauthorized=E.UNAUTHORIZED):
        """The caller's access token, once it is known good and within quota; then the 500 fault.
        `unauthorized` is the words of a refused token, which differ by service in TradeStation's table."""
        with self.lock:
            token = self.tokens.authenticate(token_value)
            if token is None or (token.client_only and not client_only_ok):
                raise ApiError(401, unauthorized)
            self.faults.charge(token.user, category)
            self.faults.maybe_fail()
            return token

    def drop_now(self, moment):
        with self.lock:
            return self.faults.drop_now(moment)

    def next_order_fault(self):
        with self.lock:
            return self.faults.take_next_order_fault()

    def queue_order_faults(self, fault, count):
        with self.lock:
            return self.faults.queue_for_next_orders(fault, count)

    # Accounts and quotes

    def accounts(self, token, user_id, dialect):
        if self.directory.user_named(user_id) != token.user:
            raise ApiError(401, E.USER_NOT_AUTHORIZED)
        with self.lock:
            # The classic Account Info types Key as an integer: a 2015 market's account (JPEQ...) is listed
            # in the 2015 dialect only.
            return [account.describe(dialect) for account in self.directory.accounts_of(token.user)
                    if dialect != CLASSIC or account.key.isdigit()]

    def stream(self, name, *args):
        """The chunks of one of the Stream pages' calls (simulator/streams.py), from the market as it is now."""
        with self.lock:
            if name == "quotes":
                return streams.quotes(self.market, *args)
            # Streams forgive a symbol's case, as quotes do (the examples ask for yhoo, spy, aapl).
            return getattr(streams, name)(self.market, self.settings["SIM_SEED"], self._known_symbol(args[0]),
                                          *args[1:])

    def quotes(self, symbols_text):
        symbols = [symbol.strip() for symbol in symbols_text.split(",") if symbol.strip()]
        if not symbols:
            raise ApiError(404, E.NOT_FOUND)
        if len(symbols) > MAX_SYMBOLS:
            raise ApiError(400, TOO_MANY_SYMBOLS)
        with self.lock:
            return [self.market.quote(self._known_symbol(symbol)) for symbol in symbols]

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

    def own_order(self, token, order_id):
        """The caller's own order by id, refused as a cancel of someone else's order is."""
        order_id = parse_order_id(order_id)
        with self.lock:
            return self._own_order(token, order_id)

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

    # Placing

    def place(self, token, dialect, data):
        order = parse_order(data, dialect)
        self._check_accounts(token, order)
        with self.lock:
            first = self.book.first_answer(token.user, order.confirm_id)
            if first is not None:
                self.book.duplicates_refused += 1
                return self._results(dialect, first)
            ids = self._enter(token, order)
            self.book.match(self.market, ids)
            self.book.expire_unfilled_immediate([self.book.get(order_id) for order_id in ids])
            self.book.remember(token.user, order.confirm_id, ids)
            return self._results(dialect, ids)

    def _group(self, token, dialect, data):
        """A group order that is valid, bracket rules included, on accounts the user may trade."""
        group = parse_group(data, dialect)
        self._check_bracket(group)
        for order in group.orders:
            self._check_accounts(token, order)
        return group

    def place_group(self, token, dialect, data):
        group = self._group(token, dialect, data)
        with self.lock:
            answers, placed = [], []
            for order in group.orders:
                first = self.book.first_answer(token.user, order.confirm_id)
                if first is not None:
                    self.book.duplicates_refused += 1
                    answers.append(first)
                    continue
                ids = self._enter(token, order)
                self.book.remember(token.user, order.confirm_id, ids)
                answers.append(ids)
                placed.append(self.book.get(ids[0]))
            if group.type in ("OCO", "BRK"):
                self.book.link(group.type, [member for member in placed if member.status != REJECTED])
            new_ids = [order_id for ids in answers for order_id in ids]
            self.book.match(self.market, [member.id for member in placed])
            self.book.expire_unfilled_immediate([self.book.get(order_id) for order_id in new_ids])
            return self._results(dialect, new_ids)

    @staticmethod
    def _check_bracket(group):
        """A bracket is exits around one position: one symbol, side and quantity, and at least one limit
        (the target) and one stop (the protection). The Group Order page asks for one symbol and side, and
        its BRK example names two accounts (123456 and 123465), so the account is not checked."""
        if group.type != "BRK":
            return
        first = group.orders[0]
        same = all((order.symbol, order.action, order.quantity)
                   == (first.symbol, first.action, first.quantity) for order in group.orders)
        types = {order.type for order in group.orders}
        if not same or "Limit" not in types or not types & NEEDS_STOP:
            raise ApiError(400, E.INVALID_GROUP)

    def _enter(self, token, order, parent=None):
        """Record an order (and its OSO children, queued behind it); return the ids, parent first."""
        instrument = self.market.instrument(order.symbol)
        book_order = BookOrder(id=self.book.new_id(), user=token.user, account=order.account, order=order,
                               instrument=instrument, type=order.type, quantity=order.quantity,
                               limit_price=order.limit_price, stop_price=order.stop_price,
                               status=QUEUED if parent else OPEN, parent=parent)
        self.book.add(book_order)
        reason = self._rejection(order, instrument)
        if reason:
            book_order.close(REJECTED, reason)
            return [book_order.id]
        if order.activation is not None:
            book_order.watch = Watch(order.activation)
            book_order.watch.observe(self.market)      # its entry is the rules' first tick
        ids = [book_order.id]
        for group in order.osos:
            members = []
            for child in group.orders:
                child_ids = self._enter(token, child, parent=book_order.id)
                book_order.children.append(child_ids[0])
                members.append(self.book.get(child_ids[0]))
                ids.extend(child_ids)
            if group.type in ("OCO", "BRK"):
                self.book.link(group.type, [member for member in members if member.status != REJECTED])
        return ids

    def _rejection(self, order, instrument):
        """Why an accepted order is rejected downstream, or None. See the README for the rules."""
        if instrument is None:
            return rejection_for_symbol(order.symbol)
        if order.legs:
            return MULTI_LEG
        for rule in order.activation.market_rules if order.activation else ():
            if self.market.instrument(rule.symbol) is None:
                return rejection_for_symbol(rule.symbol)
        if instrument.asset != order.asset:
            return (f"Order failed. Reason: {order.symbol} is {ASSET_OF_NAME[instrument.asset]}, "
                    f"not {ASSET_OF_NAME[order.asset]}")
        account = self.directory.account(order.account)
        if not account.trades(order.asset):
            return f"Order failed. Reason: Account {account.key} is not enabled for {ASSET_OF_NAME[order.asset]}"
        price = estimates.estimated_price(order.type, order.limit_price, order.stop_price,
                                          order.action in BUYING, self.market, order.symbol)
        if estimates.buying_power_used(instrument, order.quantity, price) > account.buying_power:
            return INSUFFICIENT_BUYING_POWER
        return None

    def _results(self, dialect, ids):
        return [self._result(dialect, self.book.get(order_id)) for order_id in ids]

    def _result(self, dialect, book_order):
        # REJ is only ever set when an order is entered, so a repeat is answered as the first call was.
        if book_order.status == REJECTED:
            return order_result(dialect, book_order.id, False, book_order.reason, book_order.order.confirm_id)
        return order_result(dialect, book_order.id, True, SENT + _summary(book_order, dialect),
                            book_order.order.confirm_id)

    # Previews

    def confirm(self, token, dialect, data):
        order = parse_order(data, dialect)
        self._check_accounts(token, order)
        with self.lock:
            return [self._confirmation(order)]

    def confirm_group(self, token, dialect, data):
        group = self._group(token, dialect, data)
        with self.lock:
            return [self._confirmation(order) for order in group.orders]

    def _confirmation(self, order):
        instrument = self.market.instrument(order.symbol)
        if instrument is None:
            raise ApiError(400, rejection_for_symbol(order.symbol))
        account = self.directory.account(order.account)
        price = estimates.estimated_price(order.type, order.limit_price, order.stop_price,
                                          order.action in BUYING, self.market, order.symbol)
        cost = estimates.cost(instrument, order.quantity, price)
        commission = estimates.commission(instrument, order.quantity)
        confirmation = {
            "__type": f"{CONFIRMATION_TYPES[instrument.asset]}:#TradeStation.Web.Services.DataContracts",
            "Account": account.key,
            "Duration": order.time_in_force,
            "RelationIdentifier": None,     # no group or OSO relation is previewed
            "Route": order.route,
            "SummaryMessage": order.describe(instrument.decimals),
            # A preview hands out the id the client should place the order with, if it brought none.
            "OrderConfirmId": order.confirm_id or _new_confirm_id(),
            "EstimatedPrice": float(price),
            "EstimatedPriceDisplay": instrument.display(price),
            "EstimatedCost": float(cost),
            "EstimatedCostDisplay": estimates.display(cost),
            "EstimatedCommission": float(commission),
            "EstimatedCommissionDisplay": estimates.display(commission),
        }
        if instrument.asset == "FU":
            confirmation.update({"ProductCurrency": instrument.currency, "AccountCurrency": account.currency,
                                 "InitialMarginDisplay": estimates.display(cost)})
        elif instrument.asset == "FX":
            margin = estimates.buying_power_used(instrument, order.quantity, price)
            confirmation.update({"BaseCurrency": instrument.base_currency,
                                 "CounterCurrency": instrument.counter_currency,
                                 "InitialMarginDisplay": estimates.display(margin)})
        return confirmation

    # Cancel and cancel-replace

    def _own_order(self, token, order_id):
        book_order = self.book.get(order_id)
        if book_order is None or book_order.user != token.user:
            raise ApiError(400, E.CANCEL_FAILED)
        return book_order

    def cancel(self, token, dialect, order_id):
        order_id = parse_order_id(order_id)
        with self.lock:
            book_order = self._own_order(token, order_id)
            if not book_order.live:
                return order_result(dialect, order_id, False, E.NOT_OPEN, book_order.order.confirm_id)
            self.book.cancel(book_order)
            self.book.changes += 1
            return order_result(dialect, order_id, True, CANCEL_SENT, book_order.order.confirm_id)

    def replace(self, token, dialect, order_id, data):
        replacement = parse_replacement(data, order_id)
        self._account(token, replacement.account)
        with self.lock:
            book_order = self._own_order(token, replacement.order_id)
            if replacement.account != book_order.account:
                raise ApiError(400, E.INVALID_ACCOUNT)
            if not book_order.live:
                raise ApiError(400, E.NOT_OPEN)
            # A request may repeat what the order is (TradeStation's examples do), never change it.
            held = book_order.order
            for given, kept in ((replacement.symbol, held.symbol), (replacement.asset, held.asset),
                                (replacement.action, held.action)):
                if given is not None and given != kept:
                    raise ApiError(400, E.INVALID_ORDER)
            # Limit and stop orders keep their type or become Market; nothing else.
            if replacement.type not in (book_order.type, "Market"):
                raise ApiError(400, E.INVALID_TYPE)
            if replacement.quantity <= book_order.filled_quantity:
                raise ApiError(400, E.INVALID_QUANTITY)   # no smaller than what has already filled
            book_order.type = replacement.type
            book_order.quantity = replacement.quantity
            book_order.limit_price = replacement.limit_price if replacement.type in NEEDS_LIMIT else None
            book_order.stop_price = replacement.stop_price if replacement.type in NEEDS_STOP else None
            if replacement.type not in NEEDS_STOP:
                book_order.stop_hit = False
            self.book.changes += 1
            if book_order.status in WORKING:
                self.book.match(self.market, [book_order.id])
            return order_result(dialect, book_order.id, True, REPLACE_SENT, book_order.order.confirm_id)

    # The order list

    def account_orders(self, token, keys_text, since_text=None, dialect=CLASSIC, filter_text=None):
        """The accounts' orders, newest first, in the dialect's Order Detail shape, through `$filter`."""
        clauses = listings.parse_filter(filter_text)
        keys = [key.strip() for key in keys_text.split(",") if key.strip()]
        if not keys:
            raise ApiError(400, E.INVALID_ACCOUNT)
        accounts = {self._account(token, parse_account(key)).key for key in keys}
        today = datetime.datetime.now(datetime.timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0)
        since = today
        if since_text:
            try:
                since = datetime.datetime.strptime(since_text, "%m-%d-%Y").replace(tzinfo=datetime.timezone.utc)
            except ValueError:
                raise ApiError(400, INVALID_SINCE) from None
            if since < today - datetime.timedelta(days=HISTORY_DAYS):
                raise ApiError(403, SINCE_TOO_OLD.format(days=HISTORY_DAYS))
        with self.lock:
            self._release_due()
            chosen = [order for order in self.book.orders.values()
                      if order.account in accounts and order.placed_at >= since]
            chosen.sort(key=lambda order: (order.placed_at, int(order.id)), reverse=True)
            entries = [listings.detail(dialect, order, self.market) for order in chosen]
            return [entry for entry in entries if clauses is None or listings.matches(entry, clauses)]

    # Balances and positions

    def _accounts_named(self, token, keys_text):
        keys = [key.strip() for key in keys_text.split(",") if key.strip()]
        if not keys:
            raise ApiError(400, E.INVALID_ACCOUNT)
        return [self._account(token, parse_account(key)) for key in keys]

    def balances(self, token, keys_text, dialect=CLASSIC):
        accounts = self._accounts_named(token, keys_text)
        shape = portfolio if dialect == CLASSIC else global_portfolio
        with self.lock:
            self._release_due()
            return [shape.balances(self.book, self.market, account) for account in accounts]

    def positions(self, token, keys_text, dialect=CLASSIC, filter_text=None):
        """The positions of some accounts; `$filter` as the Positions page's example uses it (symbol eq 'AAPL')."""
        accounts = self._accounts_named(token, keys_text)
        clauses = listings.parse_filter(filter_text)
        shape = portfolio if dialect == CLASSIC else global_portfolio
        with self.lock:
            self._release_due()
            entries = [entry for account in accounts for entry in shape.positions(self.book, self.market, account)]
            return [entry for entry in entries if clauses is None or listings.matches(entry, clauses)]

    def user_positions(self, token, user_id):
        """The classic Get User Positions call: the positions of every account of the user."""
        if self.directory.user_named(user_id) != token.user:
            raise ApiError(401, E.USER_NOT_AUTHORIZED)
        with self.lock:
            return [entry for account in self.directory.accounts_of(token.user)
                    for entry in portfolio.positions(self.book, self.market, account)]

    def position_group(self, token, keys_text, group_id):
        """The 2015 Position Groups call: one group of a margin account."""
        accounts = self._accounts_named(token, keys_text)
        with self.lock:
            for account in accounts:
                try:
                    return global_portfolio.position_group(self.book, self.market, account, group_id)
                except ApiError:
                    continue
            raise ApiError(404, global_portfolio.GROUP_NOT_FOUND)

    # Administration

    def runtime_settings(self):
        with self.lock:
            return {name: self.settings[name] for name in S.RUNTIME}

    def change_settings(self, changes):
        if not isinstance(changes, dict):
            raise S.SettingError("a JSON object of settings is required")
        parsed = {}
        for name, value in changes.items():
            if name not in S.RUNTIME:
                raise S.SettingError(f"{name} cannot be changed at run time" if name in S.SETTINGS
                                     else f"unknown setting {name}")
            parsed[name] = S.parse(name, value)
        with self.lock:
            self.settings.update(parsed)
            if "SIM_QUOTA" in parsed:
                self.faults.reset_quota()
            return {name: self.settings[name] for name in S.RUNTIME}

    def stats(self):
        with self.lock:
            stats = self.book.stats()
            stats.update(self.faults.stats())
            stats["tick"] = self.market.tick
            return stats

    def reset(self):
        """Forget every order, token and count; the settings stay as they are."""
        with self.lock:
            self._build()

    def expire_tokens(self):
        with self.lock:
            return self.tokens.expire_access_tokens()

    def plant_grant(self, grant):
        """An authorization code or refresh token of a given value (admin: a documented example's own)."""
        with self.lock:
            client = self.tokens.clients.get(grant.get("client_id"))
            user = grant.get("user", "demo")
            if client is None or not isinstance(user, str) or not self.directory.has_user(user):
                raise ApiError(400, "a known client_id and user are required")
            if isinstance(grant.get("code"), str) and grant["code"]:
                self.tokens.plant_code(grant["code"], client.id, grant.get("redirect_uri"), user)
            elif isinstance(grant.get("refresh_token"), str) and grant["refresh_token"]:
                self.tokens.plant_refresh(grant["refresh_token"], client.id, user)
            else:
                raise ApiError(400, "a code or a refresh_token is required")
            return {"planted": True}

    def _moved(self):
        """Match what the market now reaches, fills limited to the size shown: the filled and partly filled ids."""
        self.book.observe(self.market)
        touched = self.book.match(self.market, partial=True)
        return ([i for i in touched if self.book.get(i).status == FILLED],
                [i for i in touched if self.book.get(i).status == PARTIAL])

    def _release_due(self):
        """Orders whose time rule has come: into the market, matched as a market move would match them."""
        due = self.book.waiting_for_time()
        if due:
            self.book.match(self.market, due, partial=True)

    def tick(self, steps=1):
        with self.lock:
            self.market.advance(steps)
            filled, partly = self._moved()
            return {"tick": self.market.tick, "filled": filled, "partly_filled": partly}

    def set_price(self, symbol, price):
        with self.lock:
            if self.market.instrument(symbol) is None:
                raise ApiError(400, rejection_for_symbol(symbol))
            self.market.set_last(symbol, price)
            filled, partly = self._moved()
            return {"quote": self.market.quote(symbol), "filled": filled, "partly_filled": partly}


def _summary(book_order, dialect):
    """The order as TradeStation echoes it: with its price in the classic dialect, without in the 2015 one."""
    order = book_order.order
    decimals = book_order.instrument.decimals if book_order.instrument else 2
    described = order.describe(decimals)
    return described if dialect == CLASSIC else described.split(" @ ")[0]


def _new_confirm_id():
    # 16 random bytes in unpadded base64: 22 characters, the shape of the seed's OrderConfirmId.
    return base64.b64encode(secrets.token_bytes(16)).decode().rstrip("=")
