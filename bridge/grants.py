"""Users' grants (their tokens), kept server-side: stored sealed, leased for a refresh, looked up, ended.

A grant ends after a while without use and after a fixed time however it is used; an access token
is accepted only until TradeStation's expiry of it, and a token replaced by a refresh only for a
short grace after that. Refreshing and calling with grants is bridge/calls.py's job.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass, field
from typing import Callable

from sqlalchemy import Engine, bindparam, delete, insert, or_, select, update

from .db import alone, grant_tokens, grants, single_statements
from .sealing import Sealer

REFRESH_MARGIN = 60      # seconds before expiry at which a token is refreshed (a quarter of a short life)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# Run on every JSONP call, so built once (per store, with its upstream).
_BY_TOKEN = (select(grants, grant_tokens.c.expires_at.label("token_expires_at"), grant_tokens.c.replaced_at)
             .join(grant_tokens, grant_tokens.c.grant_id == grants.c.id)
             .where(grant_tokens.c.token_hash == bindparam("token_hash")))


@dataclass(frozen=True)
class Lifetimes:
    """How long what a login gives is accepted, in seconds (the settings TS_TOKEN_GRACE, TS_SESSION_*, whose
    defaults are in bridge/settings.py)."""
    token_grace: float
    idle: float
    absolute: float

    def touch_every(self) -> float:
        # Use is written down at most this often: a write per JSONP call would cost more than the call.
        return min(60.0, self.idle / 4)


@dataclass(frozen=True)
class Grant:
    id: str
    userid: str
    access_token: str
    sealed_refresh_token: str | None = field(repr=False)
    redirect_uri: str
    expires_at: float
    refresh_at: float
    refreshed_at: float | None
    created_at: float
    last_used_at: float
    opener: Callable[[str], str | None] = field(repr=False, compare=False)

    @property
    def refresh_token(self) -> str | None:
        """Opened when a refresh needs it, not on every call that looks the grant up: most calls never
        refresh, and a token in clear is then held for no purpose (and a Fernet open costs CPU)."""
        return self.opener(self.sealed_refresh_token) if self.sealed_refresh_token else None

    @property
    def public(self) -> dict:
        """What the page may know: never the refresh token."""
        return {"access_token": self.access_token, "expires_at": int(self.expires_at), "userid": self.userid}


class GrantStore:
    def __init__(self, engine: Engine, sealer: Sealer, lifetimes: Lifetimes, *, upstream: str) -> None:
        self.engine = engine
        # db.upstream_key() of this bridge's upstream: a login there is no login anywhere else.
        self.upstream = upstream
        self._mine = grants.c.upstream == upstream
        self._by_token = _BY_TOKEN.where(self._mine)
        self.single = single_statements(engine)     # the look-up of every call: one round trip
        self.sealer = sealer
        self.lifetimes = lifetimes

    def create(self, token: dict, redirect_uri: str) -> Grant:
        self.end_expired()
        grant_id = secrets.token_hex(16)
        now = time.time()
        refresh_token = token.get("refresh_token")
        with self.engine.begin() as db:
            db.execute(insert(grants).values(
                id=grant_id, upstream=self.upstream, userid=str(token["userid"]),
                access_token=self.sealer.seal(token["access_token"]),
                refresh_token=self.sealer.seal(refresh_token) if refresh_token else None, redirect_uri=redirect_uri,
                expires_at=token["expires_at"], refresh_at=_refresh_at(token, now), created_at=now,
                last_used_at=now))
            db.execute(insert(grant_tokens).values(token_hash=token_hash(token["access_token"]), grant_id=grant_id,
                                                   created_at=now, expires_at=token["expires_at"]))
        return self.get(grant_id)

    def get(self, grant_id: str | None) -> Grant | None:
        """A live grant by id (the session's), or None. Looking it up is no use of it (touch() is)."""
        if not grant_id:
            return None
        with self.engine.connect() as db:
            row = db.execute(select(grants).where(self._mine, grants.c.id == grant_id)).mappings().first()
        return self._live(row)

    def by_access_token(self, token: str | None) -> Grant | None:
        """The live grant whose access token this is, while that token is accepted; else None.

        Asked of the database on every call, never remembered in the process: a logout, or a login
        ended, on any instance or worker is refused by every other on the very next call."""
        if not token:
            return None
        row = alone(self.single, self._by_token, {"token_hash": token_hash(token)},
                    lambda result: result.mappings().first())
        grant = self._live(row)
        if grant is None:
            return None
        token_end = row["token_expires_at"]
        if row["replaced_at"] is not None:
            token_end = min(token_end, row["replaced_at"] + self.lifetimes.token_grace)
        return grant if time.time() < token_end else None

    def touch(self, grant: Grant) -> None:
        """The trader acted (an order, a review, a change, a click on the page): the login's idle time starts
        again. Only the trader's own actions call this (OWASP ASVS 3.3.2): the page's live data, its reads and
        the bridge's own calls never do, so an untouched page is logged out on time."""
        now = time.time()
        if now - grant.last_used_at > self.lifetimes.touch_every():
            with self.engine.begin() as db:
                db.execute(update(grants).where(grants.c.id == grant.id, grants.c.last_used_at < now)
                           .values(last_used_at=now))

    def revoke(self, grant_id: str) -> None:
        with self.engine.begin() as db:
            db.execute(delete(grant_tokens).where(grant_tokens.c.grant_id == grant_id))
            db.execute(delete(grants).where(grants.c.id == grant_id))

    def end_expired(self) -> None:
        """Delete every grant past its idle or absolute lifetime, with its tokens."""
        now = time.time()
        with self.engine.begin() as db:
            ended = select(grants.c.id).where(self._mine, or_(grants.c.last_used_at < now - self.lifetimes.idle,
                                                  grants.c.created_at < now - self.lifetimes.absolute))
            db.execute(delete(grant_tokens).where(grant_tokens.c.grant_id.in_(ended)))
            db.execute(delete(grants).where(grants.c.id.in_(ended)))

    # --- refreshing (bridge/calls.py decides when) ------------------------------------------------
    def lease(self, grant: Grant, seconds: float) -> bool:
        """The right to refresh this grant for a while, if it still has this token and nobody holds it."""
        now = time.time()
        with self.engine.begin() as db:
            return db.execute(
                update(grants)
                .where(grants.c.id == grant.id, grants.c.expires_at == grant.expires_at,
                       grants.c.refresh_at == grant.refresh_at,
                       or_(grants.c.refreshing_until.is_(None), grants.c.refreshing_until < now))
                .values(refreshing_until=now + seconds)).rowcount == 1

    def release(self, grant: Grant) -> None:
        """Give the lease back after a refresh that failed."""
        with self.engine.begin() as db:
            db.execute(update(grants).where(grants.c.id == grant.id).values(refreshing_until=None))

    def store_refreshed(self, grant: Grant, token: dict) -> Grant | None:
        """Keep a refreshed token (and end the lease); the one it replaces is accepted only for the grace.
        None if the grant was revoked meanwhile."""
        now = time.time()
        refresh_token = token.get("refresh_token") or grant.refresh_token
        with self.engine.begin() as db:
            kept = db.execute(update(grants).where(grants.c.id == grant.id).values(
                access_token=self.sealer.seal(token["access_token"]),
                refresh_token=self.sealer.seal(refresh_token) if refresh_token else None,
                expires_at=token["expires_at"], refresh_at=_refresh_at(token, now), refreshed_at=now,
                refreshing_until=None)).rowcount == 1
            if kept:
                db.execute(update(grant_tokens).where(grant_tokens.c.grant_id == grant.id,
                                                      grant_tokens.c.replaced_at.is_(None)).values(replaced_at=now))
                db.execute(insert(grant_tokens).values(token_hash=token_hash(token["access_token"]),
                                                       grant_id=grant.id, created_at=now,
                                                       expires_at=token["expires_at"]))
        return self.get(grant.id) if kept else None

    # --- rows to grants ---------------------------------------------------------------------------
    def _live(self, row) -> Grant | None:
        """The grant of a row, or None if it has ended (and is then deleted) or cannot be unsealed."""
        if row is None:
            return None
        now = time.time()
        if now - row["last_used_at"] > self.lifetimes.idle or now - row["created_at"] > self.lifetimes.absolute:
            self.revoke(row["id"])
            return None
        # Both tokens are sealed together with the same key, so the access token tells for both.
        access_token = self.sealer.open(row["access_token"])
        if access_token is None:
            self.revoke(row["id"])      # sealed with a key no longer configured: the trader logs in again
            return None
        return Grant(id=row["id"], userid=row["userid"], access_token=access_token,
                     sealed_refresh_token=row["refresh_token"], redirect_uri=row["redirect_uri"],
                     expires_at=row["expires_at"], refresh_at=row["refresh_at"], refreshed_at=row["refreshed_at"],
                     created_at=row["created_at"], last_used_at=row["last_used_at"], opener=self.sealer.open)


def _refresh_at(token: dict, now: float) -> float:
    life = max(token["expires_at"] - now, 0)
    return now + life - min(REFRESH_MARGIN, life / 4)
