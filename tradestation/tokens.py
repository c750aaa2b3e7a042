"""TradeStation's token responses, which name their fields in three ways, and the client-side fix-up."""

import json

# The documented variants: `token` and `refresh_token` (the Access Token Response page), `RefreshToken`, and
# `access_token` (the Swagger file). "all" sends every name at once, so that a client written against any
# of the documents finds the names it knows; the simulator sends it by default.
VARIANTS = ("all", "token", "RefreshToken", "access_token")


def token_response(variant, access_token, refresh_token, expires_in, userid):
    """A token response as TradeStation sends it, in one of the documented variants (or all at once)."""
    body = {"expires_in": expires_in, "token_type": "AccessToken", "userid": userid}
    names = {"all": ("token", "access_token"), "access_token": ("access_token",)}.get(variant, ("token",))
    body.update(dict.fromkeys(names, access_token))
    if refresh_token is not None:
        names = {"all": ("refresh_token", "RefreshToken"), "RefreshToken": ("RefreshToken",)}.get(
            variant, ("refresh_token",))
        body.update(dict.fromkeys(names, refresh_token))
    return body


def standard_fields(body):
    """The same response with RFC 6749's names, which oauthlib expects."""
    body = dict(body)
    # Each value under one name only, whichever names (or how many) the response used.
    token, refresh = body.pop("token", None), body.pop("RefreshToken", None)
    if "access_token" not in body and token is not None:
        body["access_token"] = token
    if "refresh_token" not in body and refresh is not None:
        body["refresh_token"] = refresh
    # "AccessToken" is TradeStation's name for what is a bearer token; oauthlib knows only the latter.
    # The Authorize page's example and client-only tokens send null.
    if str(body.get("token_type") or "").lower() in ("", "accesstoken"):
        body["token_type"] = "Bearer"
    return body


def compliance_hook(response):
    """A requests-oauthlib compliance hook for the access and refresh token responses.

    A refusal comes back as {"Message": ...} with a 401; oauthlib only recognises RFC 6749's
    {"error": ...}, so it is renamed too, keeping TradeStation's words as the description.
    """
    try:
        body = response.json()
    except ValueError:
        body = None
    if response.status_code == 200 and isinstance(body, dict):
        body = standard_fields(body)
    elif response.status_code != 200:
        # TradeStation's {"Message"}, or an OAuth server's own {"error_description"} (API v3's Auth0).
        message = (body.get("Message") or body.get("error_description")) if isinstance(body, dict) else None
        body = {"error": "invalid_grant", "error_description": message or f"HTTP {response.status_code}"}
    else:
        return response
    response._content = json.dumps(body).encode()
    return response
