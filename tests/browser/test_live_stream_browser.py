"""Issue 19, the page's part, in Chromium: each ticket page lives on one server-sent events stream (GET /live),
not on polls. Three tabs of one user stay inside TradeStation's quotas, each asking nothing but its stream; a
price move and a fill reach every tab within a second; a hidden page drops its stream; only the trader's own
use keeps a login alive."""

import time
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from harness.browser import WIDE
from harness.login import log_in_page
from harness.ticket_page import fill, place
from tests.browser.conftest import Watched

STREAM = "/live"


class Tab:
    """One tab of the trader's browser: what it asked of the bridge since counting began."""

    def __init__(self, page):
        self.page = page
        self.watched = Watched(page)
        self.paths = None
        self.streams = set()        # its streams open now
        page.on("request", self._request)
        page.on("requestfinished", lambda request: self.streams.discard(request))
        page.on("requestfailed", lambda request: self.streams.discard(request))

    def _request(self, request):
        path = urlsplit(request.url).path
        if path == STREAM:
            self.streams.add(request)
        if self.paths is not None:
            self.paths.append(path)

    def until_streams(self, count):
        for _ in range(100):
            if len(self.streams) == count:
                return
            self.page.wait_for_timeout(50)
        assert len(self.streams) == count, f"{len(self.streams)} streams open, not {count}"

    def count(self):
        self.paths = []

    def asked(self, *, besides=(STREAM,)):
        return [path for path in self.paths if path not in besides]


def open_tabs(chromium, bridge_url, count):
    """count tabs of one browser, one login: each showing its ticket with the stream live."""
    context = chromium.new_context(viewport=WIDE)
    tabs = [Tab(context.new_page()) for _ in range(count)]
    log_in_page(tabs[0].page, bridge_url)
    for tab in tabs[1:]:
        tab.page.goto(bridge_url + "/")
        expect(tab.page.locator("#confirm-id")).not_to_be_empty()
    for tab in tabs:
        tab.page.set_default_timeout(20_000)
        expect(tab.page.locator("#live-status")).to_have_text("live")
    return context, tabs


def on_symbol(tab, symbol):
    tab.page.get_by_label("Symbol").fill(symbol)
    expect(tab.page.locator("#quote-name")).to_contain_text(symbol)
    expect(tab.page.locator("#live-status")).to_have_text("live")


def closed(context, tabs):
    problems = [problem for tab in tabs for problem in tab.watched.problems]
    context.close()
    assert problems == []


def within(tabs, locator, text, seconds=1.0):
    """Each tab's locator shows text within so many seconds of now; returns the slowest tab's seconds."""
    started = time.monotonic()
    for tab in tabs:
        expect(locator(tab.page)).to_contain_text(text, timeout=max(1, (seconds - (time.monotonic() - started)) * 1000))
    return time.monotonic() - started


WINDOW_SCALE = 0.01      # TradeStation's 5-minute quota window as the bridge counts it: 3 s


def statuses(tabs, seconds):
    """What each tab's market panel says of its stream, looked at every 100 ms for so many seconds."""
    said = set()
    ends = time.monotonic() + seconds
    while time.monotonic() < ends:
        said.update(tab.page.locator("#live-status").inner_text() for tab in tabs)
        tabs[0].page.wait_for_timeout(100)
    return said


# The simulator counts TradeStation's quotas (on by default) in windows shortened alike.
@pytest.mark.parametrize("simulator_config", [{"SIM_QUOTA_WINDOW_SCALE": WINDOW_SCALE}], indirect=True)
@pytest.mark.parametrize("bridge_config", [{"TS_QUOTA_SCALE": str(WINDOW_SCALE)}], indirect=True)
def test_three_tabs_for_two_quota_windows_ask_nothing_but_their_streams_and_the_traders_own_calls(chromium, embedded):
    context, tabs = open_tabs(chromium, embedded.bridge.url, 3)
    try:
        fill(tabs[0].page, "MSFT", 10)
        for tab in tabs:
            on_symbol(tab, "MSFT")
            tab.count()
        order_lists = embedded.sim.stats()["order_lists"]
        window = 300 * WINDOW_SCALE
        said = statuses(tabs, window)
        tabs[0].page.get_by_role("button", name="Review order").click()     # the trader's own call, midway
        expect(tabs[0].page.locator("#review")).to_be_visible()
        said |= statuses(tabs, window)
        # No quota refusal reached any tab: every one live all along, and no refusal among the results.
        assert said == {"live"}
        assert embedded.sim.stats()["quota_refusals"] == 0, "TradeStation refused nothing"
        for tab in tabs:
            expect(tab.page.locator("#results li")).to_have_count(0)
        # Each tab asked for its stream once, before counting began; after it, only the trader's own calls
        # (the review, the inspector's record of it, the word that the trader acted). Polling, a tab asked
        # 84-96 a minute.
        own = ("/jsonp/orders/confirm", "/activity")
        assert [[path for path in tab.asked(besides=own) if not path.startswith("/inspector/exchanges/")]
                for tab in tabs] == [[], [], []]
        # One feed for the user, not one per tab: TradeStation's order list at the feed's pace (a round
        # every 2 s at most), however many tabs are open.
        assert embedded.sim.stats()["order_lists"] - order_lists <= 2 * window / 2 + 2
    finally:
        closed(context, tabs)


