"""What the page makes of each answer to a send: its own classify() run in the real page over every kind of
answer, and the ticket after each: a rejection, a refusal, an unknown fate (no answer, a server error, an order
still being sent, a result it cannot read) keeps the ticket so a retry cannot place twice.
"""

import json
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from harness.login import log_in_page
from harness.ticket_page import fill, journal, one_click, place


@pytest.mark.parametrize("target, symbol, quantity, reason", [
    # simulator/README.md, "Rejections": taken with an order id, then rejected with the reason.
    ("This bridge", "MSFT", 1_000_000, "Order failed. Reason: Insufficient buying power"),
    ("TradeStation directly", "ZZZZ", 10, "Order failed. Reason: ZZZZ is not a known symbol"),
])
def test_a_rejected_order_shows_tradestation_message(page, bridge, target, symbol, quantity, reason):
    log_in_page(page, bridge.url)
    one_click(page)
    fill(page, symbol, quantity, target=target)
    assert place(page, accept_warnings=quantity > 1000) == ("Failed", reason)
    expect(page.locator("#results li").first).to_have_class("result failed")
    expect(page.locator("#results li .meta").first).to_contain_text("Order ")      # it did get an order id
    if target == "This bridge":
        expect(page.locator("#journal tbody tr").first).to_contain_text("rejected")


def test_a_lost_answer_keeps_the_ticket_so_a_retry_cannot_place_twice(watched, page, bridge, sim):
    log_in_page(page, bridge.url)
    fill(page, "MSFT", 10, target="TradeStation directly")
    confirm_id = page.locator("#confirm-id").inner_text()
    sim.admin("POST", "faults", json={"SIM_DROP_RATE": 1.0, "SIM_DROP_WHEN": "after"})
    assert place(page) == ("No answer", "No answer from TradeStation: the order may or may not have been placed"
                                        " — check the journal.")
    expect(page.locator("#results li").first).to_have_class("result unknown")
    expect(page.locator("#confirm-id")).to_have_text(confirm_id)
    assert sim.stats()["orders"] == 1                                  # it was placed; the answer was lost
    sim.admin("POST", "faults", json={"SIM_DROP_RATE": 0.0})
    assert place(page) == ("Success", "Sent order: Buy 10 MSFT")       # the same ticket, sent again
    assert [json.loads(order["data"])["OrderConfirmId"] for order in watched.orders] == [confirm_id, confirm_id]
    assert sim.stats()["orders"] == 1
    expect(page.locator("#place")).to_have_text("Sent")          # answered for good: nothing more to send


@pytest.mark.parametrize("target, words", [
    ("TradeStation directly", "TradeStation had a problem; the order may not have been placed."),
    ("This bridge", "may or may not have been placed"),
])
def test_a_server_error_is_explained(watched, page, bridge, sim, target, words):
    log_in_page(page, bridge.url)
    one_click(page)
    fill(page, "MSFT", 10, target=target)
    sim.admin("POST", "faults", json={"SIM_ERROR_RATE": 1.0})
    status, message = place(page)
    assert status.startswith("5") and words in message
    expect(page.locator("#results li").first).to_have_class("result unknown")
    # A changed ticket is a new order with a new OrderConfirmId, not a retry of the unknown one.
    sim.admin("POST", "faults", json={"SIM_ERROR_RATE": 0.0})
    page.get_by_label("Quantity").fill("11")
    assert place(page)[0] == "Success"
    first, second = (json.loads(order["data"]) for order in watched.orders)
    assert first["OrderConfirmId"] != second["OrderConfirmId"] and second["Quantity"] == 11


def test_quota_exceeded_is_explained(page, bridge, sim):
    log_in_page(page, bridge.url)
    one_click(page)
    fill(page, "MSFT", 1, target="TradeStation directly")
    sim.admin("POST", "next-orders", json={"fault": "quota", "count": 1})
    status, message = place(page)
    assert status == "403" and "quota" in message and "Quota Exceeded" in message


NO_ANSWER = object()     # the JSONP callback called with nothing: undefined in the page


def classify(page, answers):
    """The page's classify() of each answer, with the rules the server handed to the page."""
    return page.evaluate("""async answers => {
        const {classify} = await import("/static/ticket/verdict.js");
        const rules = JSON.parse(document.getElementById("ticket").dataset.rules);
        return answers.map(([answer]) => classify(answer, rules.messages));
    }""", [[] if answer is NO_ANSWER else [answer] for answer in answers])


