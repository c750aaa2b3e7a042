"""The account order list in each dialect's documented Order Detail shape, with `since` and `$filter`."""

import json

import requests

from tests.fidelity.examples import ORDER_FILTER_QUERY, ORDER_LIST, ORDER_LIST_2015
from tests.fidelity.shapes import same_shape


def _place(sim, token, **order):
    answer = sim.call("POST", "/orders", token=token, json=order)
    assert answer.status_code == 200 and answer.json()[0]["OrderStatus"] == "Ok", answer.text
    return answer.json()[0]["OrderID"]


def test_the_classic_order_list_has_the_documented_shape(sim):
    """tradestation/webapi-docs: en/accounts/orders.md (Example Request, Example Response): an option order
    resting and an equity order filled, listed newest first with every documented key, of the documented kind."""
    token = sim.token()
    filled = _place(sim, token, AccountKey="987654", AssetType="EQ", Symbol="ARNA", Quantity="10", OrderType="Limit",
                    LimitPrice="10.00", Duration="DYP", TradeAction="Buy")
    resting = _place(sim, token, AccountKey="987654", AssetType="OP", Symbol="MSFT 261218C420", Quantity="5",
                     OrderType="Limit", LimitPrice="2.58", Duration="DAY", TradeAction="BuyToOpen")
    answer = sim.call("GET", "/accounts/987654/orders", token=token)
    assert answer.status_code == 200
    listed = answer.json()
    same_shape(json.loads(ORDER_LIST), listed)
    assert [str(entry["OrderID"]) for entry in listed] == [resting, filled]
    option, equity = listed
    assert (option["Status"], option["Type"], option["Legs"][0]["PutOrCall"], option["Legs"][0]["StrikePrice"],
            option["Legs"][0]["BaseSymbol"], option["Legs"][0]["OrderTypeDescription"]) == (
        "OPN", "Buy To Open", "C", 420.0, "MSFT", "Limit")
    assert (equity["Status"], equity["ExecuteQuantity"], equity["QuantityLeft"]) == ("FLL", 10, 0)


def test_the_2015_order_list_has_the_documented_shape(sim):
    """tradestation/webapi-docs-v2: en/accounts/orders.md (Example Request with APIVersion=20150601) and
    en/objects/order-detail.md."""
    token = sim.token()
    _place(sim, token, AccountKey="281994", AssetType="EQ", Symbol="JP:8698-TS", Quantity="100", OrderType="Market",
           Duration="DAY", TradeAction="Buy")
    answer = sim.call("GET", "/accounts/281994/orders", token=token, api_version="20150601")
    assert answer.status_code == 200
    [entry] = answer.json()
    same_shape(ORDER_LIST_2015, [entry])
    assert (entry["Status"], entry["AssetType"], entry["ExecutedQuantity"], entry["CountryCode"]) == (
        "Filled", "Equity", 100, "JP")


def test_the_documented_filter(sim):
    """tradestation/webapi-docs: en/accounts/orders.md (Results Filter): `$filter=symbol eq 'AAPL'`, the token
    as `oauth_token`, byte for byte."""
    token = sim.token()
    for symbol in ("AAPL", "MSFT", "AAPL"):
        _place(sim, token, AccountKey="123456", AssetType="EQ", Symbol=symbol, Quantity="1", OrderType="Limit",
               LimitPrice="1.00", Duration="GTC", TradeAction="Buy")
    query = ORDER_FILTER_QUERY.format(token=token)
    answer = requests.get(f"{sim.base}/accounts/123456/orders?{query}", timeout=10)
    assert answer.status_code == 200
    assert [entry["Symbol"] for entry in answer.json()] == ["AAPL", "AAPL"]
    refused = requests.get(f"{sim.base}/accounts/123456/orders?oauth_token={token}&$filter=symbol%20like%20'A'",
                           timeout=10)
    assert (refused.status_code, refused.json()["Message"]) == (
        400, "Invalid $filter. Use field eq 'value', joined by and.")
