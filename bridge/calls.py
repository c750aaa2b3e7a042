"""Every call the bridge makes to TradeStation on a user's behalf: a token that is not about to
expire, the call, and one retry with a refreshed token after a 401 (which TradeStation answers
before doing anything, so the retry cannot place an order twice).

The relay, the ticket's views and the reconciler all call through here, so the token rules
live in one place.
"""

from __future__ import annotations

import time
from typing import Callable

from tradestation.errors import TOKEN_REFUSALS, UNAUTHORIZED, ApiError

from .grants import Grant, GrantStore
from .oauth import OAuthClient
from .quota_budget import QuotaBudget
from .upstream import Answer

REFRESH_LEASE = 20       # how long one process may hold the right to refresh a grant
REFRESH_POLL = 0.05      # how often a process waiting for another's refresh looks again
REFRESH_WINDOW = 10      # at most one refresh per grant in this many seconds, whoever asks

Request = Callable[[str], Answer]    # an upstream call, given the access token to use


class AuthorizedCalls:
    def __init__(self, grants: GrantStore, oauth: OAuthClient, budget: QuotaBudget) -> None:
        self.grants = grants
        self.oauth = oauth
        self.budget = budget

    def call(self, grant: Grant, request: Request) -> Answer:
        # The upstream counts the call against this user's quota (bridge/quota_budget.py).
        with self.budget.acting_for(grant.userid):
            return self._call(grant, request)

    def _call(self, grant: Grant, request: Request) -> Answer:
        grant = self.fresh(grant)
        answer = request(grant.access_token)
        # Only a 401 that refuses the token is worth a refresh; one that refuses the account would be
        # refused again, and an order must not be sent twice for nothing.
        if answer.status == 401 and answer.error()["Message"] in TOKEN_REFUSALS and grant.refresh_token:
            refreshed = self.refresh(grant)
            if refreshed.access_token != grant.access_token:
                answer = request(refreshed.access_token)
        return answer

    def fresh(self, grant: Grant) -> Grant:
        """The grant with an access token that is not about to expire."""
        if time.time() < grant.refresh_at:
            return grant
        return self.refresh(grant)

    def refresh(self, grant: Grant) -> Grant:
        """Refresh unless another request already has since `grant` was read; then use its result.

        The lease in the database makes one process the refresher; the others wait for it. A grant
        that is gone (logged out, or its refresh refused) is the wrapped 401: the trader logs in again.
        """
        deadline = time.time() + REFRESH_LEASE
        while True:
            current = self.grants.get(grant.id)
            if current is None:
                raise ApiError(401, UNAUTHORIZED)
            if current.access_token != grant.access_token or time.time() > deadline:
                return current
            if self.grants.lease(current, REFRESH_LEASE):
                return self._refresh(current)
            time.sleep(REFRESH_POLL)

    def refresh_for_page(self, grant: Grant) -> Grant:
        """A new token because the page asks: at most one refresh per grant in a short window, since a
        page (or a person with its CSRF token) could otherwise drive one a second against the shared
        API key. The bridge's own refresh after TradeStation refused a token is not limited."""
        if _refreshed_moments_ago(grant):
            return grant
        return self.refresh(grant)

    def _refresh(self, grant: Grant) -> Grant:
        try:
            token = self.oauth.refresh(grant.redirect_uri, grant.refresh_token)
        except Exception:
            self.grants.release(grant)
            # Whatever the cause (a revoked key, the upstream down), the trader must log in again.
            raise ApiError(401, UNAUTHORIZED) from None
        refreshed = self.grants.store_refreshed(grant, token)
        if refreshed is None:
            raise ApiError(401, UNAUTHORIZED)
        return refreshed


def _refreshed_moments_ago(grant: Grant) -> bool:
    """Refreshed within the window and not yet due again."""
    now = time.time()
    return grant.refreshed_at is not None and now - grant.refreshed_at < REFRESH_WINDOW and now < grant.refresh_at
