"""TradeStation's documented order examples, as data: each request byte for byte as its page prints it
(the code block's text without the page's indentation), the page it comes from, and its answer.

Pages are named as `repository: path`. A page found in both tradestation/webapi-docs and
tradestation/webapi-docs-v2 with the same example names both. tradestation/api-docs (the Swagger file)
prints no order request.
"""

from dataclasses import dataclass, field

CLASSIC_DOCS = "tradestation/webapi-docs"
DOCS_2015 = "tradestation/webapi-docs-v2"


@dataclass(frozen=True)
class Example:
    id: str                     # the test id: repository (without "tradestation/"), path and the example's heading
    sources: tuple              # "repository: path (heading)" of every page that prints it
    call: str                   # place, confirm, group, group_confirm, cancel, replace
    answer: object              # the documented answer (parsed), or the shape expected when none is printed
    body: str = None            # a REST body, byte for byte
    data: str = None            # a JSONP `data` parameter, byte for byte as the URL carries it
    api_version: str = None     # as the example's URL names it
    rest_path: str = None       # when the example's URL differs from the call's usual one
    authorization: str = "Bearer {token}"   # the Authorization header as the example writes it
    callback: str = "cb"
    order_id: str = None        # the order the path names (cancel, replace)
    id_start: int = None        # SIM_ORDER_ID_START, so that the documented ids come back
    setup: dict = None          # an order placed first, so that `order_id` exists as the example needs
    same: tuple = ()            # the answer's keys whose documented values are reproduced exactly
    same_all: bool = False      # the whole documented answer is reproduced exactly (REST and JSONP)
    notes: str = ""
    extra: dict = field(default_factory=dict)


# The Order Result every classic order call answers (the Place Order page's example response).
ORDER_RESULT = {"Message": "Sent order: Buy 10 ARNA @ 1.00 Limit", "OrderID": "207887693", "OrderStatus": "Ok"}

# The Confirm Order page's example response (one equities confirmation).
EQUITY_CONFIRMATION = {
    "__type": "EquitiesOptionsOrderConfirmation:#TradeStation.Web.Services.DataContracts",
    "Account": "987654 MyName",
    "Duration": "Day",
    "RelationIdentifier": None,
    "Route": "Intelligent",
    "SummaryMessage": "Buy 100 IBM @ Market",
    "EstimatedCommission": 1.00,
    "EstimatedCommissionDisplay": "1.00",
    "EstimatedCost": 19899.00,
    "EstimatedCostDisplay": "19,899.00",
    "EstimatedPrice": 198.99,
    "EstimatedPriceDisplay": "198.99",
}

PLACE = """{
    "AccountKey": "123456",
    "AssetType": "EQ",
    "Duration": "DYP",
    "LimitPrice": "1.00",
    "OrderType": "Limit",
    "Quantity": "10",
    "Symbol": "ARNA",
    "TradeAction": "Buy"
}"""

TRAILING_STOP = """{
    "AccountKey": "987654",
    "AssetType": "EQ",
    "Duration": "GTC",
    "LimitPrice": "3.00",
    "StopPrice": "2.00",
    "OrderType": "StopMarket",
    "Quantity": "10",
    "Symbol": "ARNA",
    "TradeAction": "Buy",
    "AdvancedOptions": {
        "TrailingStop": {
            "ByPoints": true,
            "Value": 3
        }
    }
}"""

JSONP_SEND = ("%7B%22AccountKey%22%3A%2212345%22%2C%22AssetType%22%3A%22FX%22%2C%22LimitPrice%22%3A%221%22%2C"
              "%22OrderType%22%3A%22Limit%22%2C%22Quantity%22%3A%2220000%22%2C%22Symbol%22%3A%22USDJPY%22%2C"
              "%22TradeAction%22%3A%22Buy%22%2C%20%22Duration%22%3A%22GTC%22%7D%0A")

PLACE_2015 = """{
    "OrderConfirmId": "B86D7397-6B2A-4760-ADC6-A6FBA0C31470",
    "ClientTag": "OrderBar",
    "AccountId": "281994",
    "AssetType": "Equity",
    "Side": "Buy",
    "ExchangeCode": "TS",
    "TimeInForce": "DayPlus",
    "LimitPrice": "0.14",
    "Type": "Limit",
    "Quantity": 5,
    "StopPrice": 14.12,
    "Symbol": "JP:8698-TS",
    "TimeInForceExpiration": null,
    "FundSource": "Cash",
    "TaxationMethod": "Calculated",
    "CostBasisMethod" : "FIFO",
    "Condition": "Basic"
}"""

