"""The ticket's demo controls as a presenter uses them, in Chromium: each control changes what the next order
does, measured at the simulator (its /admin/stats) and in the page's own words; and with an upstream the
bridge did not start, the panel and the controls are absent."""

import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect
from werkzeug.exceptions import NotFound

from bridge.journal import PENDING
from bridge.reconcile import FOUND_LATER
from bridge.refusals import InProgress, MayBePlaced
from harness.browser import WIDE
from harness.login import log_in_page
from harness.ticket_page import NARROW, fill, one_click, place, screenshot
from tests.safety.support import journal_row, wait_until

GRACE = 4       # TS_RECONCILE_GRACE for these tests: a countdown short enough to watch to its end


@pytest.fixture
def demo_page(page, embedded):
    """The ticket of the bridge `python app.py` makes, logged in as demo, one click on, MSFT 10 filled in."""
    log_in_page(page, embedded.bridge.url)
    expect(page.get_by_role("heading", name="Demo controls")).to_be_visible()
    one_click(page)
    fill(page, "MSFT", 10)
    return page


def arm(page, fault_label, count):
    page.get_by_label("Next orders").select_option(label=fault_label)
    page.get_by_label("How many orders").fill(str(count))
    page.get_by_role("button", name="Arm").click()


def events(page):
    return page.locator("#demo-events li")


def inspector_story(page, label="Send order"):
    """The newest inspector entry of this kind of call, and its "What the bridge did" part."""
    call = page.locator("#calls > li").filter(has=page.locator("summary", has_text=label + " · this bridge")).first
    return call.locator(".story-part")


def test_without_the_embedded_simulator_the_panel_and_the_controls_are_absent(page, bridge, simulator):
    log_in_page(page, bridge.url)
    expect(page.locator("#demo")).to_have_count(0)
    expect(page.get_by_text("Demo controls")).to_have_count(0)
    # The page's own origin, session and CSRF token: the server has no such control.
    refused = page.evaluate("""() => fetch('/demo/expire-tokens', {method: 'POST', body: '{}',
        headers: {'Content-Type': 'application/json', 'X-CSRF-Token': document.getElementById('ticket').dataset.csrf}})
        .then(answer => answer.json().then(body => [answer.status, body.error]))""")
    assert refused == [404, NotFound.description]
    assert simulator.app.extensions["simulator"].stats()["orders"] == 0


def test_armed_500s_fail_exactly_the_next_two_orders(demo_page, embedded):
    page = demo_page
    arm(page, "fail with 500", 2)
    expect(page.locator("#demo-said")).to_have_text(
        "The next 2 orders fail with 500 Internal Server Error before anything is recorded.")
    expect(page.locator("#demo-armed")).to_contain_text("the next 2 orders: ")
    for quantity in (10, 11):
        page.get_by_label("Quantity").fill(str(quantity))      # a new ticket each time
        status, message = place(page)
        assert status == "500" and MayBePlaced.ADVICE in message
    page.get_by_label("Quantity").fill("12")
    assert place(page) == ("Success", "Sent order: Buy 12 MSFT")
    stats = embedded.sim.stats()
    assert (stats["orders"], stats["injected_errors"]) == (1, 2)
    expect(page.locator("#demo-armed")).to_contain_text("nothing armed for the next order")
    expect(events(page)).to_have_count(2)
    expect(events(page).first).to_contain_text("may or may not have been placed")


@pytest.mark.parametrize("bridge_config", [{"TS_RECONCILE_GRACE": GRACE}], indirect=True)
def test_a_drop_before_recording_counts_down_the_grace_and_is_settled_as_not_placed(demo_page, embedded):
    page = demo_page
    arm(page, "connection dropped before recording", 1)
    expect(page.locator("#demo-said")).to_contain_text("The next order loses its connection before the simulator")
    status, message = place(page)
    assert status == "504" and MayBePlaced.ADVICE in message
    entry = events(page).first
    expect(entry).to_contain_text("may or may not have been placed")
    expect(entry).to_contain_text(f"left of the {GRACE} s grace (TS_RECONCILE_GRACE)")
    story = inspector_story(page)
    expect(story).to_contain_text("may or may not have been placed")
    expect(story).to_contain_text(f"left of the {GRACE} s grace (TS_RECONCILE_GRACE)")
    screenshot(page, "ticket-demo.png")
    expect(entry).to_contain_text("settled: not placed", timeout=GRACE * 1000 + 10_000)
    expect(story).to_contain_text("settled: not placed")
    expect(page.locator("#journal tbody tr").first).to_contain_text("not found")
    stats = embedded.sim.stats()
    assert (stats["orders"], stats["dropped_connections"]) == (0, 1)


