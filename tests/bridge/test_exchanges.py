"""The record the bridge keeps of each JSONP exchange for the ticket's inspector, and its Server-Timing header,
over real HTTP with the simulator as upstream."""

import re

import pytest
from sqlalchemy import func, select

from bridge.db import exchanges
from bridge.exchanges import Exchange, ExchangeLog
from harness.orders import classic_order
from harness.trader import Trader
from tests.conftest import DATABASES
from tradestation.redact import mask_token

TIMING = re.compile(r"^(?:[a-z]+;dur=\d+\.\d, )*total;dur=\d+\.\d$")


def parts(header):
    return {part.split(";dur=")[0]: float(part.split(";dur=")[1]) for part in header.split(", ")}


def test_an_order_answer_says_the_bridges_time_and_the_page_reads_it_back_masked(app, trader):
    order = classic_order()
    response = trader.jsonp("send", data=order, callback="tsbridgeCall1_1", from_page=True)
    timing = response.headers["Server-Timing"]
    assert TIMING.match(timing)
    assert {"upstream", "journal", "total"} <= set(parts(timing))
    assert parts(timing)["upstream"] <= parts(timing)["total"]

    record = trader.http.get(f"{trader.bridge}/inspector/exchanges/tsbridgeCall1_1").json()
    assert record["body"] == response.text                  # the bytes as sent, /**/ and all
    assert record["status"] == 200
    assert record["headers"]["jsonp-callback"] == "tsbridgeCall1_1"
    assert record["headers"]["Server-Timing"] == timing
    assert record["durations"]["upstream"] == pytest.approx(parts(timing)["upstream"], abs=0.1)
    assert trader.token not in record["request"]
    assert "oauth_token=" + mask_token(trader.token) in record["request"]
    assert record["request"].startswith("GET /jsonp/orders/send?")
    assert record["journal"]["state"] == "placed" and record["journal"]["confirm_id"] == order["OrderConfirmId"]
    with app.extensions["tsbridge"].journal.engine.connect() as db:       # nor is it whole where it is kept
        kept = db.execute(select(exchanges)).mappings().all()
    assert len(kept) == 1 and trader.token not in repr(dict(kept[0]))


def test_a_repeat_answers_from_the_same_journal_row_and_a_confirm_makes_none(trader, simulator_stats):
    order = classic_order()
    trader.jsonp("send", data=order, callback="first", from_page=True)
    before = simulator_stats()["orders"]
    again = trader.jsonp("send", data=order, callback="second", from_page=True)
    assert simulator_stats()["orders"] == before
    first = trader.http.get(f"{trader.bridge}/inspector/exchanges/first").json()
    second = trader.http.get(f"{trader.bridge}/inspector/exchanges/second").json()
    assert first["journal"]["id"] == second["journal"]["id"]
    assert "upstream" not in parts(again.headers["Server-Timing"])      # TradeStation was not asked

    trader.jsonp("confirm", data=classic_order(), callback="review", from_page=True)
    assert trader.http.get(f"{trader.bridge}/inspector/exchanges/review").json()["journal"] is None


def test_one_users_record_is_not_anothers_and_a_refused_token_leaves_none(bridge, trader):
    trader.jsonp("send", data=classic_order(), callback="mine", from_page=True)
    other = Trader(bridge.url, user="other", password="other")
    refusal = other.http.get(f"{bridge.url}/inspector/exchanges/mine")
    assert refusal.status_code == 404 and refusal.json() == {"error": "The bridge kept no record of this call."}
    trader.jsonp("send", data=classic_order(), callback="nobody", oauth_token="not-a-token", from_page=True)
    assert trader.http.get(f"{bridge.url}/inspector/exchanges/nobody").status_code == 404
    logged_out = Trader(bridge.url)
    logged_out.log_out()
    assert logged_out.http.get(f"{bridge.url}/inspector/exchanges/mine").status_code == 401


@pytest.mark.parametrize("database_url", DATABASES, indirect=True)
def test_only_the_newest_few_are_kept_per_user(app):
    engine = app.extensions["tsbridge"].journal.engine
    log = ExchangeLog(engine, keep=3, upstream=app.extensions["tsbridge"].journal.upstream)

    def exchange(user, n):
        return Exchange(userid=user, callback=f"cb{n}", request="GET /jsonp/orders/send", status=200, headers={},
                        body=f"/**/cb{n}({{}})", durations={"total": 1.0}, journal_row=None)
    for n in range(5):
        log.record(exchange("demo", n))
    log.record(exchange("other", 0))
    assert [log.find("demo", f"cb{n}") is not None for n in range(5)] == [False, False, True, True, True]
    assert log.find("other", "cb0") is not None
    log.record(exchange("demo", 4))          # the same URL again: still one record
    with engine.connect() as db:
        assert db.execute(select(func.count()).select_from(exchanges).where(exchanges.c.userid == "demo")).scalar() == 3


def test_a_client_other_than_the_page_leaves_no_record_and_still_gets_its_timing(app, trader):
    """A script or curl with the token but not the page's session: answered as ever, nothing written down."""
    response = trader.jsonp("send", data=classic_order(), callback="fromScript")
    assert response.status_code == 200 and "Server-Timing" in response.headers
    other_login = Trader(trader.bridge)          # the same user logged in elsewhere: another session
    assert other_login.http.get(f"{trader.bridge}/inspector/exchanges/fromScript").status_code == 404
    assert trader.http.get(f"{trader.bridge}/inspector/exchanges/fromScript").status_code == 404
    with app.extensions["tsbridge"].journal.engine.connect() as db:
        assert db.execute(select(func.count()).select_from(exchanges)).scalar() == 0
