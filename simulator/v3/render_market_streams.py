"""The market depth streams' objects in v3's words (the OpenAPI document's MarketDepthQuote and
MarketDepthAggregate): prices and sizes as strings, counts as numbers."""

from __future__ import annotations

from ..live_market import DepthLevel
from .render import decimal


def depth_quotes(bids: list[DepthLevel], asks: list[DepthLevel], levels: int, moment: str) -> dict:
    """Each participant's quote, best price first, at most `levels` a side."""
    def side(found):
        entries = [entry for level in found for entry in level.entries][:levels]
        return [{"TimeStamp": moment, "Side": entry.side, "Price": decimal(entry.price), "Size": str(entry.size),
                 "OrderCount": entry.order_count, "Name": entry.venue} for entry in entries]
    return {"Bids": side(bids), "Asks": side(asks)}


def depth_aggregates(bids: list[DepthLevel], asks: list[DepthLevel], moment: str) -> dict:
    """Each price's participants summed up, best price first."""
    def side(found):
        return [{"EarliestTime": moment, "LatestTime": moment, "Side": level.side, "Price": decimal(level.price),
                 "TotalSize": str(level.total_size), "BiggestSize": str(max(entry.size for entry in level.entries)),
                 "SmallestSize": str(min(entry.size for entry in level.entries)),
                 "NumParticipants": len(level.entries),
                 "TotalOrderCount": sum(entry.order_count for entry in level.entries)} for level in found]
    return {"Bids": side(bids), "Asks": side(asks)}
