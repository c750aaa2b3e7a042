"""The ticket's inspector as a developer demoing the JSONP flow uses it: headless Chromium against a live
bridge and simulator. An order is placed through the page; the inspector is read as a person reads it,
its buttons clicked, its copied curl command run, its Replay checked against the simulator's own count.
"""

import json
import re
import subprocess
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from harness.login import log_in_page
from harness.servers import admin
from tests.browser.test_ticket_browser import fill, one_click, place, screenshot


def newest_call(page):
    return page.locator("#calls > li").first


def token_of(watched):
    return watched.orders[-1]["oauth_token"]


def clipboard(page):
    return page.evaluate("navigator.clipboard.readText()")


@pytest.fixture
def inspecting(watched, bridge):
    """A logged-in page that may use the clipboard, as a person's browser lets a page it trusts."""
    watched.page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=bridge.url)
    log_in_page(watched.page, bridge.url)
    return watched


def test_an_order_shows_its_call_masked_decoded_and_answered_with_timings(inspecting, bridge):
    page = inspecting.page
    fill(page, "MSFT", 10)
    one_click(page)
    assert place(page) == ("Success", "Sent order: Buy 10 MSFT")
    token = token_of(inspecting)
    call = newest_call(page)
    expect(call.locator("summary")).to_contain_text("Send order · this bridge · HTTP 200")

    # The URL as sent, the token shortened; the decoded order; the callback and the APIVersion.
    url = call.locator("code.url")
    expect(url).to_contain_text("GET " + bridge.url + "/jsonp/orders/send?")
    expect(url).to_contain_text("oauth_token=" + token[:6] + "…")
    sent = inspecting.orders[-1]
    assert json.loads(call.locator("pre.data").inner_text()) == json.loads(sent["data"])
    assert call.locator("pre.data").inner_text().startswith('{\n  "OrderConfirmId"')      # pretty-printed
    figures = call.locator(".figures").first
    expect(figures).to_contain_text(sent["callback"])
    expect(figures).to_contain_text("20150101")

    # The answer as the bridge wrote it, /**/ and all, with its headers and the bridge's own time.
    raw = call.locator("pre.raw")
    expect(raw).to_contain_text("/**/" + sent["callback"] + "(")
    expect(raw).to_contain_text("Sent order: Buy 10 MSFT")
    answer = call.locator(".part", has_text="Answer")
    expect(answer).to_contain_text("HTTP status200")
    expect(answer).to_contain_text("text/javascript; charset=utf-8")
    expect(answer).to_contain_text("upstream;dur=")
    expect(call.locator(".part", has_text="Timings")).to_contain_text("waiting for TradeStation")
    assert re.search(r"Round trip\d+ ms", call.locator(".part", has_text="Timings").inner_text().replace("\n", ""))
    expect(call.locator(".journal-row")).to_contain_text("placed · Buy 10 MSFT @ Market")
    expect(call.locator(".journal-row")).to_contain_text("OrderConfirmId " + json.loads(sent["data"])["OrderConfirmId"])

    # The full token is nowhere in the page (text or markup) until the trader reveals it.
    assert token not in page.content()
    call.get_by_role("button", name="Reveal token").click()
    expect(url).to_contain_text("oauth_token=" + token)
    call.get_by_role("button", name="Mask token").click()
    assert token not in page.content()
    screenshot(page, "inspector.png")


def test_the_copied_curl_command_gets_the_same_answer_and_replay_places_nothing(inspecting, bridge, simulator):
    page = inspecting.page
    fill(page, "IBM", 3)
    one_click(page)
    place(page)
    token = token_of(inspecting)
    call = newest_call(page)
    expect(call.locator(".journal-row")).to_contain_text("placed")
    first_body = call.locator("pre.raw").inner_text()

    # Copied without revealing: the token is masked there too.
    call.get_by_role("button", name="Copy curl").click()
    masked = clipboard(page)
    assert masked.startswith("curl -sS '") and token not in masked and token[:6] + "…" in masked

    call.get_by_role("button", name="Reveal token").click()
    call.get_by_role("button", name="Copy curl").click()
    command = clipboard(page)
    assert token in command
    before = admin(simulator, "stats")
    ran = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=30, check=True)
    assert ran.stdout == first_body                      # the recorded answer, byte for byte

    call.get_by_role("button", name="Replay").click()
    replayed = newest_call(page)
    expect(replayed.locator("summary")).to_contain_text("Replay of #")
    expect(replayed.locator(".comparison")).to_contain_text("The same answer as #")
    expect(replayed.locator(".comparison")).to_contain_text("nothing new was sent to TradeStation")
    assert replayed.locator("pre.raw").inner_text() == first_body
    after = admin(simulator, "stats")
    assert after["orders"] == before["orders"]
    # The replay is the very URL first requested, callback and cache buster included.
    assert len(inspecting.urls) == 2 and inspecting.urls[0] == inspecting.urls[1]
    for snippet, start in (("Copy URL", bridge.url + "/jsonp/orders/send?"), ("Copy <script>", "<script>function "),
                           ("Copy $.ajax", "$.ajax({")):
        call.get_by_role("button", name=snippet).click()
        assert clipboard(page).startswith(start)


def test_a_call_to_tradestation_directly_says_what_a_page_cannot_see(inspecting, simulator):
    page = inspecting.page
    fill(page, "MSFT", 2, target="TradeStation directly")
    one_click(page)
    place(page)
    call = newest_call(page)
    expect(call.locator("summary")).to_contain_text("Send order · TradeStation directly · answered")
    expect(call.locator("code.url")).to_contain_text(simulator.url + "/v2/jsonp/orders/send?")
    expect(call.locator(".part", has_text="Answer")).to_contain_text("not readable by a page (cross-origin)")
    expect(call.locator(".part", has_text="Answer")).to_contain_text("no /**/ prefix")
    sent = inspecting.orders[-1]
    expect(call.locator("pre.raw")).to_contain_text(sent["callback"] + '([{"')
    expect(call.locator(".journal-row")).to_contain_text("the bridge saw nothing")
    assert sent["oauth_token"] not in page.content()