CONFIRM = """{
    "AccountKey": 11234,
    "AssetType": "EQ",
    "Duration": "DAY",
    "GTDDate": "",
    "LimitPrice": 0.0,
    "OrderID": "",
    "OrderType": "Market",
    "Quantity": 100,
    "Route": "Intelligent",
    "StopPrice": 0.0,
    "Symbol": "IBM",
    "TradeAction": "buy"
}"""

BRK = """{
    "Type": "BRK",
    "Orders": [{
        "AssetType": "EQ",
        "Symbol": "ARNA",
        "Quantity": "10",
        "LimitPrice": "5.00",
        "OrderType": "Limit",
        "Duration": "DAY",
        "AccountKey": "123456",
        "TradeAction": "Sell"
    }, {
        "AssetType": "EQ",
        "Symbol": "ARNA",
        "Quantity": "10",
        "StopPrice": "1.25",
        "OrderType": "StopMarket",
        "Duration": "DAY",
        "AccountKey": "123465",
        "TradeAction": "Sell"
    }]
}"""

OCO = """{
    "Type": "OCO",
    "Orders": [{
        "AssetType": "EQ",
        "Symbol": "WMT",
        "Quantity": "10",
        "LimitPrice": ".25",
        "OrderType": "Limit",
        "Duration": "DYP",
        "AccountKey": "123456",
        "TradeAction": "Buy"
    }, {
        "AssetType": "EQ",
        "Symbol": "WMT",
        "Quantity": "10",
        "LimitPrice": "2.00",
        "OrderType": "Limit",
        "Duration": "DYP",
        "AccountKey": "123456",
        "TradeAction": "SellShort"
    }]
}"""

ORDER_OBJECT = """{
    "AccountKey": "123456",
    "AssetType": "EQ",
    "Duration": "DAY",
    "GTDDate": "",
    "LimitPrice": "10.00",
    "OrderID": "",
    "OrderType": "Limit",
    "Quantity": "10",
    "Route": "Intelligent",
    "StopPrice": "0.00",
    "Symbol": "GOOG",
    "TradeAction": "Buy",
    "OrderConfirmId": "0044750066"
}"""

OSO = """{
    "AssetType": "EQ",
    "Symbol": "ARNA",
    "Quantity": "10",
    "LimitPrice": ".25",
    "OrderType": "Limit",
    "Duration": "DYP",
    "AccountKey": "123456",
    "TradeAction": "Buy",
    "OrderConfirmId": "0044750066",
    "AdvancedOptions": {
        "TrailingStop": null
    },
    "OSOs": [{
            "Type": "NORMAL",
            "Orders": [{
                    "AssetType": "EQ",
                    "Symbol": "ARNA",
                    "Quantity": "10",
                    "LimitPrice": "1.25",
                    "OrderType": "Limit",
                    "Duration": "DYP",
                    "AccountKey": "123456",
                    "TradeAction": "Sell",
                    "OrderConfirmId": "0044750067",
                    "AdvancedOptions": {
                        "TrailingStop": null
                    },
                    "OSOs": []
                }
            ]
        }
    ]
}"""

UPDATE = """{
    "AccountKey": "123456",
    "LimitPrice": "11.01",
    "OrderID": "207924381",
    "OrderType": "Limit",
    "Quantity": "10",
    "Symbol": "ARNA"
}"""

JSONP_UPDATE = ("%7B%22AccountKey%22%3A%22114278%22%2C%22AssetType%22%3A%22FX%22%2C%22LimitPrice%22%3A%221%22%2C"
                "%22OrderType%22%3A%22Limit%22%2C%22Quantity%22%3A%2220000%22%2C%22Symbol%22%3A%22USDJPY%22%2C"
                "%22TradeAction%22%3A%22Buy%22%2C%20%22OrderID%22%3A208033619%7D%0A")

# Orders placed before a cancel or a replace, so that the order its path names exists (resting, or filled).
RESTING_ARNA = {"AccountKey": "123456", "AssetType": "EQ", "Symbol": "ARNA", "Quantity": "10", "OrderType": "Limit",
                "LimitPrice": "1.00", "TradeAction": "Buy", "Duration": "GTC"}
FILLED_ARNA = {**RESTING_ARNA, "OrderType": "Market", "LimitPrice": "", "Duration": "DAY"}
RESTING_USDJPY = {"AccountKey": "114278", "AssetType": "FX", "Symbol": "USDJPY", "Quantity": "20000",
                  "OrderType": "Limit", "LimitPrice": "1", "TradeAction": "Buy", "Duration": "GTC"}

