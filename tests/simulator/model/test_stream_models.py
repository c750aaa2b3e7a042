"""The pure parts of the streams: what a change sends (simulator/live.py) and how options are priced
(simulator/options.py)."""

import datetime
import math
from decimal import Decimal

from simulator.live import Feed, changes
from simulator.market import OptionTerms
from simulator.options import next_expiration, value


def test_a_change_sends_what_moved_new_items_whole_and_what_went():
    before = {"A": {"Symbol": "A", "Last": 1, "Open": 1}, "B": {"Symbol": "B", "Last": 2}}
    after = {"A": {"Symbol": "A", "Last": 3, "Open": 1}, "C": {"Symbol": "C", "Last": 4}}
    feed = Feed(read=dict, changes_only=True, keep=("Symbol",), removed=lambda key: {"Gone": key})
    assert changes(before, after, feed) == [{"Symbol": "A", "Last": 3}, {"Symbol": "C", "Last": 4}, {"Gone": "B"}]
    assert changes(before, after, Feed(read=dict))[0] == {"Symbol": "A", "Last": 3, "Open": 1}
    assert changes(after, after, feed) == []


def test_calls_and_puts_keep_parity():
    today, expiry = datetime.date(2026, 12, 6), datetime.date(2027, 6, 18)
    call = value(OptionTerms("MSFT", expiry, "C", Decimal(420)), 425.0, 0.04, today)
    put = value(OptionTerms("MSFT", expiry, "P", Decimal(420)), 425.0, 0.04, today)
    years = (expiry - today).days / 365
    assert math.isclose(call.theoretical - put.theoretical, 425 - 420 * math.exp(-0.04 * years), abs_tol=1e-9)
    assert math.isclose(call.delta - put.delta, 1.0) and call.gamma == put.gamma > 0


def test_the_next_expiration_is_a_third_friday():
    assert next_expiration(datetime.date(2026, 12, 6)) == datetime.date(2026, 12, 18)
    assert next_expiration(datetime.date(2026, 12, 19)) == datetime.date(2027, 1, 15)
