"""The ticket's inspector as a developer demoing the JSONP flow uses it: headless Chromium against a live
bridge and simulator. An order is placed through the page; the inspector is read as a person reads it,
its buttons clicked, its copied curl command run, its Replay checked against the simulator's own count.
"""

import json
import re
import subprocess

import pytest
from playwright.sync_api import expect

from harness.sim_admin import admin
from harness.ticket_page import NARROW, click_twice, copied_text, fill, one_click, place, screenshot


def newest_call(page):
    return page.locator("#calls > li").first


def pinned(page, call):
    """The entry `call` resolves to now, held by its number: newer calls do not move it."""
    return page.locator("#calls > li[data-call='%s']" % call.get_attribute("data-call"))


def fits(page):
    """Nothing wider than the window: a long URL or body wraps instead of pushing the page sideways."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def token_of(watched):
    return watched.orders[-1]["oauth_token"]


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
    expect(call.locator(".part", has_text="Timings")).to_contain_text("Script fetch (Resource Timing)")
    expect(call.locator(".request")).to_contain_text(
        "The bridge received: GET /jsonp/orders/send?callback=" + sent["callback"])
    expect(call.locator(".journal-row")).to_contain_text("send · placed · Buy 10 MSFT @ Market")
    expect(call.locator(".journal-row")).to_contain_text("OrderConfirmId " + json.loads(sent["data"])["OrderConfirmId"])

    # The full token is nowhere in the page (text or markup) until the trader reveals it.
    assert token not in page.content()
    call.get_by_role("button", name="Reveal token").click()
    expect(url).to_contain_text("oauth_token=" + token)
    call.get_by_role("button", name="Mask token").click()
    assert token not in page.content()
    # Nor anywhere the page keeps things: its cookies, its storage.
    kept = page.evaluate("JSON.stringify([document.cookie, {...localStorage}, {...sessionStorage}])")
    assert token not in kept and token not in json.dumps(inspecting.page.context.cookies())
    assert fits(page)
    screenshot(page, "inspector.png")
    page.set_viewport_size(NARROW)
    assert fits(page)
    screenshot(page, "inspector-narrow.png")


def test_the_trader_sees_the_result_before_the_inspector_draws_the_call(inspecting):
    """The inspector waits its turn: the order's result is in the page before the call's entry shows the
    answer (the order of the two, not their times, is what is checked)."""
    page = inspecting.page
    fill(page, "MSFT", 10)
    one_click(page)
    page.evaluate("""() => {
      window.__seen = [];
      new MutationObserver((changes) => changes.forEach((change) => {
        const where = change.target.closest && change.target.closest("#results, #calls");
        if (where) { window.__seen.push([where.id, document.querySelector("#calls").textContent]); }
      })).observe(document.body, {childList: true, subtree: true});
    }""")
    place(page)
    expect(newest_call(page).locator("pre.raw")).to_contain_text("Sent order: Buy 10 MSFT")
    seen = page.evaluate("window.__seen")      # [where, the inspector's text then], in order
    in_flight = seen[0][1]                     # the call's entry as drawn when it went out
    at_result = next(text for where, text in seen if where == "results")
    assert seen[0][0] == "calls" and at_result == in_flight, [(where, len(text)) for where, text in seen]


def test_the_copied_curl_command_gets_the_same_answer_and_replay_places_nothing(inspecting, bridge, simulator):
    page = inspecting.page
    fill(page, "IBM", 3)
    one_click(page)
    place(page)
    token = token_of(inspecting)
    call = pinned(page, newest_call(page))
    expect(call.locator(".journal-row")).to_contain_text("placed")
    first_body = call.locator("pre.raw").inner_text()

    # Copied without revealing: the token is masked there too.
    masked = copied_text(call.get_by_role("button", name="Copy curl"))
    assert masked.startswith("curl -sS '") and token not in masked and token[:6] + "…" in masked

    call.get_by_role("button", name="Reveal token").click()
    command = copied_text(call.get_by_role("button", name="Copy curl"))
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
    call.locator("summary").click()              # the older entry, folded when the replay came in, opened again
    for snippet, start in (("Copy URL", bridge.url + "/jsonp/orders/send?"), ("Copy <script>", "<script>function "),
                           ("Copy $.ajax", "$.ajax({")):
        assert copied_text(call.get_by_role("button", name=snippet)).startswith(start)
    # The $.ajax snippet, run in the page as a developer would paste it, gets the recorded answer too.
    snippet = copied_text(call.get_by_role("button", name="Copy $.ajax"))
    # Pasted into the developer tools' console (not eval'd by the page: its CSP forbids that).
    answer = page.evaluate("""() => new Promise(done => {
        const realLog = console.log;
        console.log = answer => { console.log = realLog; done(answer); };
        setTimeout(() => done("no answer in 10 s"), 10000);
        %s
    })""" % snippet)
    assert answer == json.loads(first_body[first_body.index("(") + 1:-1])


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
    expect(call.locator(".part", has_text="Timings")).to_contain_text("Script fetch (Resource Timing)")
    assert sent["oauth_token"] not in page.content()


# --- raw mode: an order as typed -----------------------------------------------------------------------
def open_raw_mode(page):
    page.get_by_text("Raw mode: send an order exactly as typed").click()
    expect(page.get_by_label("Raw order (JSON text)")).to_be_visible()


def ticket_copied_to_raw_mode(page, quantity=10, target="This bridge"):
    """One click, MSFT `quantity` on the ticket, copied into raw mode: the raw text's field, to edit and send."""
    fill(page, "MSFT", quantity, target=target)
    one_click(page)
    open_raw_mode(page)
    page.get_by_role("button", name="Copy the ticket's order").click()
    return page.get_by_label("Raw order (JSON text)")


