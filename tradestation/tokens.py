"""TradeStation's token responses, which name their fields in three ways, and the client-side fix-up."""

import json

# The first is what TradeStation's main document shows and what the simulator sends by default.
VARIANTS = ("token", "RefreshToken", "access_token")


def token_response(variant, access_token, refresh_token, expires_in, userid):
    """A token response as TradeStation sends it, in one of the documented variants."""
    body = {"expires_in": expires_in, "token_type": "AccessToken", "userid": userid}
    body["access_token" if variant == "access_token" else "token"] = access_token
    if refresh_token is not None:
        body["RefreshToken" if variant == "RefreshToken" else "refresh_token"] = refresh_token
    return body


def standard_fields(body):
    """The same response with RFC 6749's names, which oauthlib expects."""
    body = dict(body)
    if "access_token" not in body and "token" in body:
        body["access_token"] = body.pop("token")
    if "refresh_token" not in body and "RefreshToken" in body:
        body["refresh_token"] = body.pop("RefreshToken")
    # "AccessToken" is TradeStation's name for what is a bearer token; oauthlib knows only the latter.
    if str(body.get("token_type", "")).lower() in ("", "accesstoken"):
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
        message = body.get("Message") if isinstance(body, dict) else None
        body = {"error": "invalid_grant", "error_description": message or f"HTTP {response.status_code}"}
    else:
        return response
    response._content = json.dumps(body).encode()
    return response
