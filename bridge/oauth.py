"""The OAuth 2.0 authorization-code flow against TradeStation, done by requests-oauthlib.

TradeStation's token response names its fields in its own ways; the contract's compliance
hook renames them before oauthlib reads them.
"""

import time

from requests_oauthlib import OAuth2Session

from tradestation.tokens import compliance_hook


class OAuthClient:
    def __init__(self, settings):
        self.settings = settings
        self.authorize_url = settings.base_url + "/authorize"
        self.token_url = settings.base_url + "/security/authorize"

    def _session(self, redirect_uri, state=None):
        session = OAuth2Session(self.settings.client_id, redirect_uri=redirect_uri, state=state)
        session.register_compliance_hook("access_token_response", compliance_hook)
        session.register_compliance_hook("refresh_token_response", compliance_hook)
        return session

    def authorization_url(self, redirect_uri):
        """Where to send the user, and the state to expect back."""
        return self._session(redirect_uri).authorization_url(self.authorize_url)

    def exchange(self, redirect_uri, code):
        """Trade an authorization code for tokens; raises oauthlib's errors on refusal."""
        token = self._session(redirect_uri).fetch_token(
            self.token_url, code=code, client_secret=self.settings.client_secret, include_client_id=True,
            timeout=(self.settings.connect_timeout, self.settings.read_timeout))
        return _with_expiry(token)

    def refresh(self, redirect_uri, refresh_token):
        token = self._session(redirect_uri).refresh_token(
            self.token_url, refresh_token=refresh_token, client_id=self.settings.client_id,
            client_secret=self.settings.client_secret, redirect_uri=redirect_uri,
            timeout=(self.settings.connect_timeout, self.settings.read_timeout))
        return _with_expiry(token)


def _with_expiry(token):
    token = dict(token)
    token.setdefault("expires_at", time.time() + float(token.get("expires_in") or 1200))
    return token