@pytest.mark.parametrize("target", ["This bridge", "TradeStation directly"])
def test_a_raw_order_with_a_misspelt_field_is_sent_as_typed_and_refused(inspecting, simulator, target):
    page = inspecting.page
    raw = ticket_copied_to_raw_mode(page, target=target)
    typed = raw.input_value().replace('"Symbol"', '"Symbl"')
    raw.fill(typed)
    before = admin(simulator, "stats")["orders"]
    page.get_by_role("button", name="Send as typed").click()
    expect(page.locator("#results li")).to_have_count(1)
    assert inspecting.orders[-1]["data"] == typed                 # byte for byte, newlines and all
    card = page.locator("#results li").first
    expect(card.locator(".status")).to_have_text("400")
    call = newest_call(page)
    expect(call.locator("summary")).to_contain_text("Send raw order")
    expect(call.locator("pre.data")).to_contain_text('"Symbl": "MSFT"')
    expect(call.locator("pre.raw")).to_contain_text('"StatusCode":400')
    assert admin(simulator, "stats")["orders"] == before
    # Answered: the same text is not sent again by a second click; an edit re-arms it.
    expect(page.get_by_role("button", name="Send as typed")).to_be_disabled()
    raw.fill(typed.replace('"Symbl"', '"Symbol"'))
    page.get_by_role("button", name="Send as typed").click()
    expect(page.locator("#results li")).to_have_count(2)
    expect(page.locator("#results li").first.locator(".status")).to_have_text("Success")
    assert fits(page)
    if target == "This bridge":
        screenshot(page, "inspector-raw.png")


@pytest.mark.parametrize("gap_ms", [80, 250])
def test_a_human_double_click_on_send_as_typed_places_one_order(inspecting, simulator, gap_ms):
    page = inspecting.page
    ticket_copied_to_raw_mode(page, quantity=3)
    before = admin(simulator, "stats")["orders"]
    click_twice(page, "#raw-send", gap_ms)
    expect(page.locator("#results li")).to_have_count(1)
    page.wait_for_timeout(500)
    assert len(inspecting.orders) == 1 and admin(simulator, "stats")["orders"] == before + 1


def test_a_raw_text_that_is_not_json_is_sent_as_typed_and_the_bridge_says_why(inspecting):
    page = inspecting.page
    one_click(page)
    open_raw_mode(page)
    page.get_by_label("Raw order (JSON text)").fill('{"Symbol": "MSFT",')
    page.get_by_role("button", name="Send as typed").click()
    expect(page.locator("#results li")).to_have_count(1)
    assert inspecting.orders[-1]["data"] == '{"Symbol": "MSFT",'
    call = newest_call(page)
    expect(call.locator(".note", has_text="Not JSON")).to_be_visible()
    expect(call.locator("pre.raw")).to_contain_text('"StatusCode":400')


