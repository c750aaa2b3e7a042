"""Example orders in TradeStation's two dialects, and the documented examples, for the tests and the benchmark.

One builder per dialect: keywords change fields, None drops one, and every order gets a fresh
OrderConfirmId unless told otherwise (OrderConfirmId=None sends none, as a client may).
"""

import secrets

# TradeStation's documented JSONP request: its `data` parameter byte for byte, with the encoded newline that ends it.
DOCUMENTED_DATA = ("%7B%22AccountKey%22%3A%2212345%22%2C%22AssetType%22%3A%22FX%22%2C%22LimitPrice%22%3A%221%22%2C"
                   "%22OrderType%22%3A%22Limit%22%2C%22Quantity%22%3A%2220000%22%2C%22Symbol%22%3A%22USDJPY%22%2C"
                   "%22TradeAction%22%3A%22Buy%22%2C%20%22Duration%22%3A%22GTC%22%7D%0A")

# The seed's 2015 order, the body of its POST /orders as the seed shows it.
SEED_BODY = """{
    "OrderConfirmId": "96x0c/Bq00qatgyO+QO4pA",
    "AccountId": 281994,
    "AssetType": "Equity",
    "Side": "Buy",
    "TimeInForce": "DayPlus",
    "LimitPrice": "0.14",
    "Type": "Limit",
    "Quantity": 5,
    "Route": "Intelligent",
    "StopPrice": 14.12,
    "Symbol": "JP:8698-TS",
    "TimeInForceExpiration": null,
    "FundSource": "Cash",
    "TaxationMethod": "Calculated",
    "LotSelectionStrategy": "FirstInFirstOut",
    "Condition": "Basic"
}"""


# Changes that make a classic order rest in the book: a buy limit under the market (ARNA is offered at 1.50).
RESTING = {"Symbol": "ARNA", "OrderType": "Limit", "LimitPrice": "1.00", "Duration": "GTC"}


def new_confirm_id():
    """An OrderConfirmId as the ticket makes them: 22 characters, URL-safe."""
    return secrets.token_urlsafe(16)


def classic_order(**changes):
    """A classic (APIVersion 20101026) order: buy 10 MSFT at market for the day, in the demo user's cash account."""
    order = {"AccountKey": "281994", "AssetType": "EQ", "Symbol": "MSFT", "Quantity": "10", "OrderType": "Market",
             "TradeAction": "Buy", "Duration": "DAY", "OrderConfirmId": new_confirm_id()}
    return _changed(order, changes)


def global_order(**changes):
    """A 2015 (APIVersion 20150101) order: buy 5 IBM, limit 1.00, for the day, in the demo user's cash account."""
    order = {"OrderConfirmId": new_confirm_id(), "AccountId": "281994", "AssetType": "Equity", "Symbol": "IBM",
             "Quantity": 5, "Type": "Limit", "LimitPrice": "1.00", "Side": "Buy", "TimeInForce": "Day"}
    return _changed(order, changes)


def _changed(order, changes):
    order.update(changes)
    return {key: value for key, value in order.items() if value is not None}
