"""The login session as the ticket lives it: logging out ends it, the token never shows in the page, a refused
token is replaced and the same ticket sent once, and a session ended elsewhere (another tab, the server) stops
the page sending and offers to log in again.
"""

import json
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from harness.browser import WIDE
from harness.login import log_in_page
from harness.ticket_page import fill, one_click, orders_placed, place


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
