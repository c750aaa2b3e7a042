"""Each v3 answer, fetched over HTTP from the simulator, has the fields and types TradeStation's v3 OpenAPI
document gives it (the tables of tests/fidelity/v3_fields.py), with its enumerations' values."""

import datetime

import pytest

from harness import v3 as h
from tests.fidelity import v3_fields as F

CASH, MARGIN, FUTURES = "281994", "987654", "556677"
OPTION = "MSFT 261218C420"
HELD = {"MarketActivationRules": [{"RuleType": "Price", "Symbol": "MSFT", "Predicate": "Gt", "TriggerKey": "STT",
                                   "Price": "9999.00"}],
        "TimeActivationRules": [{"TimeUtc": "23:59:59"}]}


def _get(v3, path, **params):
    answer = v3.call("GET", path, params=params)
    assert answer.status_code == 200, answer.text
    return answer.json()


def _place(v3, **changes):
    answer = v3.place(h.v3_order(**changes))
    assert answer.status_code == 200 and "Errors" not in answer.json(), answer.text
    [placed] = answer.json()["Orders"]
    F.check(F.PLACED, placed)
    return placed["OrderID"]


def test_accounts_balances_and_positions_have_the_documented_fields(v3):
    _place(v3, Quantity="10")
    _place(v3, AccountID=FUTURES, Symbol="ESZ26", Quantity="1")
    _place(v3, AccountID=MARGIN, Symbol=OPTION, Quantity="1", TradeAction="BUYTOOPEN")
    accounts = _get(v3, "/brokerage/accounts")["Accounts"]
    F.each(F.ACCOUNT, accounts, "Accounts")
    F.each(F.ACCOUNT_DETAIL, [account["AccountDetail"] for account in accounts if account["AccountType"] != "Futures"],
           "AccountDetail")

    balances = _get(v3, f"/brokerage/accounts/{CASH},{MARGIN},{FUTURES}/balances")
    assert balances["Errors"] == []
    by_type = {entry["AccountType"]: entry for entry in balances["Balances"]}
    F.check(F.EQUITIES_BALANCE, by_type["Cash"])
    F.check(F.EQUITIES_BALANCE, by_type["Margin"])
    F.check(F.FUTURES_BALANCE, by_type["Futures"])
    assert by_type["Futures"]["BalanceDetail"]["InitialMargin"] == "12650.00"

    opening = _get(v3, f"/brokerage/accounts/{CASH},{MARGIN},{FUTURES}/bodbalances")
    by_type = {entry["AccountType"]: entry for entry in opening["BODBalances"]}
    F.check(F.EQUITIES_BOD_BALANCE, by_type["Cash"])
    F.check(F.EQUITIES_BOD_BALANCE, by_type["Margin"])
    F.check(F.FUTURES_BOD_BALANCE, by_type["Futures"])
    assert by_type["Cash"]["BalanceDetail"]["AccountBalance"] == "1000000.00" and opening["Errors"] == []

    positions = _get(v3, f"/brokerage/accounts/{CASH},{MARGIN},{FUTURES}/positions")["Positions"]
    F.each(F.POSITION, positions, "Positions")
    by_symbol = {entry["Symbol"]: entry for entry in positions}
    assert set(by_symbol) == {"MSFT", "ESZ26", OPTION}
    assert by_symbol["ESZ26"]["DayTradeRequirement"] == by_symbol["ESZ26"]["InitialRequirement"] == "12650.00"
    assert by_symbol["MSFT"]["InitialRequirement"] == "0" and by_symbol[OPTION]["ExpirationDate"].startswith(
        "2026-12-18")
    assert by_symbol[OPTION]["AssetType"] == "STOCKOPTION" and by_symbol["ESZ26"]["AssetType"] == "FUTURE"


