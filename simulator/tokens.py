"""The authorization server's state: clients, authorization codes, access and refresh tokens."""

import base64
import hmac
import ipaddress
import secrets
import time
from dataclasses import dataclass
from urllib.parse import unquote_plus, urlsplit

from tradestation.errors import ApiError
from tradestation.sim_contract import DEMO_CLIENT
from tradestation.tokens import token_response

CODE_EXPIRED = "Authorization code expired"
AUTH_FAILED = "Authorization failed"
API_KEY_FAILURE = "API key failure"
# The Error Handling page's row for a redirect URI that does not match; the page sets the type name in code
# style, where .NET's own message quotes it.
REDIRECT_MISMATCH = "Exception of type 'TradeStation.Web.Services.AuthorizationException' was thrown."
UNSUPPORTED_GRANT = "Unsupported grant type."
CLIENT_ONLY_USER = "CLIENTONLYLOGIN"

# A registered redirect URI of this value admits any http URI on a loopback host and any port,
# as native and development clients need (RFC 8252, section 7.3).
LOOPBACK = "loopback"
DEMO_CLIENTS = {DEMO_CLIENT.name: {"secret": DEMO_CLIENT.secret, "redirect_uris": [LOOPBACK]}}


@dataclass(frozen=True)
class Client:
    id: str
    secret: str
    redirect_uris: tuple

    def accepts(self, redirect_uri):
        if not isinstance(redirect_uri, str) or not redirect_uri or len(redirect_uri) > 2000:
            return False
        if redirect_uri in self.redirect_uris:
            return True
        return LOOPBACK in self.redirect_uris and is_loopback_uri(redirect_uri)


def is_loopback_uri(uri):
    try:
        parts = urlsplit(uri)
        _ = parts.port  # raises on a malformed port
    except ValueError:
        return False
    if parts.scheme != "http" or parts.username or parts.password or parts.fragment:
        return False
    return is_loopback_host(parts.hostname)


def is_loopback_host(host):
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host or "").is_loopback
    except ValueError:
        return False


@dataclass
class _Code:
    client_id: str
    redirect_uri: str
    user: str
    expires_at: float
    used: bool = False


@dataclass
class AccessToken:
    user: str                   # the user id, or CLIENTONLYLOGIN for a client-credentials token
    client_id: str
    expires_at: float

    @property
    def client_only(self):
        return self.user == CLIENT_ONLY_USER


@dataclass(frozen=True)
class _Refresh:
    user: str
    client_id: str


def _token():
    return secrets.token_urlsafe(24)