def page_sentences(page):
    """The page's own sentences, from the module the page uses."""
    return page.evaluate("async () => ({...(await import('/static/ticket/words.js')).SENTENCES})")


def results(*entries):
    return {"outcome": "results", "code": None, "text": "", "rearm": True, "results": [
        {"ok": ok, "status": status, "text": text, "orderId": order_id} for ok, status, text, order_id in entries]}


def verdict(outcome, code, text, rearm=False):
    return {"outcome": outcome, "code": code, "text": text, "rearm": rearm, "results": []}


def test_the_page_classifies_every_kind_of_answer(page, bridge):
    from bridge.refusals import InProgress, MayBePlaced, NotPlaced, ReusedConfirmId
    from tradestation import errors
    from tradestation.dialects import CLASSIC, GLOBAL
    from tradestation.errors import ApiError
    from tradestation.results import order_result

    log_in_page(page, bridge.url)
    sentences = page_sentences(page)

    def said(name, message=""):
        return sentences[name].replace("{message}", message)

    def error(status, message):
        return ApiError(status, message).body()

    placed, rejected = "Sent order: Buy 10 MSFT", "Order failed. Reason: Insufficient buying power"
    may_be_placed, failed_late = MayBePlaced("No answer in time."), MayBePlaced("Boom.", 500)
    not_placed = NotPlaced("TradeStation could not be reached.")
    unreadable = verdict("unknown", None, said("UNKNOWN"))
    table = {
        "classic placed": ([order_result(CLASSIC, 11, True, placed)], results((True, "Ok", placed, "11"))),
        "classic rejected": ([order_result(CLASSIC, 12, False, rejected)], results((False, "Failed", rejected, "12"))),
        "2015 placed": ([order_result(GLOBAL, 13, True, placed, "t1")], results((True, "Success", placed, "13"))),
        "2015 rejected": ([order_result(GLOBAL, 14, False, rejected, "t2")],
                          results((False, "Failed", rejected, "14"))),
        "2015 result alone": (order_result(GLOBAL, 15, True, placed, "t3"), results((True, "Success", placed, "15"))),
        "mixed": ([order_result(GLOBAL, 16, True, placed), order_result(CLASSIC, "", False, rejected)],
                  results((True, "Success", placed, "16"), (False, "Failed", rejected, None))),
        "401 session": (error(401, errors.UNAUTHORIZED),
                        verdict("expired", 401, said("SESSION_REFUSED", errors.UNAUTHORIZED))),
        "401 another user's account": (error(401, errors.NOT_YOUR_ACCOUNT),
                                       verdict("refused", 401, errors.NOT_YOUR_ACCOUNT)),
        "403 quota": (error(403, errors.QUOTA_EXCEEDED), verdict("refused", 403, said("QUOTA", errors.QUOTA_EXCEEDED),
                                                                 rearm=True)),
        "404": (error(404, errors.NOT_FOUND), verdict("refused", 404, errors.NOT_FOUND, rearm=True)),
        "400": (error(400, errors.INVALID_ORDER), verdict("refused", 400, errors.INVALID_ORDER, rearm=True)),
        "400 reused id": (ReusedConfirmId().body(), verdict("refused", 400, ReusedConfirmId.MESSAGE, rearm=True)),
        "409 in progress": (InProgress().body(), verdict("unknown", 409, InProgress.MESSAGE)),
        "503 not placed": (not_placed.body(), verdict("refused", 503, not_placed.message)),
        "504 may be placed": (may_be_placed.body(), verdict("unknown", 504, may_be_placed.message)),
        "500 may be placed": (failed_late.body(), verdict("unknown", 500, failed_late.message)),
        "500 from TradeStation": (error(500, errors.SERVER_ERROR),
                                  verdict("unknown", 500, said("SERVER_PROBLEM", errors.SERVER_ERROR))),
        "504 from TradeStation": (error(504, "Gateway Timeout"),
                                  verdict("unknown", 504, said("FATE_UNKNOWN", "Gateway Timeout"))),
        "wrapped in Error": ({"Error": error(404, errors.NOT_FOUND)},
                             verdict("refused", 404, errors.NOT_FOUND, rearm=True)),
        "$& in a message stays literal": (error(500, "$& $' $`"), verdict("unknown", 500, said("SERVER_PROBLEM",
                                                                                          "$& $' $`"))),
        "undefined": (NO_ANSWER, unreadable),
        "null": (None, unreadable),
        "text": ("<b>garbage</b>", unreadable),
        "number": (42, unreadable),
        "empty object": ({}, unreadable),
        "Error without an error": ({"Error": "boom"}, unreadable),
        "status that is no status": ({"Message": "x", "StatusCode": "abc"}, unreadable),
        "status out of range": ({"Message": "x", "StatusCode": 7}, unreadable),
        "no results": ([], unreadable),
        "a null result": ([None], unreadable),
        "a result without a status": ([order_result(GLOBAL, 17, True, placed), {"Message": placed}], unreadable),
    }
    answers = [answer for answer, _ in table.values()]
    assert dict(zip(table, classify(page, answers), strict=True)) == \
        {name: expected for name, (_, expected) in table.items()}


