"""The ticket page driven as a trader drives it, for the browser tests: fill the ticket through its labels,
place (review and send, or one click), click twice with a human's gap, read back what was reviewed and placed,
and take the README's pictures."""

import json
import os
import time

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from harness.servers import ROOT
from harness.sim_admin import admin

SCREENSHOTS = ROOT / "docs" / "screenshots"
NARROW = {"width": 400, "height": 800}
CASH, FOREX = "281994", "12345"
MARGIN = "987654"      # sells and short sales: a cash account sells only what it holds
FUTURES = "556677"     # futures alone


def screenshot(page, name):
    """Every run takes the README's pictures; `make screenshots` keeps them (their times and ids change)."""
    picture = page.screenshot(full_page=True)
    assert picture.startswith(b"\x89PNG") and len(picture) > 10_000
    if os.environ.get("TSBRIDGE_SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        (SCREENSHOTS / name).write_bytes(picture)


def fill(page, symbol, quantity, order_type="Market", limit=None, stop=None, account=CASH, side="Buy",
         target="This bridge", dialect=None, tif=None, asset=None):
    page.get_by_label("Account").select_option(account)
    if dialect:
        page.get_by_label(dialect).check()
    if asset:
        page.get_by_label("Asset").select_option(asset)
    if target:      # None: a page that offers one target (a v3 upstream has no JSONP of its own)
        page.get_by_label(target).check()
    page.get_by_label("Symbol").fill(symbol)
    if side:
        page.get_by_label("Side").select_option(side)
    page.get_by_label("Quantity").fill(str(quantity))
    page.get_by_label("Order type").select_option(order_type)
    if limit is not None:
        page.get_by_label("Limit price").fill(limit)
    if stop is not None:
        page.get_by_label("Stop price").fill(stop)
    if tif:
        page.get_by_label("Time in force").select_option(tif)


def one_click(page):
    """Place without review, as SIM allows: for tests of what the page makes of the send call's answer."""
    page.get_by_label("One-click").check()
    expect(page.locator("#place")).to_have_text("Place order")


def place(page, accept_warnings=False):
    """Place the order as the ticket is set (review, then send; or one click) and return the new result's
    (status, message) once it is shown. accept_warnings: the order trips a guard rail, and the trader
    confirms it a second time."""
    results = page.locator("#results li")
    before = results.count()
    one = page.locator("#one-click").is_checked()
    page.get_by_role("button", name="Place order" if one else "Review order").click()
    if accept_warnings or not one:
        expect(page.locator("#review")).to_be_visible()
        if accept_warnings:
            expect(page.locator("#review-cautions")).to_be_visible()
            page.get_by_label("I have read why").check()
        page.get_by_role("button", name="Send order").click()
    expect(results).to_have_count(before + 1)
    expect(page.locator("#ticket")).not_to_have_attribute("aria-busy", "true")
    newest = results.first
    return newest.locator(".status").inner_text(), newest.locator(".message").inner_text()


def refreshed_journal(page):
    """The journal's rows after its Refresh has been answered: read at once, they may still be the old ones."""
    page.locator("#journal-refresh").click()
    expect(page.locator("#journal-panel")).to_have_attribute("aria-busy", "false")
    return page.locator("#journal tbody")


def journal(page, bridge_url):
    answer = page.request.get(bridge_url + "/journal")
    assert answer.status == 200
    return answer.json()


def sent_order(watched, index=-1):
    return json.loads(watched.orders[index]["data"])


def orders_placed(simulator):
    return admin(simulator, "stats")["orders"]


def sim_order(sim, order_id):
    token = sim.token()
    entries = sim.call("GET", f"/accounts/{CASH}/orders", token=token).json()
    return {str(entry["OrderID"]): entry for entry in entries}[str(order_id)]


def review_figures(page):
    names = page.locator("#review-figures dt").all_inner_texts()
    return dict(zip(names, page.locator("#review-figures dd").all_inner_texts(), strict=True))


def click_twice(page, selector, gap_ms):
    """Two real mouse clicks at the same spot: the second lands on whatever the first left there."""
    box = None
    for _ in range(40):     # the page draws its polled tables again: a row may be swapped while it is measured
        try:
            page.locator(selector).scroll_into_view_if_needed(timeout=2_000)
            box = page.locator(selector).bounding_box(timeout=2_000)
        except PlaywrightError:
            box = None
        if box:
            break
        page.wait_for_timeout(50)
    assert box, f"{selector} never stood still long enough to be clicked"
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.click(x, y)
    page.wait_for_timeout(gap_ms)
    page.mouse.click(x, y)


def modify(page, order_id, quantity, limit):
    """Change a working order from today's orders: its Modify button, a new quantity and limit, Send change;
    returns the order's row once the change is answered (its own result: an earlier change's says the same)."""
    row = page.locator(f"#orders tr[data-order='{order_id}']")
    results = page.locator("#results li")
    before = results.count()
    row.get_by_role("button", name=f"Modify order {order_id}").click()
    editor = page.locator(f"#orders .modify-row[data-order='{order_id}']")
    editor.get_by_label("Quantity").fill(str(quantity))
    editor.get_by_label("Limit price").fill(limit)
    editor.get_by_role("button", name="Send change").click()
    expect(results).to_have_count(before + 1)
    expect(results.first.locator(".message")).to_have_text("Cancel/Replace order sent.")
    return row


def copied_text(button, timeout=10.0):
    """Click a copy button and return what it put on the clipboard (the page's context granted the clipboard,
    as the `inspecting` fixture does). The page's navigator.clipboard.writeText lands after the click has
    returned: read at once, the clipboard still held the copy before. So it is emptied first, and read until
    the new text is in."""
    page = button.page
    page.evaluate("navigator.clipboard.writeText('')")
    button.click()
    deadline = time.monotonic() + timeout
    while not (text := page.evaluate("navigator.clipboard.readText()")):
        assert time.monotonic() < deadline, f"nothing reached the clipboard within {timeout} s"
        page.wait_for_timeout(50)
    return text
