"""The v3 face's authorization server, Auth0-style: codes bound to a PKCE challenge and a scope, refresh
tokens (rotating or not), and an id_token naming the user.

Access tokens come from the same TokenStore as v2's, so a v3 token is good on every call, and the admin's
early expiry ends it too. Not locked itself: the backend holds its lock around every call.
"""

import base64
import hashlib
import hmac
import re
import secrets
import time
from dataclasses import dataclass

from tradestation.errors import ApiError

from ..tokens import TokenStore
from .id_tokens import IdTokenSigner

# The audience TradeStation's sign-in expects; a request may leave it out.
AUDIENCE = "https://api.tradestation.com"
OFFLINE_ACCESS = "offline_access"
# RFC 7636 section 4.1/4.2: a verifier and an S256 challenge are 43 to 128 unreserved characters.
_PKCE_TEXT = re.compile(r"[A-Za-z0-9\-._~]{43,128}")
MAX_SCOPE = 1000
AUTHORIZE_FIELDS = ("response_type", "client_id", "redirect_uri", "audience", "scope", "state",
                    "code_challenge", "code_challenge_method", "nonce")


class OAuthError(Exception):
    """A refusal in OAuth's JSON shape (RFC 6749 section 5.2)."""

    def __init__(self, status, error, description):
        super().__init__(description)
        self.status, self.error, self.description = status, error, description

    def body(self):
        return {"error": self.error, "error_description": self.description}


@dataclass
class _Code:
    client_id: str
    redirect_uri: str
    user: str
    scope: str
    challenge: str          # "" when the request carried no PKCE challenge
    nonce: str              # "" when the request carried none; the id_token then has none
    expires_at: float
    used: bool = False


@dataclass(frozen=True)
class _Refresh:
    user: str
    client_id: str
    scope: str


def _b64url(data):
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def s256(verifier):
    """The S256 challenge of a PKCE verifier."""
    return _b64url(hashlib.sha256(verifier.encode("ascii")).digest())