def test_a_raw_order_too_long_for_the_bridges_server_is_not_sent_and_the_page_says_nothing_was_placed(
        inspecting, simulator):
    """Past the request line gunicorn reads, its refusal would reach the page only as "no answer: may or may not
    have been placed"; the page keeps it back and says it was not sent (tests/production/test_request_line.py)."""
    page = inspecting.page
    raw = ticket_copied_to_raw_mode(page)
    ticket = raw.input_value()
    raw.fill(ticket.replace('"Symbol"', '"Note": "%s",\n  "Symbol"' % ("é" * 1500)))   # 9 KB once encoded
    before = admin(simulator, "stats")["orders"]
    page.get_by_role("button", name="Send as typed").click()
    card = page.locator("#results li").first
    expect(card.locator(".status")).to_have_text("Not sent")
    expect(card.locator(".message")).to_contain_text("Nothing was placed: the call would be ")
    expect(card.locator(".message")).to_contain_text("more than the 8,190 this bridge's server reads")
    call = newest_call(page)
    expect(call.locator("summary")).to_contain_text("Send raw order · this bridge · not sent")
    expect(call.locator("pre.raw")).to_have_text("(not sent)")
    expect(call.get_by_role("button", name="Replay")).to_be_disabled()
    assert inspecting.orders == [] and admin(simulator, "stats")["orders"] == before
    raw.fill(ticket)                  # shortened, it goes as any raw order does
    page.get_by_role("button", name="Send as typed").click()
    expect(page.locator("#results li").first.locator(".status")).to_have_text("Success")
    assert admin(simulator, "stats")["orders"] == before + 1


def test_a_raw_order_copied_from_the_ticket_spends_its_id_and_the_tickets_next_order_is_a_new_one(
        inspecting, simulator):
    """The copy carries the ticket's OrderConfirmId. Sent, it used that id: the ticket placing under it would
    have been told the raw order's "Success" again, and the trader would hold one lot believing in two."""
    page = inspecting.page
    copied = json.loads(ticket_copied_to_raw_mode(page).input_value())["OrderConfirmId"]
    before = admin(simulator, "stats")["orders"]
    page.get_by_role("button", name="Send as typed").click()
    expect(page.locator("#results li").first.locator(".status")).to_have_text("Success")
    expect(page.locator("#confirm-id")).not_to_have_text(copied)
    assert place(page)[0] == "Success"
    assert admin(simulator, "stats")["orders"] == before + 2
    sent_ids = [json.loads(order["data"])["OrderConfirmId"] for order in inspecting.orders]
    assert sent_ids[0] == copied and sent_ids[1] != copied


def test_a_raw_text_no_url_can_carry_is_not_sent_and_leaves_the_ticket_usable(inspecting, simulator):
    """Half of an emoji (a lone UTF-16 surrogate) makes encodeURIComponent throw before any request: the page
    hung busy until reloaded, with every button disabled and nothing said."""
    page = inspecting.page
    raw = ticket_copied_to_raw_mode(page)
    raw.evaluate("(text) => { text.value = text.value.replace('\"MSFT\"', '\"MSFT\\ud83d\"');"
                 " text.dispatchEvent(new Event('input', {bubbles: true})); }")
    before = admin(simulator, "stats")["orders"]
    page.get_by_role("button", name="Send as typed").click()
    card = page.locator("#results li").first
    expect(card.locator(".status")).to_have_text("Not sent")
    expect(card.locator(".message")).to_contain_text("Nothing was placed: the text holds a character no URL can carry")
    expect(page.locator("#ticket")).not_to_have_attribute("aria-busy", "true")
    assert inspecting.orders == [] and admin(simulator, "stats")["orders"] == before
    assert place(page)[0] == "Success"          # the ticket still works


def test_a_one_click_raw_order_past_a_guard_rail_is_held_for_a_second_confirmation(inspecting, simulator):
    # The guard rails hold for one-click orders; a raw text is an order too, and one-click must not skip them.
    page = inspecting.page
    ticket_copied_to_raw_mode(page, quantity=5000)
    before = admin(simulator, "stats")["orders"]
    page.get_by_role("button", name="Send as typed").click()
    expect(page.locator("#review")).to_be_visible()
    expect(page.locator("#review-reasons")).to_contain_text("The order is worth about")
    assert inspecting.orders == [] and admin(simulator, "stats")["orders"] == before
    page.get_by_label("I have read why: send it anyway").check()
    page.get_by_role("button", name="Send order").click()
    expect(page.locator("#results li")).to_have_count(1)
    assert inspecting.orders[-1]["data"] == page.get_by_label("Raw order (JSON text)").input_value()