class TokenStore:
    """Not locked itself: the backend holds its lock around every call."""

    def __init__(self, clients, settings, clock=time.monotonic):
        merged = dict(DEMO_CLIENTS)
        merged.update(clients or {})
        self.clients = {client_id: Client(client_id, entry["secret"], tuple(entry["redirect_uris"]))
                        for client_id, entry in merged.items()}
        self._settings = settings
        self._clock = clock
        self._codes = {}
        self._access = {}
        self._refresh = {}

    # The login page

    def authorize_problem(self, client_id, redirect_uri, response_type):
        """Why an authorize request cannot go on, or None. Never redirect to an URI not registered."""
        client = self.clients.get(client_id) if isinstance(client_id, str) else None
        if client is None:
            return "Unknown client_id."
        if not client.accepts(redirect_uri):
            return "The redirect_uri is not registered for this client."
        if response_type != "code":
            return "Unsupported response_type; use response_type=code."
        return None

    def issue_code(self, client_id, redirect_uri, user):
        code = _token()
        self._forget_stale_codes()
        self._codes[code] = _Code(client_id, redirect_uri, user, self._clock() + self._settings["SIM_CODE_LIFETIME"])
        return code

    def plant_code(self, code, client_id, redirect_uri, user):
        """A code of a given value, as if `user` had just signed in: so that a documented exchange request,
        which carries its page's code, can be replayed as printed."""
        self._codes[code] = _Code(client_id, redirect_uri, user, self._clock() + self._settings["SIM_CODE_LIFETIME"])

    def plant_refresh(self, refresh_token, client_id, user):
        """A refresh token of a given value (the Authorize page's refresh example carries its own)."""
        self._refresh[refresh_token] = _Refresh(user, client_id)

    def _forget_stale_codes(self):
        cutoff = self._clock() - 300
        for code in [code for code, entry in self._codes.items() if entry.expires_at < cutoff]:
            del self._codes[code]

    # The token endpoint

    def grant(self, form, basic_credentials=None):
        """Answer POST /security/authorize: a token response body, or ApiError(401/400)."""
        client = self.check_client(form, basic_credentials)
        grant_type = form.get("grant_type")
        if grant_type == "authorization_code":
            return self._exchange_code(client, form)
        if grant_type == "refresh_token":
            return self._refresh_access(client, form)
        if grant_type == "client_credentials":
            token = self.new_access(CLIENT_ONLY_USER, client.id)
            body = self._response(token, None, CLIENT_ONLY_USER)
            # The Security Overview: a client-only token's type "currently will always be null".
            body["token_type"] = None
            return body
        raise ApiError(400, UNSUPPORTED_GRANT)

    def check_client(self, form, basic_credentials):
        """The client whose id and secret the token request carries (form or HTTP Basic), or ApiError(401)."""
        client_id, secret = form.get("client_id"), form.get("client_secret")
        if basic_credentials is not None:
            basic_id, basic_secret = basic_credentials
            if (client_id and client_id != basic_id) or (secret and secret != basic_secret):
                raise ApiError(401, API_KEY_FAILURE)
            client_id, secret = basic_id, basic_secret
        client = self.clients.get(client_id) if client_id else None
        if client is None or not secret or not hmac.compare_digest(client.secret.encode(), secret.encode()):
            raise ApiError(401, API_KEY_FAILURE)
        return client

    def _exchange_code(self, client, form):
        entry = self._codes.get(form.get("code") or "")
        if entry is None or entry.client_id != client.id:
            raise ApiError(401, AUTH_FAILED)
        if entry.used or self._clock() >= entry.expires_at:
            raise ApiError(401, CODE_EXPIRED)
        entry.used = True  # one attempt per code, whatever its outcome
        if form.get("redirect_uri") != entry.redirect_uri:
            raise ApiError(401, REDIRECT_MISMATCH)
        refresh = _token()
        self._refresh[refresh] = _Refresh(entry.user, client.id)
        return self._response(self.new_access(entry.user, client.id), refresh, entry.user)

    def _refresh_access(self, client, form):
        entry = self._refresh.get(form.get("refresh_token") or "")
        if entry is None:
            raise ApiError(401, AUTH_FAILED)
        if entry.client_id != client.id:
            raise ApiError(401, API_KEY_FAILURE)  # refresh tokens are bound to one API key
        if not client.accepts(form.get("redirect_uri")):
            raise ApiError(401, REDIRECT_MISMATCH)
        # TradeStation answers a refresh with a new access token only; the refresh token stays valid.
        return self._response(self.new_access(entry.user, client.id), None, entry.user)

    def new_access(self, user, client_id):
        value = _token()
        self._access[value] = AccessToken(user, client_id, self._clock() + self._settings["SIM_TOKEN_LIFETIME"])
        return value

    def _response(self, access, refresh, userid):
        lifetime = self._settings["SIM_TOKEN_LIFETIME"]
        body = token_response(self._settings["SIM_TOKEN_VARIANT"], access, refresh, int(lifetime), userid)
        if self._settings["SIM_OMIT_USERID"] == "on":
            del body["userid"]
        return body

    # Resource requests

    def authenticate(self, value):
        """The live access token for a bearer value, or None."""
        if not value:
            return None
        token = self._access.get(value)
        if token is None:
            return None
        if self._clock() >= token.expires_at:
            del self._access[value]
            return None
        return token

    def expire_access_tokens(self, user=None):
        """End every access token now (or every one of `user`'s), as if their lifetime had run out; refresh
        tokens stay good."""
        ended = [value for value, token in self._access.items() if user is None or token.user == user]
        for value in ended:
            del self._access[value]
        return len(ended)


def basic_credentials(header):
    """(client_id, secret) from an HTTP Basic Authorization header, or None."""
    if not header or not header[:6].lower() == "basic ":
        return None
    try:
        decoded = base64.b64decode(header[6:].strip(), validate=True).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        raise ApiError(401, API_KEY_FAILURE) from None
    client_id, sep, secret = decoded.partition(":")
    if not sep:
        raise ApiError(401, API_KEY_FAILURE)
    # RFC 6749 section 2.3.1: both parts are form-urlencoded before being joined.
    return unquote_plus(client_id), unquote_plus(secret)
