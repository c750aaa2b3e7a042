"""The ticket page as a trader uses it: headless Chromium against a live bridge and simulator.

Everything goes through the page: the login link, the simulator's login form, the ticket's
labelled controls, "Review order" then "Send order" (or one click in SIM). Orders are checked where they land: the
results list, the bridge's journal and the simulator's own order book.
"""

import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from playwright.sync_api import expect

from harness.browser import WIDE
from harness.login import log_in_page
from harness.orders import global_order
from harness.servers import ROOT
from harness.sim_admin import admin
from harness.ticket_page import (
    CASH,
    FOREX,
    NARROW,
    click_twice,
    fill,
    journal,
    modify,
    one_click,
    place,
    refreshed_journal,
    screenshot,
    sent_order,
)


# --- the tests --------------------------------------------------------------------------------------
def test_logged_out_page_explains_and_offers_the_login(page, bridge):
    page.goto(bridge.url + "/")
    expect(page.get_by_role("heading", name="Place TradeStation orders from one ticket")).to_be_visible()
    link = page.get_by_role("link", name="Log in with TradeStation")
    expect(link).to_have_attribute("href", "/login")
    expect(page.locator("#place")).to_have_count(0)


def test_ticket_shows_user_environment_and_labelled_controls(page, bridge):
    log_in_page(page, bridge.url)
    expect(page.locator("header")).to_contain_text("demo")
    expect(page.locator("header .badge")).to_have_text("SIM")
    for label in ("Account", "Asset", "Symbol", "Side", "Quantity", "Order type", "Time in force", "Route"):
        expect(page.get_by_label(label, exact=True)).to_be_visible()
    # Prices and the expiration date appear only when the order needs them.
    expect(page.get_by_label("Limit price")).to_be_hidden()
    page.get_by_label("Order type").select_option("StopLimit")
    expect(page.get_by_label("Limit price")).to_be_visible()
    expect(page.get_by_label("Stop price")).to_be_visible()
    page.get_by_label("Time in force").select_option("GoodTillDate")
    expect(page.get_by_label("Expiration date")).to_be_visible()
    # The sides follow the asset and the dialect: short sales for equities, open/close for options.
    sides = page.get_by_label("Side").locator("option")
    expect(sides).to_have_text(["Buy", "Sell", "Short", "Sell Short Exempt", "Genbiki", "Genwatashi"])
    page.get_by_label("Classic").check()
    expect(sides).to_have_text(["Buy", "Sell", "Buy To Cover", "Sell Short"])
    page.get_by_label("Asset").select_option("OP")
    expect(sides).to_have_text(["Choose…", "Buy To Open", "Buy To Close", "Sell To Open", "Sell To Close"])
    expect(page.get_by_label("Side")).to_have_attribute("aria-invalid", "true")   # an equity Buy is no option side
    page.get_by_label("Account").select_option(FOREX)
    # A forex account trades forex alone: nothing to choose, so its asset is taken; the side, which has
    # choices, is never swapped silently.
    expect(page.get_by_label("Asset").locator("option")).to_have_text(["Forex (FX)"])
    expect(page.get_by_label("Asset")).to_have_value("FX")
    expect(sides).to_have_text(["Choose…", "Buy", "Sell"])
    page.get_by_label("2015").check()
    page.get_by_label("Account").select_option(CASH)
    page.get_by_label("Asset").select_option("EQ")
    page.get_by_label("Side").select_option("Buy")
    page.get_by_label("Order type").select_option("Market")
    page.get_by_label("Time in force").select_option("Day")
    screenshot(page, "ticket.png")


def test_nothing_inline_and_untrusted_text_only_as_text(page, bridge):
    log_in_page(page, bridge.url)
    html = page.request.get(bridge.url + "/").text()
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []
    assert re.findall(r"\s(?:style|on[a-z]+)\s*=", html) == []
    assert page.locator("#results").get_attribute("aria-live") == "polite"
    for path in sorted((ROOT / "static").rglob("*.js")):
        script = path.read_text()
        assert ".html(" not in script and "innerHTML" not in script and "eval(" not in script, path


# TradeStation echoes the order with its price in the classic dialect, without it in the 2015 one.
MARGIN = "987654"      # sells and short sales: a cash account sells only what it holds
DIALECTS = {
    "2015": ("20150101", "Success", "Sent order: Buy 10 MSFT", "Sent order: Buy 5 IBM",
             {"AccountId": CASH, "AssetType": "Equity", "Side": "Buy", "TimeInForce": "Day", "Quantity": 10,
              "Type": "Market", "Route": "Intelligent", "Symbol": "MSFT"}),
    "Classic": ("20101026", "Ok", "Sent order: Buy 10 MSFT @ Market", "Sent order: Buy 5 IBM @ 150.25 Limit",
                {"AccountKey": CASH, "AssetType": "EQ", "TradeAction": "Buy", "Duration": "DAY", "Quantity": "10",
                 "OrderType": "Market", "Route": "Intelligent", "Symbol": "MSFT"}),
}


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize("target", ["This bridge", "TradeStation directly"])
def test_market_and_limit_orders_show_their_results(watched, page, bridge, simulator, target, dialect):
    api_version, ok, market_message, limit_message, fields = DIALECTS[dialect]
    log_in_page(page, bridge.url)
    fill(page, "MSFT", 10, target=target, dialect=dialect)
    assert place(page) == (ok, market_message)
    order = sent_order(watched)
    assert watched.orders[-1]["APIVersion"] == api_version
    first_id = order.pop("OrderConfirmId")
    assert order == fields

    fill(page, "IBM", 5, order_type="Limit", limit="150.25", target=target)
    assert place(page, accept_warnings=True) == (ok, limit_message)      # 24 % below IBM's last price
    order = sent_order(watched)
    assert order["LimitPrice"] == "150.25" and "StopPrice" not in order
    assert order["OrderConfirmId"] != first_id      # a definitive answer arms a new ticket
    expect(page.locator("#results li.ok")).to_have_count(2)
    expect(page.locator("#results li .message").first).to_have_text(limit_message)   # newest first

    # The direct target is TradeStation's own URL, cross-origin; the bridge's is its own.
    expected = simulator.url + "/v2/jsonp/orders/send" if target != "This bridge" else bridge.url + "/jsonp/orders/send"
    assert [url.split("?")[0] for url in watched.urls] == [expected, expected]
    rows = journal(page, bridge.url)
    via_bridge = [row for row in rows if row["confirm_id"] in (first_id, order["OrderConfirmId"])]
    assert len(via_bridge) == (2 if target == "This bridge" else 0)
    if target == "This bridge":
        assert {row["state"] for row in via_bridge} == {"placed"}
        expect(page.locator("#journal tbody tr").first).to_contain_text("Buy 5 IBM @ 150.25 Limit")
        if dialect == "Classic":
            screenshot(page, "ticket-results.png")