@pytest.mark.parametrize("bridge_config", [{"TS_ENVIRONMENT": "LIVE"}], indirect=True)
def test_in_live_a_raw_order_is_reviewed_before_it_is_placed(inspecting, simulator):
    page = inspecting.page
    fill(page, "MSFT", 1)
    open_raw_mode(page)
    page.get_by_role("button", name="Copy the ticket's order").click()
    before = admin(simulator, "stats")["orders"]
    page.get_by_role("button", name="Send as typed").click()
    expect(page.locator("#review")).to_be_visible()
    assert inspecting.orders == [] and len(inspecting.reviews) == 1
    expect(newest_call(page).locator("summary")).to_contain_text("Confirm raw order (review)")
    page.get_by_role("button", name="Place LIVE order").click()
    expect(page.locator("#results li")).to_have_count(1)
    assert admin(simulator, "stats")["orders"] == before + 1
    assert inspecting.orders[-1]["data"] == page.get_by_label("Raw order (JSON text)").input_value()


# --- export -----------------------------------------------------------------------------------------------
def exported(page, button):
    with page.expect_download() as download:
        page.get_by_role("button", name=button).click()
    return download.value.suggested_filename, open(download.value.path(), encoding="utf-8").read()


def test_the_session_exports_as_json_and_markdown_with_every_token_masked(inspecting, bridge):
    page = inspecting.page
    fill(page, "MSFT", 4)
    place(page)                                   # a review, then the order: two calls
    token = token_of(inspecting)
    expect(newest_call(page).locator(".journal-row")).to_contain_text("placed")
    newest_call(page).get_by_role("button", name="Reveal token").click()    # revealed on the page, not in the export

    name, text = exported(page, "Export JSON")
    assert re.fullmatch(r"tsbridge-calls-\d{8}-\d{6}\.json", name)
    assert token not in text
    calls = json.loads(text)["calls"]
    assert [call["label"] for call in calls] == ["Confirm (review)", "Send order"]
    send = calls[1]
    assert send["url"].startswith(bridge.url + "/jsonp/orders/send?")
    assert "oauth_token=" + token[:6] + "…" in send["url"]
    assert send["data"] == json.loads(inspecting.orders[-1]["data"])
    assert send["answer"]["status"] == 200 and send["answer"]["body"].startswith("/**/" + send["callback"] + "(")
    assert send["journal"]["state"] == "placed" and send["timings"]["bridge_ms"]["total"] > 0

    name, text = exported(page, "Export Markdown")
    assert name.endswith(".md") and token not in text
    assert "## #2 Send order · this bridge · HTTP 200" in text and "```js\n/**/" in text


# --- the two dialects side by side ---------------------------------------------------------------------------
def dialect_row(page, fields):
    return page.locator(f"#dialects-table tr[data-fields='{fields}']")


def test_the_ticket_shows_its_order_in_both_dialects_with_the_differences_marked(inspecting):
    page = inspecting.page
    fill(page, "MSFT", 10, order_type="Limit", limit="400.5", side="SellShort", dialect="Classic", tif="GTD")
    page.get_by_label("Expiration date").fill("2030-01-31")
    page.get_by_text("The ticket's order in both dialects").click()
    expect(page.locator("#dialect-classic")).to_have_text("Classic (APIVersion 20101026)")
    expect(page.locator("#dialect-2015")).to_have_text("2015 (APIVersion 20150101)")
    expect(dialect_row(page, "AccountKey AccountId")).to_have_text('"AccountKey": "281994","AccountId": "281994",')
    expect(dialect_row(page, "AccountKey AccountId").locator("mark.field")).to_have_count(2)
    expect(dialect_row(page, "AccountKey AccountId").locator("mark.value")).to_have_count(0)
    expect(dialect_row(page, "Quantity Quantity")).to_have_text('"Quantity": "10","Quantity": 10,')
    expect(dialect_row(page, "Quantity Quantity").locator("mark.value")).to_have_count(2)   # a string, a number
    expect(dialect_row(page, "AssetType AssetType")).to_have_text('"AssetType": "EQ","AssetType": "Equity",')
    expect(dialect_row(page, "TradeAction Side")).to_have_text('"TradeAction": "SellShort","Side": "Short",')
    expect(dialect_row(page, "Duration TimeInForce")).to_have_text('"Duration": "GTD","TimeInForce": "GoodTillDate",')
    expect(dialect_row(page, "GTDDate TimeInForceExpiration")).to_contain_text('"GTDDate": "01/31/2030"')
    expect(dialect_row(page, "GTDDate TimeInForceExpiration")).to_contain_text(
        '"TimeInForceExpiration": "2030-01-31T23:59:59')
    symbol = dialect_row(page, "Symbol Symbol")
    expect(symbol).to_have_text('"Symbol": "MSFT","Symbol": "MSFT",')
    expect(symbol.locator("mark")).to_have_count(0)
    expect(page.locator("#dialects-table tr[data-fields='StopPrice StopPrice']")).to_have_count(0)
    expect(page.locator("#dialects-table tr").last).to_have_text("}}")
    screenshot(page, "inspector-dialects.png")

    # A side with no 2015 equivalent is named, not swapped; what the page sends follows the ticket's dialect.
    page.get_by_label("Side").select_option("BuyToCover")
    expect(page.locator("#dialects-lacking")).to_have_text(
        "BuyToCover has no equivalent in the 2015 dialect: a switch clears it.")
    page.get_by_label("2015").check()
    expect(page.locator("#dialects-lacking")).to_be_hidden()
    expect(dialect_row(page, "TradeAction Side")).to_have_text('"TradeAction": "","Side": "",')



