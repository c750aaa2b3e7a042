"""The ticket page as a trader uses it: headless Chromium against a live bridge and simulator.

Everything goes through the page: the login link, the simulator's login form, the ticket's
labelled controls, the "Place order" button. Orders are checked where they land: the results
list, the bridge's journal and the simulator's own order book.
"""

import json
import os
import re
from urllib.parse import urlsplit

import pytest
import requests
from playwright.sync_api import expect

from harness.browser import WIDE
from harness.login import log_in_page
from harness.orders import global_order
from harness.servers import ROOT

SCREENSHOTS = ROOT / "docs" / "screenshots"
NARROW = {"width": 400, "height": 800}
CASH, FOREX = "281994", "12345"


def screenshot(page, name):
    """Every run takes the README's pictures; `make screenshots` keeps them (their times and ids change)."""
    picture = page.screenshot(full_page=True)
    assert picture.startswith(b"\x89PNG") and len(picture) > 10_000
    if os.environ.get("TSBRIDGE_SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        (SCREENSHOTS / name).write_bytes(picture)


# --- helpers --------------------------------------------------------------------------------------
def fill(page, symbol, quantity, order_type="Market", limit=None, stop=None, account=CASH, side=None,
         target="This bridge", dialect=None, tif=None):
    page.get_by_label("Account").select_option(account)
    if dialect:
        page.get_by_label(dialect).check()
    page.get_by_label(target).check()
    page.get_by_label("Symbol").fill(symbol)
    if side:
        page.get_by_label("Side").select_option(side)
    page.get_by_label("Quantity").fill(str(quantity))
    page.get_by_label("Order type").select_option(order_type)
    if limit is not None:
        page.get_by_label("Limit price").fill(limit)
    if stop is not None:
        page.get_by_label("Stop price").fill(stop)
    if tif:
        page.get_by_label("Time in force").select_option(tif)


def place(page):
    """Click "Place order" and return the new result's (status, message) once it is shown."""
    results = page.locator("#results li")
    before = results.count()
    page.get_by_role("button", name="Place order").click()
    expect(results).to_have_count(before + 1)
    expect(page.get_by_role("button", name="Place order")).to_be_enabled()
    newest = results.first
    return newest.locator(".status").inner_text(), newest.locator(".message").inner_text()


def journal(page, bridge_url):
    answer = page.request.get(bridge_url + "/journal")
    assert answer.status == 200
    return answer.json()


def sent_order(watched, index=-1):
    return json.loads(watched.orders[index]["data"])


# --- the tests --------------------------------------------------------------------------------------
def test_logged_out_page_explains_and_offers_the_login(page, bridge):
    page.goto(bridge.url + "/")
    expect(page.get_by_role("heading", name="Place TradeStation orders from one ticket")).to_be_visible()
    link = page.get_by_role("link", name="Log in with TradeStation")
    expect(link).to_have_attribute("href", "/login")
    expect(page.get_by_role("button", name="Place order")).to_have_count(0)


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
    expect(sides).to_have_text(["Buy To Open", "Buy To Close", "Sell To Open", "Sell To Close"])
    page.get_by_label("Account").select_option(FOREX)
    expect(page.get_by_label("Asset").locator("option")).to_have_text(["Forex (FX)"])
    expect(sides).to_have_text(["Buy", "Sell"])
    page.get_by_label("2015").check()
    page.get_by_label("Account").select_option(CASH)
    page.get_by_label("Order type").select_option("Market")
    page.get_by_label("Time in force").select_option("Day")
    screenshot(page, "ticket.png")


def test_nothing_inline_and_untrusted_text_only_as_text(page, bridge):
    log_in_page(page, bridge.url)
    html = page.request.get(bridge.url + "/").text()
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []
    assert re.findall(r"\s(?:style|on[a-z]+)\s*=", html) == []
    assert page.locator("#results").get_attribute("aria-live") == "polite"
    script = (ROOT / "static" / "ticket.js").read_text()
    assert ".html(" not in script and "innerHTML" not in script and "eval(" not in script


# TradeStation echoes the order with its price in the classic dialect, without it in the 2015 one.
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
    assert place(page) == (ok, limit_message)
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
         tif="GTD")
    page.get_by_label("Expiration date").fill("2030-01-31")
    status, message = place(page)
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
    page.get_by_role("button", name="Place order").click()
    expect(error).to_have_text("Missing order symbol.")
    expect(page.get_by_label("Symbol")).to_have_attribute("aria-invalid", "true")
    fill(page, "MSFT", 10, order_type="Limit")
    page.get_by_role("button", name="Place order").click()
    expect(error).to_have_text("Missing order limit price.")
    page.get_by_label("Limit price").fill("12.3.4")
    page.get_by_role("button", name="Place order").click()
    expect(error).to_have_text("Invalid limit price.")
    fill(page, "MSFT", "", order_type="StopMarket")
    page.get_by_role("button", name="Place order").click()
    expect(error).to_have_text("Missing order quantity.")
    fill(page, "MSFT", 10, order_type="StopMarket")
    page.get_by_role("button", name="Place order").click()
    expect(error).to_have_text("Missing order stop price.")
    fill(page, "MSFT", 10, tif="GoodTillDate")
    page.get_by_role("button", name="Place order").click()
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
        page.get_by_role("button", name="Place order").click()
        order = global_order(AccountId=CASH, Symbol=symbol.upper(), Quantity=quantity, Type=order_type,
                             TimeInForce=tif, LimitPrice=limit, StopPrice=stop, OrderConfirmId=None)
        with pytest.raises(ApiError) as refusal:
            parse_order(order, "2015")
        expect(page.locator("#ticket-error")).to_have_text(refusal.value.message)
    assert watched.orders == []