@pytest.mark.parametrize("target", ["This bridge", "TradeStation directly"])
def test_classic_dialect_orders(watched, page, bridge, target):
    log_in_page(page, bridge.url)
    fill(page, "USDJPY", 20000, order_type="Limit", limit="1", account=FOREX, target=target, dialect="Classic",
         tif="GTD", asset="FX")
    page.get_by_label("Expiration date").fill("2030-01-31")
    status, message = place(page, accept_warnings=True)          # a limit of 1 on USDJPY at 150
    assert status == "Ok" and message.startswith("Sent order: Buy 20,000 USDJPY @ 1.0")
    order = sent_order(watched)
    assert watched.orders[-1]["APIVersion"] == "20101026"
    assert {k: order[k] for k in ("AccountKey", "AssetType", "OrderType", "TradeAction", "Duration", "GTDDate",
                                  "Quantity", "LimitPrice")} == {
        "AccountKey": FOREX, "AssetType": "FX", "OrderType": "Limit", "TradeAction": "Buy", "Duration": "GTD",
        "GTDDate": "01/31/2030", "Quantity": "20000", "LimitPrice": "1"}


def test_the_page_checks_with_the_servers_words_and_sends_nothing(watched, page, bridge):
    log_in_page(page, bridge.url)
    error = page.locator("#ticket-error")
    fill(page, "", 10)
    page.locator("#place").click()
    expect(error).to_have_text("Missing order symbol.")
    expect(page.get_by_label("Symbol")).to_have_attribute("aria-invalid", "true")
    fill(page, "MSFT", 10, order_type="Limit")
    page.locator("#place").click()
    expect(error).to_have_text("Missing order limit price.")
    page.get_by_label("Limit price").fill("12.3.4")
    page.locator("#place").click()
    expect(error).to_have_text("Invalid limit price.")
    fill(page, "MSFT", "", order_type="StopMarket")
    page.locator("#place").click()
    expect(error).to_have_text("Missing order quantity.")
    fill(page, "MSFT", 10, order_type="StopMarket")
    page.locator("#place").click()
    expect(error).to_have_text("Missing order stop price.")
    fill(page, "MSFT", 10, tif="GoodTillDate")
    page.locator("#place").click()
    expect(error).to_have_text("Order failed. Reason: Missing expiration date for a good-till-date order")
    assert watched.orders == []
    expect(page.locator("#results li")).to_have_count(0)
    # Once the ticket is complete the message goes and the order is sent.
    page.get_by_label("Time in force").select_option("Day")
    status, _ = place(page)
    expect(error).to_have_text("")
    assert status == "Success" and len(watched.orders) == 1


# (symbol, quantity, order type, limit, stop, time in force): tickets the page must refuse.
REFUSED = [
    ("", "10", "Market", None, None, "Day"),
    ("MSFT!", "10", "Market", None, None, "Day"),
    ("MSFT", "", "Market", None, None, "Day"),
    ("MSFT", "0", "Market", None, None, "Day"),
    ("MSFT", "1.5", "Market", None, None, "Day"),
    ("MSFT", "10", "Limit", "", None, "Day"),
    ("MSFT", "10", "Limit", "0", None, "Day"),
    ("MSFT", "10", "Limit", "1.123456789", None, "Day"),
    ("MSFT", "10", "StopMarket", None, "abc", "Day"),
    ("MSFT", "10", "StopLimit", "1", "", "Day"),
    ("MSFT", "10", "Market", None, None, "GoodTillDate"),
]


def test_the_page_refuses_what_the_server_refuses_in_its_words(watched, page, bridge):
    from tradestation.errors import ApiError
    from tradestation.orders import parse_order
    log_in_page(page, bridge.url)
    for symbol, quantity, order_type, limit, stop, tif in REFUSED:
        fill(page, symbol, quantity, order_type=order_type, limit=limit, stop=stop, tif=tif)
        page.locator("#place").click()
        order = global_order(AccountId=CASH, Symbol=symbol.upper(), Quantity=quantity, Type=order_type,
                             TimeInForce=tif, LimitPrice=limit, StopPrice=stop, OrderConfirmId=None)
        with pytest.raises(ApiError) as refusal:
            parse_order(order, "2015")
        expect(page.locator("#ticket-error")).to_have_text(refusal.value.message)
    assert watched.orders == []


def test_double_click_places_one_order(watched, page, bridge, sim):
    log_in_page(page, bridge.url)
    one_click(page)
    fill(page, "AAPL", 3)
    confirm_id = page.locator("#confirm-id").inner_text()
    assert len(confirm_id) == 22 and set(confirm_id) <= set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    page.get_by_role("button", name="Place order").dblclick()
    expect(page.locator("#results li")).to_have_count(1)
    expect(page.locator("#place")).to_have_text("Sent")
    expect(page.locator("#place")).to_be_disabled()
    assert len(watched.orders) == 1
    assert [row["confirm_id"] for row in journal(page, bridge.url)].count(confirm_id) == 1
    assert sim.stats()["orders"] == 1
    # The ticket keeps its id until the trader asks for another order.
    expect(page.locator("#confirm-id")).to_have_text(confirm_id)
    page.get_by_role("button", name="Place again").click()
    expect(page.locator("#confirm-id")).not_to_have_text(confirm_id)


def test_logging_out_ends_the_session(page, bridge):
    log_in_page(page, bridge.url)
    assert page.request.get(bridge.url + "/auth/token").status == 200
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("link", name="Log in with TradeStation")).to_be_visible()
    assert page.request.get(bridge.url + "/auth/token").status == 401
    page.goto(bridge.url + "/")
    expect(page.locator("#place")).to_have_count(0)


def test_token_never_in_the_page(page, bridge):
    log_in_page(page, bridge.url)
    token = page.request.get(bridge.url + "/auth/token").json()["access_token"]
    assert token not in page.content() and token not in page.url


def test_narrow_screen(page, bridge):
    log_in_page(page, bridge.url)
    page.set_viewport_size(NARROW)
    fill(page, "MSFT", 10, order_type="StopLimit", limit="421", stop="420")
    place(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]
    for label in ("Account", "Symbol", "Quantity", "Order type", "Limit price", "Stop price", "Route"):
        box = page.get_by_label(label, exact=True).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= NARROW["width"]
    screenshot(page, "ticket-narrow.png")


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


