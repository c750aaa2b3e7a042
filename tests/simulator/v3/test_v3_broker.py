"""The market behaves like a broker's through the v3 face too: the issue's short covered in part, a cash
account's sales, an off-tick future, and a fill's effect on cash and buying power."""

from harness import v3 as h

MARGIN, CASH, FUTURES = "987654", "281994", "556677"
OFF_TICK = "Order failed. Reason: Limit price 4990.13 is not a multiple of the tick size of ESZ26, 0.25"


def set_price(sim, symbol, last):
    assert sim.admin("POST", "price", json={"Symbol": symbol, "Last": last}).status_code == 200


def balance(v3, account):
    answer = v3.call("GET", f"/brokerage/accounts/{account}/balances")
    assert answer.status_code == 200, answer.text
    [entry] = answer.json()["Balances"]
    return entry


def test_the_issue_s_short_and_partial_cover(v3, sim):
    set_price(sim, "MSFT", "420.00")
    assert v3.place(h.v3_order(AccountID=MARGIN, TradeAction="SELLSHORT", Quantity="20")).status_code == 200
    set_price(sim, "MSFT", "404.00")
    assert v3.place(h.v3_order(AccountID=MARGIN, TradeAction="BUYTOCOVER", Quantity="12")).status_code == 200
    answer = v3.call("GET", f"/brokerage/accounts/{MARGIN}/positions")
    [msft] = answer.json()["Positions"]
    assert (msft["Quantity"], msft["LongShort"], msft["AveragePrice"]) == ("-8", "Short", "419.99")
    assert msft["UnrealizedProfitLoss"] == "127.92" and float(msft["Last"]) == 404
    money = balance(v3, MARGIN)
    assert money["BalanceDetail"]["RealizedProfitLoss"] == "191.88"
    assert money["BalanceDetail"]["UnrealizedProfitLoss"] == "127.92"
    assert money["TodaysProfitLoss"] == "319.80" and money["Commission"] == "2.00"


def test_a_cash_account_s_short_sale_and_oversale_are_refused_at_confirm_and_at_send(v3):
    assert v3.place(h.v3_order(Symbol="AAPL", Quantity="10")).status_code == 200
    short = "Order failed. Reason: Account 281994 is a cash account and cannot sell short"
    oversell = "Order failed. Reason: Account 281994 is a cash account and cannot sell more than it holds (10 AAPL)"
    for action, quantity, words in (("SELLSHORT", "5", short), ("SELL", "100", oversell)):
        order = h.v3_order(Symbol="AAPL", TradeAction=action, Quantity=quantity)
        confirm = v3.call("POST", "/orderexecution/orderconfirm", json=order)
        assert confirm.status_code == 400 and confirm.json() == {"Error": "BadRequest", "Message": words}
        sent = v3.place(order)
        assert sent.status_code == 200 and sent.json()["Errors"][0]["Message"] == words
    assert v3.place(h.v3_order(Symbol="AAPL", TradeAction="SELL", Quantity="10")).json()["Orders"]


def test_an_off_tick_future_is_refused_and_an_on_tick_one_rests(v3):
    future = {"AccountID": FUTURES, "Symbol": "ESZ26", "Quantity": "1", "OrderType": "Limit",
              "TimeInForce": {"Duration": "GTC"}}
    confirm = v3.call("POST", "/orderexecution/orderconfirm", json=h.v3_order(**future, LimitPrice="4990.13"))
    assert confirm.status_code == 400 and confirm.json()["Message"] == OFF_TICK
    sent = v3.place(h.v3_order(**future, LimitPrice="4990.13")).json()
    assert sent["Errors"][0]["Message"] == OFF_TICK and sent["Orders"] == []
    [resting] = v3.place(h.v3_order(**future, LimitPrice="4990.25")).json()["Orders"]
    [entry] = [entry for entry in v3.orders(FUTURES) if entry["OrderID"] == resting["OrderID"]]
    assert entry["Status"] == "OPN"
    changed = v3.call("PUT", f"/orderexecution/orders/{resting['OrderID']}", json={"LimitPrice": "4990.13"})
    assert changed.status_code == 400 and changed.json()["Message"] == OFF_TICK


def test_a_fill_takes_its_cost_and_commission_from_cash_and_buying_power(v3, sim):
    set_price(sim, "MSFT", "420.00")
    before = balance(v3, CASH)
    assert before["CashBalance"] == before["BuyingPower"] == "1000000.00"
    v3.place(h.v3_order(Quantity="10"))
    after = balance(v3, CASH)
    assert after["CashBalance"] == after["BuyingPower"] == "995799.00" and after["Commission"] == "1.00"
    assert after["Equity"] == "999999.00"
