"""The market data streams' objects in v3's words (the OpenAPI document's Bar, MarketDepthQuote and
MarketDepthAggregate): prices and volumes as strings, counts as numbers."""

from __future__ import annotations

from ..live_market import DepthLevel
from ..streams import stamp_moment

OPEN, CLOSED = "Open", "Closed"     # BarStatus


def _price(number) -> str:
    return str(float(number))


def bar(found: dict, realtime: bool, end_of_history: bool = False, status: str = CLOSED) -> dict:
    """A bar of the simulator's history (or the one forming) in v3's Bar shape."""
    moment = stamp_moment(found["TimeStamp"])
    return {"High": _price(found["High"]), "Low": _price(found["Low"]), "Open": _price(found["Open"]),
            "Close": _price(found["Close"]), "TimeStamp": moment.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "TotalVolume": str(found["TotalVolume"]), "DownTicks": found["DownTicks"],
            "DownVolume": found["DownVolume"], "OpenInterest": str(found["OpenInterest"]),
            "IsRealtime": realtime, "IsEndOfHistory": end_of_history, "TotalTicks": found["TotalTicks"],
            "UnchangedTicks": found["UnchangedTicks"], "UnchangedVolume": found["UnchangedVolume"],
            "UpTicks": found["UpTicks"], "UpVolume": found["UpVolume"],
            "Epoch": int(moment.timestamp() * 1000), "BarStatus": status}


def depth_quotes(bids: list[DepthLevel], asks: list[DepthLevel], levels: int, moment: str) -> dict:
    """Each participant's quote, best price first, at most `levels` a side."""
    def side(found):
        entries = [entry for level in found for entry in level.entries][:levels]
        return [{"TimeStamp": moment, "Side": entry.side, "Price": _price(entry.price), "Size": str(entry.size),
                 "OrderCount": entry.order_count, "Name": entry.venue} for entry in entries]
    return {"Bids": side(bids), "Asks": side(asks)}


def depth_aggregates(bids: list[DepthLevel], asks: list[DepthLevel], moment: str) -> dict:
    """Each price's participants summed up, best price first."""
    def side(found):
        return [{"EarliestTime": moment, "LatestTime": moment, "Side": level.side, "Price": _price(level.price),
                 "TotalSize": str(level.total_size), "BiggestSize": str(max(entry.size for entry in level.entries)),
                 "SmallestSize": str(min(entry.size for entry in level.entries)),
                 "NumParticipants": len(level.entries),
                 "TotalOrderCount": sum(entry.order_count for entry in level.entries)} for level in found]
    return {"Bids": side(bids), "Asks": side(asks)}
