"""The market context the ticket shows, relayed by the bridge from TradeStation's calls for the
logged-in user (same origin, the session's grant), with the simulator as TradeStation."""

from simulator.v2 import render_market
from tradestation import errors as E


def test_a_quote_through_the_bridge_is_tradestation_s(trader, sim):
    answer = trader.http.get(f"{trader.bridge}/market/quote/MSFT")
    assert answer.status_code == 200 and answer.headers["Cache-Control"] == "no-store"
    [quote] = answer.json()
    assert quote == render_market.quote(sim.backend.quotes("MSFT")[0])


def test_a_quote_needs_the_session_and_a_symbol(trader, bridge):
    import requests
    answer = requests.get(f"{bridge.url}/market/quote/MSFT", timeout=10)
    assert answer.status_code == 401 and answer.json() == {"error": "Not logged in."}
    answer = trader.http.get(f"{trader.bridge}/market/quote/msft<b>")
    assert answer.status_code == 400 and answer.json() == {"Message": E.INVALID_SYMBOL, "StatusCode": 400}


def test_an_unknown_symbol_is_quoted_as_tradestation_does(trader):
    answer = trader.http.get(f"{trader.bridge}/market/quote/ZZZZ")
    assert answer.status_code == 200 and answer.json()[0]["Error"] == E.INVALID_SYMBOL_QUOTE


def test_balances_and_positions_through_the_bridge_are_tradestation_s(trader, sim):
    from harness.orders import classic_order
    answer = trader.jsonp("send", data=classic_order(Symbol="MSFT", Quantity="3"))
    assert answer.status_code == 200
    for kind in ("balances", "positions"):
        answer = trader.http.get(f"{trader.bridge}/market/{kind}/281994")
        assert answer.status_code == 200, answer.text
        direct = sim.call("GET", f"/accounts/281994/{kind}", token=sim.token()).json()
        assert answer.json() == direct
    assert answer.json()[0]["Quantity"] == 3


def test_another_users_or_a_malformed_account_is_refused(trader):
    answer = trader.http.get(f"{trader.bridge}/market/balances/700001")
    assert answer.status_code == 401
    answer = trader.http.get(f"{trader.bridge}/market/positions/28 1994")
    assert answer.status_code == 400 and answer.json() == {"Message": E.INVALID_ACCOUNT, "StatusCode": 400}


def test_an_option_symbol_with_a_space_is_quoted(trader):
    answer = trader.http.get(f"{trader.bridge}/market/quote/MSFT%20261218C420")
    assert answer.status_code == 200 and answer.json()[0]["Symbol"] == "MSFT 261218C420"
