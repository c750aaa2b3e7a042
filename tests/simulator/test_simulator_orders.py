"""Orders over real HTTP: TradeStation's documented examples, fills, rests, cancels, replaces, groups."""

import datetime
import xml.etree.ElementTree as ET
from functools import partial

import requests

from harness.orders import RESTING, SEED_BODY, classic_order, global_order

# A classic order; the defaults buy 10 ARNA at 1.00, which rests (ARNA is offered at 1.50). The simulator's
# own tests send no OrderConfirmId unless they mean to: a client may leave it out.
order = partial(classic_order, **RESTING, OrderConfirmId=None)


def market(symbol="MSFT", action="Buy", quantity="100", **fields):
    return order(Symbol=symbol, TradeAction=action, Quantity=quantity, OrderType="Market", LimitPrice=None,
                 Duration="DAY", **fields)


def place(sim, token, body, api_version=None):
    answer = sim.call("POST", "/orders", token=token, json=body, api_version=api_version)
    assert answer.status_code == 200, answer.text
    return answer.json()


def listing(sim, token, accounts="281994", **params):
    answer = sim.call("GET", f"/accounts/{accounts}/orders", token=token, params=params)
    assert answer.status_code == 200, answer.text
    return {entry["OrderID"]: entry for entry in answer.json()}


def status(sim, token, order_id, accounts="281994"):
    return listing(sim, token, accounts)[int(order_id)]["Status"]


def set_price(sim, symbol, last):
    answer = sim.admin("POST", "price", json={"Symbol": symbol, "Last": last})
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_the_seed_request_answers_as_the_seed_shows(sim, demo_token):
    answer = requests.post(f"{sim.base}/orders?APIVersion=20150101", data=SEED_BODY.encode(), timeout=10, headers={
        "Authorization": f"Bearer {demo_token}", "Accept": "application/json", "Content-Type": "application/json"})
    assert answer.status_code == 200 and answer.headers["Content-Type"].startswith("application/json")
    [result] = answer.json()
    assert result["Message"] == "Sent order: Buy 5 JP:8698-TS" and result["Status"] == "Success"
    assert isinstance(result["Id"], int) and result["Id"] == 208033600
    assert result["OrderConfirmId"] == "96x0c/Bq00qatgyO+QO4pA" and result["Orders"] == [{"Id": "208033600"}]
    # It rests: a limit of 0.14 for a stock at 640.0.
    entry = listing(sim, demo_token)[208033600]
    assert entry["Status"] == "OPN" and entry["OrderConfirmId"] == "96x0c/Bq00qatgyO+QO4pA"


def test_a_classic_limit_order_is_sent_and_rests(sim, demo_token):
    [result] = place(sim, demo_token, order(OrderConfirmId="rest-1"))
    assert result == {"Message": "Sent order: Buy 10 ARNA @ 1.00 Limit", "OrderID": "208033600", "OrderStatus": "Ok"}
    [second] = place(sim, demo_token, order(Quantity=20000, LimitPrice="1.1"))
    assert second["OrderID"] == "208033601" and second["Message"] == "Sent order: Buy 20,000 ARNA @ 1.10 Limit"
    entry = listing(sim, demo_token)[208033600]
    assert entry["Status"] == "OPN" and entry["StatusDescription"] == "Sent"
    assert entry["OrderConfirmId"] == "rest-1" and entry["Symbol"] == "ARNA" and entry["Quantity"] == 10
    assert entry["Type"] == "Buy" and entry["OrderType"] == "Limit" and entry["LimitPriceText"] == "1.00"
    assert entry["QuantityLeft"] == 10 and entry["ExecuteQuantity"] == 0 and entry["TimeStamp"].endswith("Z")


def test_market_orders_fill_at_once_at_the_ask_or_the_bid(sim, demo_token):
    [bought] = place(sim, demo_token, market("MSFT", "Buy"))
    [sold] = place(sim, demo_token, market("MSFT", "Sell"))
    assert bought["Message"] == "Sent order: Buy 100 MSFT @ Market"
    entries = listing(sim, demo_token)
    buy, sell = entries[int(bought["OrderID"])], entries[int(sold["OrderID"])]
    assert buy["Status"] == "FLL" and buy["FilledPrice"] == 420.0 and buy["ExecuteQuantity"] == 100
    assert sell["Status"] == "FLL" and sell["FilledPriceText"] == "419.99" and sell["QuantityLeft"] == 0


