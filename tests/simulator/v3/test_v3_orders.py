"""The v3 calls on the v2 state: accounts, place, confirm, replace, cancel, the order list; an order placed
through one face is seen through the other."""

import requests

from harness import v3 as h
from harness.orders import RESTING, classic_order
from simulator.v3.read import CONFIRM_ID_TOO_LONG, NO_FOREX

RESTING_V3 = {"Symbol": "ARNA", "OrderType": "Limit", "LimitPrice": "1.00", "TimeInForce": {"Duration": "GTC"}}


def test_accounts_are_the_users_in_v3_shape_without_forex(v3):
    answer = v3.call("GET", "/brokerage/accounts")
    assert answer.status_code == 200
    accounts = {account["AccountID"]: account for account in answer.json()["Accounts"]}
    assert accounts["281994"]["AccountType"] == "Cash" and accounts["987654"]["AccountType"] == "Margin"
    assert accounts["556677"]["AccountType"] == "Futures" and accounts["281994"]["Currency"] == "USD"
    assert "12345" not in accounts and "700001" not in accounts
    assert "AccountDetail" in accounts["281994"] and "AccountDetail" not in accounts["556677"]


def test_an_order_placed_through_v3_is_listed_through_v2(v3, sim, demo_token):
    order = h.v3_order(**RESTING_V3)
    answer = v3.place(order)
    assert answer.status_code == 200, answer.text
    placed = answer.json()["Orders"]
    assert len(placed) == 1 and "Errors" not in answer.json()
    assert placed[0]["Message"].startswith("Sent order: Buy 10 ARNA") and isinstance(placed[0]["OrderID"], str)
    listed = sim.call("GET", "/accounts/281994/orders", token=demo_token).json()
    [entry] = [entry for entry in listed if str(entry["OrderID"]) == placed[0]["OrderID"]]
    assert entry["OrderConfirmId"] == order["OrderConfirmID"] and entry["Status"] == "OPN"
    assert entry["LimitPrice"] == 1.0 and entry["Duration"] == "GTC"


def test_an_order_placed_through_v2_is_listed_through_v3(v3, sim, demo_token):
    order = classic_order(**RESTING)
    placed = sim.call("POST", "/orders", token=demo_token, json=order).json()[0]
    [entry] = [entry for entry in v3.orders() if entry["OrderID"] == placed["OrderID"]]
    assert entry["OrderConfirmID"] == order["OrderConfirmId"] and entry["AccountID"] == "281994"
    assert entry["Status"] == "OPN" and entry["StatusDescription"] == "Sent"
    assert entry["OrderType"] == "Limit" and entry["LimitPrice"] == "1"
    [leg] = entry["Legs"]
    assert leg == {"AssetType": "STOCK", "BuyOrSell": "Buy", "ExecQuantity": "0", "ExecutionPrice": "0",
                   "OpenOrClose": "Open", "QuantityOrdered": "10", "QuantityRemaining": "10", "Symbol": "ARNA"}


def test_a_filled_market_order_lists_its_price_as_a_string(v3):
    placed = v3.place(h.v3_order()).json()["Orders"][0]
    [entry] = [entry for entry in v3.orders() if entry["OrderID"] == placed["OrderID"]]
    assert entry["Status"] == "FLL" and float(entry["FilledPrice"]) > 0 and "LimitPrice" not in entry


def test_the_same_order_confirm_id_places_once_across_both_faces(v3, sim, demo_token):
    order = h.v3_order(**RESTING_V3)
    first, second = v3.place(order), v3.place(order)
    assert first.status_code == second.status_code == 200 and first.json() == second.json()
    classic = classic_order(**RESTING, OrderConfirmId=order["OrderConfirmID"])
    again = sim.call("POST", "/orders", token=demo_token, json=classic).json()[0]
    assert again["OrderID"] == first.json()["Orders"][0]["OrderID"]
    assert [entry["OrderConfirmID"] for entry in v3.orders()].count(order["OrderConfirmID"]) == 1


def test_a_confirm_id_longer_than_22_is_refused_and_places_nothing(v3, simulator):
    answer = v3.place(h.v3_order(OrderConfirmID="x" * 23))
    assert answer.status_code == 400
    assert answer.json() == {"Error": "BadRequest", "Message": CONFIRM_ID_TOO_LONG}
    assert simulator.app.extensions["simulator"].stats()["orders"] == 0


def test_bad_orders_get_v3_errors_and_place_nothing(v3, simulator):
    for bad, words in ((h.v3_order(Quantity="ten"), "Invalid order quantity."),
                       (h.v3_order(TradeAction="HOLD"), "Invalid trade action."),
                       (h.v3_order(AccountID=None), "missing field AccountID"),
                       (h.v3_order(Colour="red"), "Please provide valid order input."),
                       (h.v3_order(Symbol="EURUSD"), NO_FOREX),
                       (h.v3_order(AccountID="700001"), "not authorized to trade this account")):
        answer = v3.place(bad)
        assert answer.status_code in (400, 401) and answer.json()["Error"] in ("BadRequest", "Unauthorized")
        assert words in answer.json()["Message"], answer.text
    not_json = v3.call("POST", "/orderexecution/orders", data="{", headers={"Content-Type": "application/json"})
    assert not_json.status_code == 400 and not_json.json()["Error"] == "BadRequest"
    assert simulator.app.extensions["simulator"].stats()["orders"] == 0


