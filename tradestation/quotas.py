"""TradeStation's request quotas: one table, read by the simulator (which enforces it) and by the bridge
(which keeps every user's calls inside it).

Source: TradeStation's "Rate Limiting" page (API v3 documentation, carried in
`shared/reference/tradestation-v3.md`). Quotas are per user and per API key; a window starts at the user's
first request in a category and lasts its length. Past a quota v3 answers 429 Too Many Requests and v2
answers 403 "Quota Exceeded". Streams count their opening request against the category's quota, and some
categories also limit how many streams of the kind may be open at once.

Order placement, confirmation, replacement and cancellation are in no category of the page: they are never
counted, so market data can never hold an order back.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

FIVE_MINUTES = 300.0
ONE_MINUTE = 60.0


class Category(enum.Enum):
    """A resource category of TradeStation's table; the value is the page's own name for it."""

    ACCOUNTS = "Accounts"
    ORDER_DETAILS = "Order Details"
    BALANCES = "Balances"
    POSITIONS = "Positions"
    QUOTE_SNAPSHOT = "Quote Snapshot"
    QUOTE_CHANGE_STREAM = "Quote Change Stream"
    BARCHART_STREAM = "Barchart Stream"
    TICKBAR_STREAM = "TickBar Stream"
    OPTIONS = "Option endpoints"
    MARKET_DEPTH_STREAM = "MarketDepth Stream"
    OPTION_QUOTE_STREAM = "Option Quote Stream"
    OPTION_CHAIN_STREAM = "Option Chain Stream"
    ORDER_STREAM = "Order Stream"
    ORDER_STREAM_BY_ID = "Order Stream by id"
    POSITIONS_STREAM = "Positions Stream"


@dataclass(frozen=True)
class Quota:
    """How many requests a user may make in a category per window, and how many of its streams may be open
    at once (None where the page sets no such limit)."""

    requests: int | None
    window: float
    concurrent: int | None = None


QUOTAS: dict[Category, Quota] = {
    Category.ACCOUNTS: Quota(250, FIVE_MINUTES),
    Category.ORDER_DETAILS: Quota(250, FIVE_MINUTES),
    Category.BALANCES: Quota(250, FIVE_MINUTES),
    Category.POSITIONS: Quota(250, FIVE_MINUTES),
    Category.QUOTE_CHANGE_STREAM: Quota(500, FIVE_MINUTES),
    Category.BARCHART_STREAM: Quota(500, FIVE_MINUTES),
    Category.TICKBAR_STREAM: Quota(500, FIVE_MINUTES),
    Category.QUOTE_SNAPSHOT: Quota(30, ONE_MINUTE),
    Category.OPTIONS: Quota(90, ONE_MINUTE),
    # Market depth quotes and aggregates share one count.
    Category.MARKET_DEPTH_STREAM: Quota(30, ONE_MINUTE, concurrent=10),
    Category.OPTION_QUOTE_STREAM: Quota(None, ONE_MINUTE, concurrent=10),
    Category.OPTION_CHAIN_STREAM: Quota(None, ONE_MINUTE, concurrent=10),
    Category.ORDER_STREAM: Quota(None, FIVE_MINUTES, concurrent=40),
    Category.ORDER_STREAM_BY_ID: Quota(None, FIVE_MINUTES, concurrent=40),
    Category.POSITIONS_STREAM: Quota(None, FIVE_MINUTES, concurrent=40),
}


def quota(category: Category) -> Quota:
    return QUOTAS[category]
