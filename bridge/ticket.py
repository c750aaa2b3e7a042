"""The ticket page, the journal it shows, and the market context beside it (same origin, the session)."""

import re

from flask import Blueprint, current_app, g, jsonify, render_template, request, session, url_for

from tradestation import dialects, errors, order_fields, ticks
from tradestation.errors import ApiError

from . import inspector
from .auth import csrf_token, current_grant, login_required
from .http_limits import REQUEST_LINE_LIMIT
from .journal import PENDING, UNSETTLED
from .quota_budget import OverQuota, held_back
from .reconcile import FOUND_LATER
from .upstream import FateUnknown, NotSent

bp = Blueprint("ticket", __name__)

BRIDGE_WAIT_MARGIN = 5.0     # seconds on top of the bridge's own longest wait: the journal write, the trip back

# What each classic account type trades.
ACCOUNT_TYPES = {"C": ("Cash", ["EQ", "OP"]), "M": ("Margin", ["EQ", "OP"]), "F": ("Futures", ["FU"]),
                 "X": ("Forex", ["FX"])}


@bp.app_context_processor
def trading_environment():
    """SIM or LIVE on every page the bridge renders, the login page and its errors included."""
    bridge = current_app.extensions.get("tsbridge")
    return {"environment": bridge.settings.environment} if bridge else {}


def page_rules(offered=lambda field, value: True):
    """The contract's vocabularies and messages for the page's own checks: one source for both sides.
    `offered(field, value)` leaves out what the upstream cannot carry (the upstream face's `offers`), so a
    trader is never offered a side or time in force that would only be refused."""
    def per_asset(actions, durations):
        return {asset: {"actions": [a for a in actions[asset] if offered("action", a)],
                        "durations": [d for d in durations(asset) if offered("tif", d)],
                        "routes": list(dialects.ROUTES[asset])} for asset in dialects.ASSETS}
    return {
        "dialects": {
            dialects.CLASSIC: {"api_version": dialects.api_version_for(dialects.CLASSIC),
                               "assets": per_asset(dialects.CLASSIC_ACTIONS, dialects.CLASSIC_DURATIONS.get),
                               "dated": sorted(dialects.CLASSIC_DATED),
                               "asset_names": {a: a for a in dialects.ASSETS}},
            dialects.GLOBAL: {"api_version": dialects.api_version_for(dialects.GLOBAL),
                              "assets": per_asset(dialects.GLOBAL_SIDES, lambda _: dialects.TIMES_IN_FORCE),
                              "dated": sorted(dialects.GLOBAL_DATED),
                              "asset_names": dict(dialects.ASSET_OF_NAME)},
        },
        # Switching dialect carries each choice over to its equivalent; what has none is cleared.
        "translate": {
            "side": {dialects.GLOBAL: {g: c for c, g in dialects.CLASSIC_TO_GLOBAL_SIDE.items()},
                     dialects.CLASSIC: dict(dialects.CLASSIC_TO_GLOBAL_SIDE)},
            "tif": {dialects.GLOBAL: {g: c for c, g in dialects.CLASSIC_TO_GLOBAL_TIF.items()},
                    dialects.CLASSIC: dict(dialects.CLASSIC_TO_GLOBAL_TIF)},
        },
        "tif_labels": {value: dialects.time_in_force_label(value)
                       for value in (*dialects.TIMES_IN_FORCE, *dialects.CLASSIC_TO_GLOBAL_TIF)},
        "order_types": list(dialects.ORDER_TYPES),
        "needs_limit": sorted(dialects.NEEDS_LIMIT),
        "needs_stop": sorted(dialects.NEEDS_STOP),
        "messages": {name: value for name, value in vars(errors).items() if name.isupper()},
        "patterns": order_fields.PATTERNS,
        "max_quantity": order_fields.MAX_QUANTITY,
        "max_price": str(order_fields.MAX_PRICE),
        # The ticks that change with the price, by the asset as either dialect names it; below the first floor,
        # and for every other asset, the tick is the quote's MinMove.
        "tick_schedules": {name: [[str(floor), str(step)] for floor, step in schedule]
                           for asset, schedule in ticks.SCHEDULES.items()
                           for name in (asset, dialects.ASSET_OF_NAME[asset])},
    }


def _accounts(bridge, grant):
    answer = bridge.calls.call(grant, lambda token: bridge.upstream.accounts(token, grant.userid))
    if not answer.ok or not isinstance(answer.body, list):
        raise ApiError(answer.status, answer.error()["Message"])
    accounts = []
    for account in answer.body:
        kind, assets = ACCOUNT_TYPES.get(account.get("Type"), (account.get("TypeDescription", "Account"), ["EQ"]))
        accounts.append({"key": str(account.get("Key")), "name": str(account.get("Name", account.get("Key"))),
                         "type": kind, "asset_types": assets})
    return accounts


