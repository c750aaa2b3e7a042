"""Order results, confirmations and accounts in v2's shapes: the classic Order Result {Message, OrderID,
OrderStatus} or the 2015 one (tradestation/results.py builds both), the Order Confirmation, Account Info."""

from __future__ import annotations

from tradestation import errors as E
from tradestation.dialects import ASSET_OF_NAME, CLASSIC
from tradestation.results import order_result

from .. import estimates
from ..accounts import ASSETS_BY_TYPE, FUND_SOURCES_BY_TYPE, TYPE_DESCRIPTIONS, Account
from ..book import REJECTED, BookOrder
from ..desk import CANCEL_SENT, REPLACE_SENT, SENT, Cancellation, Confirmation

# The equities and options name is the Confirm Order example's; the others are ours, after the object pages.
CONFIRMATION_TYPES = {"EQ": "EquitiesOptionsOrderConfirmation", "OP": "EquitiesOptionsOrderConfirmation",
                      "FU": "FuturesConfirmation", "FX": "ForexConfirmation"}


def summary(order: BookOrder, dialect: str) -> str:
    """The order as TradeStation echoes it: with its price in the classic dialect, without in the 2015 one."""
    return order.description if dialect == CLASSIC else order.description.split(" @ ")[0]


def placed(dialect: str, order: BookOrder) -> dict:
    # REJ is only ever set when an order is entered, so a repeat is answered as the first call was.
    if order.status == REJECTED:
        return order_result(dialect, order.id, False, order.reason, order.order.confirm_id)
    return order_result(dialect, order.id, True, SENT + summary(order, dialect), order.order.confirm_id)


def cancelled(dialect: str, answer: Cancellation) -> dict:
    message = CANCEL_SENT if answer.cancelled else E.NOT_OPEN
    return order_result(dialect, answer.order.id, answer.cancelled, message, answer.order.order.confirm_id)


def replaced(dialect: str, order: BookOrder) -> dict:
    return order_result(dialect, order.id, True, REPLACE_SENT, order.order.confirm_id)


def confirmation(preview: Confirmation) -> dict:
    instrument, order, account = preview.instrument, preview.order, preview.account
    answer = {
        "__type": f"{CONFIRMATION_TYPES[instrument.asset]}:#TradeStation.Web.Services.DataContracts",
        "Account": account.key,
        "Duration": order.time_in_force,
        "RelationIdentifier": None,     # no group or OSO relation is previewed
        "Route": order.route,
        "SummaryMessage": order.describe(instrument.decimals),
        "OrderConfirmId": preview.confirm_id,
        "EstimatedPrice": float(preview.price),
        "EstimatedPriceDisplay": instrument.display(preview.price),
        "EstimatedCost": float(preview.cost),
        "EstimatedCostDisplay": estimates.display(preview.cost),
        "EstimatedCommission": float(preview.commission),
        "EstimatedCommissionDisplay": estimates.display(preview.commission),
    }
    if instrument.asset == "FU":
        answer.update({"ProductCurrency": instrument.currency, "AccountCurrency": account.currency})
    elif instrument.asset == "FX":
        answer.update({"BaseCurrency": instrument.base_currency, "CounterCurrency": instrument.counter_currency})
    if preview.initial_margin is not None:
        answer["InitialMarginDisplay"] = estimates.display(preview.initial_margin)
    return answer


def accounts(dialect: str, held: list[Account]) -> list[dict]:
    """The user's accounts; the classic Account Info types Key as an integer, so a 2015 market's account
    (JPEQ...) is listed in the 2015 dialect only."""
    return [account(dialect, entry) for entry in held if dialect != CLASSIC or entry.key.isdigit()]


def account(dialect: str, entry: Account) -> dict:
    if dialect == CLASSIC:
        # TradeStation's example shows the key as a number when it is one; no alias or alternative id, so
        # DisplayName is the key.
        return {"Key": int(entry.key) if entry.key.isdigit() else entry.key, "Name": entry.name,
                "Type": entry.type, "TypeDescription": TYPE_DESCRIPTIONS[entry.type], "Alias": "", "AltId": "",
                "DisplayName": entry.key, "IsStockLocateEligible": False}
    return {"Id": entry.key, "AccountDisplayName": entry.name, "Status": "Open", "Restrictions": [],
            "AllowedFundSources": list(FUND_SOURCES_BY_TYPE[entry.type]),
            "AllowedAssets": [ASSET_OF_NAME[asset] for asset in ASSETS_BY_TYPE[entry.type]]}
