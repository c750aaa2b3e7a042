"""A SIM bridge and a LIVE one started from one checkout share its journal file, each with a simulator of its
own (which give out the same order ids): a trader on each, in Chromium, sees only the orders of their own
desk, in today's orders and in the journal, before and after a reload."""


from playwright.sync_api import expect

from harness.browser import WIDE
from harness.login import log_in_page
from harness.ticket_page import fill, one_click, place


def trader_page(chromium, bridge_url):
    page = chromium.new_context(viewport=WIDE).new_page()
    page.set_default_timeout(20_000)
    log_in_page(page, bridge_url)
    return page


def shows_only(page, mine, theirs):
    for table in ("#orders", "#journal"):
        expect(page.locator(f"{table} tbody")).to_contain_text(mine)
        expect(page.locator(f"{table} tbody")).not_to_contain_text(theirs)


def test_a_sim_and_a_live_desk_on_one_journal_each_show_only_their_own_orders(chromium, desks):
    sim, live = desks
    sim_page, live_page = trader_page(chromium, sim.bridge.url), trader_page(chromium, live.bridge.url)
    try:
        fill(sim_page, "MSFT", 3, order_type="Limit", limit="410.00")
        one_click(sim_page)
        assert place(sim_page)[0] == "Success"
        fill(live_page, "AAPL", 7, order_type="Limit", limit="185.00")
        live_page.get_by_role("button", name="Review order").click()       # LIVE: reviewed, then sent
        live_page.get_by_role("button", name="Place LIVE order").click()
        expect(live_page.locator("#results li .status")).to_have_text("Success")
        sim_id = sim_page.locator("#results li .meta").first.inner_text().split()[1]
        live_id = live_page.locator("#results li .meta").first.inner_text().split()[1]
        assert sim_id == live_id        # the two simulators' first order: the same id for two orders
        for _ in range(2):              # as the pages show them, then again after a reload
            shows_only(sim_page, "MSFT", "AAPL")
            shows_only(live_page, "AAPL", "MSFT")
            sim_page.reload()
            live_page.reload()
    finally:
        sim_page.context.close()
        live_page.context.close()
