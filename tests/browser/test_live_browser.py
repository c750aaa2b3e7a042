"""Issue 21, items 2 and 4, in Chromium: LIVE reviews every change and cancel and offers neither the direct
target nor the demo panel; a change sent with a double click changes once; a URL from Copy URL, run again,
changes nothing; the revealed curl, and the page's token for curl, work from a shell."""

import json
import re
import subprocess

import pytest
from playwright.sync_api import expect

from harness.login import log_in_page
from harness.orders import classic_order
from harness.ticket_page import click_twice, copied_text, fill, orders_placed, sim_order


def journal_kinds(page, bridge_url):
    return [row["kind"] for row in page.request.get(bridge_url + "/journal").json()]


def resting_order(page):
    """A buy limit far below the market, placed from the ticket (reviewed, then sent): its order id."""
    fill(page, "ARNA", 10, order_type="Limit", limit="1.45")
    page.get_by_role("button", name="Review order").click()
    page.locator("#send").click()
    expect(page.locator("#results li")).to_have_count(1)
    return page.locator("#results li .meta").first.inner_text().split()[1]


@pytest.mark.parametrize("bridge_config", [{"TS_ENVIRONMENT": "LIVE"}], indirect=True)
def test_live_offers_no_direct_target_no_demo_panel_and_confirms_each_change_and_cancel(watched, page, embedded):
    log_in_page(page, embedded.bridge.url)
    expect(page.locator("header .badge")).to_have_text("LIVE")
    expect(page.get_by_label("TradeStation directly")).to_have_count(0)     # its upstream has JSONP: SIM offers it
    expect(page.locator("#demo")).to_have_count(0)                          # the simulator it started is beside it
    order_id = resting_order(page)
    row = page.locator(f"#orders tr[data-order='{order_id}']")

    # A change: its review first, old and new, and nothing sent until Confirm change.
    row.get_by_role("button", name=f"Modify order {order_id}").click()
    editor = page.locator(f"#orders .modify-row[data-order='{order_id}']")
    editor.get_by_label("Quantity").fill("30")
    editor.get_by_role("button", name="Send change").click()
    expect(editor.locator(".change-review")).to_have_text("Review: Quantity 10 → 30.")
    expect(editor.get_by_role("button", name="Send change")).to_be_disabled()
    page.wait_for_timeout(500)
    assert sim_order(embedded.sim, order_id)["Quantity"] == 10 and "cancelreplace" not in journal_kinds(
        page, embedded.bridge.url)
    editor.get_by_role("button", name="Confirm change").click()
    expect(page.locator("#results li .message").first).to_have_text("Cancel/Replace order sent.")
    assert sim_order(embedded.sim, order_id)["Quantity"] == 30

    # A cancel: "Cancel order N?" in the page, and a double click on Cancel does not answer it.
    click_twice(page, f"#orders tr[data-order='{order_id}'] .cancel-order", 150)
    expect(page.locator(".cancel-question")).to_have_text(f"Cancel order {order_id}?")
    page.wait_for_timeout(500)
    assert sim_order(embedded.sim, order_id)["Status"] == "OPN" and "cancel" not in journal_kinds(
        page, embedded.bridge.url)
    page.get_by_role("button", name=f"Yes, cancel order {order_id}").click()
    expect(row.locator("td").nth(3)).to_have_text("cancelled")
    assert journal_kinds(page, embedded.bridge.url).count("cancel") == 1


def test_sim_says_by_the_direct_target_that_the_bridge_will_not_protect_it(page, bridge):
    log_in_page(page, bridge.url)
    direct = page.get_by_label("TradeStation directly")
    expect(direct).to_be_visible()
    expect(page.locator("#direct-note")).to_contain_text("not journaled or protected by this bridge")
    assert direct.get_attribute("aria-describedby") == "direct-note"
    # Under the option it describes, not squeezed into the labels' column beside it.
    note, option = page.locator("#direct-note").bounding_box(), page.locator("label", has=direct).bounding_box()
    assert note["x"] == option["x"] and note["y"] >= option["y"] + option["height"]