def test_a_drop_after_recording_is_found_at_once_and_shown_as_settled(demo_page, embedded):
    page = demo_page
    arm(page, "connection dropped after recording", 1)
    status, message = place(page)                     # the reconciler found it at once
    assert status == "Success" and message.startswith("Sent order: Buy 10 MSFT")
    entry = events(page).first
    expect(entry).to_contain_text("may or may not have been placed")
    expect(entry).to_contain_text(f"settled: placed — {FOUND_LATER}")
    expect(inspector_story(page)).to_contain_text(f"settled: placed — {FOUND_LATER}")
    stats = embedded.sim.stats()
    assert (stats["orders"], stats["dropped_connections"]) == (1, 1)


def test_armed_quota_refuses_the_next_order(demo_page, embedded):
    page = demo_page
    arm(page, "refused: quota exceeded (403)", 1)
    status, message = place(page)
    assert status == "403" and "Quota Exceeded" in message
    assert embedded.sim.stats()["quota_refusals"] == 1 and embedded.sim.stats()["orders"] == 0
    page.get_by_role("button", name="Place again").click()
    assert place(page)[0] == "Success"
    assert embedded.sim.stats()["orders"] == 1


def test_an_expired_token_met_by_the_next_order_is_refreshed_by_the_bridge_and_the_order_retried_once(
        watched, demo_page, embedded):
    page = demo_page
    arm(page, "find the token expired (401)", 1)
    expect(page.locator("#demo-said")).to_contain_text("The next order finds the access token expired (401)")
    assert place(page) == ("Success", "Sent order: Buy 10 MSFT")
    assert len(watched.orders) == 1                   # the page sent it once; the bridge retried it upstream
    expect(events(page).first).to_contain_text("401 → token refreshed → retried")
    expect(inspector_story(page)).to_have_text("What the bridge did401 → token refreshed → retried")
    assert embedded.sim.stats()["orders"] == 1


def test_tokens_expired_now_are_refreshed_by_the_bridge_and_the_next_order_placed_once(watched, demo_page, embedded):
    """Whichever call comes first (the market updates every 2 s) meets the 401; the bridge refreshes the token."""
    page = demo_page
    before = page.request.get(embedded.bridge.url + "/auth/token").json()["access_token"]
    page.get_by_role("button", name="Expire tokens now").click()
    expect(page.locator("#demo-said")).to_contain_text("is refused 401, and the bridge refreshes the token")
    assert place(page) == ("Success", "Sent order: Buy 10 MSFT")
    assert page.request.get(embedded.bridge.url + "/auth/token").json()["access_token"] != before
    assert len(watched.orders) == 1 and embedded.sim.stats()["orders"] == 1


def test_with_latency_the_same_ticket_sent_again_in_flight_is_refused_409_and_placed_once(demo_page, embedded):
    page = demo_page
    page.get_by_label("Latency (ms)").fill("2500")
    page.get_by_role("button", name="Set latency").click()
    expect(page.locator("#demo-said")).to_have_text("Every call to the simulator now waits 2,500 ms before it is "
                                                    "answered.")
    results = page.locator("#results li")
    page.get_by_role("button", name="Place order").click()
    again = page.get_by_role("button", name="Send the order in flight again")
    expect(again).to_be_enabled()
    # Sent again only once the first is in the bridge's journal, on its way: else the second would be the first.
    wait_until(lambda: any(row["state"] == PENDING for row in
                           page.request.get(embedded.bridge.url + "/journal?settle=no").json()),
               what="the first send to be on its way")
    again.click()
    expect(results.filter(has_text=InProgress.MESSAGE)).to_have_count(1)
    expect(results.filter(has_text="Sent order: Buy 10 MSFT")).to_have_count(1, timeout=15_000)
    expect(again).to_be_disabled()
    assert embedded.sim.stats()["orders"] == 1
    expect(events(page).first).to_contain_text("409 while in flight")
    expect(inspector_story(page, "Send order again, while in flight")).to_contain_text("409 while in flight")
    expect(inspector_story(page, "Send order again, while in flight").locator("li")).to_have_count(1)
    page.get_by_role("button", name="Clear faults").click()
    expect(page.locator("#demo-armed")).to_contain_text("no added latency; nothing armed for the next order")


