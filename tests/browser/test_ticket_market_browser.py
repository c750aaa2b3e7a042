"""The market beside the ticket: the quote of its symbol following the market, a click on it making a limit
price, and the account's buying power, cash and positions after a fill.
"""


from playwright.sync_api import expect

from harness.login import log_in_page
from harness.ticket_page import NARROW, fill, screenshot


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
