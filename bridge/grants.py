"""Users' tokens, kept server-side, and their refresh: one at a time per grant, across processes."""

import hashlib
import secrets
import time
from dataclasses import dataclass

from sqlalchemy import bindparam, delete, insert, or_, select, update

from tradestation.errors import UNAUTHORIZED, ApiError

from .db import grant_tokens, grants

REFRESH_MARGIN = 60      # seconds before expiry at which a token is refreshed (a quarter of a short life)
REFRESH_LEASE = 20       # how long one process may hold the right to refresh
REFRESH_POLL = 0.05


def token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


# Run on every JSONP call, so built once.
_BY_TOKEN = (select(grants).join(grant_tokens, grant_tokens.c.grant_id == grants.c.id)
             .where(grant_tokens.c.token_hash == bindparam("token_hash")))


@dataclass(frozen=True)
class Grant:
    id: str
    userid: str
    access_token: str
    refresh_token: str
    redirect_uri: str
    expires_at: float
    refresh_at: float

    @property
    def public(self):
        """What the page may know: never the refresh token."""
        return {"access_token": self.access_token, "expires_at": int(self.expires_at), "userid": self.userid}


class GrantStore:
    def __init__(self, engine, oauth, remember=1.0):
        self.engine = engine
        self.oauth = oauth
        # Every JSONP call looks its token up; a second's memory of the answer spares the database
        # most of them. A logout elsewhere reaches this process within that second; here, at once.
        self.remember = remember
        self._recent = {}           # token hash -> (Grant, until)

    def create(self, token, redirect_uri):
        grant_id = secrets.token_hex(16)
        now = time.time()
        with self.engine.begin() as db:
            db.execute(insert(grants).values(
                id=grant_id, userid=str(token.get("userid") or ""), access_token=token["access_token"],
                refresh_token=token.get("refresh_token"), redirect_uri=redirect_uri,
                expires_at=token["expires_at"], refresh_at=_refresh_at(token, now), created_at=now))
            db.execute(insert(grant_tokens).values(token_hash=token_hash(token["access_token"]),
                                                   grant_id=grant_id, created_at=now))
        return self.get(grant_id)

    def get(self, grant_id):
        if not grant_id:
            return None
        with self.engine.connect() as db:
            row = db.execute(select(grants).where(grants.c.id == grant_id)).mappings().first()
        return _grant(row)

    def by_access_token(self, token):
        """The grant an access token (current or earlier) belongs to, or None."""
        if not token:
            return None
        key, now = token_hash(token), time.monotonic()
        grant, until = self._recent.get(key, (None, 0))
        if now < until:
            return grant
        with self.engine.connect() as db:
            grant = _grant(db.execute(_BY_TOKEN, {"token_hash": key}).mappings().first())
        if len(self._recent) > 10_000:
            self._recent.clear()
        self._recent[key] = (grant, now + self.remember)
        return grant

    def revoke(self, grant_id):
        self._recent = {key: entry for key, entry in self._recent.items() if entry[0] is None or entry[0].id != grant_id}
        with self.engine.begin() as db:
            db.execute(delete(grant_tokens).where(grant_tokens.c.grant_id == grant_id))
            db.execute(delete(grants).where(grants.c.id == grant_id))

    def call(self, grant, call):
        """call(token) with the grant's token; after a 401 (TradeStation did nothing) once more with a refreshed one."""
        grant = self.fresh(grant)
        answer = call(grant.access_token)
        if answer.status == 401 and grant.refresh_token:
            refreshed = self.refresh(grant)
            if refreshed is not None and refreshed.access_token != grant.access_token:
                answer = call(refreshed.access_token)
        return answer

    def fresh(self, grant):
        """The grant with an access token that is not about to expire."""
        if time.time() < grant.refresh_at:
            return grant
        return self.refresh(grant)

    def refresh(self, grant):
        """Refresh unless another request already has since `grant` was read; then use its result.

        The lease in the database makes one process the refresher; the others wait for it.
        """
        deadline = time.time() + REFRESH_LEASE
        while True:
            now = time.time()
            with self.engine.begin() as db:
                won = db.execute(
                    update(grants)
                    .where(grants.c.id == grant.id, grants.c.access_token == grant.access_token,
                           or_(grants.c.refreshing_until.is_(None), grants.c.refreshing_until < now))
                    .values(refreshing_until=now + REFRESH_LEASE)).rowcount == 1
            if won:
                return self._refresh(grant)
            current = self.get(grant.id)
            if current is None or current.access_token != grant.access_token or now > deadline:
                return current
            time.sleep(REFRESH_POLL)

    def _refresh(self, grant):
        try:
            token = self.oauth.refresh(grant.redirect_uri, grant.refresh_token)
        except Exception:
            with self.engine.begin() as db:
                db.execute(update(grants).where(grants.c.id == grant.id).values(refreshing_until=None))
            # Whatever the cause (a revoked key, the upstream down), the trader must log in again.
            raise ApiError(401, UNAUTHORIZED) from None
        now = time.time()
        with self.engine.begin() as db:
            db.execute(update(grants).where(grants.c.id == grant.id).values(
                access_token=token["access_token"], refresh_token=token.get("refresh_token") or grant.refresh_token,
                expires_at=token["expires_at"], refresh_at=_refresh_at(token, now), refreshing_until=None))
            db.execute(insert(grant_tokens).values(token_hash=token_hash(token["access_token"]),
                                                   grant_id=grant.id, created_at=now))
        return self.get(grant.id)


def _refresh_at(token, now):
    life = max(token["expires_at"] - now, 0)
    return now + life - min(REFRESH_MARGIN, life / 4)


def _grant(row):
    if row is None:
        return None
    return Grant(id=row["id"], userid=row["userid"], access_token=row["access_token"],
                 refresh_token=row["refresh_token"], redirect_uri=row["redirect_uri"], expires_at=row["expires_at"],
                 refresh_at=row["refresh_at"])
