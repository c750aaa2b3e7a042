"""An order's states: the pure judgement of one attempt, and the journal's moves checked against
its table (a real journal on each database, no HTTP)."""

import pytest

from bridge.db import connect
from bridge.journal import NOT_FOUND, NOT_SENT, PENDING, PLACED, REJECTED, UNKNOWN, IllegalMove, Journal, judge
from bridge.refusals import NotPlaced
from bridge.upstream import Answer, FateUnknown, NotSent
from tradestation import errors as E
from tradestation.errors import ApiError

CLASSIC_OK = {"Message": "Sent order: Buy 10 MSFT @ Market", "OrderID": "208033600", "OrderStatus": "Ok"}
GLOBAL_FAILED = {"OrderConfirmId": "x", "Id": 208033601, "Status": "Failed", "Message": "Order failed. Reason: X"}


@pytest.mark.parametrize("outcome, state, status, message", [
    (Answer(200, [CLASSIC_OK]), PLACED, 200, CLASSIC_OK["Message"]),
    (Answer(200, CLASSIC_OK), PLACED, 200, CLASSIC_OK["Message"]),
    (Answer(200, [CLASSIC_OK, GLOBAL_FAILED]), REJECTED, 200, CLASSIC_OK["Message"]),
    (Answer(200, [GLOBAL_FAILED]), REJECTED, 200, GLOBAL_FAILED["Message"]),
    (Answer(400, {"Message": E.INVALID_LIMIT, "StatusCode": 400}), REJECTED, 400, E.INVALID_LIMIT),
    (Answer(401, {"Error": {"Message": E.UNAUTHORIZED}}), NOT_SENT, 401, E.UNAUTHORIZED),
    (Answer(403, {"Message": E.QUOTA_EXCEEDED}), NOT_SENT, 403, E.QUOTA_EXCEEDED),
    (Answer(404, None), NOT_SENT, 404, E.SERVER_ERROR),
    (Answer(500, {"Message": E.SERVER_ERROR}), UNKNOWN, 500, f"TradeStation answered {E.SERVER_ERROR}."),
    (Answer(502, None), UNKNOWN, 502, f"TradeStation answered {E.SERVER_ERROR}."),
    (NotSent("tradeStation could not be reached"), NOT_SENT, 503,
     f"TradeStation could not be reached. {NotPlaced.ADVICE}"),
    (FateUnknown("the connection broke"), UNKNOWN, None, "The connection broke."),
    (ApiError(401, E.UNAUTHORIZED), NOT_SENT, 401, E.UNAUTHORIZED),
    (RuntimeError("a bug"), UNKNOWN, None, "The bridge failed while relaying this order."),
], ids=lambda value: type(value).__name__ if isinstance(value, (Answer, Exception)) else None)
def test_an_attempt_is_judged_by_what_came_back(outcome, state, status, message):
    verdict = judge(outcome)
    assert (verdict.state, verdict.status, verdict.message) == (state, status, message)


def test_a_placed_order_keeps_its_results_and_order_id():
    verdict = judge(Answer(200, [CLASSIC_OK]))
    assert (verdict.answer, verdict.order_id) == ([CLASSIC_OK], "208033600")


@pytest.fixture
def journal(database_url):
    return Journal(connect(database_url), stale_after=20, upstream="SIM http://127.0.0.1/v2")


def claim(journal, confirm_id="ticket-1"):
    return journal.claim(userid="demo", kind="send", confirm_id=confirm_id, target="http://127.0.0.1/v2/orders",
                         api_version="20101026", account="281994", summary="Buy 10 MSFT @ Market",
                         request={"OrderConfirmId": confirm_id})


def test_each_move_returns_the_row_as_it_is_written(journal):
    row = claim(journal).row
    assert row == journal.get(row.id) and row.state == PENDING
    row = journal.mark_unknown(row, judge(FateUnknown("the connection broke")))
    assert row == journal.get(row.id) and row.state == UNKNOWN
    row = journal.settle_missing(row, "not listed")
    assert row == journal.get(row.id) and row.state == NOT_FOUND
    row = journal.settle_found(row, accepted=True, order_id="5", message="found", answer=[CLASSIC_OK])
    assert row == journal.get(row.id) and (row.state, row.order_id, row.answer) == (PLACED, "5", [CLASSIC_OK])


def test_a_move_the_table_does_not_allow_is_refused_and_changes_nothing(journal):
    placed = journal.record_answer(claim(journal).row, judge(Answer(200, [CLASSIC_OK])))
    with pytest.raises(IllegalMove):
        journal.settle_missing(placed, "not listed")
    with pytest.raises(IllegalMove):
        journal.mark_unknown(placed, judge(FateUnknown("late")))
    assert journal.get(placed.id) == placed


def test_only_a_not_sent_or_not_found_order_is_claimed_again(journal):
    first = claim(journal).row
    journal.mark_not_sent(first, judge(NotSent("tradeStation could not be reached")))
    again = claim(journal)
    assert again.fresh and (again.row.state, again.row.attempts) == (PENDING, 2) and again.row == journal.get(first.id)
    journal.record_answer(again.row, judge(Answer(200, [CLASSIC_OK])))
    repeat = claim(journal)
    assert not repeat.fresh and repeat.row.state == PLACED


def test_a_settlement_loses_to_one_made_first_elsewhere(journal):
    row = journal.mark_unknown(claim(journal).row, judge(FateUnknown("the connection broke")))
    elsewhere = journal.settle_found(row, accepted=True, order_id="5", message="found", answer=[CLASSIC_OK])
    late = journal.settle_missing(row, "not listed")      # from the row as it was read before
    assert late == elsewhere == journal.get(row.id)
