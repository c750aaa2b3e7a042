"""The ticket page checks a price against the symbol's tick before anything is sent, with the simulator's words,
and its arrow keys step a price by that tick."""

from playwright.sync_api import expect

from harness.login import log_in_page
from harness.ticket_page import FUTURES, fill

OFF_TICK = "Order failed. Reason: Limit price 4990.13 is not a multiple of the tick size of ESZ26, 0.25"


def test_an_off_tick_future_is_refused_on_the_page_and_nothing_is_sent(watched, page, bridge):
    log_in_page(page, bridge.url)
    fill(page, "ESZ26", 1, order_type="Limit", limit="4990.13", account=FUTURES, asset="FU", tif="Day")
    expect(page.locator("#quote-last")).to_be_visible()          # the quote its tick is read from
    page.locator("#place").click()
    expect(page.locator("#ticket-error")).to_have_text(OFF_TICK)
    expect(page.get_by_label("Limit price")).to_have_attribute("aria-invalid", "true")
    assert watched.orders == []
    limit = page.get_by_label("Limit price")
    limit.press("ArrowUp")                                       # to the next quarter
    expect(limit).to_have_value("4990.25")
    limit.press("ArrowUp")
    limit.press("ArrowDown")
    expect(limit).to_have_value("4990.25")
    page.locator("#place").click()
    expect(page.locator("#ticket-error")).to_have_text("")