@bp.get("/")
def index():
    bridge = current_app.extensions["tsbridge"]
    grant = current_grant()
    if grant is None:
        return render_template("login.html", login_url=url_for("auth.login"))
    bridge.grants.touch(grant)      # opening the ticket is the trader's own action
    error = None
    try:
        accounts = _accounts(bridge, grant)
    except ApiError as refusal:
        if refusal.status == 401:
            session.clear()
            return render_template("login.html", login_url=url_for("auth.login"),
                                   error="Your TradeStation session has ended. Please log in again."), 401
        accounts, error = [], f"TradeStation did not list your accounts: {refusal.message}"
    except (NotSent, FateUnknown) as failure:
        accounts, error = [], f"TradeStation did not list your accounts: {failure}."
    settings = bridge.settings
    # Straight to TradeStation skips the journal and the duplicate protection: never offered with real money.
    direct = _direct_jsonp(None if settings.environment == "LIVE" else bridge.upstream.jsonp_base)
    urls = {"send": {"bridge_jsonp": url_for("jsonp.send"), **direct("/jsonp/orders/send")},
            "review": {"bridge_jsonp": url_for("jsonp.confirm"), **direct("/jsonp/orders/confirm")},
            "token": url_for("auth.token"), "token_refresh": url_for("auth.refresh"),
            "journal": url_for("ticket.journal"), "logout": url_for("auth.logout"), "login": url_for("auth.login"),
            "quote": url_for("ticket.market_quote", symbol="SYMBOL"),
            "balances": url_for("ticket.market_balances", account="ACCOUNT"),
            "positions": url_for("ticket.market_positions", account="ACCOUNT"),
            "orders": url_for("ticket.market_orders", accounts="ACCOUNTS"),
            "live": url_for("live.live"), "activity": url_for("live.activity"),
            "cancel": {"bridge_jsonp": url_for("jsonp.cancel", order_id="ORDERID"),
                       **direct("/jsonp/orders/ORDERID/cancel")},
            "cancelreplace": {"bridge_jsonp": url_for("jsonp.cancel_replace", order_id="ORDERID"),
                              **direct("/jsonp/orders/ORDERID/cancelreplace")}}
    guards = {"price_band_percent": settings.price_band_percent, "order_value_limit": settings.order_value_limit}
    # For each order's story on the page: how long an unknown fate waits, and the words of an order found later.
    # And how long the page listens for the bridge's answer: past TS_READ_TIMEOUT the bridge stops waiting and
    # looks the order up, which may wait as long again; a page that gave up first would say "no answer" while
    # the bridge's "may or may not have been placed" is on its way.
    # And which rows settling may change: the page asks for the journal's own rows first, and again with
    # settling only when one of these is among them.
    reconcile = {"grace": settings.reconcile_grace, "found_later": FOUND_LATER, "open": [PENDING, *UNSETTLED],
                 "bridge_wait": 2 * (settings.connect_timeout + settings.read_timeout) + BRIDGE_WAIT_MARGIN}
    return render_template("ticket.html", user=grant.userid, environment=settings.environment, accounts=accounts,
                           dialect=dialects.GLOBAL, urls=urls, csrf_token=csrf_token(), rules=bridge.rules,
                           guards=guards, error=error, inspector=inspector.page_data(),
                           reconcile=reconcile, request_line_limit=REQUEST_LINE_LIMIT,
                           session_idle=settings.session_idle)


def _direct_jsonp(base):
    """The page's second target, TradeStation's own JSONP, where the upstream has it (v2; v3 has none)."""
    return (lambda path: {"upstream_jsonp": base + path}) if base else (lambda path: {})


@bp.get("/journal")
@login_required
def journal():
    """Today's journal of the logged-in user, after settling what can be settled. With `?settle=no`, the
    journal's own rows at once: settling asks TradeStation, and while it is slow the page shows what it has
    (an order on its way, pending) instead of nothing, then asks again with settling."""
    bridge = current_app.extensions["tsbridge"]
    try:
        if request.args.get("settle") != "no":
            bridge.reconciler.settle_user(g.grant)
    except ApiError:
        pass  # the journal is still worth showing without the lookup
    rows = bridge.journal.today(g.grant.userid)
    return jsonify([row.public() for row in rows]), 200, {"Cache-Control": "no-store"}


# --- market context: TradeStation's own calls, relayed for the page with the session's grant ------------
SYMBOL = re.compile(order_fields.PATTERNS["symbol"])


def _relay_get(fetch):
    """GET an upstream resource for the logged-in user: its JSON, or a refusal as {"Message", "StatusCode"}."""
    bridge = current_app.extensions["tsbridge"]
    headers = {"Cache-Control": "no-store"}
    try:
        answer = bridge.calls.call(g.grant, lambda token: fetch(bridge.upstream, token))
    except OverQuota as held:
        return jsonify(held_back(held)), 429, {**headers, "Retry-After": str(held.seconds)}
    except (NotSent, FateUnknown) as failure:
        return jsonify(ApiError(503, f"TradeStation did not answer: {failure}.").body()), 503, headers
    if not answer.ok:
        return jsonify(answer.error()), answer.status, headers
    return jsonify(answer.body), 200, headers


@bp.get("/market/quote/<path:symbol>")
@login_required
def market_quote(symbol):
    if not SYMBOL.fullmatch(symbol):
        raise ApiError(400, errors.INVALID_SYMBOL)
    return _relay_get(lambda upstream, token: upstream.quote(token, symbol))


@bp.get("/market/balances/<account>")
@login_required
def market_balances(account):
    account = order_fields.parse_account(account)
    return _relay_get(lambda upstream, token: upstream.balances(token, account))


@bp.get("/market/positions/<account>")
@login_required
def market_positions(account):
    account = order_fields.parse_account(account)
    return _relay_get(lambda upstream, token: upstream.positions(token, account))


@bp.get("/market/orders/<accounts>")
@login_required
def market_orders(accounts):
    """Today's orders of the given accounts (comma-separated), as TradeStation lists them."""
    keys = [order_fields.parse_account(key) for key in accounts.split(",")]
    return _relay_get(lambda upstream, token: upstream.account_orders(token, keys))

