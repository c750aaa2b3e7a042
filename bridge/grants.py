"""Users' grants (their tokens), kept server-side: stored, leased for a refresh, looked up.

Refreshing and calling with them is bridge/calls.py's job.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass

from sqlalchemy import Engine, bindparam, delete, insert, or_, select, update

from .db import grant_tokens, grants

REFRESH_MARGIN = 60      # seconds before expiry at which a token is refreshed (a quarter of a short life)


def token_hash(token: str) -> str:
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
    def public(self) -> dict:
        """What the page may know: never the refresh token."""
        return {"access_token": self.access_token, "expires_at": int(self.expires_at), "userid": self.userid}


class GrantStore:
    def __init__(self, engine: Engine, remember: float = 1.0) -> None:
        self.engine = engine
        # Every JSONP call looks its token up; a second's memory of the answer spares the database
        # most of them. A logout elsewhere reaches this process within that second; here, at once.
        self.remember = remember
        self._recent = {}           # token hash -> (Grant, until)

    def create(self, token: dict, redirect_uri: str) -> Grant:
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

    def get(self, grant_id: str | None) -> Grant | None:
        if not grant_id:
            return None
        with self.engine.connect() as db:
            row = db.execute(select(grants).where(grants.c.id == grant_id)).mappings().first()
        return _grant(row)

    def by_access_token(self, token: str | None) -> Grant | None:
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

    def revoke(self, grant_id: str) -> None:
        self._recent = {key: entry for key, entry in self._recent.items() if entry[0] is None or entry[0].id != grant_id}
        with self.engine.begin() as db:
            db.execute(delete(grant_tokens).where(grant_tokens.c.grant_id == grant_id))
            db.execute(delete(grants).where(grants.c.id == grant_id))

    def lease(self, grant: Grant, seconds: float) -> bool:
        """The right to refresh this grant for a while, if it still has this token and nobody holds it."""
        now = time.time()
        with self.engine.begin() as db:
            return db.execute(
                update(grants)
                .where(grants.c.id == grant.id, grants.c.access_token == grant.access_token,
                       or_(grants.c.refreshing_until.is_(None), grants.c.refreshing_until < now))
                .values(refreshing_until=now + seconds)).rowcount == 1

    def release(self, grant: Grant) -> None:
        """Give the lease back after a refresh that failed."""
        with self.engine.begin() as db:
            db.execute(update(grants).where(grants.c.id == grant.id).values(refreshing_until=None))

    def store_refreshed(self, grant: Grant, token: dict) -> Grant | None:
        """Keep a refreshed token (and end the lease); None if the grant was revoked meanwhile."""
        now = time.time()
        with self.engine.begin() as db:
            kept = db.execute(update(grants).where(grants.c.id == grant.id).values(
                access_token=token["access_token"], refresh_token=token.get("refresh_token") or grant.refresh_token,
                expires_at=token["expires_at"], refresh_at=_refresh_at(token, now),
                refreshing_until=None)).rowcount == 1
            if kept:
                db.execute(insert(grant_tokens).values(token_hash=token_hash(token["access_token"]),
                                                       grant_id=grant.id, created_at=now))
        return self.get(grant.id) if kept else None


def _refresh_at(token: dict, now: float) -> float:
    life = max(token["expires_at"] - now, 0)
    return now + life - min(REFRESH_MARGIN, life / 4)


def _grant(row) -> Grant | None:
    if row is None:
        return None
    return Grant(id=row["id"], userid=row["userid"], access_token=row["access_token"],
                 refresh_token=row["refresh_token"], redirect_uri=row["redirect_uri"], expires_at=row["expires_at"],
                 refresh_at=row["refresh_at"])