PLACE_PAGE = f"{CLASSIC_DOCS}: en/orders/place-order.md"
PLACE_PAGE_2015 = f"{DOCS_2015}: en/orders/place-order.md"
CONFIRM_PAGES = (f"{CLASSIC_DOCS}: en/orders/confirm-order.md (Example Request)",
                 f"{DOCS_2015}: en/orders/confirm-order.md (Example Request)")
GROUP_PAGES = (f"{CLASSIC_DOCS}: en/orders/send-group-order.md", f"{DOCS_2015}: en/orders/send-group-order.md")
CANCEL_PAGES = (f"{CLASSIC_DOCS}: en/orders/cancel-order.md", f"{DOCS_2015}: en/orders/cancel-order.md")
UPDATE_PAGES = (f"{CLASSIC_DOCS}: en/orders/update-order.md", f"{DOCS_2015}: en/orders/update-order.md")

EXAMPLES = (
    Example("webapi-docs/en/orders/place-order.md#Example-Request",
            (f"{PLACE_PAGE} (Example Request)",), "place", [ORDER_RESULT],
            body=PLACE, id_start=207887693, same_all=True),
    Example("webapi-docs/en/orders/place-order.md#Trailing-Stop-Request",
            (f"{PLACE_PAGE} (Trailing Stop Request)",), "place",
            [{"Message": "Sent order: Buy 10 ARNA @  Stop Market - Trl: 3", "OrderID": "207924340",
              "OrderStatus": "Ok"}],
            body=TRAILING_STOP, rest_path="/orders/", id_start=207924340, same_all=True),
    Example("webapi-docs/en/orders/place-order.md#JSONP-Request", (f"{PLACE_PAGE} (JSONP Request)",), "place",
            [{"Message": "Sent order: Buy 20,000 USDJPY @ 1.000 Limit", "OrderID": "208033621",
              "OrderStatus": "Ok"}],
            data=JSONP_SEND, callback="jQueryCallBack", id_start=208033621, same_all=True),
    Example("webapi-docs-v2/en/orders/place-order.md#Example-Request", (f"{PLACE_PAGE_2015} (Example Request)",
                                                  f"{DOCS_2015}: en/objects/order.md (Example JSON)"), "place",
            [{"OrderConfirmId": "B86D7397-6B2A-4760-ADC6-A6FBA0C31470", "Id": 207887693, "Status": "Success",
              "Orders": [{"Id": "216420"}]}],
            body=PLACE_2015, api_version="20150601", id_start=207887693,
            same=("OrderConfirmId", "Id", "Status")),
    Example("webapi-docs/en/orders/confirm-order.md#Example-Request",
            CONFIRM_PAGES, "confirm", [EQUITY_CONFIRMATION], body=CONFIRM,
            same=("__type", "RelationIdentifier", "Route", "SummaryMessage", "EstimatedCommission",
                  "EstimatedCommissionDisplay", "EstimatedCost", "EstimatedCostDisplay", "EstimatedPrice",
                  "EstimatedPriceDisplay")),
    Example("webapi-docs/en/orders/send-group-order.md#BRK-Request",
            tuple(f"{page} (BRK Request)" for page in GROUP_PAGES), "group",
            [{"Message": "Sent order: Sell 10 ARNA @ 5.00 Limit", "OrderID": "207887696", "OrderStatus": "Ok"},
             {"Message": "Sent order: Sell 10 ARNA @ 1.25 Stop Market", "OrderID": "207887697",
              "OrderStatus": "Ok"}],
            body=BRK, id_start=207887696, same_all=True,
            notes="The page's answer is two Failed results sent after hours; the demo market is open, so "
                  "both orders rest and the answer is two Ok results in the same shape."),
    Example("webapi-docs/en/orders/send-group-order.md#OCO-Request",
            tuple(f"{page} (OCO Request)" for page in GROUP_PAGES), "group",
            [{"Message": "Sent order: Buy 10 WMT @ 0.25 Limit", "OrderID": "207887717", "OrderStatus": "Ok"},
             {"Message": "Sent order: Sell Short 10 WMT @ 2.00 Limit", "OrderID": "207887718",
              "OrderStatus": "Ok"}],
            body=OCO, authorization="{token}", id_start=207887717, same_all=True),
    Example("webapi-docs/en/orders/confirm-group-order.md#BRK-Request-previewed",
            (f"{CLASSIC_DOCS}: en/orders/confirm-group-order.md (no example: "
             "the BRK Request of send-group-order.md)",), "group_confirm",
            [EQUITY_CONFIRMATION, EQUITY_CONFIRMATION], body=BRK, same=("__type", "Route")),
    Example("webapi-docs/en/orders/confirm-group-order.md#OCO-Request-previewed",
            (f"{CLASSIC_DOCS}: en/orders/confirm-group-order.md (no example: "
             "the OCO Request of send-group-order.md)",), "group_confirm",
            [EQUITY_CONFIRMATION, EQUITY_CONFIRMATION], body=OCO, authorization="{token}", same=("__type", "Route")),
    Example("webapi-docs/en/objects/order.md#Example-JSON", (f"{CLASSIC_DOCS}: en/objects/order.md (Example JSON)",
                                              f"{CLASSIC_DOCS}: en/objects/basic-order-request.md (Example JSON)"),
            "place", [{"Message": "Sent order: Buy 10 GOOG @ 10.00 Limit", "OrderID": "208033601",
                       "OrderStatus": "Ok"}],
            body=ORDER_OBJECT, id_start=208033601, same_all=True),
    Example("webapi-docs/en/objects/order.md#Example-OSO-JSON",
            (f"{CLASSIC_DOCS}: en/objects/order.md (Example OSO JSON)",),
            "place", [{"Message": "Sent order: Buy 10 ARNA @ 0.25 Limit", "OrderID": "208033601", "OrderStatus": "Ok"},
                      {"Message": "Sent order: Sell 10 ARNA @ 1.25 Limit", "OrderID": "208033602",
                       "OrderStatus": "Ok"}],
            body=OSO, id_start=208033601, same_all=True),
    Example("webapi-docs/en/objects/order.md#Example-OSO-JSON-previewed",
            (f"{CLASSIC_DOCS}: en/objects/order.md (Example OSO JSON, previewed)",),
            "confirm", [EQUITY_CONFIRMATION], body=OSO, same=("__type", "Route", "RelationIdentifier")),
    Example("webapi-docs/en/orders/cancel-order.md#Example-Request",
            tuple(f"{page} (Example Request)" for page in CANCEL_PAGES), "cancel",
            {"Message": None, "OrderID": "207887528", "OrderStatus": "Ok"},
            order_id="207887528", id_start=207887528, setup=RESTING_ARNA, same=("OrderID", "OrderStatus")),
    Example("webapi-docs/en/orders/cancel-order.md#Example-JSONP-Response",
            tuple(f"{page} (Example JSONP Response)" for page in CANCEL_PAGES), "cancel",
            {"Message": "Not an open order.", "OrderID": "208033617", "OrderStatus": "Failed"},
            callback="jQueryCallBack", order_id="208033617", id_start=208033617, setup=FILLED_ARNA, same_all=True),
    Example("webapi-docs/en/orders/update-order.md#Example-Request",
            tuple(f"{page} (Example Request)" for page in UPDATE_PAGES),
            "replace", {"Message": "Cancel/Replace order sent.", "OrderID": "207924381", "OrderStatus": "Ok"},
            body=UPDATE, order_id="207924381", id_start=207924381, setup=RESTING_ARNA, same_all=True),
    Example("webapi-docs/en/orders/update-order.md#Example-JSONP-Request",
            tuple(f"{page} (Example JSONP Request)" for page in UPDATE_PAGES), "replace",
            {"Message": "Cancel/Replace order sent.", "OrderID": "208033619", "OrderStatus": "Ok"},
            data=JSONP_UPDATE, callback="jQueryCallback", order_id="208033619", id_start=208033619,
            setup=RESTING_USDJPY, same_all=True),
)


