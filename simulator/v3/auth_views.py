"""Auth0-style sign-in at the simulator's root: GET/POST /authorize (the v2 login page), POST /oauth/token,
POST /oauth/revoke, and the published keys and discovery document under /.well-known/."""

from flask import Blueprint, redirect, request, url_for

from tradestation.errors import ApiError

from ..auth_views import login_page_for, page, with_query
from ..tokens import basic_credentials
from ..web import json_response, simulator
from .signin import AUTHORIZE_FIELDS, OAuthError

bp = Blueprint("simulator_v3_auth", __name__)


def _fields(source):
    return {name: source.get(name, "") for name in AUTHORIZE_FIELDS}


@bp.get("/authorize")
def login_page():
    fields = _fields(request.args)
    problem = simulator().auth0_problem(fields)
    if problem:
        # Never redirect an unchecked request anywhere: say what is wrong on our own page.
        return page("simulator/authorize_error.html", 400, problem=problem)
    return login_page_for(fields, url_for("simulator_v3_auth.sign_in"))


@bp.post("/authorize")
def sign_in():
    fields = _fields(request.form)
    problem = simulator().auth0_problem(fields)
    if problem:
        return page("simulator/authorize_error.html", 400, problem=problem)
    username = request.form.get("username", "")
    code = simulator().auth0_sign_in(fields, username, request.form.get("password", ""))
    if code is None:
        return login_page_for(fields, url_for("simulator_v3_auth.sign_in"), username=username)
    return redirect(with_query(fields["redirect_uri"], code=code, state=fields["state"] or None), 302)


@bp.post("/oauth/token")
def token():
    try:
        credentials = basic_credentials(request.headers.get("Authorization"))
        body = simulator().auth0_grant(request.form, credentials, request.host_url)
    except OAuthError as error:
        return json_response(error.body(), error.status)
    except ApiError:    # a malformed HTTP Basic header
        return json_response(OAuthError(401, "invalid_client", "Client authentication failed.").body(), 401)
    return json_response(body, 200, {"Pragma": "no-cache"})


@bp.post("/oauth/revoke")
def revoke():
    """Auth0's refresh-token revocation: 200 with an empty body, whether or not the token was known."""
    try:
        simulator().auth0_revoke(request.form, basic_credentials(request.headers.get("Authorization")))
    except OAuthError as error:
        return json_response(error.body(), error.status)
    except ApiError:
        return json_response(OAuthError(401, "invalid_client", "Client authentication failed.").body(), 401)
    return json_response({}, 200)


@bp.get("/.well-known/jwks.json")
def jwks():
    return json_response(simulator().signin.id_tokens.jwks(), 200)


@bp.get("/.well-known/openid-configuration")
def openid_configuration():
    """The discovery document (OpenID Connect Discovery 1.0) naming where everything above is."""
    root = request.host_url
    return json_response({"issuer": root, "authorization_endpoint": root + "authorize",
                          "token_endpoint": root + "oauth/token", "revocation_endpoint": root + "oauth/revoke",
                          "jwks_uri": root + ".well-known/jwks.json",
                          "id_token_signing_alg_values_supported": ["RS256"],
                          "response_types_supported": ["code"], "code_challenge_methods_supported": ["S256"]}, 200)
