"""v3 group orders (OCO, bracket), order-sends-order and trailing stops, on the v2 rules."""

from harness import v3 as h

# Exits of a margin account's: a cash account sells only what it holds (the OSO below shows its exit).
MARGIN = "987654"
STOP = {"AccountID": MARGIN, "OrderType": "StopMarket", "StopPrice": "1.00", "TradeAction": "SELL", "Symbol": "ARNA",
        "TimeInForce": {"Duration": "GTC"}}
TARGET = {"AccountID": MARGIN, "OrderType": "Limit", "LimitPrice": "999.00", "TradeAction": "SELL",
          "Symbol": "ARNA", "TimeInForce": {"Duration": "GTC"}}


def test_an_oco_group_is_placed_and_linked(v3):
    answer = v3.call("POST", "/orderexecution/ordergroups",
                     json={"Type": "OCO", "Orders": [h.v3_order(**STOP), h.v3_order(**TARGET)]})
    assert answer.status_code == 200, answer.text
    ids = [entry["OrderID"] for entry in answer.json()["Orders"]]
    listed = {entry["OrderID"]: entry for entry in v3.orders(MARGIN)}
    assert len(ids) == 2 and all(listed[order_id]["GroupName"] == "OCO" for order_id in ids)


def test_a_bracket_must_be_one_symbol_with_a_target_and_a_stop(v3, simulator):
    lopsided = {"Type": "BRK", "Orders": [h.v3_order(**TARGET), h.v3_order(**dict(TARGET, LimitPrice="998.00"))]}
    answer = v3.call("POST", "/orderexecution/ordergroups", json=lopsided)
    assert answer.status_code == 400 and answer.json()["Error"] == "BadRequest"
    assert simulator.app.extensions["simulator"].stats()["orders"] == 0
    good = {"Type": "BRK", "Orders": [h.v3_order(**STOP), h.v3_order(**TARGET)]}
    assert v3.call("POST", "/orderexecution/ordergroups", json=good).status_code == 200


def test_a_group_confirm_previews_each_order(v3, simulator):
    group = {"Type": "OCO", "Orders": [h.v3_order(**STOP), h.v3_order(**TARGET)]}
    answer = v3.call("POST", "/orderexecution/ordergroupconfirm", json=group)
    assert answer.status_code == 200, answer.text
    confirmations = answer.json()["Confirmations"]
    assert [entry["OrderConfirmID"] for entry in confirmations] == [order["OrderConfirmID"]
                                                                   for order in group["Orders"]]
    assert confirmations[0]["StopPrice"] == "1.00" and confirmations[1]["LimitPrice"] == "999.00"
    assert simulator.app.extensions["simulator"].stats()["orders"] == 0


def test_a_group_sent_twice_places_once(v3):
    group = {"Type": "OCO", "Orders": [h.v3_order(**STOP), h.v3_order(**TARGET)]}
    first = v3.call("POST", "/orderexecution/ordergroups", json=group).json()
    again = v3.call("POST", "/orderexecution/ordergroups", json=group).json()
    assert first == again and len(v3.orders(MARGIN)) == 2


def test_an_oso_sends_its_child_when_the_parent_fills(v3):
    # In the cash account: the child's sale is of the shares its parent buys.
    child = h.v3_order(**dict(TARGET, AccountID="281994"))
    parent = h.v3_order(Symbol="ARNA", OSOs=[{"Type": "NORMAL", "Orders": [child]}])
    answer = v3.place(parent)
    assert answer.status_code == 200, answer.text
    parent_id, child_id = [entry["OrderID"] for entry in answer.json()["Orders"]]
    listed = {entry["OrderID"]: entry for entry in v3.orders()}
    assert listed[parent_id]["Status"] == "FLL" and listed[child_id]["Status"] == "OPN"


def test_trailing_stops_by_amount_and_percent(v3):
    for trail in ({"Amount": "0.10"}, {"Percent": "5"}):
        order = h.v3_order(**dict(STOP, StopPrice="0.01", AdvancedOptions={"TrailingStop": trail}))
        answer = v3.place(order)
        assert answer.status_code == 200 and "Trl:" in answer.json()["Orders"][0]["Message"], answer.text
    on_a_limit = v3.place(h.v3_order(**dict(TARGET, AdvancedOptions={"TrailingStop": {"Amount": "0.10"}})))
    assert on_a_limit.status_code == 400
    assert "Trailing stop is valid for stop orders only" in on_a_limit.json()["Message"]


def test_forex_has_no_room_in_v3(v3, simulator):
    answer = v3.place(h.v3_order(AccountID="12345", Symbol="USDJPY"))
    assert answer.status_code == 400 and answer.json()["Error"] == "BadRequest"
    group = {"Type": "OCO", "Orders": [h.v3_order(**STOP), h.v3_order(Symbol="EURUSD")]}
    assert v3.call("POST", "/orderexecution/ordergroups", json=group).status_code == 400
    assert simulator.app.extensions["simulator"].stats()["orders"] == 0


def test_a_multi_leg_order_fills_its_legs_together_under_each_legs_rules(v3):
    legs = [{"Symbol": "MSFT 261218C420", "Quantity": "1", "TradeAction": "BUYTOOPEN"},
            {"Symbol": "MSFT", "Quantity": "100", "TradeAction": "SELLSHORT"}]
    answer = v3.place(h.v3_order(Symbol="MSFT 261218C420", Quantity="1", TradeAction="BUYTOOPEN", Legs=legs))
    assert answer.status_code == 200, answer.text
    [error] = answer.json()["Errors"]
    assert "cannot sell short" in error["Message"] and error["OrderID"]     # the cash account's short leg
    margin = v3.place(h.v3_order(AccountID=MARGIN, Legs=legs))
    assert margin.status_code == 200 and "Errors" not in margin.json(), margin.text
    [listed] = v3.orders(MARGIN)
    assert listed["Status"] == "FLL"
    assert [(leg["Symbol"], leg["BuyOrSell"], leg["ExecQuantity"]) for leg in listed["Legs"]] == [
        ("MSFT 261218C420", "Buy", "1"), ("MSFT", "SellShort", "100")]
    bad_action = v3.place(h.v3_order(Legs=[dict(legs[1], TradeAction="HOLD")]))
    assert bad_action.status_code == 400 and bad_action.json()["Message"] == "Invalid trade action."