def test_a_resting_limit_fills_when_the_price_reaches_it(sim, demo_token):
    [result] = place(sim, demo_token, order())
    set_price(sim, "ARNA", "1.01")
    assert status(sim, demo_token, result["OrderID"]) == "OPN"
    moved = set_price(sim, "ARNA", "1.00")
    assert moved["filled"] == [result["OrderID"]]
    entry = listing(sim, demo_token)[int(result["OrderID"])]
    assert entry["Status"] == "FLL" and entry["FilledPrice"] == 1.0


def test_a_marketable_limit_fills_at_the_better_price(sim, demo_token):
    [result] = place(sim, demo_token, order(LimitPrice="2.00"))
    assert listing(sim, demo_token)[int(result["OrderID"])]["FilledPrice"] == 1.5


def test_stop_orders_wait_for_their_stop(sim, demo_token):
    # A margin account's: a cash account sells only what it holds.
    [stop] = place(sim, demo_token, order(Symbol="MSFT", TradeAction="Sell", OrderType="StopMarket",
                                          LimitPrice=None, StopPrice="410.00", Quantity="5", AccountKey="987654"))
    assert stop["Message"] == "Sent order: Sell 5 MSFT @ 410.00 Stop Market"
    assert status(sim, demo_token, stop["OrderID"], accounts="987654") == "OPN"
    set_price(sim, "MSFT", "410.00")  # the bid is 409.99
    entry = listing(sim, demo_token, accounts="987654")[int(stop["OrderID"])]
    assert entry["Status"] == "FLL" and entry["FilledPrice"] == 409.99


def test_an_immediate_or_cancel_order_that_cannot_fill_expires(sim, demo_token):
    [result] = place(sim, demo_token, order(Duration="IOC"))
    assert result["OrderStatus"] == "Ok" and status(sim, demo_token, result["OrderID"]) == "EXP"


def test_cancel_an_open_order_then_it_is_not_open(sim, demo_token):
    [result] = place(sim, demo_token, order())
    order_id = result["OrderID"]
    cancelled = sim.call("DELETE", f"/orders/{order_id}", token=demo_token)
    assert cancelled.status_code == 200
    assert cancelled.json() == {"Message": "Cancel order sent.", "OrderID": order_id, "OrderStatus": "Ok"}
    assert status(sim, demo_token, order_id) == "CAN"
    again = sim.call("DELETE", f"/orders/{order_id}", token=demo_token)
    assert again.status_code == 200
    assert again.json() == {"Message": "Not an open order.", "OrderID": order_id, "OrderStatus": "Failed"}


def test_a_filled_order_cannot_be_cancelled(sim, demo_token):
    [filled] = place(sim, demo_token, market())
    answer = sim.call("DELETE", f"/orders/{filled['OrderID']}", token=demo_token)
    assert answer.json() == {"Message": "Not an open order.", "OrderID": filled["OrderID"], "OrderStatus": "Failed"}


def test_another_users_order_cannot_be_cancelled(sim, demo_token):
    [result] = place(sim, demo_token, order())
    other = sim.token("other", "other")
    answer = sim.call("DELETE", f"/orders/{result['OrderID']}", token=other)
    assert answer.status_code == 400 and answer.json() == {"Message": "Failed to cancel order.", "StatusCode": 400}
    assert status(sim, demo_token, result["OrderID"]) == "OPN"


def replacement(order_id, **fields):
    body = {"AccountKey": "281994", "OrderID": order_id, "OrderType": "Limit", "Quantity": "10", "LimitPrice": "1.00"}
    body.update(fields)
    return {key: value for key, value in body.items() if value is not None}


def test_cancel_replace_changes_quantity_and_price(sim, demo_token):
    [result] = place(sim, demo_token, order())
    order_id = result["OrderID"]
    answer = sim.call("PUT", f"/orders/{order_id}", token=demo_token,
                      json=replacement(order_id, Quantity="25", LimitPrice="1.20"))
    assert answer.status_code == 200
    assert answer.json() == {"Message": "Cancel/Replace order sent.", "OrderID": order_id, "OrderStatus": "Ok"}
    entry = listing(sim, demo_token)[int(order_id)]
    assert entry["Quantity"] == 25 and entry["LimitPrice"] == 1.2 and entry["Status"] == "OPN"


