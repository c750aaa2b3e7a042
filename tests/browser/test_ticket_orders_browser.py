"""Orders placed from the ticket as a trader places them, in both dialects and to both targets (this bridge,
TradeStation directly), checked where they land: the results list, the bridge's journal and the simulator's own
order book; each shown exactly as it was sent, prices with the instrument's decimals.
"""

import re

import pytest
from playwright.sync_api import expect

from harness.login import log_in_page
from harness.ticket_page import CASH, FOREX, fill, journal, one_click, place, refreshed_journal, screenshot, sent_order

# TradeStation echoes the order with its price in the classic dialect, without it in the 2015 one.
DIALECTS = {
    "2015": ("20150101", "Success", "Sent order: Buy 10 MSFT", "Sent order: Buy 5 IBM",
             {"AccountId": CASH, "AssetType": "Equity", "Side": "Buy", "TimeInForce": "Day", "Quantity": 10,
              "Type": "Market", "Route": "Intelligent", "Symbol": "MSFT"}),
    "Classic": ("20101026", "Ok", "Sent order: Buy 10 MSFT @ Market", "Sent order: Buy 5 IBM @ 150.25 Limit",
                {"AccountKey": CASH, "AssetType": "EQ", "TradeAction": "Buy", "Duration": "DAY", "Quantity": "10",
                 "OrderType": "Market", "Route": "Intelligent", "Symbol": "MSFT"}),
}


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize("target", ["This bridge", "TradeStation directly"])
def test_market_and_limit_orders_show_their_results(watched, page, bridge, simulator, target, dialect):
    api_version, ok, market_message, limit_message, fields = DIALECTS[dialect]
    log_in_page(page, bridge.url)
    fill(page, "MSFT", 10, target=target, dialect=dialect)
    assert place(page) == (ok, market_message)
    order = sent_order(watched)
    assert watched.orders[-1]["APIVersion"] == api_version
    first_id = order.pop("OrderConfirmId")
    assert order == fields

    fill(page, "IBM", 5, order_type="Limit", limit="150.25", target=target)
    assert place(page, accept_warnings=True) == (ok, limit_message)      # 24 % below IBM's last price
    order = sent_order(watched)
    assert order["LimitPrice"] == "150.25" and "StopPrice" not in order
    assert order["OrderConfirmId"] != first_id      # a definitive answer arms a new ticket
    expect(page.locator("#results li.ok")).to_have_count(2)
    expect(page.locator("#results li .message").first).to_have_text(limit_message)   # newest first

    # The direct target is TradeStation's own URL, cross-origin; the bridge's is its own.
    expected = simulator.url + "/v2/jsonp/orders/send" if target != "This bridge" else bridge.url + "/jsonp/orders/send"
    assert [url.split("?")[0] for url in watched.urls] == [expected, expected]
    rows = journal(page, bridge.url)
    via_bridge = [row for row in rows if row["confirm_id"] in (first_id, order["OrderConfirmId"])]
    assert len(via_bridge) == (2 if target == "This bridge" else 0)
    if target == "This bridge":
        assert {row["state"] for row in via_bridge} == {"placed"}
        expect(page.locator("#journal tbody tr").first).to_contain_text("Buy 5 IBM @ 150.25 Limit")
        if dialect == "Classic":
            screenshot(page, "ticket-results.png")


@pytest.mark.parametrize("target", ["This bridge", "TradeStation directly"])
def test_classic_dialect_orders(watched, page, bridge, target):
    log_in_page(page, bridge.url)
    fill(page, "USDJPY", 20000, order_type="Limit", limit="1", account=FOREX, target=target, dialect="Classic",
         tif="GTD", asset="FX")
    page.get_by_label("Expiration date").fill("2030-01-31")
    status, message = place(page, accept_warnings=True)          # a limit of 1 on USDJPY at 150
    assert status == "Ok" and message.startswith("Sent order: Buy 20,000 USDJPY @ 1.0")
    order = sent_order(watched)
    assert watched.orders[-1]["APIVersion"] == "20101026"
    assert {k: order[k] for k in ("AccountKey", "AssetType", "OrderType", "TradeAction", "Duration", "GTDDate",
                                  "Quantity", "LimitPrice")} == {
        "AccountKey": FOREX, "AssetType": "FX", "OrderType": "Limit", "TradeAction": "Buy", "Duration": "GTD",
        "GTDDate": "01/31/2030", "Quantity": "20000", "LimitPrice": "1"}


def test_results_and_journal_show_what_was_sent_exactly(watched, page, bridge):
    log_in_page(page, bridge.url)
    expect(page.get_by_label("Symbol")).to_be_focused()                  # the ticket opens on Symbol
    fill(page, "EURUSD", 10000, order_type="StopLimit", limit="1.07855", stop="1.078", account=FOREX,
         asset="FX", dialect="Classic", tif="GTD")
    page.get_by_label("Expiration date").fill("2030-12-31")
    status, _ = place(page)
    assert status == "Ok"
    result = page.locator("#results li").first
    expect(result).to_be_focused()
    expect(result.locator(".meta")).to_contain_text(
        f"Account {FOREX} · limit 1.07855 · stop 1.078 · Good till date (GTD) until 12/31/2030 · this bridge")
    row = page.locator("#journal tbody tr").first
    expect(row.locator("td")).to_have_text([
        re.compile(r"\d"), "received", "Buy 10,000 EURUSD @ 1.07855 Stop Limit, stop 1.078",
        "Good till date (GTD) until 12/31/2030", FOREX, re.compile(r"^\d+$"), re.compile(".*")])
    white_space = row.locator("td").evaluate_all("cells => cells.map(c => getComputedStyle(c).whiteSpace)")
    assert [white_space[i] for i in (0, 4, 5)] == ["nowrap"] * 3        # time, account, order id
    # A refresh that fails says so: the rows left on the page would otherwise read as an answer.
    page.route("**/journal?**", lambda route: route.fulfill(status=502, body="Bad Gateway"))
    refreshed_journal(page)
    expect(page.locator("#journal-failed")).to_have_text(
        "The journal could not be refreshed (HTTP 502): what it shows may be out of date.")
    expect(row.locator("td").nth(1)).to_have_text("received")
    page.unroute("**/journal?**")
    refreshed_journal(page)
    expect(page.locator("#journal-failed")).to_be_hidden()


def test_prices_keep_the_instruments_decimals_from_the_quote_to_the_journal_and_the_modify_editor(page, bridge, sim):
    log_in_page(page, bridge.url)
    one_click(page)
    fill(page, "IBM", 5)
    sim.admin("POST", "price", json={"Symbol": "IBM", "Last": "190"})
    expect(page.locator("#quote-ask")).to_contain_text("190.00", timeout=6000)
    page.locator("#quote-ask").click()
    expect(page.get_by_label("Limit price")).to_have_value("190.00")      # not "190"
    place(page)
    page.get_by_role("button", name="Refresh").click()
    expect(page.locator("#journal tbody tr").first.locator("td").nth(2)).to_have_text("Buy 5 IBM @ 190.00 Limit")

    # A resting order's Modify editor starts from its prices as TradeStation shows them.
    page.get_by_role("button", name="New order").click()
    fill(page, "MSFT", 10, order_type="Limit", limit="400")
    place(page)
    order_id = page.locator("#results li .meta").first.inner_text().split()[1]
    page.get_by_role("button", name=f"Modify order {order_id}").click()
    editor = page.locator(f"#orders .modify-row[data-order='{order_id}']")
    expect(editor.get_by_label("Limit price")).to_have_value("400.00")