def test_direct_target_refreshes_a_refused_token_and_retries_the_same_ticket_once(watched, page, bridge, sim):
    log_in_page(page, bridge.url)
    one_click(page)
    fill(page, "MSFT", 10, target="TradeStation directly")
    assert sim.admin("POST", "expire-tokens").json()["expired"] >= 1
    assert place(page) == ("Success", "Sent order: Buy 10 MSFT")
    first, retry = watched.orders
    assert first["oauth_token"] != retry["oauth_token"]
    assert json.loads(first["data"]) == json.loads(retry["data"])     # the same OrderConfirmId
    assert sim.stats()["orders"] == 1


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


def test_the_ticket_page_is_light(chromium, bridge):
    """The issue's budget: the whole ticket page (document, jQuery, the ticket's modules in static/ticket/,
    its inspector panel's modules in static/inspector/, ticket.css) well under 100 KB on the wire. jQuery alone
    is 87.5 KB uncompressed, so the bridge must compress what it serves."""
    context = chromium.new_context(viewport=WIDE)
    page = context.new_page()
    log_in_page(page, bridge.url)
    page.wait_for_load_state("networkidle")
    loaded = page.evaluate("[location.href].concat(performance.getEntriesByType('resource').map(e => e.name))")
    cookies = {cookie["name"]: cookie["value"] for cookie in context.cookies(bridge.url)}
    context.close()
    # Every script in static/ is the ticket page's, a module or not: all of them load, and nothing else but jQuery.
    scripts = sorted("/static/" + path.relative_to(ROOT / "static").as_posix()
                     for path in (ROOT / "static").rglob("*.js"))
    assert sorted(urlsplit(url).path for url in loaded if urlsplit(url).path.endswith(".js")) == sorted(
        scripts + ["/vendor/jquery-3.7.1.min.js"])
    sizes = {}
    for url in loaded:
        if urlsplit(url).path in ("/", "/static/ticket.css", "/vendor/jquery-3.7.1.min.js", *scripts):
            # The bytes on the wire, compressed or not, for what a browser accepts.
            answer = requests.get(url, cookies=cookies, stream=True, timeout=10,
                                  headers={"Accept-Encoding": "gzip, deflate, br"})
            assert answer.status_code == 200
            sizes[urlsplit(url).path] = len(answer.raw.read(decode_content=False))
    assert len(sizes) == len(scripts) + 3 and sum(sizes.values()) < 100_000, sizes


# --- what the page makes of an answer: its own classify(), in the real page -----------------------------
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


@pytest.mark.parametrize("bridge_config", [{"TS_TOKEN_GRACE": 1}], indirect=True)
def test_a_token_the_bridge_no_longer_accepts_is_replaced_and_the_same_ticket_sent_once(watched, page, bridge, sim):
    log_in_page(page, bridge.url)
    one_click(page)        # the send itself meets the stale token
    fill(page, "MSFT", 10)
    # Another tab of the same login renewed the token; this page still holds the old one past its grace.
    renewed = page.evaluate("""() => fetch('/auth/token/refresh', {method: 'POST',
        headers: {'X-CSRF-Token': document.getElementById('ticket').dataset.csrf}}).then(answer => answer.json())""")
    page.wait_for_timeout(1500)
    assert place(page) == ("Success", "Sent order: Buy 10 MSFT")
    refused, retry = watched.orders
    assert refused["oauth_token"] != renewed["access_token"] == retry["oauth_token"]
    assert json.loads(refused["data"]) == json.loads(retry["data"])     # the same OrderConfirmId
    assert sim.stats()["orders"] == 1


# --- issue #9: never the wrong order -------------------------------------------------------------------
def test_switching_dialect_translates_the_ticket_and_never_changes_the_side(watched, page, bridge):
    log_in_page(page, bridge.url)
    side, tif = page.get_by_label("Side"), page.get_by_label("Time in force")
    # The margin account's: a cash account cannot sell short.
    fill(page, "MSFT", 100, order_type="Limit", limit="430", side="Short", tif="GoodTillCancel", account=MARGIN)
    page.get_by_label("Classic").check()
    expect(side).to_have_value("SellShort")
    expect(tif).to_have_value("GTC")
    expect(page.get_by_label("Limit price")).to_have_value("430")
    expect(page.get_by_label("Quantity")).to_have_value("100")
    status, message = place(page)
    assert (status, message) == ("Ok", "Sent order: Sell Short 100 MSFT @ 430.00 Limit")
    sent = sent_order(watched)
    assert (sent["TradeAction"], sent["Duration"], sent["Quantity"]) == ("SellShort", "GTC", "100")

    # And back: every classic side with a 2015 twin keeps it; Day+ stays Day+.
    page.get_by_label("Side").select_option("Sell")
    tif.select_option("DYP")
    page.get_by_label("2015").check()
    expect(side).to_have_value("Sell")
    expect(tif).to_have_value("DayPlus")

    # A side with no equivalent is cleared and marked: the trader has to choose.
    page.get_by_label("Classic").check()
    side.select_option("BuyToCover")
    page.get_by_label("2015").check()
    expect(side).to_have_value("")
    expect(side).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#ticket-error")).to_have_text("Side Buy To Cover has no equivalent here: choose again.")
    sent_before = len(watched.orders)
    page.locator("#place").click()
    expect(page.locator("#ticket-error")).to_have_text("Invalid trade action.")
    assert len(watched.orders) == sent_before


def test_switching_account_never_swaps_a_choice(page, bridge):
    log_in_page(page, bridge.url)
    fill(page, "MSFT", 100, side="Short")
    page.get_by_label("Account").select_option(FOREX)
    asset, side = page.get_by_label("Asset"), page.get_by_label("Side")
    expect(asset).to_have_value("FX")                      # the forex account's only asset: nothing to choose
    expect(asset).not_to_have_attribute("aria-invalid", "true")
    expect(side).to_have_value("")                         # forex has no short sale: choose, never Buy
    expect(side).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#ticket-error")).to_have_text("Side Short has no equivalent here: choose again.")
    expect(page.get_by_label("Route")).to_have_value("Intelligent")
    # A margin account trades what a cash one does: the short sale stays as it was chosen.
    page.get_by_label("Account").select_option("987654")
    page.get_by_label("Asset").select_option("EQ")
    page.get_by_label("Side").select_option("Short")
    page.get_by_label("Account").select_option(CASH)
    expect(page.get_by_label("Side")).to_have_value("Short")


