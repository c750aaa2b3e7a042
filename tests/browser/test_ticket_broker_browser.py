"""A broker's market as the trader sees it in the ticket page (issue 20): a cash account's oversale and short sale
refused in TradeStation's form, and a short sale covered in part, whose position keeps its average, whose open
and realized P/L and whose cash and buying power follow the fills. (The off-tick future is
test_ticket_tick_browser.py's; a cash account's fill and its commission, test_ticket_market_browser.py's.)"""

from playwright.sync_api import expect

from harness.login import log_in_page
from harness.ticket_page import CASH, MARGIN, fill, one_click, place

OVERSELL = "Order failed. Reason: Account 281994 is a cash account and cannot sell more than it holds (10 AAPL)"
SHORT = "Order failed. Reason: Account 281994 is a cash account and cannot sell short"


def test_a_cash_account_sells_only_what_it_holds(watched, page, bridge):
    log_in_page(page, bridge.url)
    one_click(page)
    fill(page, "AAPL", 10, account=CASH)
    assert place(page)[0] != "Failed"
    expect(page.locator("#positions tbody tr td").first).to_have_text("AAPL")
    fill(page, "AAPL", 100, side="Sell", account=CASH)
    assert place(page) == ("Failed", OVERSELL)
    fill(page, "AAPL", 5, side="Short", account=CASH)                            # the 2015 dialect's word
    assert place(page) == ("Failed", SHORT)
    expect(page.locator("#positions tbody tr td").nth(1)).to_have_text("10")      # still what it bought


def test_a_short_sale_covered_in_part_keeps_its_average_and_realizes_the_rest(watched, page, bridge, sim):
    log_in_page(page, bridge.url)
    one_click(page)
    fill(page, "MSFT", 20, side="SellShort", account=MARGIN, dialect="Classic")
    assert place(page)[0] != "Failed"                           # sold at the bid, 419.99
    sim.admin("POST", "price", json={"Symbol": "MSFT", "Last": "404.00"})
    fill(page, "MSFT", 12, side="BuyToCover", account=MARGIN, dialect="Classic")
    assert place(page)[0] != "Failed"                           # bought back at the ask, 404.00
    # Short 8 at 419.99 still, 15.99 a share to the good; 12 × 15.99 realized.
    expect(page.locator("#positions tbody tr td")).to_have_text(["MSFT", "−8", "419.99", "404.00", "127.92"])
    expect(page.locator("#realized")).to_have_text("191.88")
    # Cash: the sale's 8,399.80 in, the cover's 4,848.00 out, 1.00 commission each. Buying power: twice the
    # equity (cash less the 3,232.00 the short is worth) less half of that value.
    expect(page.locator("#cash")).to_have_text("2,003,549.80")
    expect(page.locator("#buying-power")).to_have_text("3,997,403.60")
