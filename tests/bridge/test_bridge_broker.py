"""The simulator's broker rules reach the trader through the bridge's JSONP call as TradeStation's answers:
an off-tick future and a cash account's short sale are refused with the rule's words, and a fill's cost and
commission show in the balances the ticket is handed."""

from harness.jsonp import unwrap
from harness.orders import classic_order

OFF_TICK = "Order failed. Reason: Limit price 4990.13 is not a multiple of the tick size of ESZ26, 0.25"
CASH_SHORT = "Order failed. Reason: Account 281994 is a cash account and cannot sell short"


def test_an_off_tick_future_and_a_cash_short_sale_are_refused_through_the_bridge(trader):
    future = classic_order(AccountKey="556677", AssetType="FU", Symbol="ESZ26", Quantity="1", OrderType="Limit",
                           LimitPrice="4990.13", Duration="GTC")
    confirm = trader.jsonp("confirm", data=future)
    assert OFF_TICK in confirm.text
    [sent] = unwrap(trader.jsonp("send", data=future))
    assert (sent["OrderStatus"], sent["Message"]) == ("Failed", OFF_TICK)
    [short] = unwrap(trader.jsonp("send", data=classic_order(TradeAction="SellShort", Quantity="5")))
    assert (short["OrderStatus"], short["Message"]) == ("Failed", CASH_SHORT)
    [resting] = unwrap(trader.jsonp("send", data=dict(future, LimitPrice="4990.25",
                                                      OrderConfirmId=classic_order()["OrderConfirmId"])))
    assert resting["OrderStatus"] == "Ok"


def test_a_fill_through_the_bridge_takes_its_cost_and_commission_from_cash(trader, sim):
    [before] = trader.http.get(f"{trader.bridge}/market/balances/281994").json()
    [sent] = unwrap(trader.jsonp("send", data=classic_order(Quantity="10")))
    assert sent["OrderStatus"] == "Ok"
    [filled] = [entry for entry in sim.call("GET", "/accounts/281994/orders", token=sim.token()).json()
                if str(entry["OrderID"]) == sent["OrderID"]]
    [after] = trader.http.get(f"{trader.bridge}/market/balances/281994").json()
    cost = round(10 * filled["FilledPrice"] + 1.00, 2)
    assert round(before["RealTimeAccountBalance"] - after["RealTimeAccountBalance"], 2) == cost
    assert after["RealTimeBuyingPower"] == after["RealTimeAccountBalance"] and after["Commission"] == 1.0
