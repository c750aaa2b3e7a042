"""The simulator's quota counting by hand, on a clock the test moves (pure logic; the HTTP answers are in
tests/simulator/test_simulator_quotas.py)."""

import pytest

from simulator import settings as S
from simulator.quotas import Quotas
from tradestation.errors import QUOTA_EXCEEDED, ApiError
from tradestation.quotas import Category


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def quotas(clock, **settings):
    return Quotas(S.resolve(settings), clock)


def spend(counted, user, category, times):
    for _ in range(times):
        counted.charge(user, category)


def test_the_251st_order_details_call_of_a_window_is_refused_and_not_counted():
    clock = Clock()
    counted = quotas(clock)
    spend(counted, "demo", Category.ORDER_DETAILS, 250)
    for _ in range(2):
        with pytest.raises(ApiError) as refused:
            counted.charge("demo", Category.ORDER_DETAILS)
        assert (refused.value.status, refused.value.message) == (403, QUOTA_EXCEEDED)
    assert counted.stats()["quota_refusals_by_category"] == {"Order Details": 2}


def test_the_window_opens_at_the_first_request_and_lasts_the_tables_window_times_the_scale():
    clock = Clock()
    counted = quotas(clock, SIM_QUOTA_WINDOW_SCALE=0.01)      # a minute is 0.6 s
    clock.now += 5                                              # nothing counted yet: no window is running
    spend(counted, "demo", Category.QUOTE_SNAPSHOT, 30)
    clock.now += 0.59
    with pytest.raises(ApiError):
        counted.charge("demo", Category.QUOTE_SNAPSHOT)
    clock.now += 0.01
    spend(counted, "demo", Category.QUOTE_SNAPSHOT, 30)         # a new window, counted from nought
    with pytest.raises(ApiError):
        counted.charge("demo", Category.QUOTE_SNAPSHOT)


def test_users_and_categories_are_counted_apart_and_no_category_is_never_counted():
    counted = quotas(Clock())
    spend(counted, "demo", Category.QUOTE_SNAPSHOT, 30)
    spend(counted, "other", Category.QUOTE_SNAPSHOT, 30)
    spend(counted, "demo", Category.ACCOUNTS, 250)
    spend(counted, "demo", None, 1000)
    # Categories limited only by open streams count no requests here.
    spend(counted, "demo", Category.ORDER_STREAM, 1000)
    assert counted.stats()["quota_refusals_by_category"] == {}


def test_off_answers_everything_and_a_reset_starts_every_window_afresh():
    counted = quotas(Clock(), SIM_QUOTAS="off")
    spend(counted, "demo", Category.QUOTE_SNAPSHOT, 100)
    counted = quotas(Clock())
    spend(counted, "demo", Category.QUOTE_SNAPSHOT, 30)
    counted.reset()
    spend(counted, "demo", Category.QUOTE_SNAPSHOT, 30)
    assert counted.stats() == {"quotas": "on", "quota_refusals_by_category": {}}


@pytest.mark.parametrize("bad", [0, -1, "fast", True, 1001, "nan"])
def test_the_window_scale_is_a_positive_number_in_range(bad):
    with pytest.raises(S.SettingError):
        S.resolve({"SIM_QUOTA_WINDOW_SCALE": bad})