def test_options_can_be_sold_in_both_dialects_and_time_in_force_reads_as_words(watched, page, bridge, sim):
    log_in_page(page, bridge.url)
    page.get_by_label("Asset").select_option("OP")
    sides = page.get_by_label("Side").locator("option:not([value=''])")
    expect(sides).to_have_text(["Buy To Open", "Buy To Close", "Sell To Open", "Sell To Close"])
    labels = page.get_by_label("Time in force").locator("option").all_inner_texts()
    assert labels[:3] == ["Day", "Day+", "Good till cancelled"] and "Fill or kill" in labels
    # The margin account's: a cash account sells only what it holds.
    fill(page, "MSFT 261218C420", 2, side="SellToClose", asset="OP", tif="Day", account=MARGIN)
    page.get_by_label("Classic").check()
    expect(page.get_by_label("Side")).to_have_value("SellToClose")
    page.get_by_label("Asset").select_option("EQ")
    labels = page.get_by_label("Time in force").locator("option").all_inner_texts()
    assert {"Day (DAY)", "Day+ (DYP)", "Good till 1 minute (1)", "Fill or kill (FOK)"} <= set(labels)
    page.get_by_label("Asset").select_option("OP")
    page.get_by_label("Side").select_option("SellToClose")
    page.get_by_label("2015").check()
    assert place(page) == ("Success", "Sent order: Sell To Close 2 MSFT 261218C420")
    assert sent_order(watched)["Side"] == "SellToClose"


@pytest.mark.parametrize("dialect, tif", [("2015", "GoodTillDate"), ("Classic", "GTD")])
def test_a_past_expiry_is_refused_on_the_page_and_the_picker_starts_today(watched, page, bridge, dialect, tif):
    import datetime

    from tradestation.errors import PAST_EXPIRY
    log_in_page(page, bridge.url)
    fill(page, "MSFT", 10, order_type="Limit", limit="400", dialect=dialect, tif=tif)
    expiry = page.get_by_label("Expiration date")
    expect(expiry).to_have_attribute("min", page.evaluate(
        "(() => { const d = new Date(); return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0')"
        " + '-' + String(d.getDate()).padStart(2, '0'); })()"))
    expiry.fill("2020-01-01")
    page.locator("#place").click()
    expect(page.locator("#ticket-error")).to_have_text(PAST_EXPIRY)
    expect(expiry).to_have_attribute("aria-invalid", "true")
    assert watched.orders == []
    expiry.fill((datetime.date.today() + datetime.timedelta(days=7)).isoformat())
    assert place(page)[0] in ("Ok", "Success")


def orders_placed(simulator):
    return admin(simulator, "stats")["orders"]


@pytest.mark.parametrize("gap_ms", [30, 50, 150, 300, 500])
@pytest.mark.parametrize("mode", ["review", "one-click"])
def test_two_clicks_with_a_human_gap_place_one_order(watched, page, bridge, simulator, gap_ms, mode):
    log_in_page(page, bridge.url)
    fill(page, "AAPL", 3)
    if mode == "one-click":
        one_click(page)
        click_twice(page, "#place", gap_ms)
    else:
        page.get_by_role("button", name="Review order").click()
        expect(page.get_by_role("button", name="Send order")).to_be_enabled()
        click_twice(page, "#send", gap_ms)
    expect(page.locator("#results li")).to_have_count(1)
    page.wait_for_timeout(300)
    assert orders_placed(simulator) == 1 and len(watched.orders) == 1
    expect(page.locator("#send" if mode == "review" else "#place")).to_have_text("Sent")


@pytest.mark.parametrize("gap_ms", [50, 120, 300, 500])
def test_enter_pressed_twice_places_one_order(watched, page, bridge, simulator, gap_ms):
    log_in_page(page, bridge.url)
    fill(page, "AAPL", 3)
    one_click(page)
    page.get_by_label("Quantity").press("Enter")
    page.wait_for_timeout(gap_ms)
    page.get_by_label("Quantity").press("Enter")
    expect(page.locator("#results li")).to_have_count(1)
    page.wait_for_timeout(300)
    assert orders_placed(simulator) == 1 and len(watched.orders) == 1


@pytest.mark.parametrize("gap_ms", [50, 120, 300])
def test_enter_pressed_twice_in_review_mode_reviews_and_places_nothing(watched, page, bridge, simulator, gap_ms):
    log_in_page(page, bridge.url)
    fill(page, "AAPL", 3)
    page.get_by_label("Quantity").press("Enter")
    page.wait_for_timeout(gap_ms)
    page.keyboard.press("Enter")
    expect(page.locator("#review")).to_be_visible()
    expect(page.locator("#review-title")).to_be_focused()
    page.wait_for_timeout(300)
    assert orders_placed(simulator) == 0 and watched.orders == []


def test_an_edit_or_place_again_makes_a_new_order(watched, page, bridge, simulator):
    log_in_page(page, bridge.url)
    fill(page, "AAPL", 3)
    first_id = page.locator("#confirm-id").inner_text()
    place(page)
    page.get_by_label("Quantity").fill("4")                    # an edit: a new order, a new id
    expect(page.locator("#place")).to_have_text("Review order")
    second_id = page.locator("#confirm-id").inner_text()
    assert second_id != first_id
    place(page)
    page.get_by_role("button", name="Place again").click()     # the same order, deliberately, once more
    place(page)
    page.get_by_role("button", name="New order").click()
    expect(page.get_by_label("Symbol")).to_be_focused()
    expect(page.get_by_label("Symbol")).to_have_value("")
    ids = [json.loads(order["data"])["OrderConfirmId"] for order in watched.orders]
    assert len(set(ids)) == 3 and ids[:2] == [first_id, second_id]
    assert orders_placed(simulator) == 3


def review_figures(page):
    names = page.locator("#review-figures dt").all_inner_texts()
    return dict(zip(names, page.locator("#review-figures dd").all_inner_texts(), strict=True))


@pytest.mark.parametrize("target", ["This bridge", "TradeStation directly"])
def test_a_reviewed_order_is_sent_exactly_as_reviewed(watched, page, bridge, simulator, target):
    log_in_page(page, bridge.url)
    # The prices as typed ("421.10", "420.5") travel as typed; each is on MSFT's cent (an off-tick price is refused).
    fill(page, "MSFT", 10, order_type="StopLimit", limit="421.10", stop="420.5", tif="GoodTillCancel",
         target=target)
    expect(page.locator("#buying-power")).to_have_text("1,000,000.00")
    page.get_by_role("button", name="Review order").click()
    expect(page.locator("#review")).to_be_visible()
    figures = review_figures(page)
    assert figures == {"Order": "Buy 10 MSFT @ 421.10 Stop Limit", "Account": CASH, "Limit price": "421.10",
                       "Stop price": "420.5", "Time in force": "Good till cancelled", "Route": "Intelligent",
                       "Estimated price": "421.10", "Estimated cost": "4,211.00", "Estimated commission": "1.00",
                       "Buying power": "1,000,000.00"}
    assert orders_placed(simulator) == 0 and watched.orders == []      # a review places nothing
    expected = simulator.url + "/v2" if target != "This bridge" else bridge.url
    assert watched.urls == [] and len(watched.reviews) == 1
    page.get_by_role("button", name="Send order").click()
    expect(page.locator("#results li")).to_have_count(1)
    assert watched.orders[0]["data"] == watched.reviews[0]["data"]      # byte for byte
    assert watched.urls[0].startswith(expected + "/jsonp/orders/send?")
    assert orders_placed(simulator) == 1
    expect(page.locator("#results li").first).to_be_focused()