@pytest.mark.parametrize("target", ["This bridge", "TradeStation directly"])
def test_another_users_account_is_refused_without_refreshing_the_session(watched, page, bridge, sim, target):
    from tradestation.errors import NOT_YOUR_ACCOUNT
    log_in_page(page, bridge.url)
    one_click(page)
    # The "other" user's cash account, offered as if the ticket listed it.
    page.evaluate("""() => {
        const option = new Option("700001 Other Cash", "700001");
        option.dataset.assets = "EQ OP";
        document.getElementById("account").append(option);
    }""")
    fill(page, "MSFT", 10, account="700001", target=target)
    confirm_id = page.locator("#confirm-id").inner_text()
    assert place(page) == ("401", NOT_YOUR_ACCOUNT)
    expect(page.locator("#results li").first).to_have_class("result error")
    assert len(watched.orders) == 1                 # a fresh token would be refused the same way
    expect(page.locator("#confirm-id")).to_have_text(confirm_id)
    assert sim.stats()["orders"] == 0


def answer_orders_with(page, answers):
    """Answer the page's next orders with these, as a JSONP answer, instead of the bridge."""
    waiting = list(answers)

    def fulfil(route):
        callback = parse_qs(urlsplit(route.request.url).query)["callback"][0]
        route.fulfill(status=200, content_type="text/javascript; charset=utf-8",
                      body=f"{callback}({json.dumps(waiting.pop(0))})")
    page.route("**/jsonp/orders/send?*", fulfil)


def test_an_order_still_being_sent_is_shown_as_unknown_and_keeps_its_ticket(page, bridge):
    from bridge.refusals import InProgress
    log_in_page(page, bridge.url)
    answer_orders_with(page, [InProgress().body()])
    fill(page, "MSFT", 10)
    confirm_id = page.locator("#confirm-id").inner_text()
    assert place(page) == ("409", InProgress.MESSAGE)
    # Not an error: the first attempt may yet place it, and a new ticket would place it twice.
    expect(page.locator("#results li").first).to_have_class("result unknown")
    expect(page.locator("#confirm-id")).to_have_text(confirm_id)


def test_an_order_the_bridge_could_not_send_is_refused_in_its_words(page, bridge, simulator):
    from bridge.refusals import NotPlaced
    log_in_page(page, bridge.url)
    one_click(page)
    fill(page, "MSFT", 10)
    confirm_id = page.locator("#confirm-id").inner_text()
    simulator.shutdown()
    status, message = place(page)
    assert status == "503" and message.endswith(" " + NotPlaced.ADVICE)
    row, = [row for row in journal(page, bridge.url) if row["confirm_id"] == confirm_id]
    assert (row["state"], row["message"]) == ("not_sent", message)     # shown whole, as the bridge put it
    expect(page.locator("#results li").first).to_have_class("result error")
    expect(page.locator("#confirm-id")).to_have_text(confirm_id)     # the bridge may send it again


def test_results_the_page_cannot_read_keep_the_ticket(watched, page, bridge):
    log_in_page(page, bridge.url)
    unknown = page_sentences(page)["UNKNOWN"]
    answer_orders_with(page, [[None], []])
    fill(page, "MSFT", 10)
    confirm_id = page.locator("#confirm-id").inner_text()
    for _ in range(2):
        assert place(page) == ("?", unknown)      # and the button is enabled again
        expect(page.locator("#results li").first).to_have_class("result unknown")
        expect(page.locator("#confirm-id")).to_have_text(confirm_id)
    assert [json.loads(order["data"])["OrderConfirmId"] for order in watched.orders] == [confirm_id] * 2