def test_a_double_click_on_send_change_changes_the_order_once(watched, page, bridge, sim):
    log_in_page(page, bridge.url)
    order_id = resting_order(page)
    changes = []
    page.on("request", lambda request: changes.append(request.url) if "/cancelreplace?" in request.url else None)
    page.get_by_role("button", name=f"Modify order {order_id}").click()
    editor = page.locator(f"#orders .modify-row[data-order='{order_id}']")
    editor.get_by_label("Quantity").fill("20")
    click_twice(page, f"#orders .modify-row[data-order='{order_id}'] .send-change", 150)
    expect(page.locator("#results li .message").first).to_have_text("Cancel/Replace order sent.")
    page.wait_for_timeout(500)
    assert len(changes) == 1 and "OrderConfirmId=" in changes[0]
    assert journal_kinds(page, bridge.url).count("cancelreplace") == 1
    assert sim_order(sim, order_id)["Quantity"] == 20


def copied(page, name):
    """The newest call's snippet, copied after Reveal token (labelled masked until then)."""
    call = page.locator("#calls > li").first
    expect(call.get_by_role("button", name=name)).to_have_text(f"{name} (masked — reveal to run)")
    call.get_by_role("button", name="Reveal token").click()
    expect(call.get_by_role("button", name=name)).to_have_text(name)
    return copied_text(call.get_by_role("button", name=name))


def test_reloading_a_url_from_copy_url_places_and_changes_nothing_new(inspecting, bridge, simulator):
    page = inspecting.page
    order_id = resting_order(page)
    url = copied(page, "Copy URL")
    assert url.startswith(bridge.url + "/jsonp/orders/send?") and "OrderConfirmId" in url
    for _ in range(2):                                       # a reload, and the Back button's reload
        again = page.request.get(url).text()
        assert order_id in again and "Sent order: Buy 10 ARNA" in again
    assert orders_placed(simulator) == 1

    page.get_by_role("button", name=f"Modify order {order_id}").click()
    page.locator(f"#orders .modify-row[data-order='{order_id}']").get_by_label("Quantity").fill("20")
    page.get_by_role("button", name="Send change").click()
    expect(page.locator("#results li .message").first).to_have_text("Cancel/Replace order sent.")
    expect(page.locator("#calls > li").first.locator("summary")).to_contain_text(f"Change order {order_id}")
    change = copied(page, "Copy URL")
    assert re.search(r"[?&]OrderConfirmId=", change)
    for _ in range(2):
        assert "Cancel/Replace order sent." in page.request.get(change).text()
    assert journal_kinds(page, bridge.url).count("cancelreplace") == 1


def test_curl_with_the_revealed_token_and_with_the_token_for_curl_works(inspecting, bridge, simulator):
    page = inspecting.page
    order_id = resting_order(page)
    command = copied(page, "Copy curl")
    run = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=30)
    assert order_id in run.stdout and orders_placed(simulator) == 1     # the same order, not again

    page.get_by_role("button", name="Token for curl").click()
    expect(page.locator("#curl-token-line")).to_contain_text("TOKEN=")     # once the page has fetched it
    expect(page.locator("#curl-token-expiry")).to_contain_text("Expires at")
    line = page.locator("#curl-token-line").inner_text()
    assert line.startswith("TOKEN=") and len(line) > 20
    order = classic_order(Symbol="MSFT", OrderType="Limit", LimitPrice="400.00")
    steps = (f"{line}\ncurl -s -G '{bridge.url}/jsonp/orders/send' --data-urlencode 'data={json.dumps(order)}' "
             "-d callback=show -d \"oauth_token=$TOKEN\"")
    placed = subprocess.run(["bash", "-c", steps], capture_output=True, text=True, timeout=30)
    assert '"OrderStatus":"Ok"' in placed.stdout, placed.stdout
    assert orders_placed(simulator) == 2
    page.get_by_role("button", name="Hide token").click()
    expect(page.locator("#curl-token-shown")).to_be_hidden()
    assert page.locator("#curl-token-line").inner_text() == ""