class Auth0Grants:
    def __init__(self, tokens: TokenStore, settings, clock=time.monotonic, wall=time.time):
        self._tokens = tokens
        self._settings = settings
        self._clock, self._wall = clock, wall
        self.id_tokens = IdTokenSigner()
        self._codes = {}
        self._refresh = {}

    # /authorize

    def authorize_problem(self, fields):
        """Why an authorize request cannot go on, or None; the page says it and redirects nowhere."""
        problem = self._tokens.authorize_problem(fields["client_id"], fields["redirect_uri"],
                                                 fields["response_type"])
        if problem:
            return problem
        if len(fields["state"]) > 512 or len(fields["nonce"]) > 512 or len(fields["scope"]) > MAX_SCOPE:
            return "The state, nonce or scope parameter is too long."
        if fields["audience"] not in ("", AUDIENCE):
            return f"Unknown audience; use {AUDIENCE}."
        method, challenge = fields["code_challenge_method"], fields["code_challenge"]
        if method not in ("", "S256") or (method and not challenge):
            return "Unsupported code_challenge_method; use S256 with a code_challenge."
        if challenge and (not method or not _PKCE_TEXT.fullmatch(challenge)):
            return "The code_challenge must be an S256 challenge with code_challenge_method=S256."
        return None

    def issue_code(self, fields, user):
        code = secrets.token_urlsafe(24)
        now = self._clock()
        for stale in [key for key, entry in self._codes.items() if entry.expires_at < now - 300]:
            del self._codes[stale]
        self._codes[code] = _Code(fields["client_id"], fields["redirect_uri"], user, fields["scope"],
                                  fields["code_challenge"], fields["nonce"], now + self._settings["SIM_CODE_LIFETIME"])
        return code

    # /oauth/token

    def grant(self, form, basic_credentials, issuer):
        """A token response for a code or a refresh token, or OAuthError."""
        try:
            client = self._tokens.check_client(form, basic_credentials)
        except ApiError:
            raise OAuthError(401, "invalid_client", "Client authentication failed.") from None
        grant_type = form.get("grant_type")
        if grant_type == "authorization_code":
            return self._exchange(client.id, form, issuer)
        if grant_type == "refresh_token":
            return self._refresh_access(client.id, form, issuer)
        if not grant_type:
            raise OAuthError(400, "invalid_request", "Missing required parameter: grant_type")
        raise OAuthError(400, "unsupported_grant_type", "Unsupported grant type: use authorization_code or "
                                                        "refresh_token.")

    def _exchange(self, client_id, form, issuer):
        if not form.get("code"):
            raise OAuthError(400, "invalid_request", "Missing required parameter: code")
        entry = self._codes.get(form["code"])
        if entry is None or entry.client_id != client_id or entry.used or self._clock() >= entry.expires_at:
            raise OAuthError(400, "invalid_grant", "Invalid authorization code")
        entry.used = True   # one attempt per code, whatever its outcome
        if form.get("redirect_uri") != entry.redirect_uri:
            raise OAuthError(400, "invalid_grant", "The redirect_uri does not match the one of the authorize "
                                                   "request.")
        if entry.challenge:
            verifier = form.get("code_verifier") or ""
            if not _PKCE_TEXT.fullmatch(verifier) or not hmac.compare_digest(s256(verifier), entry.challenge):
                raise OAuthError(400, "invalid_grant", "Failed to verify code verifier")
        refresh = None
        if OFFLINE_ACCESS in entry.scope.split():
            refresh = secrets.token_urlsafe(32)
            self._refresh[refresh] = _Refresh(entry.user, client_id, entry.scope)
        return self._response(entry.user, client_id, entry.scope, refresh, issuer, entry.nonce)

    def _refresh_access(self, client_id, form, issuer):
        value = form.get("refresh_token")
        if not value:
            raise OAuthError(400, "invalid_request", "Missing required parameter: refresh_token")
        entry = self._refresh.get(value)
        if entry is None or entry.client_id != client_id:
            raise OAuthError(400, "invalid_grant", "Unknown or invalid refresh token.")
        refresh = None
        if self._settings["SIM_ROTATE_REFRESH"] == "on":
            # The old one stops working the moment its successor is handed out.
            del self._refresh[value]
            refresh = secrets.token_urlsafe(32)
            self._refresh[refresh] = entry
        return self._response(entry.user, client_id, entry.scope, refresh, issuer)

    # /oauth/revoke

    def revoke(self, form, basic_credentials):
        """RFC 7009 as Auth0 does it: revoking a refresh token ends the user's grant to the client, every
        refresh token of that user and client with it. Access tokens already issued live on until they
        expire. An unknown token is answered as a revoked one (nothing to tell a guesser)."""
        try:
            client = self._tokens.check_client(form, basic_credentials)
        except ApiError:
            raise OAuthError(401, "invalid_client", "Client authentication failed.") from None
        value = form.get("token")
        if not value:
            raise OAuthError(400, "invalid_request", "Missing required parameter: token")
        entry = self._refresh.get(value)
        if entry is None or entry.client_id != client.id:
            return
        for key in [key for key, other in self._refresh.items() if (other.user, other.client_id) ==
                    (entry.user, entry.client_id)]:
            del self._refresh[key]

    def _response(self, user, client_id, scope, refresh, issuer, nonce=""):
        lifetime = int(self._settings["SIM_TOKEN_LIFETIME"])
        body = {"access_token": self._tokens.new_access(user, client_id),
                "id_token": self.id_token(user, client_id, issuer, lifetime, nonce),
                "scope": scope, "expires_in": lifetime, "token_type": "Bearer"}
        if refresh is not None:
            body["refresh_token"] = refresh
        return body

    def id_token(self, user, client_id, issuer, lifetime, nonce=""):
        """A JWT (RFC 7519) signed RS256 with this process's key: the user is its `sub`; its `nonce` the one
        the authorize request carried."""
        now = int(self._wall())
        claims = {"iss": issuer, "sub": user, "aud": client_id, "iat": now, "exp": now + lifetime}
        if nonce:
            claims["nonce"] = nonce
        return self.id_tokens.sign(claims, self._settings["SIM_ID_TOKEN"])

    def id_token_valid(self, token):
        """Whether an id_token carries this process's signature (for tests and the curious)."""
        return self.id_tokens.valid(token)
