"""The live feeds of this process: one per user, shared by all that user's open pages, started with its first
page and stopped when its last leaves. A keeper thread per feed checks each page's login about once a second
(without counting as use) and ends the pages whose login has ended.
"""

from __future__ import annotations

import threading
import time

from tradestation.errors import ApiError

from .calls import AuthorizedCalls
from .feed_sources import Context, Pace, Source, balances
from .grants import Grant, GrantStore
from .live_feed import Feed, Page
from .quota_budget import QuotaBudget
from .stream_sources import OrderStream, PositionsStream, QuoteStream
from .upstream import Upstream

ENDED_IDLE = "Your login ended after {minutes} without activity. Log in again to go on."
ENDED_ABSOLUTE = "Your login reached its time limit. Log in again to go on."
ENDED_LOGOUT = "You were logged out."


class Full(Exception):
    """The process holds as many live streams as it may: one more would take a thread kept for orders."""


class Stopping(Exception):
    """The process is stopping: a page's stream is to be opened on one still serving."""


class LiveFeeds:
    def __init__(self, *, grants: GrantStore, calls: AuthorizedCalls, upstream: Upstream, budget: QuotaBudget,
                 pace: Pace, max_pages: int, login_check: float = 1.0) -> None:
        self.grants = grants
        self.calls = calls
        self.upstream = upstream
        self.budget = budget
        self.pace = pace
        self.login_check = login_check
        self.max_pages = max_pages
        self._feeds: dict[str, Feed] = {}
        self._sources: dict[str, dict[str, Source]] = {}
        self._stopping = False
        self._lock = threading.Lock()

    def join(self, grant: Grant, symbol: str | None) -> tuple[Feed, Page]:
        """The user's feed (started if it was not) with this page listening; Full past the process's limit,
        Stopping once close_all was called."""
        if self._stopping:
            raise Stopping()
        if self.open_pages() >= self.max_pages:
            raise Full()        # before the accounts call, which a page turned away should not spend
        accounts = None if grant.userid in self._feeds else self.account_keys(grant)
        page = Page(grant.id, symbol)
        with self._lock:
            if self._stopping:
                raise Stopping()
            # Again under the lock: pages joining at once must not pass the limit together.
            if self._pages() >= self.max_pages:
                raise Full()
            feed = self._feeds.get(grant.userid)
            if feed is None:
                feed = self._start(grant, accounts or [])
            feed.attach(page)
            self._follow_symbols(feed)
        return feed, page

    def leave(self, feed: Feed, page: Page) -> None:
        with self._lock:
            if feed.detach(page):
                self._stop(feed)
            else:
                self._follow_symbols(feed)

    def close_all(self) -> None:
        """The process is stopping (gunicorn.conf.py calls this on a worker's SIGTERM, the test server as it
        stops): every open stream ends now rather than holding its thread until its page leaves, and no page
        joins any more."""
        with self._lock:
            self._stopping = True
            for feed in self._feeds.values():
                feed.close()

    def order_sent(self, userid: str) -> None:
        """The bridge relayed an order of this user: what has no stream is looked at again now."""
        feed = self._feeds.get(userid)
        if feed is not None:
            feed.note_order()

    def open_pages(self) -> int:
        with self._lock:
            return self._pages()

    def _pages(self) -> int:
        return sum(len(feed.pages) for feed in self._feeds.values())

    def account_keys(self, grant: Grant) -> list[str]:
        answer = self.calls.call(grant, lambda token: self.upstream.accounts(token, grant.userid))
        if not answer.ok or not isinstance(answer.body, list):
            raise ApiError(answer.status, answer.error()["Message"])
        return [str(account.get("Key")) for account in answer.body if isinstance(account, dict)]

    # --- the feed's life ----------------------------------------------------------------------------
    def _start(self, grant: Grant, accounts: list[str]) -> Feed:
        feed = Feed(grant.userid, accounts)
        feed.grant = grant
        context = self._context(feed)
        sources = {source.name: source for source in (balances(context), OrderStream(context),
                                                      PositionsStream(context))}
        self._feeds[grant.userid] = feed
        self._sources[grant.userid] = sources
        for source in sources.values():
            source.start()
        threading.Thread(target=self._keep, args=(feed,), name=f"feed keeper {grant.userid}", daemon=True).start()
        return feed

    def _context(self, feed: Feed) -> Context:
        return Context(feed=feed, calls=self.calls, upstream=self.upstream, budget=self.budget,
                       grant=lambda: feed.grant, pace=self.pace)

    def _stop(self, feed: Feed) -> None:
        feed.stop()
        for source in self._sources.pop(feed.userid, {}).values():
            source.stop()
        if self._feeds.get(feed.userid) is feed:
            del self._feeds[feed.userid]

    def _follow_symbols(self, feed: Feed) -> None:
        """One quote source per symbol some page shows; none for a symbol no page shows any more."""
        sources = self._sources.get(feed.userid, {})
        wanted = {f"quote {symbol}": symbol for symbol in feed.symbols()}
        for name in [name for name in sources if name.startswith("quote ") and name not in wanted]:
            sources.pop(name).stop()
        for name, symbol in wanted.items():
            if name not in sources:
                source = sources[name] = QuoteStream(self._context(feed), symbol)
                source.start()

    def _keep(self, feed: Feed) -> None:
        """Each page's login, looked at about once a second: an ended one ends its pages."""
        known: dict[str, Grant] = {}
        while not feed.stopped.wait(self.login_check):
            live = None
            for grant_id in feed.grant_ids():
                grant = self.grants.get(grant_id)
                if grant is None:
                    feed.end(grant_id, self._why_ended(known.pop(grant_id, None)))
                    continue
                known[grant_id] = live = grant
            if live is not None:
                feed.grant = live       # read anew: a token a source refreshed meanwhile is in it
            with self._lock:
                if not feed.pages and self._feeds.get(feed.userid) is feed:
                    self._stop(feed)

    def _why_ended(self, grant: Grant | None) -> str:
        now, lifetimes = time.time(), self.grants.lifetimes
        if grant is not None and now >= grant.created_at + lifetimes.absolute:
            return ENDED_ABSOLUTE
        if grant is not None and now >= grant.last_used_at + lifetimes.idle:
            return ENDED_IDLE.format(minutes=_duration(lifetimes.idle))
        return ENDED_LOGOUT


def _duration(seconds: float) -> str:
    if seconds >= 120:
        return f"{round(seconds / 60)} minutes"
    return f"{round(seconds)} seconds"
