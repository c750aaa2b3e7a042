"""The v3 face's balances, positions, historical orders and quotes, from the same state as v2's."""

import datetime

from harness import v3 as h
from simulator.v3.calls import NOT_FOR_ACCOUNT_TYPE


def test_balances_after_a_fill_agree_with_v2(v3, sim, demo_token):
    v3.place(h.v3_order(Quantity="100"))
    answer = v3.call("GET", "/brokerage/accounts/281994,987654/balances")
    assert answer.status_code == 200
    balances = {entry["AccountID"]: entry for entry in answer.json()["Balances"]}
    assert answer.json()["Errors"] == []
    classic = sim.call("GET", "/accounts/281994/balances", token=demo_token).json()[0]
    cash = balances["281994"]
    assert cash["AccountType"] == "Cash" and cash["CashBalance"] == f"{classic['RealTimeAccountBalance']:.2f}"
    assert float(cash["CashBalance"]) < 1000000 and balances["987654"]["CashBalance"] == "2000000.00"
    assert all(isinstance(value, str) for value in cash.values() if not isinstance(value, dict))


def test_one_bad_account_among_several_is_listed_under_errors(v3):
    answer = v3.call("GET", "/brokerage/accounts/281994,700001,12345/balances")
    assert answer.status_code == 200
    assert [entry["AccountID"] for entry in answer.json()["Balances"]] == ["281994"]
    errors = {entry["AccountID"]: entry for entry in answer.json()["Errors"]}
    assert errors["700001"]["Error"] == "Unauthorized"
    # A forex account is not v3's: refused as the Balances example refuses an account of the wrong type.
    assert errors["12345"] == {"AccountID": "12345", "Error": "Forbidden", "Message": NOT_FOR_ACCOUNT_TYPE}


def test_positions_show_what_filled(v3):
    v3.place(h.v3_order(Quantity="30"))
    v3.place(h.v3_order(Quantity="10", TradeAction="SELL"))
    answer = v3.call("GET", "/brokerage/accounts/281994/positions")
    assert answer.status_code == 200 and answer.json()["Errors"] == []
    [held] = answer.json()["Positions"]
    assert held["Symbol"] == "MSFT" and held["Quantity"] == "20" and held["LongShort"] == "Long"
    assert held["AssetType"] == "STOCK" and float(held["AveragePrice"]) > 0


def test_historical_orders_are_the_closed_ones_since_a_date(v3):
    filled = v3.place(h.v3_order()).json()["Orders"][0]["OrderID"]
    resting = v3.place(h.v3_order(Symbol="ARNA", OrderType="Limit", LimitPrice="1.00")).json()["Orders"][0]["OrderID"]
    today = datetime.date.today().isoformat()
    answer = v3.call("GET", "/brokerage/accounts/281994/historicalorders", params={"since": today})
    assert answer.status_code == 200, answer.text
    ids = [entry["OrderID"] for entry in answer.json()["Orders"]]
    assert filled in ids and resting not in ids
    for since in ("yesterday", "2001-01-01"):
        refused = v3.call("GET", "/brokerage/accounts/281994/historicalorders", params={"since": since})
        assert refused.status_code in (400, 403) and refused.json()["Error"] in ("BadRequest", "Forbidden")


def test_quotes_in_v3_shape_with_unknown_symbols_under_errors(v3, sim, demo_token):
    answer = v3.call("GET", "/marketdata/quotes/MSFT,NOSUCH")
    assert answer.status_code == 200
    [quote] = answer.json()["Quotes"]
    classic = sim.call("GET", "/data/quote/MSFT", token=demo_token).json()[0]
    assert quote["Symbol"] == "MSFT" and float(quote["Last"]) == classic["Last"]
    assert float(quote["Bid"]) == classic["Bid"]
    # Written bare, as the document's examples write prices (a limit of "230", a close of "216.2"): 420, not 420.0.
    assert quote["Last"] == f"{classic['Last']:g}"
    assert answer.json()["Errors"][0]["Symbol"] == "NOSUCH"


def test_symbol_details_give_what_a_quote_leaves_out(v3):
    answer = v3.call("GET", "/marketdata/symbols/ESZ26,NOPE")
    assert answer.status_code == 200
    [future] = answer.json()["Symbols"]
    assert (future["Symbol"], future["Description"], future["AssetType"]) == ("ESZ26", "E-mini S&P 500 Dec 2026",
                                                                            "FUTURE")
    assert future["PriceFormat"]["PointValue"] == "50" and future["PriceFormat"]["Increment"] == "0.25"
    assert [entry["Symbol"] for entry in answer.json()["Errors"]] == ["NOPE"]
