"""The ticket never sends an order the trader did not choose: switching the dialect, the account or the asset
translates the ticket, and a side with no equivalent is cleared and must be chosen again, never swapped; a
new order asks for its side again.
"""

import json

from playwright.sync_api import expect

from harness.login import log_in_page
from harness.ticket_page import CASH, FOREX, FUTURES, MARGIN, fill, one_click, place, review_figures, sent_order


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
