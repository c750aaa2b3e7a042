"""The ticket page itself, in headless Chromium against a live bridge and simulator: what it offers before
the login, its labelled controls, nothing inline and untrusted text only as text, a narrow screen, and its weight
on the wire.
"""

import re
from urllib.parse import urlsplit

import requests
from playwright.sync_api import expect

from harness.browser import WIDE
from harness.login import log_in_page
from harness.servers import ROOT
from harness.ticket_page import CASH, FOREX, NARROW, fill, place, screenshot


def test_logged_out_page_explains_and_offers_the_login(page, bridge):
    page.goto(bridge.url + "/")
    expect(page.get_by_role("heading", name="Place TradeStation orders from one ticket")).to_be_visible()
    link = page.get_by_role("link", name="Log in with TradeStation")
    expect(link).to_have_attribute("href", "/login")
    expect(page.locator("#place")).to_have_count(0)


def test_ticket_shows_user_environment_and_labelled_controls(page, bridge):
    log_in_page(page, bridge.url)
    expect(page.locator("header")).to_contain_text("demo")
    expect(page.locator("header .badge")).to_have_text("SIM")
    for label in ("Account", "Asset", "Symbol", "Side", "Quantity", "Order type", "Time in force", "Route"):
        expect(page.get_by_label(label, exact=True)).to_be_visible()
    # Prices and the expiration date appear only when the order needs them.
    expect(page.get_by_label("Limit price")).to_be_hidden()
    page.get_by_label("Order type").select_option("StopLimit")
    expect(page.get_by_label("Limit price")).to_be_visible()
    expect(page.get_by_label("Stop price")).to_be_visible()
    page.get_by_label("Time in force").select_option("GoodTillDate")
    expect(page.get_by_label("Expiration date")).to_be_visible()
    # The sides follow the asset and the dialect: short sales for equities, open/close for options.
    sides = page.get_by_label("Side").locator("option")
    expect(sides).to_have_text(["Buy", "Sell", "Short", "Sell Short Exempt", "Genbiki", "Genwatashi"])
    page.get_by_label("Classic").check()
    expect(sides).to_have_text(["Buy", "Sell", "Buy To Cover", "Sell Short"])
    page.get_by_label("Asset").select_option("OP")
    expect(sides).to_have_text(["Choose…", "Buy To Open", "Buy To Close", "Sell To Open", "Sell To Close"])
    expect(page.get_by_label("Side")).to_have_attribute("aria-invalid", "true")   # an equity Buy is no option side
    page.get_by_label("Account").select_option(FOREX)
    # A forex account trades forex alone: nothing to choose, so its asset is taken; the side, which has
    # choices, is never swapped silently.
    expect(page.get_by_label("Asset").locator("option")).to_have_text(["Forex (FX)"])
    expect(page.get_by_label("Asset")).to_have_value("FX")
    expect(sides).to_have_text(["Choose…", "Buy", "Sell"])
    page.get_by_label("2015").check()
    page.get_by_label("Account").select_option(CASH)
    page.get_by_label("Asset").select_option("EQ")
    page.get_by_label("Side").select_option("Buy")
    page.get_by_label("Order type").select_option("Market")
    page.get_by_label("Time in force").select_option("Day")
    screenshot(page, "ticket.png")


def test_nothing_inline_and_untrusted_text_only_as_text(page, bridge):
    log_in_page(page, bridge.url)
    html = page.request.get(bridge.url + "/").text()
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []
    assert re.findall(r"\s(?:style|on[a-z]+)\s*=", html) == []
    assert page.locator("#results").get_attribute("aria-live") == "polite"
    for path in sorted((ROOT / "static").rglob("*.js")):
        script = path.read_text()
        assert ".html(" not in script and "innerHTML" not in script and "eval(" not in script, path


def test_narrow_screen(page, bridge):
    log_in_page(page, bridge.url)
    page.set_viewport_size(NARROW)
    fill(page, "MSFT", 10, order_type="StopLimit", limit="421", stop="420")
    place(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]
    for label in ("Account", "Symbol", "Quantity", "Order type", "Limit price", "Stop price", "Route"):
        box = page.get_by_label(label, exact=True).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= NARROW["width"]
    screenshot(page, "ticket-narrow.png")


def test_the_ticket_page_is_light(chromium, bridge):
    """The issue's budget: the whole ticket page (document, jQuery, the ticket's modules in static/ticket/,
    its inspector panel's modules in static/inspector/, ticket.css) well under 100 KB on the wire. jQuery alone
    is 87.5 KB uncompressed, so the bridge must compress what it serves."""
    context = chromium.new_context(viewport=WIDE)
    page = context.new_page()
    log_in_page(page, bridge.url)
    page.wait_for_load_state("networkidle")
    loaded = page.evaluate("[location.href].concat(performance.getEntriesByType('resource').map(e => e.name))")
    cookies = {cookie["name"]: cookie["value"] for cookie in context.cookies(bridge.url)}
    context.close()
    # Every script in static/ is the ticket page's, a module or not: all of them load, and nothing else but jQuery.
    scripts = sorted("/static/" + path.relative_to(ROOT / "static").as_posix()
                     for path in (ROOT / "static").rglob("*.js"))
    assert sorted(urlsplit(url).path for url in loaded if urlsplit(url).path.endswith(".js")) == sorted(
        scripts + ["/vendor/jquery-3.7.1.min.js"])
    sizes = {}
    for url in loaded:
        if urlsplit(url).path in ("/", "/static/ticket.css", "/vendor/jquery-3.7.1.min.js", *scripts):
            # The bytes on the wire, compressed or not, for what a browser accepts.
            answer = requests.get(url, cookies=cookies, stream=True, timeout=10,
                                  headers={"Accept-Encoding": "gzip, deflate, br"})
            assert answer.status_code == 200
            sizes[urlsplit(url).path] = len(answer.raw.read(decode_content=False))
    assert len(sizes) == len(scripts) + 3 and sum(sizes.values()) < 100_000, sizes
