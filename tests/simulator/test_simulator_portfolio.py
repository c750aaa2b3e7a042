"""The simulator's balances and positions, as TradeStation's Accounts service documents them, worked out
from what filled."""

from harness.orders import classic_order


def get(sim, token, path):
    answer = sim.call("GET", path, token=token)
    assert answer.status_code == 200, answer.text
    return answer.json()


def place(sim, token, **changes):
    answer = sim.call("POST", "/orders", token=token, api_version="20101026", json=classic_order(**changes))
    assert answer.status_code == 200 and answer.json()[0]["OrderStatus"] == "Ok", answer.text
    return answer.json()[0]["OrderID"]


def test_fills_make_positions_and_move_cash(sim, demo_token):
    [before] = get(sim, demo_token, "/accounts/281994/balances")
    assert before["RealTimeAccountBalance"] == before["RealTimeBuyingPower"] == 1_000_000
    assert get(sim, demo_token, "/accounts/281994/positions") == []
    place(sim, demo_token, Symbol="MSFT", Quantity="10")                       # fills at the ask, 420.00
    place(sim, demo_token, Symbol="MSFT", Quantity="4", TradeAction="Sell")    # at the bid, 419.99
    place(sim, demo_token, Symbol="IBM", Quantity="5", OrderType="Limit", LimitPrice="1")   # rests: no position
    [msft] = get(sim, demo_token, "/accounts/281994/positions")
    assert {k: msft[k] for k in ("AccountID", "Symbol", "Quantity", "LongShort", "AssetType", "LastPriceDisplay")} == \
        {"AccountID": "281994", "Symbol": "MSFT", "Quantity": 6, "LongShort": "L", "AssetType": "EQ",
         "LastPriceDisplay": "420.00"}
    [after] = get(sim, demo_token, "/accounts/281994/balances")
    # Each order's commission (1.00 at least) comes out of cash too; a cash account's buying power is its cash.
    assert after["RealTimeAccountBalance"] == round(1_000_000 - 4200 + 4 * 419.99 - 2 * 1.00, 2)
    assert after["RealTimeBuyingPower"] == after["RealTimeAccountBalance"] and after["Commission"] == 2.0
    assert after["TypeDescription"] == "Cash" and after["Key"] == 281994
    # Another account's figures are its own.
    assert get(sim, demo_token, "/accounts/987654/positions") == []


def test_a_short_sale_is_a_short_position(sim, demo_token):
    place(sim, demo_token, Symbol="AAPL", Quantity="7", TradeAction="SellShort", AccountKey="987654")
    [aapl] = get(sim, demo_token, "/accounts/987654/positions")
    assert (aapl["Quantity"], aapl["LongShort"]) == (7, "S")


def test_another_users_account_is_refused(sim, demo_token):
    for path in ("/accounts/700001/balances", "/accounts/700001/positions"):
        answer = sim.call("GET", path, token=demo_token)
        assert answer.status_code == 401
    assert sim.call("GET", "/accounts/281994/balances").status_code == 401       # no token


def test_a_resting_order_bigger_than_the_touch_fills_in_parts(sim, demo_token):
    order_id = place(sim, demo_token, Symbol="ARNA", Quantity="20000", OrderType="Limit", LimitPrice="1.40")
    moved = sim.admin("POST", "price", json={"Symbol": "ARNA", "Last": "1.40"}).json()
    size = moved["quote"]["AskSize"]                       # at most 5,000 shown at the ask
    assert moved["partly_filled"] == [order_id] and moved["filled"] == []
    [entry] = [e for e in get(sim, demo_token, "/accounts/281994/orders") if str(e["OrderID"]) == order_id]
    assert (entry["Status"], entry["StatusDescription"]) == ("FPR", "Partial Fill (Alive)")
    assert (entry["ExecuteQuantity"], entry["QuantityLeft"], entry["FilledPriceText"]) == (size, 20000 - size, "1.40")
    [arna] = get(sim, demo_token, "/accounts/281994/positions")
    assert arna["Quantity"] == size
    # A partly filled order may still be changed, but not below what has filled, and cancelled.
    change = {"AccountKey": "281994", "OrderType": "Limit", "Quantity": str(size), "LimitPrice": "1.35"}
    assert sim.call("PUT", f"/orders/{order_id}", token=demo_token, json=change).status_code == 400
    ticks = 0
    while entry["Status"] == "FPR" and ticks < 20:        # each move takes what the touch shows
        sim.admin("POST", "price", json={"Symbol": "ARNA", "Last": "1.38" if ticks % 2 else "1.39"})
        [entry] = [e for e in get(sim, demo_token, "/accounts/281994/orders") if str(e["OrderID"]) == order_id]
        ticks += 1
    assert entry["Status"] == "FLL" and entry["ExecuteQuantity"] == 20000 and entry["QuantityLeft"] == 0
    assert 1.38 <= entry["FilledPrice"] <= 1.40