def test_cancel_replace_may_turn_a_limit_into_a_market_order_and_nothing_else(sim, demo_token):
    [result] = place(sim, demo_token, order())
    order_id = result["OrderID"]
    refused = sim.call("PUT", f"/orders/{order_id}", token=demo_token,
                       json=replacement(order_id, OrderType="StopMarket", LimitPrice=None, StopPrice="1.40"))
    assert refused.status_code == 400 and refused.json()["Message"] == "Invalid order type."
    to_market = sim.call("PUT", f"/orders/{order_id}", token=demo_token,
                         json=replacement(order_id, OrderType="Market", LimitPrice=None))
    assert to_market.json()["OrderStatus"] == "Ok"
    entry = listing(sim, demo_token)[int(order_id)]
    assert entry["Status"] == "FLL" and entry["FilledPrice"] == 1.5
    filled = sim.call("PUT", f"/orders/{order_id}", token=demo_token, json=replacement(order_id))
    assert filled.status_code == 400 and filled.json() == {"Message": "Not an open order.", "StatusCode": 400}


def test_a_stop_order_may_change_its_stop(sim, demo_token):
    [result] = place(sim, demo_token, order(Symbol="MSFT", TradeAction="Sell", OrderType="StopMarket",
                                            LimitPrice=None, StopPrice="400.00", AccountKey="987654"))
    order_id = result["OrderID"]
    answer = sim.call("PUT", f"/orders/{order_id}", token=demo_token,
                      json=replacement(order_id, OrderType="StopMarket", LimitPrice=None, StopPrice="430.00",
                                       AccountKey="987654"))
    assert answer.json()["OrderStatus"] == "Ok"
    entry = listing(sim, demo_token, accounts="987654")[int(order_id)]
    assert entry["Status"] == "FLL"  # a sell stop above the bid triggers at once


def test_the_equity_confirmation_estimates_what_the_docs_show(sim, demo_token):
    answer = sim.call("POST", "/orders/confirm", token=demo_token, json=market("IBM"))
    [confirmation] = answer.json()
    assert answer.status_code == 200
    assert confirmation["__type"].startswith("EquitiesOptionsOrderConfirmation")
    assert confirmation["SummaryMessage"] == "Buy 100 IBM @ Market"
    assert confirmation["EstimatedCostDisplay"] == "19,899.00" and confirmation["EstimatedCost"] == 19899.0
    assert confirmation["EstimatedPriceDisplay"] == "198.99" and confirmation["EstimatedCommissionDisplay"] == "1.00"
    assert confirmation["Account"] == "281994" and confirmation["Duration"] == "DAY"
    assert confirmation["Route"] == "Intelligent" and len(confirmation["OrderConfirmId"]) == 22
    assert sim.stats()["orders"] == 0  # a preview places nothing


def test_futures_and_forex_confirmations_carry_their_extra_fields(sim, demo_token):
    [future] = sim.call("POST", "/orders/confirm", token=demo_token,
                        json=market("ESZ26", quantity="2", AssetType="FU", AccountKey="556677")).json()
    assert future["__type"].startswith("FuturesConfirmation")
    assert future["ProductCurrency"] == "USD" and future["AccountCurrency"] == "USD"
    assert future["InitialMarginDisplay"] == "25,300.00" and future["SummaryMessage"] == "Buy 2 ESZ26 @ Market"
    [forex] = sim.call("POST", "/orders/confirm", token=demo_token, json=order(
        AssetType="FX", Symbol="USDJPY", AccountKey="12345", Quantity="20000", LimitPrice="1",
        OrderConfirmId="mine-1")).json()
    assert forex["BaseCurrency"] == "USD" and forex["CounterCurrency"] == "JPY"
    assert forex["SummaryMessage"] == "Buy 20,000 USDJPY @ 1.000 Limit" and forex["OrderConfirmId"] == "mine-1"
    assert forex["EstimatedPriceDisplay"] == "1.000"


def test_a_2015_order_and_its_confirmation(sim, demo_token):
    body = global_order(Symbol="AAPL", Quantity=3, Type="Market", LimitPrice=None, OrderConfirmId="2015-a")
    [confirmation] = sim.call("POST", "/orders/confirm", token=demo_token, json=body,
                              api_version="20150601").json()
    assert confirmation["SummaryMessage"] == "Buy 3 AAPL @ Market"
    [result] = place(sim, demo_token, body, api_version="20150601")
    assert result["Status"] == "Success" and result["Message"] == "Sent order: Buy 3 AAPL"


