"""The login page and the ticket checked by axe-core in Chromium, at a desktop width and at a phone's: no
violation of any impact, with every part of the ticket shown that a trader or a demoer opens."""

import pytest
from playwright.sync_api import expect

from harness.axe import violations
from harness.browser import WIDE
from harness.login import log_in_page
from harness.ticket_page import NARROW, fill, one_click, place

WIDTHS = {"1280": WIDE, "400": NARROW}
JOURNAL_COLUMNS = ["Time", "State", "Order", "Time in force", "Account", "Order id", "Message"]
ORDER_COLUMNS = ["Order id", "Account", "Order", "Status", None]     # the actions' buttons say what they are


def no_violations(page):
    found = violations(page)
    assert found == [], "\n".join(found)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_login_page_has_no_violations(page, bridge, width):
    page.set_viewport_size(WIDTHS[width])
    page.goto(bridge.url + "/")
    expect(page.get_by_role("link", name="Log in with TradeStation")).to_be_visible()
    no_violations(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_ticket_with_everything_open_has_no_violations(page, embedded, width):
    """Results, today's orders, positions and the journal filled by two orders; the review of a third shown; an
    inspector call, the dialects and raw mode open; the demo panel (the embedded simulator's) with its events."""
    page.set_viewport_size(WIDTHS[width])
    log_in_page(page, embedded.bridge.url)
    expect(page.get_by_role("heading", name="Demo controls")).to_be_visible()
    one_click(page)
    fill(page, "MSFT", 10)
    assert place(page) == ("Success", "Sent order: Buy 10 MSFT")
    fill(page, "IBM", 5, order_type="Limit", limit="150.25")
    place(page, accept_warnings=True)
    page.get_by_role("button", name="Refresh").click()
    expect(page.locator("#journal tbody tr")).to_have_count(2)
    expect(page.locator("#positions tbody tr")).not_to_have_count(0)
    expect(page.locator("#orders tbody tr")).not_to_have_count(0)

    page.locator("#calls > li summary").first.click()
    page.get_by_text("The ticket's order in both dialects").click()
    page.get_by_text("Raw mode: send an order exactly as typed").click()
    page.get_by_role("button", name="Copy the ticket's order").click()
    page.get_by_label("One-click").uncheck()
    page.get_by_label("Quantity").fill("7")
    page.get_by_role("button", name="Review order").click()
    expect(page.locator("#review")).to_be_visible()
    no_violations(page)

    # At either width every column of the positions is in the window (Open P/L was cut at 400 px), and each
    # cell of the journal and of today's orders names its column (the narrow layout stacks the rows without the
    # table's head: today's orders read "208033610 281994" there, which was the order id and which the account).
    # Read in one step each: the positions and the journal are drawn again while the page polls.
    expect(page.locator("#positions tbody tr td").nth(4)).to_be_visible()
    open_pl_right = page.evaluate(
        "document.querySelector('#positions tbody tr td:nth-child(5)').getBoundingClientRect().right")
    assert open_pl_right <= WIDTHS[width]["width"]
    labels = page.evaluate("[...document.querySelectorAll('#journal tbody tr:first-child td')]"
                           ".map((cell) => cell.getAttribute('data-label'))")
    assert labels == JOURNAL_COLUMNS
    labels = page.evaluate("[...document.querySelectorAll('#orders tbody tr:first-child td')].map((cell) => "
                           "[cell.getAttribute('data-label'), getComputedStyle(cell, '::before').content])")
    assert [label for label, _ in labels] == ORDER_COLUMNS
    # What the narrow layout writes before each cell: the column's name there, nothing at a desktop's width.
    shown = [f'"{label}: "' if width == "400" else "none" for label in ORDER_COLUMNS[:-1]]
    assert [before for _, before in labels[:-1]] == shown


@pytest.mark.parametrize("bridge_config", [{"TS_ENVIRONMENT": "LIVE"}], indirect=True)
@pytest.mark.parametrize("width", WIDTHS)
def test_the_live_ticket_and_its_review_have_no_violations(page, bridge, width):
    """LIVE's banner and red buttons, and a review with cautions, as a trader placing real orders sees them."""
    page.set_viewport_size(WIDTHS[width])
    log_in_page(page, bridge.url)
    expect(page.locator(".live-banner")).to_be_visible()
    fill(page, "IBM", 5, order_type="Limit", limit="150.25")
    page.get_by_role("button", name="Review order").click()
    expect(page.locator("#review-cautions")).to_be_visible()
    no_violations(page)