def test_listed_orders_have_the_documented_fields(v3):
    filled = _place(v3, Quantity="10")
    sold = _place(v3, Quantity="4", TradeAction="SELL")
    dated = _place(v3, Symbol="ARNA", OrderType="Limit", LimitPrice="1.00",
                   TimeInForce={"Duration": "GTD", "Expiration": "2026-12-24T00:00:00Z"})
    lasting = _place(v3, Symbol="ARNA", OrderType="Limit", LimitPrice="1.00", TimeInForce={"Duration": "GTC"})
    held = _place(v3, AdvancedOptions=HELD)
    option = _place(v3, AccountID=MARGIN, Symbol=OPTION, Quantity="1", TradeAction="BUYTOOPEN", OrderType="Limit",
                    LimitPrice="1.00", Route="Intelligent")
    grouped = v3.call("POST", "/orderexecution/ordergroups", json={"Type": "OCO", "Orders": [
        h.v3_order(AccountID=MARGIN, Symbol="ARNA", OrderType="StopMarket", StopPrice="1.00", TradeAction="SELL",
                   TimeInForce={"Duration": "GTC"}),
        h.v3_order(AccountID=MARGIN, Symbol="ARNA", OrderType="Limit", LimitPrice="999.00", TradeAction="SELL",
                   TimeInForce={"Duration": "GTC"})]})
    assert grouped.status_code == 200, grouped.text
    stop_id, target_id = [entry["OrderID"] for entry in grouped.json()["Orders"]]

    listed = {entry["OrderID"]: entry for entry in _get(v3, f"/brokerage/accounts/{CASH},{MARGIN}/orders")["Orders"]}
    for entry in listed.values():
        F.check(F.ORDER, entry, entry["OrderID"])
        assert entry["Status"] in F.ENUMS["OrderStatus"]
    F.check(F.FILLED_ORDER, listed[filled])
    F.check(F.FILLED_ORDER, listed[sold])
    assert listed[sold]["Legs"][0]["OpenOrClose"] == "Close" and listed[filled]["Legs"][0]["OpenOrClose"] == "Open"
    F.check(F.DATED_ORDER, listed[dated])
    F.check(F.DATED_ORDER, listed[lasting])
    assert listed[dated]["GoodTillDate"] == "2026-12-24T00:00:00Z" and "GoodTillDate" not in listed[filled]
    opened = datetime.datetime.fromisoformat(listed[lasting]["OpenedDateTime"].replace("Z", "+00:00"))
    assert listed[lasting]["GoodTillDate"] == f"{(opened + datetime.timedelta(days=90)).date()}T00:00:00Z"
    F.check(F.HELD_ORDER, listed[held])
    assert listed[held]["TimeActivationRules"] == [{"TimeUtc": "0001-01-01T23:59:59Z"}]
    F.check(F.GROUPED_ORDER, listed[stop_id])
    assert listed[stop_id]["ConditionalOrders"] == [{"Relationship": "OCO", "OrderID": target_id}]
    F.check([F.OPTION_LEG], listed[option]["Legs"])
    assert listed[option]["Legs"][0]["OptionType"] == "CALL" and listed[option]["Legs"][0]["StrikePrice"] == "420"


def test_confirmations_name_the_documented_asset_categories_and_currency(v3):
    for account, symbol, action, category in ((CASH, "MSFT", "BUY", "EQUITY"),
                                              (MARGIN, OPTION, "BUYTOOPEN", "STOCKOPTION"),
                                              (FUTURES, "ESZ26", "BUY", "FUTURE")):
        answer = v3.call("POST", "/orderexecution/orderconfirm",
                         json=h.v3_order(AccountID=account, Symbol=symbol, TradeAction=action, Quantity="1"))
        assert answer.status_code == 200, answer.text
        [confirmation] = answer.json()["Confirmations"]
        F.check(F.CONFIRMATION, confirmation, symbol)
        assert confirmation["OrderAssetCategory"] == category and confirmation["Currency"] == "USD"


def test_market_data_answers_have_the_documented_fields(v3):
    quotes = _get(v3, "/marketdata/quotes/MSFT,ESZ26,NOSUCH")
    F.each(F.QUOTE, quotes["Quotes"], "Quotes")
    F.each(F.QUOTE_ERROR, quotes["Errors"], "Errors")
    details = _get(v3, f"/marketdata/symbols/MSFT,ESZ26,{OPTION},NOSUCH")
    stock, future, option = details["Symbols"]
    F.check(F.SYMBOL_DETAIL, stock)
    F.check(F.FUTURE_DETAIL, future)
    F.check(F.OPTION_DETAIL, option)
    assert (stock["Country"], stock["Root"], future["Root"], option["Root"]) == ("United States", "MSFT", "ES", "MSFT")
    assert future["PriceFormat"]["Increment"] == "0.25" and stock["PriceFormat"]["IncrementStyle"] == "Simple"
    assert option["PriceFormat"]["IncrementStyle"] == "Schedule" and option["PriceFormat"]["IncrementSchedule"]
    assert {entry["PriceFormat"]["Format"] for entry in details["Symbols"]} <= F.ENUMS["PriceFormat.Format"]
    F.each(F.SYMBOL_ERROR, details["Errors"], "Errors")
    bars = _get(v3, "/marketdata/barcharts/MSFT", barsback="5")["Bars"]
    F.each(F.BAR, bars, "Bars")
    assert len(bars) == 5 and [bar["IsEndOfHistory"] for bar in bars] == [False] * 4 + [True]
    F.check(F.SYMBOL_NAMES, _get(v3, "/marketdata/symbollists/cryptopairs/symbolnames"))