def ticket_script_last(route):
    """The ticket page with the ticket's script moved after the inspector's and deferred: the inspector's module
    then runs first, as it may when both are modules."""
    html = route.fetch().text()
    ticket = re.search(r'<script [^>]*src="/static/ticket[^"]*"[^>]*></script>\n', html).group(0)
    html = html.replace(ticket, "").replace("</body>", ticket.replace("<script ", "<script defer ") + "</body>")
    route.fulfill(body=html, content_type="text/html; charset=utf-8")


@pytest.mark.parametrize("first", ["ticket", "inspector"])
def test_the_dialects_show_the_ticket_whichever_script_starts_first(inspecting, bridge, first):
    page = inspecting.page
    if first == "inspector":
        page.route(bridge.url + "/", ticket_script_last)
        page.reload()
    scripts = page.evaluate("[...document.scripts].map((script) => new URL(script.src).pathname)")
    order = [scripts.index("/static/ticket/main.js"), scripts.index("/static/inspector/main.js")]
    assert order == sorted(order, reverse=first == "inspector"), scripts
    expect(page.locator("#confirm-id")).not_to_be_empty()
    page.get_by_text("The ticket's order in both dialects").click()
    expect(dialect_row(page, "AccountKey AccountId")).to_contain_text('"AccountKey": "')
    expect(page.locator("#dialect-2015")).to_have_text("2015 (APIVersion 20150101)")
    fill(page, "MSFT", 10)
    expect(dialect_row(page, "Symbol Symbol")).to_have_text('"Symbol": "MSFT","Symbol": "MSFT",')

# --- cancel and change: calls about an order, journaled as requests ------------------------------------------
@pytest.mark.parametrize("target", ["This bridge", "TradeStation directly"])
def test_a_change_and_a_cancel_each_get_their_entry(inspecting, target):
    page = inspecting.page
    fill(page, "ARNA", 10, order_type="Limit", limit="1.45", target=target)
    one_click(page)
    place(page)
    order_id = page.locator("#results li .meta").first.inner_text().split()[1]
    row = page.locator(f"#orders tr[data-order='{order_id}']")
    row.get_by_role("button", name=f"Modify order {order_id}").click()
    editor = page.locator(f"#orders .modify-row[data-order='{order_id}']")
    editor.get_by_label("Quantity").fill("20")
    editor.get_by_role("button", name="Send change").click()
    expect(newest_call(page).locator("summary")).to_contain_text(f"Change order {order_id}")
    change = pinned(page, newest_call(page))
    expect(change.locator("code.url")).to_contain_text(f"/jsonp/orders/{order_id}/cancelreplace?")
    expect(change.locator("pre.data")).to_contain_text('"Quantity": "20"')
    row.get_by_role("button", name=f"Cancel order {order_id}").click()
    expect(newest_call(page).locator("summary")).to_contain_text(f"Cancel order {order_id}")
    cancel = pinned(page, newest_call(page))
    expect(cancel.locator("code.url")).to_contain_text(f"/jsonp/orders/{order_id}/cancel?")
    expect(cancel.locator("pre.data")).to_have_text("(none)")
    if target == "This bridge":
        expect(change.locator(".journal-row")).to_contain_text(
            f"cancelreplace · placed · Change order {order_id} to 20 @ 1.45 Limit")
        expect(cancel.locator(".journal-row")).to_contain_text(f"cancel · placed · Cancel order {order_id}")
        expect(cancel.locator("pre.raw")).to_contain_text("/**/")
    else:
        expect(cancel.locator(".journal-row")).to_contain_text("the bridge saw nothing")
    expect(page.locator("#calls > li")).to_have_count(3)
