"""A working order's life after it is sent, as the trader sees it on the ticket page: modified (an off-tick or
far price caught in the editor), cancelled with one request for a double click, filled, partly filled.
"""


from playwright.sync_api import expect

from harness.browser import WIDE
from harness.login import log_in_page
from harness.ticket_page import CASH, NARROW, click_twice, fill, modify, place, refreshed_journal, screenshot, sim_order


def test_a_resting_order_is_modified_cancelled_and_another_filled_as_the_trader_sees_it(watched, page, bridge, sim):
    log_in_page(page, bridge.url)
    fill(page, "ARNA", 10, order_type="Limit", limit="1.45")
    place(page)
    order_id = page.locator("#results li .meta").first.inner_text().split()[1]
    row = page.locator(f"#orders tr[data-order='{order_id}']")
    expect(row.locator("td").nth(3)).to_have_text("received")
    expect(row.locator("td").nth(2)).to_have_text("Buy 10 ARNA Limit · limit 1.45 · Day")

    # A price off the tick is refused in the editor, in TradeStation's words, and nothing is sent.
    changes = []
    page.on("request", lambda request: changes.append(request.url) if "/cancelreplace" in request.url else None)
    row.get_by_role("button", name=f"Modify order {order_id}").click()
    editor = page.locator(f"#orders .modify-row[data-order='{order_id}']")
    editor.get_by_label("Limit price").fill("1.445")
    editor.get_by_role("button", name="Send change").click()
    expect(editor.locator(".modify-cautions")).to_have_text(
        "Order failed. Reason: Limit price 1.445 is not a multiple of the tick size of ARNA, 0.01")
    expect(editor.get_by_label("Limit price")).to_have_value("1.445")
    assert changes == []

    # Closed by keyboard, with Escape or its Close button, the editor gives the focus back to Modify.
    modify_button = row.get_by_role("button", name=f"Modify order {order_id}")
    page.keyboard.press("Escape")
    expect(editor).to_have_count(0)
    expect(modify_button).to_be_focused()
    page.keyboard.press("Enter")
    expect(editor.get_by_label("Quantity")).to_be_focused()
    editor.get_by_role("button", name="Close").focus()
    page.keyboard.press("Enter")
    expect(editor).to_have_count(0)
    expect(modify_button).to_be_focused()

    # Modify: a new quantity and price, through the JSONP twin.
    modify(page, order_id, 20, "1.44")
    expect(row.locator("td").nth(2)).to_have_text("Buy 20 ARNA Limit · limit 1.44 · Day")
    listed = sim_order(sim, order_id)
    assert (listed["Quantity"], listed["LimitPrice"], listed["Status"]) == (20, 1.44, "OPN")

    # Cancel, with a human double click: one cancel request.
    cancels = []
    page.on("request", lambda request: cancels.append(request.url) if "/cancel?" in request.url else None)
    click_twice(page, f"#orders tr[data-order='{order_id}'] .cancel-order", 150)
    expect(row.locator("td").nth(3)).to_have_text("cancelled")
    page.wait_for_timeout(300)
    assert len(cancels) == 1 and sim_order(sim, order_id)["Status"] == "CAN"
    expect(row.get_by_role("button")).to_have_count(0)
    refreshed_journal(page)
    states = dict(zip(page.locator("#journal tbody tr td:nth-child(6)").all_inner_texts(),
                      page.locator("#journal tbody tr td:nth-child(2)").all_inner_texts(), strict=True))
    assert states[order_id] == "cancelled"
    assert sorted(page.locator("#journal tbody tr td:nth-child(2)").all_inner_texts()) == \
        ["cancel sent", "cancelled", "change sent"]
    # The cancel's row names the order's account too, though v2's cancel does not carry one.
    assert page.locator("#journal tbody tr td:nth-child(5)").all_inner_texts() == [CASH] * 3
    # At a phone's width the cancel's empty time in force takes no room: its account is not left alone on a line.
    cancel_row = page.locator("#journal tbody tr", has_text=f"Cancel order {order_id}")
    expect(cancel_row.locator("td").nth(3)).to_be_visible()        # an empty cell of the wide table
    page.set_viewport_size(NARROW)
    expect(cancel_row.locator("td").nth(3)).to_be_hidden()
    page.set_viewport_size(WIDE)
    assert "Change order " + order_id + " to 20 @ 1.44 Limit" in page.locator("#journal tbody").inner_text()
    # The order's own row: what it was sent as, and what it was changed to (a fill would be at those terms).
    assert "Buy 10 ARNA @ 1.45 Limit → changed to Buy 20 ARNA Limit · limit 1.44 · Day" in \
        page.locator("#journal tbody").inner_text()

    # Another resting order fills when the price reaches it: the page and the journal say so.
    page.get_by_role("button", name="New order").click()
    fill(page, "ARNA", 10, order_type="Limit", limit="1.45")
    place(page)
    second = page.locator("#results li .meta").first.inner_text().split()[1]
    sim.admin("POST", "price", json={"Symbol": "ARNA", "Last": "1.45"})
    expect(page.locator(f"#orders tr[data-order='{second}'] td").nth(3)).to_have_text("filled at 1.45", timeout=6000)
    expect(page.locator("#journal tbody tr").first.locator("td").nth(1)).to_have_text("filled at 1.45")
    assert sim_order(sim, second)["Status"] == "FLL"
    screenshot(page, "ticket-orders.png")


def test_a_far_modification_needs_a_second_confirmation(watched, page, bridge, sim):
    log_in_page(page, bridge.url)
    fill(page, "ARNA", 10, order_type="Limit", limit="1.45")
    place(page)
    order_id = page.locator("#results li .meta").first.inner_text().split()[1]
    page.get_by_role("button", name=f"Modify order {order_id}").click()
    editor = page.locator(f"#orders .modify-row[data-order='{order_id}']")
    editor.get_by_label("Limit price").fill("15")
    editor.get_by_role("button", name="Send change").click()
    expect(editor.locator(".modify-cautions")).to_contain_text("Limit price 15 is 900% above the last price")
    expect(editor.get_by_role("button", name="Send change")).to_be_disabled()     # a double click confirms nothing
    assert sim_order(sim, order_id)["LimitPrice"] == 1.45
    editor.get_by_role("button", name="Confirm change").click()
    expect(page.locator("#results li .message").first).to_have_text("Cancel/Replace order sent.")
    assert sim_order(sim, order_id)["Status"] == "FLL"          # a buy limit far above the market fills at once


def test_a_partial_fill_shows_how_much_filled_and_the_position(page, bridge, sim):
    log_in_page(page, bridge.url)
    fill(page, "ARNA", 20000, order_type="Limit", limit="1.46")
    place(page)
    order_id = page.locator("#results li .meta").first.inner_text().split()[1]
    moved = sim.admin("POST", "price", json={"Symbol": "ARNA", "Last": "1.46"}).json()
    assert moved["partly_filled"] == [order_id]
    size = moved["quote"]["AskSize"]
    row = page.locator(f"#orders tr[data-order='{order_id}']")
    expect(row.locator("td").nth(3)).to_have_text(f"partly filled: {size} of 20000 at 1.46", timeout=6000)
    expect(row.get_by_role("button", name=f"Cancel order {order_id}")).to_be_enabled()   # the rest is still open
    expect(page.locator("#positions tbody tr td").first).to_have_text("ARNA")
    expect(page.locator("#positions tbody tr td").nth(1)).to_have_text(str(size))
    expect(page.locator("#journal tbody tr").first.locator("td").nth(1)).to_have_text(
        f"partly filled: {size} of 20000 at 1.46")
