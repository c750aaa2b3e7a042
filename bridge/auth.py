"""Logging in with TradeStation (authorization code, via requests-oauthlib), the page's token, logging out.

The session cookie holds only a grant id and a CSRF token; the tokens stay in the database.
"""

import functools
import hmac
import logging
import secrets

from flask import Blueprint, abort, current_app, g, jsonify, redirect, render_template, request, session, url_for
from oauthlib.oauth2 import OAuth2Error
from requests import RequestException

from tradestation.errors import ApiError

from .id_token import IdTokenRefused
from .oauth import PendingLogin

bp = Blueprint("auth", __name__)
log = logging.getLogger(__name__)


def csrf_token():
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(24)
    return session["csrf"]


FORM_EXPIRED = "The form has expired. Reload the page and try again."


def check_csrf(given):
    if not given or not hmac.compare_digest(given, session.get("csrf", "")):
        abort(403, FORM_EXPIRED)


def current_grant():
    """The logged-in user's grant, or None."""
    return current_app.extensions["tsbridge"].grants.get(session.get("grant"))


def login_required(view):
    """For the page's own calls: the view runs with g.grant, or the answer is 401 "Not logged in."."""
    @functools.wraps(view)
    def guarded(**kwargs):
        g.grant = current_grant()
        if g.grant is None:
            abort(401, "Not logged in.")
        return view(**kwargs)
    return guarded


def _redirect_uri():
    settings = current_app.extensions["tsbridge"].settings
    if settings.redirect_uri:
        return settings.redirect_uri
    # Only on loopback (settings require TS_REDIRECT_URI elsewhere); https whenever cookies are Secure.
    return url_for("auth.callback", _external=True, _scheme="https" if settings.secure_cookies else None)


@bp.get("/login")
def login():
    redirect_uri = _redirect_uri()
    pending = PendingLogin.derive(current_app.secret_key, secrets.token_urlsafe(24))
    url = current_app.extensions["tsbridge"].oauth.authorization_url(redirect_uri, pending)
    # Only the login's id: its state, PKCE verifier and nonce are the server's (bridge/oauth.py PendingLogin).
    session["oauth_login"] = pending.id
    session["oauth_redirect"] = redirect_uri
    return redirect(url)


@bp.get("/callback")
def callback():
    login_id = session.pop("oauth_login", None)
    redirect_uri = session.pop("oauth_redirect", None)
    pending = PendingLogin.derive(current_app.secret_key, login_id) if isinstance(login_id, str) else None
    state = request.args.get("state", "")
    if pending is None or not hmac.compare_digest(state, pending.state):
        return _login_failed("The login could not be matched to this browser. Please log in again.", 400)
    code = request.args.get("code")
    if not code:
        # TradeStation sends the user back without a code when they cancel or are refused.
        return _login_failed("TradeStation did not authorize the login.", 401)
    bridge = current_app.extensions["tsbridge"]
    try:
        token = bridge.oauth.exchange(redirect_uri, code, pending)
    except OAuth2Error as error:
        return _login_failed(f"TradeStation refused the login: {error.description or error.error}.", 401)
    except IdTokenRefused as error:
        log.warning("login refused: %s", error)
        return _login_failed(f"The login was refused: {error}. Please log in again.", 401)
    except RequestException:
        log.warning("token exchange failed: the upstream could not be reached")
        return _login_failed("TradeStation could not be reached. Please try again.", 502)
    if not token.get("userid"):
        # Without it every such login would share one journal and one set of accounts.
        return _login_failed("TradeStation did not say which user logged in, so the login was refused. "
                             "Please log in again.", 401)
    grant = bridge.grants.create(token, redirect_uri)
    session.clear()
    session.permanent = True        # the cookie ends with the grant's absolute lifetime
    session["grant"] = grant.id
    csrf_token()
    return redirect(url_for("ticket.index"))


def _login_failed(message, status):
    return render_template("login.html", error=message, login_url=url_for("auth.login")), status


@bp.post("/logout")
def logout():
    check_csrf(request.form.get("csrf_token"))
    bridge = current_app.extensions["tsbridge"]
    grant_id = session.get("grant")
    grant = bridge.grants.get(grant_id)
    if grant is not None and grant.refresh_token and not bridge.oauth.revoke(grant.refresh_token):
        log.info("logout: TradeStation offers no revocation here, or it failed; the refresh token was dropped")
    if grant_id:
        bridge.grants.revoke(grant_id)
    session.clear()
    return redirect(url_for("ticket.index"))


@bp.get("/auth/token")
@login_required
def token():
    """The page's access token, refreshed server-side when it is about to expire."""
    return _token_answer(current_app.extensions["tsbridge"].calls.fresh)


@bp.post("/auth/token/refresh")
@login_required
def refresh():
    """A new access token now: the page asks after TradeStation refused its token."""
    check_csrf(request.headers.get("X-CSRF-Token"))
    return _token_answer(current_app.extensions["tsbridge"].calls.refresh_for_page)


def _token_answer(renew):
    try:
        grant = renew(g.grant)
    except ApiError as error:
        abort(error.status, error.message)
    return jsonify(grant.public), 200, {"Cache-Control": "no-store"}
