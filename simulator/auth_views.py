"""The authorization server: the login page that hands out codes, and the token endpoint."""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from flask import Blueprint, redirect, render_template, request, url_for

from tradestation.errors import ApiError

from .tokens import basic_credentials
from .web import json_response, simulator

bp = Blueprint("simulator_auth", __name__)

MAX_STATE = 512
REDIRECT_STATUS = 301
AUTHORIZATION_FAILED = "Authorization failed. The user name or password is incorrect."

# The page has no script; it may style itself and post its form, and nobody may frame it.
PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
}


def page(template, status=200, **context):
    return render_template(template, **context), status, PAGE_HEADERS


def login_page_for(fields, action, username=None):
    """The sign-in form carrying an authorize request's fields; shown again, after a wrong password, with
    the name given. The v3 face's /authorize shows the same page."""
    failed = username is not None
    return page("simulator/login.html", 401 if failed else 200, fields=fields, action=action, failed=failed,
                 username=username or "", message=AUTHORIZATION_FAILED)


def _request_fields(source):
    return {name: source.get(name, "") for name in ("client_id", "redirect_uri", "response_type", "state")}


def _problem(fields):
    if len(fields["state"]) > MAX_STATE:
        return "The state parameter is too long."
    return simulator().authorize_problem(fields["client_id"], fields["redirect_uri"], fields["response_type"])


# The Security Overview's example page URLs end the path with a slash; its link to the page does not.
@bp.get("/v2/authorize/")
@bp.get("/v2/authorize")
def login_page():
    fields = _request_fields(request.args)
    problem = _problem(fields)
    if problem:
        # Never redirect an unchecked request anywhere: say what is wrong on our own page.
        return page("simulator/authorize_error.html", 400, problem=problem)
    return login_page_for(fields, url_for("simulator_auth.sign_in"))


@bp.post("/v2/authorize/")
@bp.post("/v2/authorize")
def sign_in():
    fields = _request_fields(request.form)
    problem = _problem(fields)
    if problem:
        return page("simulator/authorize_error.html", 400, problem=problem)
    username = request.form.get("username", "")
    code = simulator().sign_in(fields["client_id"], fields["redirect_uri"], username,
                               request.form.get("password", ""))
    if code is None:
        return login_page_for(fields, url_for("simulator_auth.sign_in"), username=username)
    # The Security Overview's Example Redirect is a 301. A 301 may be cached, and this one carries a code
    # good for one exchange: no-store keeps it out of every cache.
    answer = redirect(with_query(fields["redirect_uri"], code=code, state=fields["state"] or None), REDIRECT_STATUS)
    answer.headers["Cache-Control"] = "no-store"
    return answer


def with_query(uri, **params):
    parts = urlsplit(uri)
    query = parse_qsl(parts.query, keep_blank_values=True)
    query += [(name, value) for name, value in params.items() if value is not None]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), parts.fragment))


@bp.post("/v2/security/authorize")
def token():
    try:
        body = simulator().grant(request.form, basic_credentials(request.headers.get("Authorization")))
    except ApiError as error:
        return json_response(error.body(), error.status)
    return json_response(body, 200, {"Pragma": "no-cache"})