# The Orders page's example answer (tradestation/webapi-docs: en/accounts/orders.md, Example Response), byte for
# byte: an option order and a filled equity order, the option newer.
ORDER_LIST = r"""[{
    "AccountID": "QA",
    "AdvancedOptions": "",
    "AssetType": "OP",
    "CommissionFee": 0.0000,
    "UnbundledRouteFee": 0.0000,
    "ContractExpireDate": "8\/20\/2011 12:00:00 AM",
    "ConversionRate": 0,
    "Country": null,
    "Denomination": "",
    "Duration": "DAY",
    "ExecuteQuantity": 0,
    "FilledCanceled": "",
    "FilledPriceText": "0.0000000000",
    "GroupName": "",
    "Legs": [{
        "Ask": 2.6300000000,
        "BaseSymbol": "MSFT",
        "Bid": 2.5900000000,
        "ExecPrice": 0.0000000000,
        "ExecQuantity": 0,
        "ExpireDate": "8\/20\/2011 12:00:00 AM",
        "Leaves": 1,
        "LegNumber": 1,
        "LimitPrice": 2.5800000000,
        "LimitPriceDisplay": "2.5800000000",
        "Month": 8,
        "OpenOrClose": "O",
        "OrderID": 207885336,
        "OrderType": 0,
        "OrderTypeDescription": "Limit",
        "PointValue": 100.0000000000,
        "PriceUsedForBuyingPower": 2.5800000000,
        "PutOrCall": "C",
        "Quantity": 5,
        "Side": "B",
        "StopPrice": 0,
        "StopPriceDisplay": "0",
        "StrikePrice": 24.0000000000,
        "Symbol": "MSFT 110820C24",
        "TimeExecuted": "1\/1\/0001 12:00:00 AM",
        "Year": 2011
    }],
    "LimitPriceText": "2.5800000000",
    "OrderID": 207885336,
    "Originator": 543061,
    "Quantity": 5,
    "QuantityLeft": 5,
    "Routing": "Intelligent",
    "Spread": "",
    "Status": "ACK",
    "StopPriceText": "0",
    "Symbol": "MSFT 110820C24",
    "TimeStamp": "8\/3\/2011 2:40:42 PM",
    "TriggeredBy": "",
    "Type": "Buy to Open"
}, {
    "AccountID": "QA",
    "AdvancedOptions": "",
    "AssetType": "EQ",
    "CommissionFee": 1.0000,
    "ContractExpireDate": "",
    "ConversionRate": 0,
    "Country": null,
    "Denomination": "",
    "Duration": "DAY+",
    "ExecuteQuantity": 10,
    "FilledCanceled": "8\/3\/2011 2:04:20 PM",
    "FilledPriceText": "1.6300000000",
    "GroupName": "",
    "Legs": [{
        "Ask": 1.6300000000,
        "BaseSymbol": "",
        "Bid": 1.6200000000,
        "ExecPrice": 1.6300000000,
        "ExecQuantity": 10,
        "ExpireDate": "",
        "Leaves": 1,
        "LegNumber": 1,
        "LimitPrice": 10.0000000000,
        "LimitPriceDisplay": "10.0000000000",
        "Month": 0,
        "OpenOrClose": "O",
        "OrderID": 207885335,
        "OrderType": 0,
        "OrderTypeDescription": "Limit",
        "PointValue": 1.0000000000,
        "PriceUsedForBuyingPower": 10.0000000000,
        "PutOrCall": "",
        "Quantity": 10,
        "Side": "B",
        "StopPrice": 0,
        "StopPriceDisplay": "0",
        "StrikePrice": 0,
        "Symbol": "ARNA",
        "TimeExecuted": "8\/3\/2011 2:04:20 PM",
        "Year": 0
    }],
    "LimitPriceText": "10.0000000000",
    "OrderID": 207885335,
    "Originator": 543061,
    "Quantity": 10,
    "QuantityLeft": 0,
    "Routing": "Intelligent",
    "Spread": "",
    "Status": "FLL",
    "StopPriceText": "0",
    "Symbol": "ARNA",
    "TimeStamp": "8\/3\/2011 2:02:10 PM",
    "TriggeredBy": "",
    "Type": "Buy"
}]"""