def test_double_click_places_one_order(watched, page, bridge, sim):
    log_in_page(page, bridge.url)
    fill(page, "AAPL", 3)
    confirm_id = page.locator("#confirm-id").inner_text()
    assert len(confirm_id) == 22 and set(confirm_id) <= set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    page.get_by_role("button", name="Place order").dblclick()
    expect(page.locator("#results li")).to_have_count(1)
    expect(page.get_by_role("button", name="Place order")).to_be_enabled()
    assert len(watched.orders) == 1
    assert [row["confirm_id"] for row in journal(page, bridge.url)].count(confirm_id) == 1
    assert sim.stats()["orders"] == 1
    expect(page.locator("#confirm-id")).not_to_have_text(confirm_id)


def test_logging_out_ends_the_session(page, bridge):
    log_in_page(page, bridge.url)
    assert page.request.get(bridge.url + "/auth/token").status == 200
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("link", name="Log in with TradeStation")).to_be_visible()
    assert page.request.get(bridge.url + "/auth/token").status == 401
    page.goto(bridge.url + "/")
    expect(page.get_by_role("button", name="Place order")).to_have_count(0)


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
    fill(page, symbol, quantity, target=target)
    assert place(page) == ("Failed", reason)
    expect(page.locator("#results li").first).to_have_class("result failed")
    expect(page.locator("#results li .meta").first).to_contain_text("Order ")      # it did get an order id
    if target == "This bridge":
        expect(page.locator("#journal tbody tr").first).to_contain_text("rejected")


def test_direct_target_refreshes_a_refused_token_and_retries_the_same_ticket_once(watched, page, bridge, sim):
    log_in_page(page, bridge.url)
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
    expect(page.locator("#confirm-id")).not_to_have_text(confirm_id)


@pytest.mark.parametrize("target, words", [
    ("TradeStation directly", "TradeStation had a problem; the order may not have been placed."),
    ("This bridge", "may or may not have been placed"),
])
def test_a_server_error_is_explained(watched, page, bridge, sim, target, words):
    log_in_page(page, bridge.url)
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
    fill(page, "MSFT", 1, target="TradeStation directly")
    sim.admin("POST", "faults", json={"SIM_QUOTA": 1})
    assert place(page)[0] == "Success"
    status, message = place(page)
    assert status == "403" and "quota" in message and "Quota Exceeded" in message


def test_the_ticket_page_is_light(chromium, bridge):
    """The issue's budget: the whole ticket page (document, jQuery, ticket.js, ticket.css) well under 100 KB
    on the wire. jQuery alone is 87.5 KB uncompressed, so the bridge must compress what it serves."""
    context = chromium.new_context(viewport=WIDE)
    page = context.new_page()
    log_in_page(page, bridge.url)
    page.wait_for_load_state("networkidle")
    loaded = page.evaluate("[location.href].concat(performance.getEntriesByType('resource').map(e => e.name))")
    cookies = {cookie["name"]: cookie["value"] for cookie in context.cookies(bridge.url)}
    context.close()
    assert sorted(urlsplit(url).path for url in loaded if urlsplit(url).path.endswith(".js")) == [
        "/static/ticket.js", "/vendor/jquery-3.7.1.min.js"]
    sizes = {}
    for url in loaded:
        if urlsplit(url).path in ("/", "/static/ticket.js", "/static/ticket.css", "/vendor/jquery-3.7.1.min.js"):
            # The bytes on the wire, compressed or not, for what a browser accepts.
            answer = requests.get(url, cookies=cookies, stream=True, timeout=10,
                                  headers={"Accept-Encoding": "gzip, deflate, br"})
            assert answer.status_code == 200
            sizes[urlsplit(url).path] = len(answer.raw.read(decode_content=False))
    assert len(sizes) == 4 and sum(sizes.values()) < 100_000, sizes
