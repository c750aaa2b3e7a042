"""The bridge's quota budget: calls counted per user and category against TradeStation's table, held back
before they would pass it, and a category at rest after TradeStation refused one for its quota."""

import pytest

from bridge.quota_budget import OverQuota, QuotaBudget, category_of, refused_for_quota
from bridge.upstream import Answer, NotSent
from tradestation.errors import QUOTA_EXCEEDED
from tradestation.quotas import QUOTAS, Category


@pytest.mark.parametrize(("method", "path", "category"), [
    ("GET", "/users/demo/accounts", Category.ACCOUNTS),
    ("GET", "/brokerage/accounts", Category.ACCOUNTS),
    ("GET", "/accounts/1,2/orders", Category.ORDER_DETAILS),
    ("GET", "/brokerage/accounts/1/historicalorders", Category.ORDER_DETAILS),
    ("GET", "/accounts/1/balances", Category.BALANCES),
    ("GET", "/brokerage/accounts/1/positions", Category.POSITIONS),
    ("GET", "/data/quote/MSFT", Category.QUOTE_SNAPSHOT),
    ("GET", "/marketdata/quotes/MSFT", Category.QUOTE_SNAPSHOT),
    ("GET", "/stream/quote/changes/MSFT", Category.QUOTE_CHANGE_STREAM),
    ("GET", "/marketdata/stream/quotes/MSFT", Category.QUOTE_CHANGE_STREAM),
    ("GET", "/brokerage/stream/accounts/1,2/orders", Category.ORDER_STREAM),
    ("GET", "/brokerage/stream/accounts/1/positions", Category.POSITIONS_STREAM),
    ("POST", "/orders", None), ("POST", "/orderexecution/orders", None), ("PUT", "/orders/5", None),
    ("DELETE", "/orderexecution/orders/5", None), ("POST", "/orders/confirm", None),
])
def test_each_call_falls_in_its_category_and_orders_in_none(method, path, category):
    assert category_of(method, path) is category


def test_a_call_past_the_quota_is_held_back_and_not_counted(clock):
    budget = QuotaBudget()
    limit = QUOTAS[Category.QUOTE_SNAPSHOT].requests
    for _ in range(limit):
        budget.spend(Category.QUOTE_SNAPSHOT, "alice")
    clock.shift(20)
    with pytest.raises(OverQuota) as held:
        budget.spend(Category.QUOTE_SNAPSHOT, "alice")
    assert isinstance(held.value, NotSent), "held back means not sent"
    assert held.value.category is Category.QUOTE_SNAPSHOT and 39 <= held.value.seconds <= 40
    assert "TradeStation's request quota" in str(held.value)
    budget.spend(Category.QUOTE_SNAPSHOT, "bob")            # each user has a quota of their own
    budget.spend(Category.BALANCES, "alice")               # and each category
    clock.shift(41)                                        # the window began at the first call and has ended
    budget.spend(Category.QUOTE_SNAPSHOT, "alice")
    assert budget.left("alice", Category.QUOTE_SNAPSHOT) == limit - 1


def test_after_tradestations_refusal_the_category_rests_until_its_window_ends(clock):
    budget = QuotaBudget()
    budget.spend(Category.BALANCES, "alice")
    clock.shift(100)
    budget.refused(Category.BALANCES, "alice")
    assert 199 <= budget.paused("alice", Category.BALANCES) <= 200
    with pytest.raises(OverQuota):
        budget.spend(Category.BALANCES, "alice")
    budget.spend(Category.POSITIONS, "alice")
    clock.shift(201)
    assert budget.paused("alice", Category.BALANCES) is None
    budget.spend(Category.BALANCES, "alice")


def test_the_user_is_the_one_the_calls_are_made_for(clock):
    budget = QuotaBudget()
    with budget.acting_for("alice"):
        budget.before("GET", "/accounts/1/balances")
        budget.after("GET", "/accounts/1/balances", Answer(429, None, "Too Many Requests"))
    assert budget.paused("alice", Category.BALANCES) is not None
    budget.before("GET", "/accounts/1/balances")           # no user: nothing counted, nothing refused
    assert budget.left("alice", Category.BALANCES) == QUOTAS[Category.BALANCES].requests - 1


def test_orders_are_never_counted_nor_held_back(clock):
    budget = QuotaBudget()
    with budget.acting_for("alice"):
        budget.refused(Category.BALANCES)
        for _ in range(1000):
            budget.before("POST", "/orders")


@pytest.mark.parametrize(("answer", "refused"), [
    (Answer(429, None), True), (Answer(403, {"Message": QUOTA_EXCEEDED, "StatusCode": 403}), True),
    (Answer(403, {"Message": "Access denied"}), False), (Answer(200, []), False),
])
def test_a_quota_refusal_is_v3s_429_or_v2s_403_in_its_words(answer, refused):
    assert refused_for_quota(answer) is refused


def test_rounds_are_spaced_to_use_a_share_of_the_quota_and_scale_with_the_window():
    assert QuotaBudget().spacing(Category.BALANCES, calls=3, share=0.5) == pytest.approx(300 * 3 / 125)
    assert QuotaBudget(scale=0.01).spacing(Category.BALANCES, calls=1, share=1.0) == pytest.approx(3 / 250)
    assert QuotaBudget().spacing(Category.ORDER_STREAM, calls=1, share=0.5) == 0.0
