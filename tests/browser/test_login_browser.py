"""Logging in as a person does, in Chromium: the bridge's login link, TradeStation's sign-in form, back to
the armed ticket. The other browser tests log in over HTTP and hand the session cookie to the browser
(harness.login.log_in_page); this is the one that keeps the whole way through the pages."""

from playwright.sync_api import expect

from harness.login import log_in_page_through_form


def test_a_trader_logs_in_through_tradestations_form_and_lands_on_the_armed_ticket(watched, page, bridge):
    log_in_page_through_form(page, bridge.url, "other", "other")
    expect(page.locator("header")).to_contain_text("other")
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    cookies = {cookie["name"]: cookie for cookie in page.context.cookies(bridge.url)}
    assert cookies["tsbridge"]["httpOnly"] and cookies["tsbridge"]["sameSite"] == "Lax"
    assert watched.orders == []


def test_a_wrong_password_keeps_the_trader_on_tradestations_form(page, bridge):
    page.goto(bridge.url + "/")
    page.get_by_role("link", name="Log in with TradeStation").click()
    page.get_by_label("User name").fill("demo")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
    page.goto(bridge.url + "/")
    expect(page.get_by_role("link", name="Log in with TradeStation")).to_be_visible()