@pytest.mark.parametrize("bridge_config", [{"TS_READ_TIMEOUT": 3, "TS_RECONCILE_GRACE": GRACE}], indirect=True)
def test_latency_past_the_read_timeout_shows_the_bridges_answer_not_the_pages_own_timeout(demo_page, embedded):
    """Past TS_READ_TIMEOUT the bridge stops waiting, then looks the order up (which waits as long again): the
    page must still be listening then, or it says "No answer" while the bridge's answer and the countdown of
    its lookup are on their way."""
    page = demo_page
    page.get_by_label("One-click").uncheck()
    page.get_by_role("button", name="Review order").click()
    expect(page.locator("#review")).to_be_visible()
    page.get_by_label("Latency (ms)").fill("4000")
    page.get_by_role("button", name="Set latency").click()
    expect(page.locator("#demo-said")).to_contain_text("That is longer than the bridge waits (3 s)")
    page.get_by_role("button", name="Send order").click()
    card = page.locator("#results li").first
    expect(card).to_be_visible(timeout=45_000)
    expect(card.locator(".status")).to_have_text("504")
    expect(card.locator(".message")).to_contain_text(MayBePlaced.ADVICE)
    expect(page.locator("#calls > li").first.locator("summary")).to_contain_text(
        "Send order · this bridge · HTTP 200", timeout=20_000)
    # The journal is read through the bridge, which asks TradeStation (still slow) about the unsettled order.
    expect(events(page).first).to_contain_text("may or may not have been placed", timeout=30_000)


def test_with_latency_nothing_of_the_market_is_asked_ahead_of_the_traders_calls(demo_page, embedded):
    """A slow TradeStation once made each timed market update wait, and the updates filled the browser's few
    connections to the bridge, the trader's order and the demo controls queued behind them. The market now
    comes on the page's one live stream: however slow TradeStation is, the page asks nothing else by itself."""
    page = demo_page
    asked = []
    page.get_by_label("Latency (ms)").fill("3000")
    page.get_by_role("button", name="Set latency").click()
    expect(page.locator("#demo-said")).to_contain_text("3,000 ms")
    page.on("request", lambda request: asked.append(urlsplit(request.url).path))
    page.wait_for_timeout(4_000)        # two rounds of the 2-second polls there were
    assert [path for path in asked if path != "/live"] == []


def other_window(chromium, embedded):
    """The trader's other window, a browser of its own: under latency, one browser's few connections to the
    bridge are all busy with the market updates of both windows, and its journal would wait behind them."""
    context = chromium.new_context(viewport=WIDE)
    window = context.new_page()
    log_in_page(window, embedded.bridge.url)
    return context, window


def send_slowly(page, bridge_url, latency_ms):
    """Place the ticket (one click) with every call to the simulator that slow; back once the bridge's journal
    shows it pending, on its way to TradeStation (a window asked before then lists nothing, and asks no more)."""
    page.get_by_label("Latency (ms)").fill(str(latency_ms))
    page.get_by_role("button", name="Set latency").click()
    expect(page.locator("#demo-said")).to_contain_text(f"{latency_ms:,} ms")
    with page.expect_request(lambda request: "/jsonp/orders/send" in request.url, timeout=15_000) as sending:
        page.get_by_role("button", name="Place order").click()      # once the guard rails' quote is in
    confirm_id = json.loads(parse_qs(urlsplit(sending.value.url).query)["data"][0])["OrderConfirmId"]
    wait_until(lambda: (journal_row(page.request.get(bridge_url + "/journal?settle=no").json(), confirm_id)
                        or {}).get("state") == PENDING, what="the order to be journaled pending")


# The bridge waits past the latency in these two: the order is answered, not timed out.
@pytest.mark.parametrize("bridge_config", [{"TS_READ_TIMEOUT": 10}], indirect=True)
def test_an_order_the_journal_shows_pending_is_looked_up_again_until_its_answer_is_in(demo_page, embedded, chromium):
    """A page that first sees an order pending (reloaded mid-order, or the trader's other window) asks again by
    itself: left "pending" for good, it looked stuck, and a trader might place the order a second time."""
    context, other = other_window(chromium, embedded)
    expect(other.locator("#journal-empty")).to_be_visible()
    send_slowly(demo_page, embedded.bridge.url, 4000)
    other.get_by_role("button", name="Refresh").click()
    row = other.locator("#journal tbody tr").first
    expect(row).to_contain_text("pending")
    expect(row).to_contain_text(re.compile("placed|filled"), timeout=20_000)    # no click: the page asked again
    expect(demo_page.locator("#results li").first.locator(".status")).to_have_text("Success")
    assert embedded.sim.stats()["orders"] == 1
    context.close()


