"""Paths TradeStation's own examples use where its reference pages name another: answered as the reference
path is, so a client copied from either works."""

from flask import Blueprint

from . import api

bp = Blueprint("simulator_documented_paths", __name__)


@bp.get("/v2/data/quotes/<symbols>")    # the Request Throttling page's example asks /data/quotes/
def quotes(symbols):
    return api.quotes(symbols)


# The Response Formats and API Versions pages (both repositories) ask for accounts under /WebAPI/.
@bp.get("/WebAPI/users/<userid>/accounts")
def webapi_accounts(userid):
    return api.user_accounts(userid)


# The 2015 Balances example leaves /v2 out.
@bp.get("/accounts/<keys>/balances")
def balances_without_v2(keys):
    return api.account_balances(keys)