def test_an_edit_after_review_forces_a_new_review(watched, page, bridge, simulator):
    log_in_page(page, bridge.url)
    fill(page, "MSFT", 10, account=MARGIN)     # its side turns to Sell: a cash account's preview would refuse it
    page.get_by_role("button", name="Review order").click()
    expect(page.locator("#review")).to_be_visible()
    page.get_by_label("Quantity").fill("12")
    expect(page.locator("#review")).to_be_hidden()
    expect(page.get_by_role("button", name="Send order")).to_be_hidden()
    expect(page.locator("#status")).to_have_text("The ticket changed: review it again before sending.")
    page.get_by_label("Side").select_option("Sell")
    page.get_by_role("button", name="Review order").click()
    expect(page.locator("#review")).to_be_visible()
    assert review_figures(page)["Order"] == "Sell 12 MSFT @ Market"
    page.get_by_role("button", name="Send order").click()
    expect(page.locator("#results li")).to_have_count(1)
    assert len(watched.reviews) == 2 and len(watched.orders) == 1
    sent = sent_order(watched)
    assert (sent["Quantity"], sent["Side"]) == (12, "Sell")
    assert watched.orders[0]["data"] == watched.reviews[1]["data"]
    assert orders_placed(simulator) == 1


def test_a_review_refused_by_tradestation_says_why_and_places_nothing(watched, page, bridge, simulator):
    log_in_page(page, bridge.url)
    fill(page, "ZZZZ", 10)
    page.get_by_role("button", name="Review order").click()
    expect(page.locator("#results li")).to_have_count(1)
    first = page.locator("#results li").first
    expect(first.locator(".message")).to_have_text("Order failed. Reason: ZZZZ is not a known symbol")
    expect(first).to_have_class("result error")
    expect(page.locator("#review")).to_be_hidden()
    assert orders_placed(simulator) == 0 and watched.orders == []


@pytest.mark.parametrize("side, order_type, price_field, price, why", [
    ("Buy", "Limit", "limit", "4200", "Limit price 4200 is 900% above the last price, 420.00."),
    ("Buy", "StopMarket", "stop", "100", "Stop price 100 is 76% below the last price, 420.00."),
])
def test_a_price_far_from_the_market_needs_a_second_confirmation(watched, page, bridge, simulator, side,
                                                                 order_type, price_field, price, why):
    log_in_page(page, bridge.url)
    fill(page, "MSFT", 10, order_type=order_type, side=side, **{price_field: price})
    page.get_by_role("button", name="Review order").click()
    expect(page.locator("#review-reasons li")).to_have_text([why])
    send = page.get_by_role("button", name="Send order")
    expect(send).to_be_disabled()
    send.click(force=True)                         # a click on the disabled button sends nothing
    page.wait_for_timeout(200)
    assert watched.orders == []
    page.get_by_label("I have read why").check()
    page.get_by_label("Quantity").fill("11")      # an edit voids the review and the confirmation
    expect(page.locator("#review")).to_be_hidden()
    page.get_by_role("button", name="Review order").click()
    expect(page.get_by_label("I have read why")).not_to_be_checked()
    page.get_by_label("I have read why").check()
    send.click()
    expect(page.locator("#results li")).to_have_count(1)
    assert orders_placed(simulator) == 1


def test_a_large_order_needs_a_second_confirmation_even_with_one_click(watched, page, bridge, simulator):
    log_in_page(page, bridge.url)
    one_click(page)
    fill(page, "MSFT", 1_000_000)
    click_twice(page, "#place", 150)               # a double click on Place order: a review, no order
    expect(page.locator("#review-reasons li")).to_have_text(
        ["The order is worth about 420,000,000.00, more than 100,000.00.",
         re.compile(r"It would cost about [0-9,.]+, more than the account's buying power \(1,000,000\.00\)\.")])
    page.wait_for_timeout(200)
    assert watched.orders == [] and orders_placed(simulator) == 0
    page.get_by_label("I have read why").check()
    page.get_by_role("button", name="Send order").click()
    expect(page.locator("#results li .message").first).to_have_text("Order failed. Reason: Insufficient buying power")


@pytest.mark.parametrize("bridge_config", [{"TS_PRICE_BAND_PERCENT": "1000", "TS_ORDER_VALUE_LIMIT": "1e10"}],
                         indirect=True)
def test_the_guard_rails_follow_the_bridge_settings(watched, page, bridge, simulator):
    log_in_page(page, bridge.url)
    one_click(page)
    fill(page, "MSFT", 100, order_type="Limit", limit="4200")      # 900 % away: under a 1000 % band
    assert place(page)[0] == "Success"
    expect(page.locator("#review")).to_be_hidden()


@pytest.mark.parametrize("bridge_config", [{"TS_ENVIRONMENT": "LIVE"}], indirect=True)
def test_live_is_unmistakable_and_always_reviewed(watched, page, bridge, simulator):
    page.goto(bridge.url + "/")
    expect(page.locator("header .badge")).to_have_text("LIVE")             # before logging in, too
    expect(page.locator(".live-banner")).to_contain_text("real money")
    log_in_page(page, bridge.url)
    expect(page.locator("header .badge")).to_have_text("LIVE")
    expect(page.locator(".live-banner")).to_be_visible()
    expect(page.get_by_label("One-click")).to_have_count(0)
    # Even a one-click box slipped into the page does not skip the review.
    page.evaluate("""() => {
        const box = document.createElement("input");
        box.type = "checkbox"; box.id = "one-click"; box.checked = true;
        document.getElementById("ticket").append(box);
    }""")
    fill(page, "MSFT", 10)
    page.get_by_label("Quantity").press("Enter")
    expect(page.locator("#review")).to_be_visible()
    assert watched.orders == []
    expect(page.get_by_role("button", name="Place LIVE order")).to_have_class("primary live")
    page.get_by_role("button", name="Place LIVE order").click()
    expect(page.locator("#results li")).to_have_count(1)
    assert orders_placed(simulator) == 1
    screenshot(page, "ticket-live.png")


