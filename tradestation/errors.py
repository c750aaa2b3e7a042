"""The one error type of the contract, and TradeStation's wording for it."""


class ApiError(Exception):
    """A refusal with an HTTP status and the message TradeStation would send, and what exactly was wrong
    (`detail`: which field and why) where TradeStation's words do not say."""

    def __init__(self, status, message, detail=None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.detail = detail

    def body(self, detailed=False):
        """The flat shape that TradeStation wraps in a JSONP callback: its words alone (what the simulator
        answers), or with the detail after them (what the bridge answers for its own refusals)."""
        message = f"{self.message} {self.detail}" if detailed and self.detail else self.message
        return {"Message": message, "StatusCode": self.status}


# Wording copied from the contract's error table, so that a search for a message
# seen on the page lands here.
UNAUTHORIZED = "Unauthorized"
AUTHORIZATION_FAILURE = "Authorization failure."         # the Orders service's words for a refused token
USER_NOT_AUTHORIZED = "User is not authorized to retrieve this account"
NOT_YOUR_ACCOUNT = "Order failed. Reason: Request originator is not authorized to trade this account"
MISSING_FIELD = "Invalid Request. Order input is incomplete, missing field"
INVALID_ACCOUNT = "Invalid account."
MISSING_TYPE = "Missing order type."
INVALID_TYPE = "Invalid order type."
MISSING_QUANTITY = "Missing order quantity."
MISSING_SYMBOL = "Missing order symbol."
MISSING_LIMIT = "Missing order limit price."
INVALID_LIMIT = "Invalid limit price."
MISSING_STOP = "Missing order stop price."
INVALID_STOP = "Invalid stop price."
MISSING_TIF = "Order failed. Reason: Missing TIF"
# The trailing stop errors of the Orders page (tradestation/webapi-docs: en/orders.md), word for word.
TRAILING_NOT_STOP = "Order failed. Reason: Trailing stop is valid for stop orders only"
TRAILING_STOP_LIMIT = "Order failed. Reason: Trailing stop limit order requires an Auto-Limit condition"
TRAILING_POINTS = "Failed to build order: Invalid trailing stop number by points"
TRAILING_PERCENT = "Failed to build order confirmation: Invalid trailing stop number by percentage"
INVALID_ORDER = "Please provide valid order input."
INVALID_GROUP = "Please provide valid group order input."
INVALID_GROUP_TYPE = "Please provide valid group order type."
GROUP_MEMBER_NOT_ORDER = "Please provide each order input for the group order."
GROUP_NEEDS_PAIR = "Group order must include at least one pair of orders."
MISSING_ORDER_ID = "Missing order ID."
INVALID_ORDER_ID = "Invalid order ID."
NOT_OPEN = "Not an open order."
CANCEL_FAILED = "Failed to cancel order."
NOT_FOUND = "Not Found"
QUOTA_EXCEEDED = "Quota Exceeded"
SERVER_ERROR = "Internal Server Error"
# The Error Handling page's Orders row for a 503 (Service Unavailable), word for word.
REPLACE_UNAVAILABLE = "Failed to Cancel/Replace order."
INVALID_SYMBOL_QUOTE = "FAILED, INVALID SYMBOL"
# The 401s that refuse the token itself (as opposed to the account it names): only these call for a refresh.
TOKEN_REFUSALS = (UNAUTHORIZED, AUTHORIZATION_FAILURE)

# The contract has no wording for these; ours follow the style of its table.
INVALID_QUANTITY = "Invalid order quantity."
INVALID_SYMBOL = "Invalid order symbol. Symbols are upper case, e.g. MSFT."
INVALID_TIF = "Order failed. Reason: Invalid TIF"
MISSING_EXPIRY = "Order failed. Reason: Missing expiration date for a good-till-date order"
INVALID_EXPIRY = "Order failed. Reason: Invalid expiration date"
PAST_EXPIRY = "Order failed. Reason: The expiration date is in the past"
INVALID_ASSET = "Invalid asset type."
INVALID_ACTION = "Invalid trade action."
INVALID_ROUTE = "Invalid route."
INVALID_CONFIRM_ID = "Invalid OrderConfirmId."
# A broker's refusals that TradeStation documents no sentence for (docs/decisions.md), in its "Order failed" form.
# The {names} are the order's own figures: the simulator fills them, and the page's own check (guards.js) too.
OFF_TICK = "Order failed. Reason: {field} {price} is not a multiple of the tick size of {symbol}, {tick}"
CASH_SHORT = "Order failed. Reason: Account {account} is a cash account and cannot sell short"
CASH_OVERSELL = ("Order failed. Reason: Account {account} is a cash account and cannot sell more than it holds "
                 "({held} {symbol})")


def missing_field(name):
    return ApiError(400, f"{MISSING_FIELD} {name}")
