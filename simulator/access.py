"""Who may call: signing in (v2's form and v3's Auth0-style one), tokens, and admitting a call under its quota
and faults. Part of the Simulator (backend.py), under its lock."""

from __future__ import annotations

import threading

from tradestation import errors as E
from tradestation.errors import ApiError
from tradestation.quotas import Category

from .accounts import Directory
from .faults import Faults
from .quotas import Quotas
from .tokens import TokenStore
from .v3.signin import Auth0Grants


class Access:
    lock: threading.RLock
    directory: Directory
    tokens: TokenStore
    signin: Auth0Grants
    faults: Faults
    quotas: Quotas

    def authorize_problem(self, client_id, redirect_uri, response_type):
        with self.lock:
            return self.tokens.authorize_problem(client_id, redirect_uri, response_type)

    def sign_in(self, client_id, redirect_uri, user_id, password):
        """An authorization code for a user who gave the right password, or None."""
        with self.lock:
            if self.tokens.authorize_problem(client_id, redirect_uri, "code"):
                return None
            if not self.directory.check_password(user_id, password):
                return None
            return self.tokens.issue_code(client_id, redirect_uri, user_id)

    def grant(self, form, basic_credentials=None):
        with self.lock:
            return self.tokens.grant(form, basic_credentials)

    def auth0_problem(self, fields):
        with self.lock:
            return self.signin.authorize_problem(fields)

    def auth0_sign_in(self, fields, user_id, password):
        """The v3 face's sign-in: an authorization code for a user who gave the right password, or None."""
        with self.lock:
            if self.signin.authorize_problem(fields) or not self.directory.check_password(user_id, password):
                return None
            return self.signin.issue_code(fields, user_id)

    def auth0_revoke(self, form, basic_credentials):
        with self.lock:
            return self.signin.revoke(form, basic_credentials)

    def auth0_grant(self, form, basic_credentials, issuer):
        with self.lock:
            return self.signin.grant(form, basic_credentials, issuer)

    def admit(self, token_value, category: Category | None, client_only_ok=False, unauthorized=E.UNAUTHORIZED):
        """The caller's access token, once it is known good and within its user's quota for `category` (None:
        a call in no category, never counted); then the 500 fault. `unauthorized` is the words of a refused
        token, which differ by service in TradeStation's table."""
        with self.lock:
            token = self.tokens.authenticate(token_value)
            if token is None or (token.client_only and not client_only_ok):
                raise ApiError(401, unauthorized)
            self.quotas.charge(token.user, category)
            self.faults.maybe_fail()
            return token

    def drop_now(self, moment):
        with self.lock:
            return self.faults.drop_now(moment)

    def next_order_fault(self, user):
        with self.lock:
            return self.faults.take_next_order_fault(user)

    def queue_order_faults(self, fault, count, user=None):
        with self.lock:
            return self.faults.queue_for_next_orders(fault, count, user)