# --- issue #9: showing what was sent --------------------------------------------------------------------
def test_results_and_journal_show_what_was_sent_exactly(watched, page, bridge):
    log_in_page(page, bridge.url)
    expect(page.get_by_label("Symbol")).to_be_focused()                  # the ticket opens on Symbol
    fill(page, "EURUSD", 10000, order_type="StopLimit", limit="1.07855", stop="1.078", account=FOREX,
         asset="FX", dialect="Classic", tif="GTD")
    page.get_by_label("Expiration date").fill("2030-12-31")
    status, _ = place(page)
    assert status == "Ok"
    result = page.locator("#results li").first
    expect(result).to_be_focused()
    expect(result.locator(".meta")).to_contain_text(
        f"Account {FOREX} · limit 1.07855 · stop 1.078 · Good till date (GTD) until 12/31/2030 · this bridge")
    row = page.locator("#journal tbody tr").first
    expect(row.locator("td")).to_have_text([
        re.compile(r"\d"), "received", "Buy 10,000 EURUSD @ 1.07855 Stop Limit, stop 1.078",
        "Good till date (GTD) until 12/31/2030", FOREX, re.compile(r"^\d+$"), re.compile(".*")])
    white_space = row.locator("td").evaluate_all("cells => cells.map(c => getComputedStyle(c).whiteSpace)")
    assert [white_space[i] for i in (0, 4, 5)] == ["nowrap"] * 3        # time, account, order id
    # A refresh that fails says so: the rows left on the page would otherwise read as an answer.
    page.route("**/journal?**", lambda route: route.fulfill(status=502, body="Bad Gateway"))
    refreshed_journal(page)
    expect(page.locator("#journal-failed")).to_have_text(
        "The journal could not be refreshed (HTTP 502): what it shows may be out of date.")
    expect(row.locator("td").nth(1)).to_have_text("received")
    page.unroute("**/journal?**")
    refreshed_journal(page)
    expect(page.locator("#journal-failed")).to_be_hidden()


def test_an_ended_session_offers_to_log_in_again(watched, page, bridge):
    page.clock.install()        # the page's timers: held while the session ends, so the review finds it
    # The live stream would tell of the ended login first (test_live_stream_browser.py shows that way); here
    # the review is to meet it, so the stream never opens.
    page.route(lambda url: urlsplit(url).path == "/live", lambda route: route.abort())
    in_flight = set()
    page.on("request", lambda request: in_flight.add(request.url))
    page.on("requestfinished", lambda request: in_flight.discard(request.url))
    page.on("requestfailed", lambda request: in_flight.discard(request.url))
    log_in_page(page, bridge.url)
    fill(page, "MSFT", 10)
    csrf = page.locator("input[name=csrf_token]").get_attribute("value")
    page.clock.pause_at(page.evaluate("Date.now()") + 1)
    for _ in range(200):        # a poll already on its way must come back before the session ends
        if not in_flight:
            break
        page.wait_for_timeout(50)
    page.request.post(bridge.url + "/logout", form={"csrf_token": csrf})
    page.get_by_role("button", name="Review order").click()
    card = page.locator("#results li").first
    expect(card.locator(".status")).to_have_text("401")
    page.clock.resume()
    expect(card.get_by_role("link", name="Log in again")).to_have_attribute("href", "/login")
    expect(page.locator("header")).to_contain_text("Not logged in")
    expect(page.get_by_role("button", name="Log out")).to_be_hidden()
    # Nothing is polled for a session that is gone.
    polled = []
    page.on("request", lambda request: polled.append(request.url) if "/market/" in request.url else None)
    page.wait_for_timeout(2500)
    assert polled == []
    page.locator("header").get_by_role("link", name="Log in again").click()
    page.get_by_label("User name").fill("demo")
    page.get_by_label("Password").fill("demo")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Order ticket")).to_be_visible()
    assert watched.orders == []


# --- issue #9: market context -------------------------------------------------------------------------------
def test_the_ticket_shows_the_market_for_its_symbol_and_account(watched, page, bridge, sim):
    log_in_page(page, bridge.url)
    expect(page.locator("#buying-power")).to_have_text("1,000,000.00")
    expect(page.locator("#positions-empty")).to_be_visible()
    fill(page, "MSFT", 10)
    expect(page.locator("#quote-name")).to_have_text("MSFT · Microsoft Corp")
    expect(page.locator("#quote-bid")).to_contain_text("419.99")
    expect(page.locator("#quote-ask")).to_contain_text("420.00")
    expect(page.locator("#quote-last")).to_have_text("420.00")
    # The strip follows the market by itself.
    sim.admin("POST", "price", json={"Symbol": "MSFT", "Last": "425.50"})
    expect(page.locator("#quote-last")).to_have_text("425.50", timeout=6000)
    expect(page.locator("#quote-change")).to_contain_text("+")
    # A click on the ask makes it the limit price of a limit order.
    page.locator("#quote-ask").click()
    expect(page.get_by_label("Order type")).to_have_value("Limit")
    expect(page.get_by_label("Limit price")).to_have_value("425.50")      # as TradeStation shows it
    page.get_by_role("button", name="Review order").click()
    expect(page.locator("#review")).to_be_visible()
    figures = dict(zip(page.locator("#review-figures dt").all_inner_texts(),
                       page.locator("#review-figures dd").all_inner_texts(), strict=True))
    assert figures["Buying power"] == "1,000,000.00"
    page.get_by_role("button", name="Send order").click()
    expect(page.locator("#results li")).to_have_count(1)
    # The fill is a position; cash paid for it and its 1.00 commission, and a cash account's buying power is its cash.
    expect(page.locator("#positions tbody tr td")).to_have_text(["MSFT", "10", "425.50", "425.50", "0.00"])
    expect(page.locator("#cash")).to_have_text("995,744.00")
    expect(page.locator("#buying-power")).to_have_text("995,744.00")
    page.set_viewport_size(NARROW)
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]
    screenshot(page, "ticket-market-narrow.png")


# --- issue #9: the order's life after it is sent ------------------------------------------------------------
def sim_order(sim, order_id):
    token = sim.token()
    entries = sim.call("GET", f"/accounts/{CASH}/orders", token=token).json()
    return {str(entry["OrderID"]): entry for entry in entries}[str(order_id)]


