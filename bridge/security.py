"""Response headers for every page, the session cookie's settings, and the trusted proxies."""

from flask import request
from flask.sessions import SecureCookieSessionInterface
from werkzeug.middleware.proxy_fix import ProxyFix


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
        if request.is_secure:
            response.headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
        return response

    app.session_interface = SessionInterface()
    # __Host-: a cookie that only this host, over https, on path /, can set; a sibling host cannot
    # plant one under that name for /callback (cookie tossing) to pin a login to its own state.
    app.config.update(SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax",
                      SESSION_COOKIE_SECURE=settings.secure_cookies,
                      SESSION_COOKIE_NAME="__Host-tsbridge" if settings.secure_cookies else "tsbridge",
                      PERMANENT_SESSION_LIFETIME=settings.session_lifetime)
    if settings.proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=settings.proxies, x_proto=settings.proxies,
                                x_host=settings.proxies, x_port=settings.proxies)


class SessionInterface(SecureCookieSessionInterface):
    """The JSONP endpoints get no session at all: their authority is the oauth_token alone, and a
    cookie a browser attaches to a cross-site script request must count for nothing there."""

    def open_session(self, app, request):
        if request.path.startswith("/jsonp/"):
            return self.null_session_class()
        return super().open_session(app, request)

    def page_grant(self, app, request) -> str | None:
        """The login whose page sent this request, read from its cookie for one purpose only: a JSONP
        exchange is kept for that page's inspector (bridge/jsonp.py). Never authority: the token is.
        A call with no session cookie (a script, curl, another site) is answered None before the signing
        serializer is built: that costs more than the rest of the check, and such calls are most orders."""
        if not request.cookies.get(self.get_cookie_name(app)):
            return None
        return (super().open_session(app, request) or {}).get("grant")
