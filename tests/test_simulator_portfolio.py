"""The simulator's balances and positions, as TradeStation's Accounts service documents them, worked out
from what filled."""

from tests.support import classic_order


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
    assert after["RealTimeAccountBalance"] == 1_000_000 - 4200 + 4 * 419.99
    assert after["TypeDescription"] == "Cash" and after["Key"] == 281994
    # Another account's figures are its own.
    assert get(sim, demo_token, "/accounts/987654/positions") == []


def test_a_short_sale_is_a_short_position(sim, demo_token):
    place(sim, demo_token, Symbol="AAPL", Quantity="7", TradeAction="SellShort")
    [aapl] = get(sim, demo_token, "/accounts/281994/positions")
    assert (aapl["Quantity"], aapl["LongShort"]) == (7, "S")


def test_another_users_account_is_refused(sim, demo_token):
    for path in ("/accounts/700001/balances", "/accounts/700001/positions"):
        answer = sim.call("GET", path, token=demo_token)
        assert answer.status_code == 401
    assert sim.call("GET", "/accounts/281994/balances").status_code == 401       # no token