@pytest.mark.parametrize("bridge_config", [{"TS_READ_TIMEOUT": 10}], indirect=True)
def test_with_an_earlier_fate_open_the_journal_still_shows_an_order_on_its_way_at_once(demo_page, embedded,
                                                                                         chromium):
    """With an earlier order's fate open, the journal waited for a slow TradeStation's look-up before showing
    anything: a page reloaded mid-order said "No orders today" while its order was on the way. It shows the
    journal's own rows at once, then the settled ones."""
    page = demo_page
    arm(page, "connection dropped before recording", 1)
    place(page)                                  # an earlier order whose fate stays open for the grace
    context, other = other_window(chromium, embedded)
    expect(other.locator("#journal tbody tr")).to_have_count(1)
    page.reload()                                # a new ticket
    one_click(page)
    fill(page, "MSFT", 10)
    send_slowly(page, embedded.bridge.url, 4000)
    other.get_by_role("button", name="Refresh").click()
    row = other.locator("#journal tbody tr").first
    expect(row).to_contain_text("pending", timeout=3_000)          # before TradeStation's 4 s are over
    expect(row).to_contain_text(re.compile("placed|filled"), timeout=20_000)
    expect(page.locator("#results li").first.locator(".status")).to_have_text("Success")
    assert embedded.sim.stats()["orders"] == 1
    context.close()


def test_moving_a_price_fills_a_resting_order(demo_page, embedded):
    page = demo_page
    fill(page, "MSFT", 5, order_type="Limit", limit="418.00")
    assert place(page)[0] == "Success"
    page.get_by_label("Move a price").fill("MSFT")
    page.get_by_label("New last price").fill("410")
    page.get_by_role("button", name="Move price").click()
    expect(page.locator("#demo-said")).to_have_text("MSFT last price is now 410.00. Filled: 1 order(s); partly "
                                                    "filled: 0.")
    assert embedded.sim.stats()["by_status"] == {"FLL": 1}
    expect(page.locator("#orders tbody tr").first).to_contain_text("filled at")


def test_a_bad_value_is_refused_in_words_and_changes_nothing(demo_page, embedded):
    page = demo_page
    page.get_by_label("Latency (ms)").fill("fast")
    page.get_by_role("button", name="Set latency").click()
    expect(page.locator("#demo-said")).to_have_text("milliseconds must be a whole number from 0 to 30000.")
    expect(page.locator("#demo-said")).to_have_class("demo-said error")
    page.get_by_label("How many orders").fill("99")
    page.get_by_role("button", name="Arm").click()
    expect(page.locator("#demo-said")).to_have_text("count must be a whole number from 1 to 10.")
    assert embedded.sim.admin("GET", "faults").json()["SIM_LATENCY_MS"] == 0
    assert embedded.sim.stats()["next_orders"]["remaining"] == 0


def test_the_panel_fits_a_narrow_screen(demo_page, embedded):
    page = demo_page
    arm(page, "connection dropped after recording", 1)
    place(page)
    expect(events(page)).to_have_count(1)
    page.set_viewport_size(NARROW)
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]
    for control in ("Latency (ms)", "Next orders", "How many orders", "Move a price", "New last price"):
        box = page.get_by_label(control).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= NARROW["width"], control
    for name in ("Set latency", "Arm", "Move price", "Expire tokens now", "Clear faults"):
        box = page.get_by_role("button", name=name).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= NARROW["width"], name


def test_clear_faults_puts_the_latency_box_back_to_none(demo_page, embedded):
    page = demo_page
    page.get_by_label("Latency (ms)").fill("500")
    page.get_by_role("button", name="Set latency").click()
    expect(page.locator("#demo-armed")).to_contain_text("500 ms latency on every call")
    page.get_by_role("button", name="Clear faults").click()
    expect(page.locator("#demo-armed")).to_contain_text("no added latency")
    expect(page.get_by_label("Latency (ms)")).to_have_value("0")


@pytest.mark.parametrize("bridge_config", [{"TS_READ_TIMEOUT": 1}], indirect=True)
def test_a_slow_quote_is_called_slow_never_missing(demo_page, embedded):
    """WMT exists, TradeStation is slow to say so: past TS_READ_TIMEOUT the bridge answers 503 for a quote it is
    asked, and its live feed's quote stream brings it only once TradeStation has answered."""
    page = demo_page
    page.get_by_label("Latency (ms)").fill("4000")
    page.get_by_role("button", name="Set latency").click()
    expect(page.locator("#demo-said")).to_contain_text("4,000 ms")
    page.get_by_label("Symbol").fill("WMT")
    expect(page.locator("#quote-none")).to_have_text("The quote for WMT is slow to come: asking again…",
                                                     timeout=10_000)
    page.get_by_role("button", name="Clear faults").click()
    expect(page.locator("#quote-name")).to_contain_text("WMT", timeout=10_000)
    expect(page.locator("#quote-none")).to_be_hidden()
