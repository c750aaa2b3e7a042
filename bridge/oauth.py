"""The OAuth 2.0 authorization-code flow against TradeStation, done by requests-oauthlib.

WebAPI v2 signs in on the API host itself, and names its token fields in its own ways (the contract's
compliance hook renames them before oauthlib reads them). API v3 signs in through TradeStation's Auth0
host (TS_SIGNIN_URL) with an audience, scopes, PKCE (S256) and a nonce, and says who signed in only in the
id_token, which bridge/id_token.py verifies.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from dataclasses import dataclass

import requests
from requests_oauthlib import OAuth2Session

from tradestation.tokens import compliance_hook

from .id_token import IdTokenRefused, IdTokenVerifier


@dataclass(frozen=True)
class PendingLogin:
    """A login between /login and /callback. The session cookie, signed but readable, carries only its random
    id: the state, the PKCE verifier and the nonce are derived from the id with the bridge's secret key, so
    they never leave the server but in the one place each must go (the verifier only to the token call)."""
    id: str
    state: str
    code_verifier: str
    nonce: str

    @classmethod
    def derive(cls, secret_key: str | bytes, login_id: str) -> PendingLogin:
        key = secret_key.encode() if isinstance(secret_key, str) else secret_key

        def part(name: str) -> str:
            digest = hmac.new(key, f"tsbridge-login:{name}:{login_id}".encode(), hashlib.sha256).digest()
            return base64.urlsafe_b64encode(digest).decode().rstrip("=")    # 43 characters, as PKCE wants
        return cls(login_id, part("state"), part("verifier"), part("nonce"))

    @property
    def code_challenge(self) -> str:
        digest = hashlib.sha256(self.code_verifier.encode("ascii")).digest()
        return base64.urlsafe_b64encode(digest).decode().rstrip("=")


class OAuthClient:
    def __init__(self, settings):
        self.settings = settings
        self.v3 = settings.upstream_api == "v3"
        if self.v3:
            self.authorize_url = settings.signin_url + "/authorize"
            self.token_url = settings.signin_url + "/oauth/token"
            self.revoke_url = settings.signin_url + "/oauth/revoke"
            self.id_tokens = IdTokenVerifier(settings.signin_url, settings.client_id,
                                             timeout=settings.connect_timeout + settings.read_timeout)
        else:
            self.authorize_url = settings.base_url + "/authorize"
            self.token_url = settings.base_url + "/security/authorize"
            self.revoke_url = None      # WebAPI v2 has no revocation: its refresh tokens never end

    def _session(self, redirect_uri, state=None):
        scope = self.settings.scopes.split() if self.v3 else None
        session = OAuth2Session(self.settings.client_id, redirect_uri=redirect_uri, state=state, scope=scope)
        session.register_compliance_hook("access_token_response", compliance_hook)
        session.register_compliance_hook("refresh_token_response", compliance_hook)
        return session

    def authorization_url(self, redirect_uri, login: PendingLogin) -> str:
        """Where to send the user for this login."""
        session = self._session(redirect_uri, state=login.state)
        if not self.v3:
            return session.authorization_url(self.authorize_url)[0]
        return session.authorization_url(self.authorize_url, audience=self.settings.audience, nonce=login.nonce,
                                         code_challenge=login.code_challenge, code_challenge_method="S256")[0]

    def exchange(self, redirect_uri, code, login: PendingLogin):
        """Trade an authorization code for tokens; raises oauthlib's errors on refusal, IdTokenRefused when
        API v3's id_token cannot be believed."""
        extra = {"code_verifier": login.code_verifier} if self.v3 else {}
        token = self._session(redirect_uri).fetch_token(
            self.token_url, code=code, client_secret=self.settings.client_secret, include_client_id=True,
            timeout=(self.settings.connect_timeout, self.settings.read_timeout), **extra)
        token = _with_expiry(token)
        if self.v3:
            # v3 names the user only in the id_token: whatever else the answer says, only a verified one counts.
            if not isinstance(token.get("id_token"), str):
                raise IdTokenRefused("it carried no id_token")
            token["userid"] = self.id_tokens.subject(token["id_token"], login.nonce)
        return token

    def refresh(self, redirect_uri, refresh_token):
        # A key set to rotate refresh tokens answers each refresh with a new one; the grant store keeps
        # whichever the answer carries (bridge/grants.py store_refreshed), so the next refresh uses it.
        token = self._session(redirect_uri).refresh_token(
            self.token_url, refresh_token=refresh_token, client_id=self.settings.client_id,
            client_secret=self.settings.client_secret, redirect_uri=redirect_uri,
            timeout=(self.settings.connect_timeout, self.settings.read_timeout))
        return _with_expiry(token)

    def revoke(self, refresh_token: str) -> bool:
        """Ask the sign-in host to end this refresh token (RFC 7009; at Auth0 the user's whole grant to this
        API key). Whether it did; False where there is no revocation (v2) or it failed: logging out still
        ends the bridge's grant. The access token already issued cannot be revoked and lives until it expires."""
        if not self.revoke_url:
            return False
        try:
            answer = requests.post(self.revoke_url, timeout=(self.settings.connect_timeout, self.settings.read_timeout),
                                   data={"client_id": self.settings.client_id, "token": refresh_token,
                                         "client_secret": self.settings.client_secret})
        except requests.RequestException:
            return False
        return answer.status_code == 200


def _with_expiry(token):
    token = dict(token)
    token.setdefault("expires_at", time.time() + float(token.get("expires_in") or 1200))
    return token
