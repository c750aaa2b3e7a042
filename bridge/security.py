"""Response headers for every page, and a session cookie that is Secure wherever it can be."""

from urllib.parse import urlsplit

from flask import request
from flask.sessions import SecureCookieSessionInterface

from .settings import is_loopback


def install(app, settings):
    upstream = settings.upstream_origin
    # The direct target loads TradeStation's JSONP as a script, and its login page is a form target.
    policy = ("default-src 'self'; "
              f"script-src 'self' {upstream}; "
              "style-src 'self'; img-src 'self' data:; connect-src 'self'; "
              f"form-action 'self' {upstream}; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")

    @app.after_request
    def headers(response):
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        if response.mimetype == "text/html":
            response.headers["Cache-Control"] = "no-store"
        return response

    app.session_interface = SessionInterface()
    app.config.update(SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax")


class SessionInterface(SecureCookieSessionInterface):
    """Secure cookies except when the bridge is reached on loopback over plain HTTP (development).

    The JSONP endpoints get no session at all: their authority is the oauth_token alone, and a
    cookie a browser attaches to a cross-site script request must count for nothing there.
    """

    def open_session(self, app, request):
        if request.path.startswith("/jsonp/"):
            return self.null_session_class()
        return super().open_session(app, request)

    def get_cookie_secure(self, app):
        return not (request.scheme == "http" and is_loopback(urlsplit("//" + request.host).hostname))
