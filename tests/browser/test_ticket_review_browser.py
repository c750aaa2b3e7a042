"""The review before an order is sent, and the guard rails: what is sent is what was reviewed, byte for
byte; an edit, or a send whose fate is unknown, asks for a new review; a price far from the market or a large
order needs a second confirmation (the bridge's settings set how far and how large); LIVE always reviews and
says so.
"""

import re

import pytest
from playwright.sync_api import expect

from harness.login import log_in_page
from harness.ticket_page import (
    CASH,
    MARGIN,
    click_twice,
    fill,
    one_click,
    orders_placed,
    place,
    review_figures,
    screenshot,
    sent_order,
)


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
