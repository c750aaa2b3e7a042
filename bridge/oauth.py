"""The OAuth 2.0 authorization-code flow against TradeStation, done by requests-oauthlib.

WebAPI v2 signs in on the API host itself, and names its token fields in its own ways (the contract's
compliance hook renames them before oauthlib reads them). API v3 signs in through TradeStation's Auth0
host (TS_SIGNIN_URL) with an audience, scopes and PKCE (S256), and says who signed in only in the
id_token.
"""

import base64
import binascii
import json
import time

from requests_oauthlib import OAuth2Session

from tradestation.tokens import compliance_hook


class OAuthClient:
    def __init__(self, settings):
        self.settings = settings
        self.v3 = settings.upstream_api == "v3"
        if self.v3:
            self.authorize_url = settings.signin_url + "/authorize"
            self.token_url = settings.signin_url + "/oauth/token"
        else:
            self.authorize_url = settings.base_url + "/authorize"
            self.token_url = settings.base_url + "/security/authorize"

    def _session(self, redirect_uri, state=None, pkce=None):
        scope = self.settings.scopes.split() if self.v3 else None
        session = OAuth2Session(self.settings.client_id, redirect_uri=redirect_uri, state=state, scope=scope,
                                pkce=pkce)
        session.register_compliance_hook("access_token_response", compliance_hook)
        session.register_compliance_hook("refresh_token_response", compliance_hook)
        return session

    def authorization_url(self, redirect_uri):
        """Where to send the user, the state to expect back, and (v3) the PKCE code verifier to keep for
        the exchange, or None."""
        if not self.v3:
            url, state = self._session(redirect_uri).authorization_url(self.authorize_url)
            return url, state, None
        session = self._session(redirect_uri, pkce="S256")
        url, state = session.authorization_url(self.authorize_url, audience=self.settings.audience)
        # requests-oauthlib keeps the verifier on the session object, expecting the exchange to be made with
        # the same object; here the exchange is another request, so the caller keeps it until the callback.
        return url, state, session._code_verifier

    def exchange(self, redirect_uri, code, code_verifier=None):
        """Trade an authorization code for tokens; raises oauthlib's errors on refusal."""
        extra = {"code_verifier": code_verifier} if code_verifier else {}
        token = self._session(redirect_uri).fetch_token(
            self.token_url, code=code, client_secret=self.settings.client_secret, include_client_id=True,
            timeout=(self.settings.connect_timeout, self.settings.read_timeout), **extra)
        token = _with_expiry(token)
        if not token.get("userid") and token.get("id_token"):
            token["userid"] = subject_of(token["id_token"])
        return token

    def refresh(self, redirect_uri, refresh_token):
        # A key set to rotate refresh tokens answers each refresh with a new one; the grant store keeps
        # whichever the answer carries (bridge/grants.py store_refreshed), so the next refresh uses it.
        token = self._session(redirect_uri).refresh_token(
            self.token_url, refresh_token=refresh_token, client_id=self.settings.client_id,
            client_secret=self.settings.client_secret, redirect_uri=redirect_uri,
            timeout=(self.settings.connect_timeout, self.settings.read_timeout))
        return _with_expiry(token)


def subject_of(id_token):
    """The `sub` claim of an OpenID Connect id_token, or None when it cannot be read.

    The signature is not checked: this id_token came straight from the token endpoint, over TLS, in
    answer to our own authenticated request, and OpenID Connect Core 1.0 section 3.1.3.7 (point 6)
    lets a client then rely on TLS server validation instead of the token's signature.
    """
    try:
        payload = id_token.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (AttributeError, IndexError, ValueError, binascii.Error):
        return None
    subject = claims.get("sub") if isinstance(claims, dict) else None
    return subject if isinstance(subject, str) and subject else None


def _with_expiry(token):
    token = dict(token)
    token.setdefault("expires_at", time.time() + float(token.get("expires_in") or 1200))
    return token
