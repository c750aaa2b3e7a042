"""What the ticket refuses before anything is sent: a missing or malformed field, a past expiry, each in the
words the server would use (tradestation.orders' own checks), and no order goes out.
"""


import pytest
from playwright.sync_api import expect

from harness.login import log_in_page
from harness.orders import global_order
from harness.ticket_page import CASH, fill, place


def test_the_page_checks_with_the_servers_words_and_sends_nothing(watched, page, bridge):
    log_in_page(page, bridge.url)
    error = page.locator("#ticket-error")
    fill(page, "", 10)
    page.locator("#place").click()
    expect(error).to_have_text("Missing order symbol.")
    expect(page.get_by_label("Symbol")).to_have_attribute("aria-invalid", "true")
    fill(page, "MSFT", 10, order_type="Limit")
    page.locator("#place").click()
    expect(error).to_have_text("Missing order limit price.")
    page.get_by_label("Limit price").fill("12.3.4")
    page.locator("#place").click()
    expect(error).to_have_text("Invalid limit price.")
    fill(page, "MSFT", "", order_type="StopMarket")
    page.locator("#place").click()
    expect(error).to_have_text("Missing order quantity.")
    fill(page, "MSFT", 10, order_type="StopMarket")
    page.locator("#place").click()
    expect(error).to_have_text("Missing order stop price.")
    fill(page, "MSFT", 10, tif="GoodTillDate")
    page.locator("#place").click()
    expect(error).to_have_text("Order failed. Reason: Missing expiration date for a good-till-date order")
    assert watched.orders == []
    expect(page.locator("#results li")).to_have_count(0)
    # Once the ticket is complete the message goes and the order is sent.
    page.get_by_label("Time in force").select_option("Day")
    status, _ = place(page)
    expect(error).to_have_text("")
    assert status == "Success" and len(watched.orders) == 1


# (symbol, quantity, order type, limit, stop, time in force): tickets the page must refuse.
REFUSED = [
    ("", "10", "Market", None, None, "Day"),
    ("MSFT!", "10", "Market", None, None, "Day"),
    ("MSFT", "", "Market", None, None, "Day"),
    ("MSFT", "0", "Market", None, None, "Day"),
    ("MSFT", "1.5", "Market", None, None, "Day"),
    ("MSFT", "10", "Limit", "", None, "Day"),
    ("MSFT", "10", "Limit", "0", None, "Day"),
    ("MSFT", "10", "Limit", "1.123456789", None, "Day"),
    ("MSFT", "10", "StopMarket", None, "abc", "Day"),
    ("MSFT", "10", "StopLimit", "1", "", "Day"),
    ("MSFT", "10", "Market", None, None, "GoodTillDate"),
]


def test_the_page_refuses_what_the_server_refuses_in_its_words(watched, page, bridge):
    from tradestation.errors import ApiError
    from tradestation.orders import parse_order
    log_in_page(page, bridge.url)
    for symbol, quantity, order_type, limit, stop, tif in REFUSED:
        fill(page, symbol, quantity, order_type=order_type, limit=limit, stop=stop, tif=tif)
        page.locator("#place").click()
        order = global_order(AccountId=CASH, Symbol=symbol.upper(), Quantity=quantity, Type=order_type,
                             TimeInForce=tif, LimitPrice=limit, StopPrice=stop, OrderConfirmId=None)
        with pytest.raises(ApiError) as refusal:
            parse_order(order, "2015")
        expect(page.locator("#ticket-error")).to_have_text(refusal.value.message)
    assert watched.orders == []


@pytest.mark.parametrize("dialect, tif", [("2015", "GoodTillDate"), ("Classic", "GTD")])
def test_a_past_expiry_is_refused_on_the_page_and_the_picker_starts_today(watched, page, bridge, dialect, tif):
    import datetime

    from tradestation.errors import PAST_EXPIRY
    log_in_page(page, bridge.url)
    fill(page, "MSFT", 10, order_type="Limit", limit="400", dialect=dialect, tif=tif)
    expiry = page.get_by_label("Expiration date")
    expect(expiry).to_have_attribute("min", page.evaluate(
        "(() => { const d = new Date(); return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0')"
        " + '-' + String(d.getDate()).padStart(2, '0'); })()"))
    expiry.fill("2020-01-01")
    page.locator("#place").click()
    expect(page.locator("#ticket-error")).to_have_text(PAST_EXPIRY)
    expect(expiry).to_have_attribute("aria-invalid", "true")
    assert watched.orders == []
    expiry.fill((datetime.date.today() + datetime.timedelta(days=7)).isoformat())
    assert place(page)[0] in ("Ok", "Success")
