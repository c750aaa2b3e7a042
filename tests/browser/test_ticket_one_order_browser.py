"""One order for one intent: a double click or a double Enter with a human's gap places one order, the ticket
keeps its OrderConfirmId until the trader asks for another, and an edit, Place again or New order makes a new
one.
"""

import json

import pytest
from playwright.sync_api import expect

from harness.login import log_in_page
from harness.ticket_page import click_twice, fill, journal, one_click, orders_placed, place


def test_double_click_places_one_order(watched, page, bridge, sim):
    log_in_page(page, bridge.url)
    one_click(page)
    fill(page, "AAPL", 3)
    confirm_id = page.locator("#confirm-id").inner_text()
    assert len(confirm_id) == 22 and set(confirm_id) <= set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    page.get_by_role("button", name="Place order").dblclick()
    expect(page.locator("#results li")).to_have_count(1)
    expect(page.locator("#place")).to_have_text("Sent")
    expect(page.locator("#place")).to_be_disabled()
    assert len(watched.orders) == 1
    assert [row["confirm_id"] for row in journal(page, bridge.url)].count(confirm_id) == 1
    assert sim.stats()["orders"] == 1
    # The ticket keeps its id until the trader asks for another order.
    expect(page.locator("#confirm-id")).to_have_text(confirm_id)
    page.get_by_role("button", name="Place again").click()
    expect(page.locator("#confirm-id")).not_to_have_text(confirm_id)


@pytest.mark.parametrize("gap_ms", [30, 50, 150, 300, 500])
@pytest.mark.parametrize("mode", ["review", "one-click"])
def test_two_clicks_with_a_human_gap_place_one_order(watched, page, bridge, simulator, gap_ms, mode):
    log_in_page(page, bridge.url)
    fill(page, "AAPL", 3)
    if mode == "one-click":
        one_click(page)
        click_twice(page, "#place", gap_ms)
    else:
        page.get_by_role("button", name="Review order").click()
        expect(page.get_by_role("button", name="Send order")).to_be_enabled()
        click_twice(page, "#send", gap_ms)
    expect(page.locator("#results li")).to_have_count(1)
    page.wait_for_timeout(300)
    assert orders_placed(simulator) == 1 and len(watched.orders) == 1
    expect(page.locator("#send" if mode == "review" else "#place")).to_have_text("Sent")


@pytest.mark.parametrize("gap_ms", [50, 120, 300, 500])
def test_enter_pressed_twice_places_one_order(watched, page, bridge, simulator, gap_ms):
    log_in_page(page, bridge.url)
    fill(page, "AAPL", 3)
    one_click(page)
    page.get_by_label("Quantity").press("Enter")
    page.wait_for_timeout(gap_ms)
    page.get_by_label("Quantity").press("Enter")
    expect(page.locator("#results li")).to_have_count(1)
    page.wait_for_timeout(300)
    assert orders_placed(simulator) == 1 and len(watched.orders) == 1


@pytest.mark.parametrize("gap_ms", [50, 120, 300])
def test_enter_pressed_twice_in_review_mode_reviews_and_places_nothing(watched, page, bridge, simulator, gap_ms):
    log_in_page(page, bridge.url)
    fill(page, "AAPL", 3)
    page.get_by_label("Quantity").press("Enter")
    page.wait_for_timeout(gap_ms)
    page.keyboard.press("Enter")
    expect(page.locator("#review")).to_be_visible()
    expect(page.locator("#review-title")).to_be_focused()
    page.wait_for_timeout(300)
    assert orders_placed(simulator) == 0 and watched.orders == []


def test_an_edit_or_place_again_makes_a_new_order(watched, page, bridge, simulator):
    log_in_page(page, bridge.url)
    fill(page, "AAPL", 3)
    first_id = page.locator("#confirm-id").inner_text()
    place(page)
    page.get_by_label("Quantity").fill("4")                    # an edit: a new order, a new id
    expect(page.locator("#place")).to_have_text("Review order")
    second_id = page.locator("#confirm-id").inner_text()
    assert second_id != first_id
    place(page)
    page.get_by_role("button", name="Place again").click()     # the same order, deliberately, once more
    place(page)
    page.get_by_role("button", name="New order").click()
    expect(page.get_by_label("Symbol")).to_be_focused()
    expect(page.get_by_label("Symbol")).to_have_value("")
    ids = [json.loads(order["data"])["OrderConfirmId"] for order in watched.orders]
    assert len(set(ids)) == 3 and ids[:2] == [first_id, second_id]
    assert orders_placed(simulator) == 3


def test_place_again_says_what_it_did_and_a_rejection_is_not_called_sent(watched, page, bridge):
    log_in_page(page, bridge.url)
    fill(page, "MSFT", 9_999_999)
    page.get_by_role("button", name="Review order").click()
    expect(page.locator("#review-reasons")).to_contain_text("more than the account's buying power")
    page.get_by_label("I have read why").check()
    page.get_by_role("button", name="Send order").click()
    expect(page.locator("#results li").first).to_have_class("result failed")
    expect(page.locator("#status")).to_have_text("Not placed. Change the ticket, or choose New order.")
    page.get_by_role("button", name="Place again").click()
    expect(page.locator("#status")).to_have_text("The same order on a new ticket: review it, then send.")