def test_order_execution_and_option_lists_have_the_documented_fields(v3):
    routes = _get(v3, "/orderexecution/routes")["Routes"]
    F.each(F.ROUTE, routes, "Routes")
    assert all(set(route["AssetTypes"]) <= F.ENUMS["AssetType"] for route in routes)
    triggers = _get(v3, "/orderexecution/activationtriggers")["ActivationTriggers"]
    F.each(F.ACTIVATION_TRIGGER, triggers, "ActivationTriggers")
    assert [trigger["Key"] for trigger in triggers][:2] == ["STT", "STTN"] and len(triggers) == 12
    expirations = _get(v3, "/marketdata/options/expirations/MSFT")["Expirations"]
    F.each(F.EXPIRATION, expirations, "Expirations")
    assert {entry["Type"] for entry in expirations} <= F.ENUMS["Expiration.Type"]
    assert "2026-12-18T00:00:00Z" in [entry["Date"] for entry in expirations]   # the listed call's
    spreads = _get(v3, "/marketdata/options/spreadtypes")["SpreadTypes"]
    F.each(F.SPREAD_TYPE, spreads, "SpreadTypes")
    strikes = _get(v3, "/marketdata/options/strikes/MSFT", spreadType="Butterfly")
    F.check(F.STRIKES, strikes)
    assert strikes["SpreadType"] == "Butterfly" and all(len(run) == 3 for run in strikes["Strikes"])
    answer = v3.call("POST", "/marketdata/options/riskreward", json={"SpreadPrice": 0.24, "Legs": [
        {"Symbol": "MSFT 261218C420", "Quantity": 1, "TradeAction": "BUY"},
        {"Symbol": "MSFT 261218C425", "Quantity": 1, "TradeAction": "SELL"}]})
    assert answer.status_code == 200, answer.text
    F.check(F.RISK_REWARD, answer.json())


def test_refusals_have_the_documented_error_shape(v3):
    for method, path, params in (("GET", "/marketdata/barcharts/MSFT", {"unit": "Hourly"}),
                                 ("GET", "/brokerage/accounts/281994/historicalorders", {}),
                                 ("GET", "/marketdata/options/strikes/MSFT", {"spreadType": "Sideways"}),
                                 ("GET", "/marketdata/options/expirations/ESZ26", {}),
                                 ("GET", "/brokerage/accounts/281994/orders", {"pageSize": "601"}),
                                 ("GET", "/brokerage/accounts/281994/orders", {"nextToken": "forged"})):
        answer = v3.call(method, path, params=params)
        assert answer.status_code == 400, (path, params, answer.text)
        F.check(F.ERROR, answer.json())
        assert answer.json()["Error"] in F.ERROR_WORDS
    unknown = v3.call("GET", "/marketdata/barcharts/NOSUCH")
    assert unknown.status_code == 404 and unknown.json()["Error"] == "NotFound"
    bad_accounts = _get(v3, "/brokerage/accounts/12345,700001/positions")
    F.each(F.ACCOUNT_ERROR, bad_accounts["Errors"], "Errors")
    assert bad_accounts["Positions"] == []


def test_the_field_check_refuses_a_missing_field_a_wrong_type_or_an_undocumented_value():
    good = {"AccountID": "1", "Currency": "USD", "Status": "Active", "AccountType": "Cash"}
    F.check(F.ACCOUNT, good)
    for bad in ({**good, "AccountType": "Forex"}, {**good, "Currency": 1}, {"AccountID": "1"}):
        with pytest.raises(AssertionError):
            F.check(F.ACCOUNT, bad)
    with pytest.raises(AssertionError):
        F.check(F.BAR, {**{name: "0" for name in F.BAR}, "Epoch": True})
