"""The REST resources under /v2: accounts, quotes and orders. Each view names its category of TradeStation's
quota table (None: in no category, never counted) and hands the request to the backend; the answer's shape is
decided in web.py."""

from flask import Blueprint

from tradestation import errors as E
from tradestation.dialects import CLASSIC
from tradestation.errors import ApiError
from tradestation.quotas import Category

from .v2 import odata, render_listings, render_market, render_orders, render_portfolio, render_portfolio_2015
from .web import param, read_body, rest_call, simulator

bp = Blueprint("simulator_api", __name__)

def execution_call(action, xml_item, **options):
    """An Orders-service call over REST: a refused token is `Authorization failure.` there (the Error
    Handling page's Orders row); the JSONP twins keep `Unauthorized`, as the JSONP page shows it. Placing,
    confirming, replacing and cancelling are in no quota category."""
    return rest_call(None, action, xml_item, unauthorized=E.AUTHORIZATION_FAILURE, **options)


@bp.get("/v2/users/<userid>/accounts")
def user_accounts(userid):
    def action(token, dialect):
        return render_orders.accounts(dialect, simulator().accounts(token, userid))
    return rest_call(Category.ACCOUNTS, action, "Account")


@bp.get("/v2/users/<userid>/positions")
def user_positions(userid):
    return rest_call(Category.POSITIONS, lambda token, dialect: [
        render_portfolio.position(held) for held in simulator().user_positions(token, userid)], "Position")


@bp.get("/v2/accounts/<keys>/balances")
def account_balances(keys):
    def action(token, dialect):
        render = render_portfolio.balance if dialect == CLASSIC else render_portfolio_2015.balance
        return [render(money) for money in simulator().balances(token, keys)]
    return rest_call(Category.BALANCES, action, "Balance")


@bp.get("/v2/accounts/<keys>/positions")
def account_positions(keys):
    def action(token, dialect):
        held = simulator().positions(token, keys)
        clauses = odata.parse_filter(param("$filter"))
        entries = ([render_portfolio.position(entry) for entry in held] if dialect == CLASSIC
                   else render_portfolio_2015.positions(held))
        return odata.select(entries, clauses)
    return rest_call(Category.POSITIONS, action, "Position")


@bp.get("/v2/accounts/<keys>/positiongroups/<group_id>")
def account_position_group(keys, group_id):
    return rest_call(Category.POSITIONS, lambda token, dialect: [render_portfolio_2015.position_group(
        simulator().position_group(token, keys, group_id))], "PositionGroup")


@bp.get("/v2/data/quote/<symbols>")
def quotes(symbols):
    return rest_call(Category.QUOTE_SNAPSHOT, lambda token, dialect: [
        render_market.quote_or_error(found) for found in simulator().quotes(symbols)], "Quote", client_only_ok=True)


@bp.get("/v2/accounts/<keys>/orders")
def account_orders(keys):
    def action(token, dialect):
        clauses = odata.parse_filter(param("$filter"))
        listed = simulator().account_orders(token, keys, param("since") or None)
        return odata.select([render_listings.detail(dialect, entry.order, entry.quote) for entry in listed], clauses)
    return rest_call(Category.ORDER_DETAILS, action, "Order")


@bp.post("/v2/orders/")     # the trailing stop example of the Place Order page posts here
@bp.post("/v2/orders")
def place():
    return execution_call(lambda token, dialect: [render_orders.placed(dialect, order) for order in simulator().place(
        token, dialect, read_body(E.INVALID_ORDER))], "OrderResult", order_call=True)


@bp.post("/v2/orders/confirm")
def confirm():
    def action(token, dialect):
        previews = simulator().confirm(token, dialect, read_body(E.INVALID_ORDER))
        return [render_orders.confirmation(preview) for preview in previews]
    return execution_call(action, "OrderConfirmation")


@bp.post("/v2/orders/groups")
def place_group():
    def action(token, dialect):
        placed = simulator().place_group(token, dialect, read_body(E.INVALID_GROUP))
        return [render_orders.placed(dialect, order) for order in placed]
    return execution_call(action, "OrderResult", order_call=True)


@bp.post("/v2/orders/groups/confirm")
def confirm_group():
    return execution_call(lambda token, dialect: [render_orders.confirmation(preview) for preview in simulator(
        ).confirm_group(token, dialect, read_body(E.INVALID_GROUP))], "OrderConfirmation")


@bp.delete("/v2/orders/<order_id>")
def cancel(order_id):
    return execution_call(lambda token, dialect: render_orders.cancelled(dialect, simulator().cancel(token, order_id)),
                          "OrderResult", order_call=True)


@bp.put("/v2/orders/<order_id>")
def replace(order_id):
    return execution_call(lambda token, dialect: render_orders.replaced(dialect, simulator().replace(
        token, order_id, read_body(E.INVALID_ORDER))), "OrderResult", order_call=True)


@bp.route("/v2/orders/", methods=["DELETE", "PUT"])
@bp.route("/v2/orders", methods=["DELETE", "PUT"])
def no_order_id():
    # A cancel or replace that names no order.
    def refuse(token, dialect):
        raise ApiError(400, E.MISSING_ORDER_ID)
    return execution_call(refuse, "OrderResult")