def test_a_resting_order_is_modified_cancelled_and_another_filled_as_the_trader_sees_it(watched, page, bridge, sim):
    log_in_page(page, bridge.url)
    fill(page, "ARNA", 10, order_type="Limit", limit="1.45")
    place(page)
    order_id = page.locator("#results li .meta").first.inner_text().split()[1]
    row = page.locator(f"#orders tr[data-order='{order_id}']")
    expect(row.locator("td").nth(3)).to_have_text("received")
    expect(row.locator("td").nth(2)).to_have_text("Buy 10 ARNA Limit · limit 1.45 · Day")

    # A price off the tick is refused in the editor, in TradeStation's words, and nothing is sent.
    changes = []
    page.on("request", lambda request: changes.append(request.url) if "/cancelreplace" in request.url else None)
    row.get_by_role("button", name=f"Modify order {order_id}").click()
    editor = page.locator(f"#orders .modify-row[data-order='{order_id}']")
    editor.get_by_label("Limit price").fill("1.445")
    editor.get_by_role("button", name="Send change").click()
    expect(editor.locator(".modify-cautions")).to_have_text(
        "Order failed. Reason: Limit price 1.445 is not a multiple of the tick size of ARNA, 0.01")
    expect(editor.get_by_label("Limit price")).to_have_value("1.445")
    assert changes == []

    # Modify: a new quantity and price, through the JSONP twin.
    modify(page, order_id, 20, "1.44")
    expect(row.locator("td").nth(2)).to_have_text("Buy 20 ARNA Limit · limit 1.44 · Day")
    listed = sim_order(sim, order_id)
    assert (listed["Quantity"], listed["LimitPrice"], listed["Status"]) == (20, 1.44, "OPN")

    # Cancel, with a human double click: one cancel request.
    cancels = []
    page.on("request", lambda request: cancels.append(request.url) if "/cancel?" in request.url else None)
    click_twice(page, f"#orders tr[data-order='{order_id}'] .cancel-order", 150)
    expect(row.locator("td").nth(3)).to_have_text("cancelled")
    page.wait_for_timeout(300)
    assert len(cancels) == 1 and sim_order(sim, order_id)["Status"] == "CAN"
    expect(row.get_by_role("button")).to_have_count(0)
    refreshed_journal(page)
    states = dict(zip(page.locator("#journal tbody tr td:nth-child(6)").all_inner_texts(),
                      page.locator("#journal tbody tr td:nth-child(2)").all_inner_texts(), strict=True))
    assert states[order_id] == "cancelled"
    assert sorted(page.locator("#journal tbody tr td:nth-child(2)").all_inner_texts()) == \
        ["cancel sent", "cancelled", "change sent"]
    # The cancel's row names the order's account too, though v2's cancel does not carry one.
    assert page.locator("#journal tbody tr td:nth-child(5)").all_inner_texts() == [CASH] * 3
    assert "Change order " + order_id + " to 20 @ 1.44 Limit" in page.locator("#journal tbody").inner_text()
    # The order's own row: what it was sent as, and what it was changed to (a fill would be at those terms).
    assert "Buy 10 ARNA @ 1.45 Limit → changed to Buy 20 ARNA Limit · limit 1.44 · Day" in \
        page.locator("#journal tbody").inner_text()

    # Another resting order fills when the price reaches it: the page and the journal say so.
    page.get_by_role("button", name="New order").click()
    fill(page, "ARNA", 10, order_type="Limit", limit="1.45")
    place(page)
    second = page.locator("#results li .meta").first.inner_text().split()[1]
    sim.admin("POST", "price", json={"Symbol": "ARNA", "Last": "1.45"})
    expect(page.locator(f"#orders tr[data-order='{second}'] td").nth(3)).to_have_text("filled at 1.45", timeout=6000)
    expect(page.locator("#journal tbody tr").first.locator("td").nth(1)).to_have_text("filled at 1.45")
    assert sim_order(sim, second)["Status"] == "FLL"
    screenshot(page, "ticket-orders.png")


def test_a_far_modification_needs_a_second_confirmation(watched, page, bridge, sim):
    log_in_page(page, bridge.url)
    fill(page, "ARNA", 10, order_type="Limit", limit="1.45")
    place(page)
    order_id = page.locator("#results li .meta").first.inner_text().split()[1]
    page.get_by_role("button", name=f"Modify order {order_id}").click()
    editor = page.locator(f"#orders .modify-row[data-order='{order_id}']")
    editor.get_by_label("Limit price").fill("15")
    editor.get_by_role("button", name="Send change").click()
    expect(editor.locator(".modify-cautions")).to_contain_text("Limit price 15 is 900% above the last price")
    expect(editor.get_by_role("button", name="Send change")).to_be_disabled()     # a double click confirms nothing
    assert sim_order(sim, order_id)["LimitPrice"] == 1.45
    editor.get_by_role("button", name="Confirm change").click()
    expect(page.locator("#results li .message").first).to_have_text("Cancel/Replace order sent.")
    assert sim_order(sim, order_id)["Status"] == "FLL"          # a buy limit far above the market fills at once


def test_a_partial_fill_shows_how_much_filled_and_the_position(page, bridge, sim):
    log_in_page(page, bridge.url)
    fill(page, "ARNA", 20000, order_type="Limit", limit="1.46")
    place(page)
    order_id = page.locator("#results li .meta").first.inner_text().split()[1]
    moved = sim.admin("POST", "price", json={"Symbol": "ARNA", "Last": "1.46"}).json()
    assert moved["partly_filled"] == [order_id]
    size = moved["quote"]["AskSize"]
    row = page.locator(f"#orders tr[data-order='{order_id}']")
    expect(row.locator("td").nth(3)).to_have_text(f"partly filled: {size} of 20000 at 1.46", timeout=6000)
    expect(row.get_by_role("button", name=f"Cancel order {order_id}")).to_be_enabled()   # the rest is still open
    expect(page.locator("#positions tbody tr td").first).to_have_text("ARNA")
    expect(page.locator("#positions tbody tr td").nth(1)).to_have_text(str(size))
    expect(page.locator("#journal tbody tr").first.locator("td").nth(1)).to_have_text(
        f"partly filled: {size} of 20000 at 1.46")


def test_an_edit_while_the_review_is_asked_discards_that_review(watched, page, bridge, sim):
    log_in_page(page, bridge.url)
    fill(page, "MSFT", 10)
    sim.admin("POST", "faults", json={"SIM_LATENCY_MS": 400})
    page.get_by_role("button", name="Review order").click()
    page.get_by_label("Quantity").fill("11")                       # while TradeStation is still answering
    expect(page.locator("#status")).to_have_text("The ticket changed: review it again before sending.", timeout=6000)
    expect(page.locator("#ticket")).not_to_have_attribute("aria-busy", "true")
    expect(page.locator("#review")).to_be_hidden()
    sim.admin("POST", "faults", json={"SIM_LATENCY_MS": 0})
    assert place(page)[0] == "Success"
    assert sent_order(watched)["Quantity"] == 11


