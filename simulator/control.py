"""The admin API's side of the Simulator (backend.py): run-time settings, counts, reset, token expiry, planted
grants and the market clock (a tick, a pinned price), each moving the book as the market moves."""

from __future__ import annotations

import threading
from decimal import Decimal

from tradestation.errors import ApiError

from . import settings as S
from .accounts import Directory
from .book import FILLED, PARTIAL, Book
from .changes import Changes
from .desk import rejection_for_symbol
from .faults import Faults
from .market import Market
from .open_streams import OpenStreams
from .tokens import TokenStore


class Control:
    lock: threading.RLock
    settings: dict
    directory: Directory
    market: Market
    book: Book
    tokens: TokenStore
    faults: Faults
    changes: Changes
    open_streams: OpenStreams

    def runtime_settings(self):
        with self.lock:
            return {name: self.settings[name] for name in S.RUNTIME}

    def change_settings(self, changes):
        if not isinstance(changes, dict):
            raise S.SettingError("a JSON object of settings is required")
        parsed = {}
        for name, value in changes.items():
            if name not in S.RUNTIME:
                raise S.SettingError(f"{name} cannot be changed at run time" if name in S.SETTINGS
                                     else f"unknown setting {name}")
            parsed[name] = S.parse(name, value)
        with self.lock:
            self.settings.update(parsed)
            if "SIM_QUOTA" in parsed:
                self.faults.reset_quota()
            return {name: self.settings[name] for name in S.RUNTIME}

    def stats(self):
        with self.lock:
            stats = self.book.stats()
            stats.update(self.faults.stats())
            stats["order_lists"] = self.order_lists
            stats["tick"] = self.market.tick
        stats["open_streams"] = self.open_streams.counts()
        return stats

    def reset(self):
        """Forget every order, token and count; the settings stay as they are."""
        with self.lock:
            self._build()
        self.changes.bump()

    def expire_tokens(self, user=None):
        with self.lock:
            return self.tokens.expire_access_tokens(user)

    def plant_grant(self, grant):
        """An authorization code or refresh token of a given value (admin: a documented example's own)."""
        with self.lock:
            client = self.tokens.clients.get(grant.get("client_id"))
            user = grant.get("user", "demo")
            if client is None or not isinstance(user, str) or not self.directory.has_user(user):
                raise ApiError(400, "a known client_id and user are required")
            if isinstance(grant.get("code"), str) and grant["code"]:
                self.tokens.plant_code(grant["code"], client.id, grant.get("redirect_uri"), user)
            elif isinstance(grant.get("refresh_token"), str) and grant["refresh_token"]:
                self.tokens.plant_refresh(grant["refresh_token"], client.id, user)
            else:
                raise ApiError(400, "a code or a refresh_token is required")
            return {"planted": True}

    def _moved(self):
        """Match what the market now reaches, fills limited to the size shown: the filled and partly filled ids."""
        self.book.observe(self.market)
        touched = self.book.match(self.market, partial=True)
        return ([i for i in touched if self.book.get(i).status == FILLED],
                [i for i in touched if self.book.get(i).status == PARTIAL])

    def tick(self, steps=1):
        with self.lock:
            self.market.advance(steps)
            filled, partly = self._moved()
            moved = {"tick": self.market.tick, "filled": filled, "partly_filled": partly}
        self.changes.bump()
        return moved

    def set_price(self, symbol: str, price: Decimal) -> dict:
        with self.lock:
            if self.market.instrument(symbol) is None:
                raise ApiError(400, rejection_for_symbol(symbol))
            self.market.set_last(symbol, price)
            filled, partly = self._moved()
            moved = {"quote": self.market.quote(symbol), "filled": filled, "partly_filled": partly}
        self.changes.bump()
        return moved
