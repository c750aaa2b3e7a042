"""A good-till-date order whose date is over is refused by the contract: the simulator and the bridge
refuse it in the same words, in both dialects, and place nothing."""

import datetime

import pytest

from harness.jsonp import wrapped_error
from harness.orders import classic_order, global_order
from tradestation import errors as E

TODAY = datetime.date.today()
LATER = TODAY + datetime.timedelta(days=30)


def good_till(expiration):
    return global_order(Symbol="MSFT", Quantity=10, Type="Limit", LimitPrice="400", TimeInForce="GoodTillDate",
                        TimeInForceExpiration=expiration)


PAST = [
    ("20101026", lambda: classic_order(OrderType="Limit", LimitPrice="400", Duration="GTD", GTDDate="01/01/2020")),
    ("20101026", lambda: classic_order(OrderType="Limit", LimitPrice="400", Duration="GDP", GTDDate="01/01/2020")),
    ("20150101", lambda: good_till("2020-01-01T23:59:59-05:00")),
    ("20150101", lambda: good_till("2020-01-01T23:59:59+00:00")),
]


@pytest.mark.parametrize("api_version, order", PAST)
def test_the_simulator_refuses_a_past_expiry(sim, demo_token, api_version, order):
    for path in ("/orders", "/orders/confirm"):
        answer = sim.call("POST", path, token=demo_token, api_version=api_version, json=order())
        assert (answer.status_code, answer.json()) == (400, {"Message": E.PAST_EXPIRY, "StatusCode": 400})
    assert sim.stats()["orders"] == 0


@pytest.mark.parametrize("api_version, order", PAST)
def test_the_bridge_refuses_a_past_expiry_before_journaling(trader, simulator_stats, api_version, order):
    for path in ("send", "confirm"):
        assert wrapped_error(trader.jsonp(path, data=order(), APIVersion=api_version)) == \
            {"Message": E.PAST_EXPIRY, "StatusCode": 400}
    assert simulator_stats()["orders"] == 0
    assert trader.journal() == []


def test_today_and_later_are_taken(sim, demo_token):
    for day in (TODAY, LATER):
        order = classic_order(OrderType="Limit", LimitPrice="400", Duration="GTD", GTDDate=day.strftime("%m/%d/%Y"))
        answer = sim.call("POST", "/orders", token=demo_token, api_version="20101026", json=order)
        assert answer.status_code == 200 and answer.json()[0]["OrderStatus"] == "Ok", answer.text
    answer = sim.call("POST", "/orders", token=demo_token, api_version="20150101",
                      json=good_till(f"{LATER.isoformat()}T23:59:59-05:00"))
    assert answer.status_code == 200 and answer.json()[0]["Status"] == "Success", answer.text
