"""The open streams' side of the Simulator (backend.py): their slots and early endings (open_streams.py), the
change signal they wait on (changes.py), and the reads they repeat, which are not counted as a client's calls."""

from __future__ import annotations

import datetime
import random
import threading

from tradestation import errors as E
from tradestation.errors import ApiError
from tradestation.order_fields import parse_account
from tradestation.quotas import Category

from . import option_pricing
from .book import Book, BookOrder, start_of_today
from .changes import Changes
from .live_market import DepthLevel, depth
from .market import Market
from .open_streams import Ending, OpenStream, OpenStreams
from .option_pricing import PricedLeg, SpreadQuote

# The documented stream error for an account the caller may not use.
FORBIDDEN_ACCOUNT = "Invalid Account ID."


class Watching:
    lock: threading.RLock
    settings: dict
    book: Book
    market: Market
    changes: Changes
    open_streams: OpenStreams

    def stream_heartbeat(self) -> float:
        with self.lock:
            return self.settings["SIM_STREAM_HEARTBEAT"]

    def open_stream(self, user: str, category: Category | None) -> OpenStream:
        return self.open_streams.open(user, category)

    def close_stream(self, stream: OpenStream) -> None:
        self.open_streams.close(stream)

    def end_streams(self, ending: Ending, user: str | None = None) -> int:
        """End a user's open streams (None: everyone's) as `ending` says; how many there were."""
        count = self.open_streams.end(ending, user)
        self.changes.notify()
        return count

    def close_streams(self) -> None:
        """The server is stopping: every open stream ends now, with its face's shutdown word."""
        self.changes.close()

    def depth(self, symbol: str, levels: int) -> tuple[list[DepthLevel], list[DepthLevel]]:
        """The book's depth on a symbol the market lists, now."""
        with self.lock:
            quote = self.market.quote(self._known_symbol(symbol))
            if quote is None:
                raise ApiError(404, E.NOT_FOUND)
            return depth(quote, self.market.tick, self.settings["SIM_SEED"], levels)

    def option_spreads(self, spreads: list[list[PricedLeg]], rate: float) -> list[SpreadQuote]:
        """Each spread's quote now, priced from its underlying's last price; refused when the market does not
        list the underlying."""
        with self.lock:
            roots = {leg.terms.root for legs in spreads for leg in legs}
            quotes = {root: self.market.quote(self._underlying(root).symbol) for root in roots}   # MarketData's
            today, found = datetime.date.today(), []
            for legs in spreads:
                quote = quotes[legs[0].terms.root]
                names = ",".join(leg.symbol for leg in legs)
                draw = random.Random(f"{self.settings['SIM_SEED']}:{names}:{self.market.tick}")
                found.append(option_pricing.quote_spread(legs, float(quote.last), float(quote.previous_close), rate,
                                                  today, draw))
            return found

    def stream_accounts(self, token, keys_text: str) -> tuple[list[str], list[tuple[str, ApiError]]]:
        """The accounts of a stream's path the caller may watch, and the refusal of each other one."""
        keys = [key.strip() for key in keys_text.split(",") if key.strip()]
        if not keys:
            raise ApiError(400, E.INVALID_ACCOUNT)
        good, refused = [], []
        with self.lock:
            for key in keys:
                try:
                    good.append(self._account(token, parse_account(key)).key)
                except ApiError:
                    refused.append((key, ApiError(403, FORBIDDEN_ACCOUNT)))
        return good, refused

    def watched_orders(self, accounts: list[str]) -> list[BookOrder]:
        """Today's orders of the accounts, oldest first, as they are now."""
        with self.lock:
            self._release_due()
            return [order.snapshot() for order in reversed(self._orders_since(set(accounts), start_of_today()))]