def test_the_2015_dialect_lists_accounts_in_its_own_shape(sim, demo_token):
    accounts = sim.call("GET", "/users/demo/accounts", token=demo_token, api_version="20150101").json()
    cash = next(account for account in accounts if account["Id"] == "281994")
    assert cash["Status"] == "Open" and cash["AllowedAssets"] == ["Equity", "Option"]
    assert cash["AllowedFundSources"] == ["Cash"] and cash["AccountDisplayName"]
    classic = sim.call("GET", "/users/demo/accounts", token=demo_token).json()
    assert {(account["Key"], account["Type"], account["TypeDescription"]) for account in classic} == {
        (281994, "C", "Cash"), (987654, "M", "Margin"), (556677, "F", "Futures"), (12345, "X", "Forex"),
        (123456, "M", "Margin"), (123465, "M", "Margin"), (11234, "C", "Cash"), (114278, "X", "Forex"),
        (114275, "C", "Cash"), (114277, "F", "Futures"), (123145, "M", "Margin"), (123456782, "M", "Margin"),
        (31002504, "M", "Margin")}


def test_the_same_order_confirm_id_places_once_and_answers_the_first_result(sim, demo_token):
    first = place(sim, demo_token, order(OrderConfirmId="dup-1"))
    again = place(sim, demo_token, order(OrderConfirmId="dup-1", Quantity="999"))
    assert again == first
    stats = sim.stats()
    assert stats["orders"] == 1 and stats["confirm_ids"] == 1 and stats["duplicates_refused"] == 1
    # Another user's orders are their own: the same id places a new order for them.
    other = sim.token("other", "other")
    [theirs] = place(sim, other, order(OrderConfirmId="dup-1", AccountKey="700001"))
    assert theirs["OrderID"] != first[0]["OrderID"]
    assert sim.stats()["confirm_ids"] == 2


def test_a_repeat_of_a_rejected_order_is_answered_with_the_same_rejection(sim, demo_token):
    first = place(sim, demo_token, market(quantity="1000000", OrderConfirmId="too-big"))
    assert place(sim, demo_token, market(quantity="1000000", OrderConfirmId="too-big")) == first
    assert sim.stats()["orders"] == 1


def test_an_order_beyond_buying_power_is_rejected_with_tradestations_wording(sim, demo_token):
    [result] = place(sim, demo_token, market(quantity="1000000"))
    assert result["OrderStatus"] == "Failed" and result["OrderID"] == "208033600"
    assert result["Message"] == "Order failed. Reason: Insufficient buying power"
    entry = listing(sim, demo_token)[208033600]
    assert entry["Status"] == "REJ" and entry["RejectReason"] == result["Message"]
    [fine] = place(sim, demo_token, market(quantity="1000"))
    assert fine["OrderStatus"] == "Ok"


def test_unknown_symbols_and_wrong_accounts_are_taken_and_rejected(sim, demo_token):
    [unknown] = place(sim, demo_token, market("ZZZZ"))
    assert unknown == {"Message": "Order failed. Reason: ZZZZ is not a known symbol", "OrderID": "208033600",
                       "OrderStatus": "Failed"}
    [wrong_asset] = place(sim, demo_token, market("MSFT", AccountKey="12345"))
    assert wrong_asset["OrderStatus"] == "Failed" and "not enabled for Equity" in wrong_asset["Message"]
    [mislabelled] = place(sim, demo_token, market("USDJPY"))
    assert mislabelled["Message"] == "Order failed. Reason: USDJPY is Forex, not Equity"
    [in_2015] = place(sim, demo_token, global_order(Symbol="ZZZZ", Quantity=1, Type="Market", LimitPrice=None,
                                                    OrderConfirmId=None), api_version="20150101")
    assert in_2015["Status"] == "Failed" and "Orders" not in in_2015


