"""The whole flow in Chromium with the bridge speaking API v3 upstream (TS_BASE_URL ending in /v3) to the
simulator's v3 face: sign-in through Auth0's calls, quote, review, place, modify, cancel, the journal, an
answer dropped and reconciled from v3's order list, and what v3 cannot do refused on the page."""

import datetime
import json

import pytest
from playwright.sync_api import expect

from harness import ticket_page
from harness.login import log_in_page
from harness.sim_admin import admin
from harness.ticket_page import CASH, click_twice, modify, orders_placed, refreshed_journal, review_figures


@pytest.fixture
def bridge_config(simulator):
    return {"TS_BASE_URL": simulator.url + "/v3"}


def fill(page, symbol, quantity, **choices):
    ticket_page.fill(page, symbol, quantity, target=None, **choices)


def test_review_place_modify_cancel_and_the_journal_through_v3(watched, page, bridge, simulator):
    log_in_page(page, bridge.url)
    # v3 has no JSONP of its own: the page offers the bridge only.
    expect(page.get_by_label("TradeStation directly")).to_have_count(0)
    fill(page, "ARNA", 10, order_type="Limit", limit="1.45")
    page.get_by_role("button", name="Review order").click()
    expect(page.locator("#review")).to_be_visible()
    figures = review_figures(page)
    assert figures["Order"] == "Buy 10 ARNA @ 1.45 Limit" and figures["Account"] == CASH
    assert figures["Limit price"] == "1.45" and figures["Estimated cost"]
    assert orders_placed(simulator) == 0 and watched.orders == []      # a review places nothing
    page.get_by_role("button", name="Send order").click()
    results = page.locator("#results li")
    expect(results).to_have_count(1)
    expect(results.first.locator(".message")).to_have_text("Sent order: Buy 10 ARNA @ 1.45 Limit")
    assert watched.orders[0]["data"] == watched.reviews[0]["data"]      # sent exactly as reviewed
    assert json.loads(watched.orders[0]["data"])["Side"] == "Buy"       # the page still speaks v2 (2015)
    order_id = results.first.locator(".meta").inner_text().split()[1]
    assert orders_placed(simulator) == 1

    # Today's orders, read from v3's order list.
    row = page.locator(f"#orders tr[data-order='{order_id}']")
    expect(row.locator("td").nth(3)).to_have_text("received")
    expect(row.locator("td").nth(2)).to_contain_text("Buy 10 ARNA Limit · limit 1.45")

    # Modify: v3's PUT, answered in v2's words. v3 lists the new limit bare ("1.4"), the page as v2 did.
    modify(page, order_id, 20, "1.40")
    expect(row.locator("td").nth(2)).to_contain_text("Buy 20 ARNA Limit · limit 1.40")

    # Cancel with a person's double click: one cancel request, v3's DELETE.
    cancels = []
    page.on("request", lambda request: cancels.append(request.url) if "/cancel?" in request.url else None)
    click_twice(page, f"#orders tr[data-order='{order_id}'] .cancel-order", 150)
    expect(row.locator("td").nth(3)).to_have_text("cancelled")
    page.wait_for_timeout(300)
    assert len(cancels) == 1
    expect(row.get_by_role("button")).to_have_count(0)

    text = refreshed_journal(page).inner_text()
    assert sorted(page.locator("#journal tbody tr td:nth-child(2)").all_inner_texts()) == \
        ["cancel sent", "cancelled", "change sent"]
    assert f"Change order {order_id} to 20 @ 1.40 Limit" in text


def test_the_quote_strip_balances_and_positions_through_v3(page, bridge, simulator):
    # The last trade took the offer: ask and fill are 420 too, which v3 writes bare ("420").
    admin(simulator, "price", {"Symbol": "MSFT", "Last": "420.00"})
    log_in_page(page, bridge.url)
    expect(page.locator("#buying-power")).not_to_be_empty()
    page.get_by_label("Symbol").fill("MSFT")
    expect(page.locator("#quote")).to_be_visible()
    # Prices as TradeStation's own pages show them, with MSFT's two decimals.
    expect(page.locator("#quote-last")).to_have_text("420.00")
    expect(page.locator("#quote-ask strong")).to_have_text("420.00")
    expect(page.locator("#quote-name")).to_contain_text("MSFT")
    # A click on the ask makes it the limit price.
    page.locator("#quote-ask").click()
    expect(page.get_by_label("Order type")).to_have_value("Limit")
    expect(page.get_by_label("Limit price")).not_to_have_value("")
    # A market buy fills at once: the position appears.
    page.get_by_label("Order type").select_option("Market")
    page.get_by_label("Quantity").fill("10")
    page.get_by_role("button", name="Review order").click()
    page.get_by_role("button", name="Send order").click()
    expect(page.locator("#positions tbody tr td").first).to_have_text("MSFT", timeout=8000)
    expect(page.locator("#positions tbody tr td").nth(1)).to_have_text("10")
    expect(page.locator("#positions tbody tr td").nth(2)).to_have_text("420.00")
    expect(page.locator("#positions tbody tr td").nth(3)).to_have_text("420.00")
    expect(page.locator("#orders tbody")).to_contain_text("filled at 420.00")


