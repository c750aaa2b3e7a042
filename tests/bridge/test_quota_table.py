"""The quota table is TradeStation's: its figures as the Rate Limiting page gives them, and every category
either counts requests or limits open streams."""

from tradestation.quotas import FIVE_MINUTES, ONE_MINUTE, QUOTAS, Category, quota


def test_every_category_has_a_quota_that_limits_something():
    assert set(QUOTAS) == set(Category)
    for category, rule in QUOTAS.items():
        assert rule.requests or rule.concurrent, category


def test_the_pages_figures():
    assert quota(Category.ORDER_DETAILS).requests == 250
    assert quota(Category.ORDER_DETAILS).window == FIVE_MINUTES
    assert quota(Category.QUOTE_SNAPSHOT).requests == 30
    assert quota(Category.QUOTE_SNAPSHOT).window == ONE_MINUTE
    assert quota(Category.QUOTE_CHANGE_STREAM).requests == 500
    assert quota(Category.ORDER_STREAM).concurrent == 40
    assert quota(Category.MARKET_DEPTH_STREAM).concurrent == 10