# The 2015 Orders page's example answer (tradestation/webapi-docs-v2: en/accounts/orders.md) prints its keys
# without quotes, so it is not JSON: its keys and kinds, written out.
ORDER_LIST_2015 = [{
    "Id": 1, "AccountId": "1234", "AssetType": "Equity", "Side": "Buy", "Symbol": "JP:8698-TS", "Quantity": 100,
    "Type": "Market", "LimitPrice": 235, "StopPrice": 200, "TimeInForce": "Day", "FundSource": "Cash",
    "TaxationMethod": "Calculated", "OriginatorId": "OriginatorFDCN", "Commission": 4.99, "CountryCode": "JP",
    "CreatedDateTime": "2014-12-18 11:21:25.940+00:00", "ExecutedDateTime": "2014-12-18 12:21:25.940+00:00",
    "ExchangeDateTime": "2014-12-18 11:21:25.948+00:00", "ExchangeCode": "TYO", "Status": "Filled",
    "StatusDateTime": "2014-12-18 11:21:25.940+00:00", "ExecutedQuantity": 100, "RemainingQuantity": 0,
    "AverageExecutedPrice": 235,
    "Quote": {"PreviousClose": 1000, "PreviousCloseDelta": 5, "PreviousCloseDeltaPercent": 0.05, "Last": 1000,
              "Ask": 1005, "Bid": 995, "Symbol": "JP:8698-TS",
              "Description": "This is a test description for JP:8698-TS"},
}]

# The Orders page's $filter example request's query, byte for byte (its token replaced by the test's).
ORDER_FILTER_QUERY = "oauth_token={token}&$filter=symbol%20eq%20'AAPL'"