def test_an_answer_lost_on_the_way_back_is_found_in_v3s_order_list(watched, page, bridge, simulator):
    log_in_page(page, bridge.url)
    fill(page, "ARNA", 10, order_type="Limit", limit="1.45")
    page.get_by_role("button", name="Review order").click()
    expect(page.locator("#review")).to_be_visible()
    admin(simulator, "faults", {"SIM_DROP_RATE": 1.0, "SIM_DROP_WHEN": "after"})
    page.get_by_role("button", name="Send order").click()
    expect(page.locator("#results li")).to_have_count(1)
    admin(simulator, "faults", {"SIM_DROP_RATE": 0.0})
    # The bridge looked the order up by its OrderConfirmID at once: the trader reads that it was placed.
    expect(page.locator("#results li .message").first).to_have_text("Sent order: Buy 10 ARNA @ 1.45 Limit")
    assert "found at TradeStation after the connection broke" in refreshed_journal(page).inner_text()
    # The same ticket again places nothing more.
    assert orders_placed(simulator) == 1


def test_the_ticket_never_offers_what_v3_cannot_do(watched, page, bridge, simulator):
    log_in_page(page, bridge.url)
    page.get_by_label("2015").check()
    sides = page.get_by_label("Side").locator("option").all_inner_texts()
    tifs = page.get_by_label("Time in force").locator("option").all_inner_texts()
    assert "Buy" in sides and "Short" in sides and "Day+" in tifs
    for side in ("Genbiki", "Genwatashi", "Sell Short Exempt"):
        assert side not in sides
    for tif in ("Good till crossing", "Morning session only", "Afternoon session only"):
        assert tif not in tifs
    # Nor an asset it cannot trade: the accounts v3 lists trade no forex.
    assets = page.get_by_label("Asset").locator("option").all_inner_texts()
    page.get_by_label("Account").select_option("556677")
    assets += page.get_by_label("Asset").locator("option").all_inner_texts()
    assert not [asset for asset in assets if "Forex" in asset or "FX" in asset]
    assert watched.orders == [] and orders_placed(simulator) == 0


def test_a_futures_order_is_valued_with_its_point_value_through_v3(watched, page, bridge, simulator):
    # One E-mini at about 5,000 is worth about 250,000 (point value 50): over the 100,000 guard rail, which
    # only v3's symbol details can tell the page (v3's quote has no point value).
    log_in_page(page, bridge.url)
    page.get_by_label("Account").select_option("556677")
    page.get_by_label("Asset").select_option("FU")
    page.get_by_label("Symbol").fill("ESZ26")
    expect(page.locator("#quote")).to_be_visible()
    expect(page.locator("#quote-name")).to_have_text("ESZ26 · E-mini S&P 500 Dec 2026")
    page.get_by_label("Side").select_option("Buy")
    page.get_by_label("Quantity").fill("1")
    page.get_by_label("Order type").select_option("Market")
    page.get_by_role("button", name="Review order").click()
    expect(page.locator("#review-cautions")).to_be_visible()
    expect(page.locator("#review-reasons")).to_contain_text("The order is worth about 2")
    assert orders_placed(simulator) == 0


def test_a_good_till_1_month_review_says_until_when_through_v3(watched, page, bridge, simulator):
    # v3 has no "1 month": the bridge sends GTD 30 days ahead and TradeStation confirms "GTD". The review
    # must then say until when, or the trader who chose a month reads "Good till date" and no date.
    log_in_page(page, bridge.url)
    fill(page, "ARNA", 10, order_type="Limit", limit="1.45", dialect="2015", tif="GoodTill1Month")
    page.get_by_role("button", name="Review order").click()
    expect(page.locator("#review")).to_be_visible()
    figures = review_figures(page)
    assert figures["Time in force"] == "Good till date (GTD)"
    expires = datetime.datetime.now(datetime.timezone.utc).date() + datetime.timedelta(days=30)
    assert figures["Expires"] in (expires.isoformat(), (expires + datetime.timedelta(days=1)).isoformat())
    assert orders_placed(simulator) == 0