def test_a_rejected_order_is_listed_under_errors_with_its_id(v3):
    answer = v3.place(h.v3_order(Symbol="NOSUCH"))
    assert answer.status_code == 200 and answer.json()["Orders"] == []
    [error] = answer.json()["Errors"]
    assert error["Error"] == "FAILED" and "NOSUCH is not a known symbol" in error["Message"] and error["OrderID"]


def test_a_good_till_date_order_takes_an_rfc3339_expiration(v3):
    order = h.v3_order(**dict(RESTING_V3, TimeInForce={"Duration": "GTD", "Expiration": "2099-12-31T00:00:00Z"}))
    answer = v3.place(order)
    assert answer.status_code == 200 and answer.json()["Orders"], answer.text


def test_confirm_previews_in_v3_names_with_strings_and_places_nothing(v3, simulator):
    order = h.v3_order(**RESTING_V3)
    answer = v3.call("POST", "/orderexecution/orderconfirm", json=order)
    assert answer.status_code == 200, answer.text
    [confirmation] = answer.json()["Confirmations"]
    assert confirmation["OrderConfirmID"] == order["OrderConfirmID"] and confirmation["AccountID"] == "281994"
    assert confirmation["EstimatedPrice"] == "1" and confirmation["EstimatedCost"] == "10"
    assert isinstance(confirmation["EstimatedCommission"], str) and confirmation["SummaryMessage"]
    assert confirmation["TimeInForce"] == {"Duration": "GTC"} and confirmation["LimitPrice"] == "1.00"
    assert confirmation["OrderAssetCategory"] == "EQUITY" and "StopPrice" not in confirmation
    assert float(confirmation["DebitCreditEstimatedCost"]) >= 10.0
    assert simulator.app.extensions["simulator"].stats()["orders"] == 0


def test_a_sell_short_is_listed_as_such(v3):
    placed = v3.place(h.v3_order(**dict(RESTING_V3, TradeAction="SELLSHORT", LimitPrice="999",
                                        AccountID="987654"))).json()["Orders"][0]
    [entry] = [entry for entry in v3.orders("987654") if entry["OrderID"] == placed["OrderID"]]
    assert entry["Legs"][0]["BuyOrSell"] == "SellShort"


def test_replace_and_cancel_through_v3_an_order_placed_through_v2(v3, sim, demo_token):
    placed = sim.call("POST", "/orders", token=demo_token, json=classic_order(**RESTING)).json()[0]
    order_id = placed["OrderID"]
    changed = v3.call("PUT", f"/orderexecution/orders/{order_id}", json={"Quantity": "20", "LimitPrice": "1.10"})
    assert changed.status_code == 200 and changed.json() == {"OrderID": order_id,
                                                             "Message": "Cancel/Replace order sent."}
    [entry] = [entry for entry in v3.orders() if entry["OrderID"] == order_id]
    assert entry["Legs"][0]["QuantityOrdered"] == "20" and entry["LimitPrice"] == "1.1"
    cancelled = v3.call("DELETE", f"/orderexecution/orders/{order_id}")
    assert cancelled.status_code == 200 and cancelled.json() == {"OrderID": order_id, "Message": "Cancel order sent."}
    again = v3.call("DELETE", f"/orderexecution/orders/{order_id}")
    assert again.status_code == 400 and again.json() == {"Error": "BadRequest", "Message": "Not an open order."}
    listed = sim.call("GET", "/accounts/281994/orders", token=demo_token).json()
    assert [entry["Status"] for entry in listed if str(entry["OrderID"]) == order_id] == ["CAN"]


def test_another_users_order_cannot_be_cancelled(v3, sim):
    other = sim.token("other", "other")
    placed = sim.call("POST", "/orders", token=other, json=classic_order(**RESTING, AccountKey="700001")).json()[0]
    answer = v3.call("DELETE", f"/orderexecution/orders/{placed['OrderID']}")
    assert answer.status_code == 400 and answer.json()["Error"] == "BadRequest"


def test_calls_without_a_good_token_are_unauthorized(simulator):
    for token in (None, "nope"):
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        answer = requests.get(f"{simulator.url}/v3/brokerage/accounts", headers=headers, timeout=10)
        assert answer.status_code == 401 and answer.json()["Error"] == "Unauthorized"


def test_unknown_v3_paths_are_not_found_in_v3_shape(v3):
    answer = v3.call("GET", "/brokerage/nothing")
    assert answer.status_code == 404 and answer.json() == {"Error": "NotFound", "Message": "Not Found"}
    cased = v3.call("GET", "/Brokerage/Accounts")
    assert cased.status_code == 200


def test_order_lists_without_the_confirm_id_when_told(v3, sim):
    order = h.v3_order()
    v3.place(order)
    assert [entry["OrderConfirmID"] for entry in v3.orders()] == [order["OrderConfirmID"]]
    sim.admin("POST", "faults", json={"SIM_V3_LIST_CONFIRM_ID": "off"})
    [entry] = v3.orders()
    assert "OrderConfirmID" not in entry and entry["Status"] == "FLL"
