"""The market behaves like a broker's, through the v2 face (REST and JSONP): a short covered in part, a cash
account's sales, prices on the instrument's tick, and what a fill does to cash and buying power."""

from harness.orders import classic_order

MARGIN, CASH, FUTURES = "987654", "281994", "556677"
OFF_TICK = "Order failed. Reason: Limit price 4990.13 is not a multiple of the tick size of ESZ26, 0.25"


def set_price(sim, symbol, last):
    assert sim.admin("POST", "price", json={"Symbol": symbol, "Last": last}).status_code == 200


def send(sim, token, **changes):
    answer = sim.call("POST", "/orders", token=token, json=classic_order(**changes))
    assert answer.status_code == 200, answer.text
    return answer.json()[0]


def one(sim, token, path):
    answer = sim.call("GET", path, token=token)
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_a_short_covered_in_part_keeps_its_average_and_realizes_the_rest(sim, demo_token):
    set_price(sim, "MSFT", "420.00")          # the bid is 419.99
    assert send(sim, demo_token, AccountKey=MARGIN, TradeAction="SellShort", Quantity="20")["OrderStatus"] == "Ok"
    set_price(sim, "MSFT", "404.00")          # the ask is 404.00
    assert send(sim, demo_token, AccountKey=MARGIN, TradeAction="BuyToCover", Quantity="12")["OrderStatus"] == "Ok"
    [msft] = one(sim, demo_token, f"/accounts/{MARGIN}/positions")
    assert (msft["Quantity"], msft["LongShort"], msft["AveragePrice"]) == (8, "S", 419.99)
    assert msft["OpenProfitLoss"] == 127.92 and msft["TotalCost"] == 3359.92
    [money] = one(sim, demo_token, f"/accounts/{MARGIN}/balances")
    assert money["RealTimeRealizedProfitLoss"] == 191.88 and money["RealTimeUnrealizedProfitLoss"] == 127.92
    assert money["Commission"] == 2.0
    # Cash: the short's proceeds in, the cover's cost out, each order's 1.00 commission.
    assert money["RealTimeAccountBalance"] == round(2_000_000 + 20 * 419.99 - 12 * 404 - 2, 2)


def test_a_cash_account_cannot_sell_short_or_more_than_it_holds_at_confirm_or_at_send(sim, demo_token):
    send(sim, demo_token, Symbol="AAPL", Quantity="10")
    short = "Order failed. Reason: Account 281994 is a cash account and cannot sell short"
    oversell = "Order failed. Reason: Account 281994 is a cash account and cannot sell more than it holds (10 AAPL)"
    for changes, words in (({"TradeAction": "SellShort", "Quantity": "5"}, short),
                           ({"TradeAction": "Sell", "Quantity": "100"}, oversell)):
        order = classic_order(Symbol="AAPL", **changes)
        confirm = sim.call("POST", "/orders/confirm", token=demo_token, json=order)
        assert confirm.status_code == 400 and confirm.json()["Message"] == words
        sent = sim.call("POST", "/orders", token=demo_token, json=order).json()[0]
        assert (sent["OrderStatus"], sent["Message"]) == ("Failed", words)
        # The JSONP twin says the same.
        jsonp = sim.jsonp("send", demo_token, data=classic_order(Symbol="AAPL", **changes))
        assert words in jsonp.text and "Failed" in jsonp.text
    assert send(sim, demo_token, Symbol="AAPL", Quantity="10", TradeAction="Sell")["OrderStatus"] == "Ok"
    assert one(sim, demo_token, f"/accounts/{CASH}/positions") == []


def test_an_off_tick_future_is_refused_naming_its_tick_and_an_on_tick_one_rests(sim, demo_token):
    future = {"AccountKey": FUTURES, "AssetType": "FU", "Symbol": "ESZ26", "Quantity": "1", "OrderType": "Limit"}
    confirm = sim.call("POST", "/orders/confirm", token=demo_token,
                       json=classic_order(**future, LimitPrice="4990.13"))
    assert confirm.status_code == 400 and confirm.json()["Message"] == OFF_TICK
    sent = send(sim, demo_token, **future, LimitPrice="4990.13")
    assert (sent["OrderStatus"], sent["Message"]) == ("Failed", OFF_TICK)
    resting = send(sim, demo_token, **future, LimitPrice="4990.25")
    assert resting["OrderStatus"] == "Ok"
    changed = sim.call("PUT", f"/orders/{resting['OrderID']}", token=demo_token,
                       json={"AccountKey": FUTURES, "OrderID": resting["OrderID"], "OrderType": "Limit",
                             "Quantity": "1", "LimitPrice": "4990.13"})
    assert changed.status_code == 400 and changed.json()["Message"] == OFF_TICK


def test_an_option_trades_in_cents_below_three_and_nickels_from_three(sim, demo_token):
    option = {"AccountKey": MARGIN, "AssetType": "OP", "Symbol": "MSFT 261218C420", "Quantity": "1",
              "OrderType": "Limit", "TradeAction": "BuyToOpen"}
    assert send(sim, demo_token, **option, LimitPrice="2.58")["OrderStatus"] == "Ok"
    assert send(sim, demo_token, **option, LimitPrice="3.05")["OrderStatus"] == "Ok"
    off = send(sim, demo_token, **option, LimitPrice="3.02")
    assert off["Message"] == ("Order failed. Reason: Limit price 3.02 is not a multiple of the tick size of "
                              "MSFT 261218C420, 0.05")


def test_a_fill_moves_cash_and_buying_power_by_its_cost_and_commission(sim, demo_token):
    set_price(sim, "MSFT", "420.00")
    [before] = one(sim, demo_token, f"/accounts/{CASH}/balances")
    assert before["RealTimeBuyingPower"] == before["RealTimeAccountBalance"] == 1_000_000
    send(sim, demo_token, Quantity="10")                       # 4,200.00 and 1.00 commission
    [after] = one(sim, demo_token, f"/accounts/{CASH}/balances")
    assert after["RealTimeAccountBalance"] == after["RealTimeBuyingPower"] == 995_799.0
    assert after["Commission"] == 1.0 and after["RealTimeEquity"] == 995_799.0 + 4200
    [margin] = one(sim, demo_token, f"/accounts/{MARGIN}/balances")
    send(sim, demo_token, AccountKey=MARGIN, Quantity="100")   # 42,000.00 and 1.00
    [margin_after] = one(sim, demo_token, f"/accounts/{MARGIN}/balances")
    assert margin["RealTimeBuyingPower"] - margin_after["RealTimeBuyingPower"] == 42_000 + 2 * 1.0
