"""API v3's streams in its words (the OpenAPI document's stream paths): one JSON object a line, heartbeats
while idle, {"StreamStatus": "EndSnapshot"} where the kind has a snapshot, and its two ways of saying the
server is going: {"StreamStatus": "GoAway"} on the brokerage streams, {"Error": "GoAway", "Message"} on the
market data ones."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass

from tradestation.v3_vocabulary import ERROR_WORDS

from ..open_streams import Ending, EndKind

# The document's media types: market data streams are v2 of the format, brokerage streams v3.
MARKET_DATA_TYPE = "application/vnd.tradestation.streams.v2+json"
BROKERAGE_TYPE = "application/vnd.tradestation.streams.v3+json"
GO_AWAY = "GoAway"
END_SNAPSHOT = "EndSnapshot"
SHUTTING_DOWN = "The server is about to shut down."      # the document's GoAway example
# A stream error's title when none is asked for: one the document lists for every stream kind.
DEFAULT_ERROR = "InternalServerError"
DEFAULT_ERROR_MESSAGE = "The stream failed."


def line(item: dict) -> str:
    return json.dumps(item, separators=(",", ":")) + "\n"


def timestamp(moment: float) -> str:
    return datetime.datetime.fromtimestamp(int(moment), datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class V3Framing:
    brokerage: bool         # orders and positions: a snapshot ends with EndSnapshot, GoAway is a StreamStatus

    def line(self, item: dict) -> str:
        return line(item)

    def heartbeat(self, count: int, now: float) -> dict:
        return {"Heartbeat": count, "Timestamp": timestamp(now)}

    def end_snapshot(self) -> dict | None:
        return {"StreamStatus": END_SNAPSHOT} if self.brokerage else None

    def ended(self, ending: Ending) -> list[dict]:
        if ending.kind is EndKind.GO_AWAY:
            if self.brokerage:
                return [{"StreamStatus": GO_AWAY}]
            return [{"Error": GO_AWAY, "Message": ending.message or SHUTTING_DOWN}]
        return [{"Error": ending.title or DEFAULT_ERROR, "Message": ending.message or DEFAULT_ERROR_MESSAGE}]


def account_error(key: str, error) -> dict:
    """A refused account of a brokerage stream, sent in the stream as the document's example shows."""
    return {"Error": ERROR_WORDS.get(error.status, "Error"), "Message": error.message, "AccountID": key}


def deleted_position(position_id: str) -> dict:
    return {"PositionID": position_id, "Deleted": True}