def test_an_oco_group_cancels_the_other_order_when_one_fills(sim, demo_token):
    group = {"Type": "OCO", "Orders": [order(LimitPrice="1.00", OrderConfirmId="oco-a"),
                                       order(LimitPrice="0.90", OrderConfirmId="oco-b")]}
    answer = sim.call("POST", "/orders/groups", token=demo_token, json=group)
    first, second = answer.json()
    assert answer.status_code == 200 and first["OrderStatus"] == second["OrderStatus"] == "Ok"
    assert second["Message"] == "Sent order: Buy 10 ARNA @ 0.90 Limit"
    set_price(sim, "ARNA", "0.95")
    entries = listing(sim, demo_token)
    assert entries[int(first["OrderID"])]["Status"] == "FLL" and entries[int(second["OrderID"])]["Status"] == "CAN"
    assert entries[int(first["OrderID"])]["GroupName"] == "OCO"


def test_a_bracket_protects_a_position_both_ways(sim, demo_token):
    exits = [order(Symbol="MSFT", TradeAction="Sell", Quantity="100", LimitPrice="430.00", AccountKey="987654"),
             order(Symbol="MSFT", TradeAction="Sell", Quantity="100", OrderType="StopMarket", LimitPrice=None,
                   StopPrice="410.00", AccountKey="987654")]
    [confirm_target, confirm_stop] = sim.call("POST", "/orders/groups/confirm", token=demo_token,
                                              json={"Type": "BRK", "Orders": exits}).json()
    assert confirm_target["SummaryMessage"] == "Sell 100 MSFT @ 430.00 Limit"
    assert confirm_stop["SummaryMessage"] == "Sell 100 MSFT @ 410.00 Stop Market"
    target, stop = sim.call("POST", "/orders/groups", token=demo_token, json={"Type": "BRK", "Orders": exits}).json()
    set_price(sim, "MSFT", "408.00")
    entries = listing(sim, demo_token, accounts="987654")
    assert entries[int(stop["OrderID"])]["Status"] == "FLL" and entries[int(target["OrderID"])]["Status"] == "CAN"


def test_a_bracket_must_be_one_position(sim, demo_token):
    mixed = {"Type": "BRK", "Orders": [order(Symbol="MSFT", TradeAction="Sell", LimitPrice="430.00"),
                                       order(Symbol="IBM", TradeAction="Sell", OrderType="StopMarket",
                                             LimitPrice=None, StopPrice="190.00")]}
    answer = sim.call("POST", "/orders/groups", token=demo_token, json=mixed)
    assert answer.status_code == 400 and answer.json()["Message"] == "Please provide valid group order input."


def test_a_normal_group_places_each_order(sim, demo_token):
    answer = sim.call("POST", "/orders/groups", token=demo_token,
                      json={"Type": "NORMAL", "Orders": [order(), market("IBM", quantity="1")]})
    assert [result["OrderStatus"] for result in answer.json()] == ["Ok", "Ok"]
    assert sim.stats()["by_status"] == {"OPN": 1, "FLL": 1}


def test_order_sends_order_children_wait_for_their_parent(sim, demo_token):
    parent = order(Symbol="MSFT", LimitPrice="400.00", Quantity="100", OSOs=[{"Type": "OCO", "Orders": [
        order(Symbol="MSFT", TradeAction="Sell", Quantity="100", LimitPrice="450.00"),
        order(Symbol="MSFT", TradeAction="Sell", Quantity="100", OrderType="StopMarket", LimitPrice=None,
              StopPrice="390.00")]}])
    results = place(sim, demo_token, parent)
    assert [result["OrderStatus"] for result in results] == ["Ok", "Ok", "Ok"]
    ids = [int(result["OrderID"]) for result in results]
    assert [listing(sim, demo_token)[i]["Status"] for i in ids] == ["OPN", "OSO", "OSO"]
    set_price(sim, "MSFT", "400.00")
    assert [listing(sim, demo_token)[i]["Status"] for i in ids] == ["FLL", "OPN", "OPN"]
    assert listing(sim, demo_token)[ids[1]]["TriggeredBy"] == str(ids[0])
    set_price(sim, "MSFT", "451.00")
    assert [listing(sim, demo_token)[i]["Status"] for i in ids] == ["FLL", "FLL", "CAN"]


def test_cancelling_a_parent_cancels_its_waiting_children(sim, demo_token):
    results = place(sim, demo_token, order(OSOs=[{"Type": "NORMAL", "Orders": [
        order(TradeAction="Sell", LimitPrice="2.00")]}]))
    sim.call("DELETE", f"/orders/{results[0]['OrderID']}", token=demo_token)
    assert status(sim, demo_token, results[1]["OrderID"]) == "CAN"


