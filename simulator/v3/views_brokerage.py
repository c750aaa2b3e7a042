"""v3's brokerage calls: accounts, balances (now and as the day began), positions, and the order lists (the
day's, the history, each by id), paged as v3 pages them. Each counts against its category of TradeStation's
quota table."""

from tradestation.errors import ApiError
from tradestation.quotas import Category

from ..web import param, simulator
from . import read_query, render_brokerage, render_orders
from .calls import bp, call, per_account, usable_accounts

ORDER_NOT_FOUND = "Order not found."


def lists_confirm_id():
    return simulator().runtime_settings()["SIM_V3_LIST_CONFIRM_ID"] == "on"


@bp.get("/v3/brokerage/accounts")
def accounts():
    return call(Category.ACCOUNTS, lambda token: {"Accounts": [render_brokerage.account(account)
                                                      for account in simulator().own_accounts(token)
                                                      if render_brokerage.lists(account)]})


def _each_account(category, ids, name, entries):
    """An answer of several accounts under `name`: `entries(token, key)` is one account's, rendered."""
    def action(token):
        found, errors = per_account(ids, token, lambda key: entries(token, key))
        return {name: found, "Errors": errors}
    return call(category, action)


@bp.get("/v3/brokerage/accounts/<ids>/balances")
def balances(ids):
    return _each_account(Category.BALANCES, ids, "Balances", lambda token, key: [
        render_brokerage.balance(money) for money in simulator().balances(token, key)])


@bp.get("/v3/brokerage/accounts/<ids>/bodbalances")
def opening_balances(ids):
    return _each_account(Category.BALANCES, ids, "BODBalances", lambda token, key: [
        render_brokerage.opening_balance(money) for money in simulator().opening_balances(token, key)])


@bp.get("/v3/brokerage/accounts/<ids>/positions")
def positions(ids):
    patterns = read_query.symbol_patterns(param("symbol"))
    return _each_account(Category.POSITIONS, ids, "Positions", lambda token, key: [
        render_brokerage.position(held) for held in simulator().positions(token, key, patterns)])


def _orders(token, ids, history=False, wanted=None):
    """The accounts' orders (the day's, or the history's when `history`), those of `wanted` ids only if given,
    with an Errors entry for each account that may not be read and each wanted id not found."""
    usable, errors = usable_accounts(ids, token)
    if not usable:
        return [], errors
    since = read_query.since(param("since")) if history else None
    listed = [entry.order for entry in simulator().account_orders(token, usable, since, read_query.SINCE_FORMATS)]
    if history:
        # The history is of orders that are over, latest closed first: open ones are in the day's list.
        listed = sorted((order for order in listed if not order.live), key=lambda order: order.closed_at,
                        reverse=True)
    if wanted is not None:
        found = {order.id for order in listed}
        errors += [{"AccountID": usable, "OrderID": order_id, "Error": "NotFound", "Message": ORDER_NOT_FOUND}
                   for order_id in wanted if order_id not in found]
        listed = [order for order in listed if order.id in wanted]
    return listed, errors


def _paged(ids, listed, errors):
    pager = read_query.Pager(simulator().admin_token)
    page = pager.read(ids, param("pageSize"), param("nextToken"))
    if page.after is not None:
        ids_listed = [order.id for order in listed]
        if page.after not in ids_listed:
            raise ApiError(400, read_query.INVALID_NEXT_TOKEN)
        listed = listed[ids_listed.index(page.after) + 1:]
    shown = listed if page.size is None else listed[:page.size]
    body = {"Orders": [render_orders.listed_order(order, lists_confirm_id()) for order in shown[:read_query.MAX_PAGE]],
            "Errors": errors}
    if page.size is not None and len(listed) > page.size:
        body["NextToken"] = pager.next_token(ids, shown[-1].id)
    return body


@bp.get("/v3/brokerage/accounts/<ids>/orders")
def account_orders(ids):
    return call(Category.ORDER_DETAILS, lambda token: _paged(ids, *_orders(token, ids)))


def _by_id(ids, order_ids, history):
    def action(token):
        listed, errors = _orders(token, ids, history=history, wanted=read_query.order_ids(order_ids))
        return {"Orders": [render_orders.listed_order(order, lists_confirm_id()) for order in listed],
                "Errors": errors}
    return call(Category.ORDER_DETAILS, action)


@bp.get("/v3/brokerage/accounts/<ids>/orders/<order_ids>")
def orders_by_id(ids, order_ids):
    return _by_id(ids, order_ids, history=False)


@bp.get("/v3/brokerage/accounts/<ids>/historicalorders")
def historical_orders(ids):
    return call(Category.ORDER_DETAILS, lambda token: _paged(ids, *_orders(token, ids, history=True)))


@bp.get("/v3/brokerage/accounts/<ids>/historicalorders/<order_ids>")
def historical_orders_by_id(ids, order_ids):
    return _by_id(ids, order_ids, history=True)