# --- found by trying the ticket as a trader: the session, uncertain sends, a new order's side ----------
def test_a_logout_in_another_tab_stops_this_page_sending_even_to_tradestation_directly(chromium, bridge, simulator):
    context = chromium.new_context(viewport=WIDE)
    try:
        ticket, other_tab = context.new_page(), context.new_page()
        log_in_page(ticket, bridge.url)
        fill(ticket, "IBM", 2, target="TradeStation directly")
        other_tab.goto(bridge.url + "/")
        other_tab.get_by_role("button", name="Log out").click()
        # The ticket's next call of its own (the polls come every 2 s) finds the session gone.
        expect(ticket.locator(".top .user")).to_have_text("Not logged in", timeout=10_000)
        expect(ticket.locator("#place")).to_be_disabled()
        sends = []
        ticket.on("request", lambda request: sends.append(request.url) if "/jsonp/orders/" in request.url else None)
        before = orders_placed(simulator)
        ticket.get_by_label("Quantity").press("Enter")
        ticket.wait_for_timeout(500)
        assert sends == [] and orders_placed(simulator) == before
        assert ticket.evaluate("() => document.body.innerText").count("Log in again") >= 1
    finally:
        context.close()


def test_after_an_uncertain_send_the_same_ticket_must_be_reviewed_again(watched, page, bridge, sim):
    log_in_page(page, bridge.url)
    fill(page, "IBM", 8)
    confirm_id = page.locator("#confirm-id").inner_text()
    page.get_by_role("button", name="Review order").click()
    expect(page.locator("#review")).to_be_visible()
    sim.admin("POST", "faults", json={"SIM_ERROR_RATE": 1.0})
    page.get_by_role("button", name="Send order").click()
    expect(page.locator("#results li").first).to_have_class("result unknown")
    sim.admin("POST", "faults", json={"SIM_ERROR_RATE": 0.0})
    expect(page.locator("#review")).to_be_hidden()
    expect(page.locator("#status")).to_contain_text("Its fate is not known yet")
    assert len(watched.orders) == 1
    # The same ticket (one OrderConfirmId), reviewed again before it can be sent again.
    expect(page.locator("#place")).to_have_text("Review order")
    expect(page.locator("#confirm-id")).to_have_text(confirm_id)


def test_new_order_asks_for_the_side_again(watched, page, bridge):
    log_in_page(page, bridge.url)
    one_click(page)
    fill(page, "MSFT", 5, side="Sell", account=MARGIN)     # a cash account sells only what it holds
    assert place(page)[0] == "Success"
    page.get_by_role("button", name="New order").click()
    expect(page.locator("#status")).to_have_text("A new order: fill the ticket, choosing the side again.")
    expect(page.get_by_label("Side")).to_have_value("")
    page.get_by_label("Symbol").fill("ARNA")
    page.get_by_label("Quantity").fill("100")
    page.locator("#place").click()
    expect(page.locator("#ticket-error")).not_to_be_empty()
    assert len(watched.orders) == 1, "no order goes out without a side chosen"


def test_place_again_says_what_it_did_and_a_rejection_is_not_called_sent(watched, page, bridge):
    log_in_page(page, bridge.url)
    fill(page, "MSFT", 9_999_999)
    page.get_by_role("button", name="Review order").click()
    expect(page.locator("#review-reasons")).to_contain_text("more than the account's buying power")
    page.get_by_label("I have read why").check()
    page.get_by_role("button", name="Send order").click()
    expect(page.locator("#results li").first).to_have_class("result failed")
    expect(page.locator("#status")).to_have_text("Not placed. Change the ticket, or choose New order.")
    page.get_by_role("button", name="Place again").click()
    expect(page.locator("#status")).to_have_text("The same order on a new ticket: review it, then send.")


# --- issue 21: the smaller defects a manual tester found ----------------------------------------------------
FUTURES = "556677"


def test_an_account_with_one_asset_takes_it_and_offers_its_sides(watched, page, bridge):
    """A futures account trades futures alone: nothing to choose, so the ticket takes it, and its sides."""
    log_in_page(page, bridge.url)
    fill(page, "MSFT", 10)
    page.get_by_label("Account").select_option(FUTURES)
    asset = page.get_by_label("Asset")
    expect(asset.locator("option")).to_have_text(["Future (FU)"])
    expect(asset).to_have_value("FU")
    expect(asset).not_to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Side").locator("option")).to_have_text(["Buy", "Sell"])
    expect(page.get_by_label("Side")).to_have_value("Buy")
    expect(page.locator("#ticket-error")).to_have_text("")
    page.get_by_label("Symbol").fill("ESZ26")
    page.get_by_label("Quantity").fill("1")
    page.get_by_role("button", name="Review order").click()
    expect(page.locator("#review")).to_be_visible()
    assert review_figures(page)["Order"].startswith("Buy 1 ESZ26")
    assert json.loads(watched.reviews[-1]["data"])["AssetType"] == "Future"


def test_prices_keep_the_instruments_decimals_from_the_quote_to_the_journal_and_the_modify_editor(page, bridge, sim):
    log_in_page(page, bridge.url)
    one_click(page)
    fill(page, "IBM", 5)
    sim.admin("POST", "price", json={"Symbol": "IBM", "Last": "190"})
    expect(page.locator("#quote-ask")).to_contain_text("190.00", timeout=6000)
    page.locator("#quote-ask").click()
    expect(page.get_by_label("Limit price")).to_have_value("190.00")      # not "190"
    place(page)
    page.get_by_role("button", name="Refresh").click()
    expect(page.locator("#journal tbody tr").first.locator("td").nth(2)).to_have_text("Buy 5 IBM @ 190.00 Limit")

    # A resting order's Modify editor starts from its prices as TradeStation shows them.
    page.get_by_role("button", name="New order").click()
    fill(page, "MSFT", 10, order_type="Limit", limit="400")
    place(page)
    order_id = page.locator("#results li .meta").first.inner_text().split()[1]
    page.get_by_role("button", name=f"Modify order {order_id}").click()
    editor = page.locator(f"#orders .modify-row[data-order='{order_id}']")
    expect(editor.get_by_label("Limit price")).to_have_value("400.00")


@pytest.mark.parametrize("bridge_config", [{"TS_ENVIRONMENT": "LIVE"}], indirect=True)
def test_the_live_banner_never_covers_the_review_it_scrolls_to(page, bridge):
    """A small window and a review with cautions, taller than the window: its top is scrolled to, below the
    sticky banner, not under it."""
    page.set_viewport_size({"width": 400, "height": 500})
    log_in_page(page, bridge.url)
    fill(page, "IBM", 5, order_type="Limit", limit="150.25")         # 24 % below the last price: cautions
    page.get_by_role("button", name="Review order").click()
    expect(page.locator("#review-cautions")).to_be_visible()
    expect(page.locator("#review-title")).to_be_focused()
    banner = page.locator(".live-banner").bounding_box()
    title = page.locator("#review-title").bounding_box()
    assert title["y"] >= banner["y"] + banner["height"]