def test_the_order_list_covers_several_accounts_newest_first_and_honours_since(sim, demo_token):
    place(sim, demo_token, order())
    place(sim, demo_token, order(AssetType="FX", Symbol="USDJPY", AccountKey="12345", Quantity="20000"))
    answer = sim.call("GET", "/accounts/281994,12345/orders", token=demo_token).json()
    assert [entry["AccountID"] for entry in answer] == ["12345", "281994"]
    today = datetime.datetime.now(datetime.timezone.utc)
    assert len(listing(sim, demo_token, "281994,12345", since=today.strftime("%m-%d-%Y"))) == 2
    later = today + datetime.timedelta(days=2)
    assert listing(sim, demo_token, "281994,12345", since=later.strftime("%m-%d-%Y")) == {}
    bad = sim.call("GET", "/accounts/281994/orders", token=demo_token, params={"since": "2024-01-01"})
    assert bad.status_code == 400
    assert sim.call("GET", "/accounts/281994,700001/orders", token=demo_token).status_code == 401


def test_an_order_in_xml_is_answered_in_xml(sim, demo_token):
    body = ("<Order><AccountKey>281994</AccountKey><AssetType>EQ</AssetType><Symbol>ARNA</Symbol>"
            "<Quantity>10</Quantity><OrderType>Limit</OrderType><LimitPrice>1.00</LimitPrice>"
            "<TradeAction>Buy</TradeAction><Duration>GTC</Duration><OrderConfirmId>xml-1</OrderConfirmId></Order>")
    answer = sim.call("POST", "/orders", token=demo_token, data=body,
                      headers={"Content-Type": "application/xml", "Accept": "application/xml"})
    assert answer.status_code == 200 and answer.headers["Content-Type"].startswith("application/xml")
    root = ET.fromstring(answer.text)
    assert root.tag == "ArrayOfOrderResult"
    assert root.find("OrderResult/Message").text == "Sent order: Buy 10 ARNA @ 1.00 Limit"
    assert root.find("OrderResult/OrderStatus").text == "Ok"
    # An XML body with JSON asked for gets JSON.
    as_json = sim.call("POST", "/orders", token=demo_token, data=body.replace("xml-1", "xml-2"),
                       headers={"Content-Type": "text/xml", "Accept": "application/json"})
    assert as_json.json()[0]["OrderStatus"] == "Ok"


def test_an_xml_body_with_a_dtd_is_refused(sim, demo_token):
    body = ('<?xml version="1.0"?><!DOCTYPE Order [<!ENTITY x "ARNA">]>'
            "<Order><AccountKey>281994</AccountKey><Symbol>&x;</Symbol></Order>")
    answer = sim.call("POST", "/orders", token=demo_token, data=body,
                      headers={"Content-Type": "application/xml", "Accept": "application/json"})
    assert answer.status_code == 400 and answer.json()["Message"] == "Please provide valid order input."
    assert sim.stats()["orders"] == 0


def test_paths_are_case_insensitive(sim, demo_token):
    answer = requests.post(f"{sim.url}/V2/ORDERS/Confirm", json=market("IBM"), timeout=10,
                           headers={"Authorization": f"Bearer {demo_token}"})
    assert answer.status_code == 200 and answer.json()[0]["SummaryMessage"] == "Buy 100 IBM @ Market"
    accounts = requests.get(f"{sim.url}/v2/Users/demo/Accounts", timeout=10,
                            headers={"Authorization": f"Bearer {demo_token}"})
    assert accounts.status_code == 200
    # The variable parts keep their case: the user id is not folded.
    assert requests.get(f"{sim.url}/v2/users/DEMO/accounts", timeout=10,
                        headers={"Authorization": f"Bearer {demo_token}"}).status_code == 401


def test_orders_are_safe_under_concurrent_clients(sim, demo_token):
    from concurrent.futures import ThreadPoolExecutor

    def send(n):
        return place(sim, demo_token, order(OrderConfirmId=f"c-{n % 25}"))[0]["OrderID"]

    with ThreadPoolExecutor(8) as pool:
        ids = list(pool.map(send, range(100)))
    stats = sim.stats()
    assert stats["orders"] == 25 and stats["confirm_ids"] == 25 and stats["duplicates_refused"] == 75
    assert len(set(ids)) == 25