def test_a_price_move_at_once_and_a_fill_at_the_next_early_round_reach_every_tab_without_a_poll(chromium, embedded):
    context, tabs = open_tabs(chromium, embedded.bridge.url, 3)
    try:
        first = tabs[0].page
        fill(first, "ARNA", 10, order_type="Limit", limit="1.45")
        assert place(first)[0] == "Success"
        order_id = first.locator("#results li .meta").first.inner_text().split()[1]
        for tab in tabs:
            on_symbol(tab, "ARNA")
            expect(tab.page.locator(f"#orders tr[data-order='{order_id}']")).to_contain_text("received")
            tab.count()
        first.get_by_label("Move a price").fill("ARNA")
        first.get_by_label("New last price").fill("1.40")
        first.get_by_role("button", name="Move price").click()
        expect(first.locator("#demo-said")).to_contain_text("ARNA last price is now 1.40. Filled: 1 order(s)")
        within(tabs, lambda page: page.locator("#quote-last"), "1.40")       # the quote stream: pushed
        # v2 streams no orders: the move brings the feed's orders round forward, but no sooner than Pace.early_gap
        # (1 s) after the round the placed order brought, which may have been a moment ago.
        within(tabs, lambda page: page.locator(f"#orders tr[data-order='{order_id}']"), "filled at", seconds=2.5)
        # Without a poll: the tabs asked the bridge for nothing; the trader's tab only for its demo control.
        assert [tab.asked(besides=(STREAM, "/activity", "/demo/price")) for tab in tabs] == [[], [], []]
    finally:
        closed(context, tabs)


def test_a_hidden_page_closes_its_stream_and_opens_it_again_when_shown(chromium, embedded):
    context, tabs = open_tabs(chromium, embedded.bridge.url, 1)
    tab = tabs[0]
    page = tab.page
    try:
        on_symbol(tab, "MSFT")
        tab.until_streams(1)
        show(page, "hidden")
        tab.until_streams(0)
        expect(page.locator("#live-status")).to_have_text("paused while the page is hidden")
        embedded.sim.admin("POST", "price", json={"Symbol": "MSFT", "Last": "431.25"})
        show(page, "visible")
        tab.until_streams(1)
        expect(page.locator("#live-status")).to_have_text("live")
        expect(page.locator("#quote-last")).to_have_text("431.25")     # the latest quote, sent on connect
    finally:
        closed(context, tabs)


def show(page, visibility):
    """The page as the browser tells it when its tab is hidden or shown again (headless tabs are never hidden)."""
    page.evaluate("""visibility => {
        Object.defineProperty(document, "visibilityState", {value: visibility, configurable: true});
        Object.defineProperty(document, "hidden", {value: visibility === "hidden", configurable: true});
        document.dispatchEvent(new Event("visibilitychange"));
    }""", visibility)


@pytest.mark.parametrize("bridge_config", [{"TS_SESSION_IDLE": "20"}], indirect=True)
def test_an_untouched_page_is_logged_out_within_30_seconds_and_says_so_a_page_in_use_is_not(chromium, embedded):
    opened = time.monotonic()       # the untouched page's last use: opening the ticket
    untouched_context, untouched = open_tabs(chromium, embedded.bridge.url, 1)
    busy_opened = time.monotonic()
    used_context, used = open_tabs(chromium, embedded.bridge.url, 1)      # a login of its own
    idle, busy = untouched[0].page, used[0].page
    card = idle.locator("#results li.session-ended")
    try:
        # The trader at work on one page, a click a second, until the other's login ended and the busy one
        # has been open well past the idle limit.
        while not card.count() or time.monotonic() - busy_opened < 25:
            assert card.count() or time.monotonic() - opened < 30, "the untouched page was still logged in after 30 s"
            busy.locator("#market-title").click()
            busy.wait_for_timeout(1000)
        expect(card.locator(".message")).to_have_text(
            "Your login ended after 20 seconds without activity. Log in again to go on.")
        expect(card.locator(".status")).to_have_text("Logged out")
        expect(card.get_by_role("link", name="Log in again")).to_be_visible()
        expect(idle.locator("header")).to_contain_text("Not logged in")
        expect(idle.locator("#live-status")).to_have_text("stopped: logged out")
        expect(busy.locator("#results li.session-ended")).to_have_count(0)
        expect(busy.locator("#live-status")).to_have_text("live")
        assert busy.request.get(embedded.bridge.url + "/auth/token").status == 200
    finally:
        closed(untouched_context, untouched)
        closed(used_context, used)
