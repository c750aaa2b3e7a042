"""Users and their brokerage accounts, and the two shapes TradeStation lists accounts in."""

import hmac
from dataclasses import dataclass
from decimal import Decimal

from tradestation.sim_contract import DEMO_USER

TYPE_DESCRIPTIONS = {"C": "Cash", "M": "Margin", "F": "Futures", "X": "Forex"}

# Which asset classes each kind of account may trade. An order for another class is taken with an
# id and rejected, as a broker would do it; the message names the mismatch.
ASSETS_BY_TYPE = {"C": ("EQ", "OP"), "M": ("EQ", "OP"), "F": ("FU",), "X": ("FX",)}
FUND_SOURCES_BY_TYPE = {"C": ["Cash"], "M": ["Cash", "Margin"], "F": ["Margin"], "X": ["Margin"]}


@dataclass(frozen=True)
class Account:
    key: str
    owner: str
    type: str                   # C, M, F or X
    name: str
    currency: str
    cash: Decimal               # the day's starting cash; buying power is worked out from it (holdings.py)

    def trades(self, asset: str) -> bool:
        return asset in ASSETS_BY_TYPE[self.type]

    @property
    def margin(self) -> bool:
        """Whether the account may trade on margin (its holdings are then position groups in the 2015 dialect)."""
        return "Margin" in FUND_SOURCES_BY_TYPE[self.type]


@dataclass(frozen=True)
class User:
    id: str
    password: str
    display_name: str


# The demo user's forex account is 12345 so that TradeStation's own JSONP example works as
# written, and the cash account is 281994 so that the seed's 2015 example does.
DEMO_USERS = (User(DEMO_USER.name, DEMO_USER.secret, "Demo Trader"), User("other", "other", "Other Trader"))
DEMO_ACCOUNTS = (
    Account("281994", "demo", "C", "281994 Demo Cash", "USD", Decimal("1000000")),
    Account("987654", "demo", "M", "987654 Demo Margin", "USD", Decimal("2000000")),
    Account("556677", "demo", "F", "556677 Demo Futures", "USD", Decimal("1000000")),
    Account("12345", "demo", "X", "12345 Demo Forex", "USD", Decimal("100000000")),
    # The accounts TradeStation's order examples name, so that each example fills or rests as written:
    # 123456 (Place Order, Order, Send Group Order, Update Order), 123465 (the BRK example's second
    # order), 11234 (Confirm Order), 114278 (Update Order's JSONP example).
    Account("123456", "demo", "M", "123456 Demo Examples", "USD", Decimal("1000000")),
    Account("123465", "demo", "M", "123465 Demo Examples", "USD", Decimal("1000000")),
    Account("11234", "demo", "C", "11234 Demo Examples", "USD", Decimal("1000000")),
    Account("114278", "demo", "X", "114278 Demo Examples Forex", "USD", Decimal("100000000")),
    # The accounts the Accounts pages' examples name: 114275 (Balances, Positions, both dialects), 114277 (the
    # Balances page's futures answer), JPEQ114275 (the 2015 Position Groups page, a margin account, as position
    # groups need), 123145 (the 2015 Orders page).
    Account("114275", "demo", "C", "114275 Demo Examples", "USD", Decimal("1000000")),
    Account("114277", "demo", "F", "114277 Demo Examples Futures", "USD", Decimal("5000000")),
    Account("JPEQ114275", "demo", "M", "JPEQ114275 Demo Examples", "JPY", Decimal("100000000")),
    Account("123145", "demo", "M", "123145 Demo Examples", "USD", Decimal("1000000")),
    # The accounts v3's OpenAPI document's order examples name: 123456782 (every order, group and confirm
    # example; margin, as its short sales and option spreads need) and 31002504 (the second order of its
    # activation-rules group).
    Account("123456782", "demo", "M", "123456782 Demo Examples", "USD", Decimal("1000000")),
    Account("31002504", "demo", "M", "31002504 Demo Examples", "USD", Decimal("1000000")),
    Account("700001", "other", "C", "700001 Other Cash", "USD", Decimal("1000000")),
)

# The user names TradeStation's examples put in their paths: each names the demo user, so that an example
# copied as printed is answered for whoever signed in as demo (and refused to anyone else).
DOCUMENTED_USER_NAMES = {"userid": "demo", "TestUser1": "demo", "testuser": "demo"}


class Directory:
    """Who may sign in, and which accounts are whose."""

    def __init__(self, users=DEMO_USERS, accounts=DEMO_ACCOUNTS):
        self._users = {user.id: user for user in users}
        self._accounts = {account.key: account for account in accounts}

    def check_password(self, user_id, password):
        user = self._users.get(user_id)
        # Constant-time even in a simulator: it costs nothing and sets the example.
        return user is not None and hmac.compare_digest(user.password.encode(), str(password).encode())

    def has_user(self, user_id):
        return user_id in self._users

    def user_named(self, name):
        """The user a path's user id names: a user's own id, or a name of the documents' examples."""
        return DOCUMENTED_USER_NAMES.get(name, name)

    def account(self, key):
        return self._accounts.get(str(key))

    def accounts_of(self, user_id):
        return [account for account in self._accounts.values() if account.owner == user_id]
