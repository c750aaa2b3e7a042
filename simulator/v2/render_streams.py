"""WebAPI v2's streams in its words (webapi-docs-v2: en/stream/*.md): chunked text/plain, each chunk one JSON
object on a line of its own or a closing word (`END`, `ERROR - <reason>`); heartbeats only when asked for
(`?heartbeat=true|<ms>&heartbeat-style=constant|keepalive`), as {"heartbeat": n, "timestamp": "/Date(ms)/"}."""

from __future__ import annotations

import json
from dataclasses import dataclass

from tradestation.errors import ApiError

from ..live import Beat
from ..open_streams import Ending, EndKind

MIMETYPE = "text/plain"
# The Error Handling page's in-stream reason for a stream that gave up (its "200 Error Timeout" row).
DEFAULT_REASON = "TIMEOUT"
INVALID_REQUEST = (400, "Invalid Request")
MIN_HEARTBEAT_MS = 10


def line(chunk: dict | str) -> str:
    return (chunk if isinstance(chunk, str) else json.dumps(chunk, separators=(",", ":"))) + "\n"


def heartbeats(flag: str | None, style: str | None, default: float) -> Beat:
    """The heartbeats a request asks for: none unless `heartbeat` is true or a number of milliseconds."""
    flag, style = (flag or "false").casefold(), (style or "constant").casefold()
    if style not in ("constant", "keepalive"):
        raise ApiError(*INVALID_REQUEST)
    if flag == "false":
        return Beat(None)
    if flag == "true":
        interval = default
    elif flag.isdigit() and int(flag) >= MIN_HEARTBEAT_MS:
        interval = int(flag) / 1000
    else:
        raise ApiError(*INVALID_REQUEST)
    return Beat(interval, constant=style == "constant")


@dataclass(frozen=True)
class V2Framing:
    def line(self, chunk: dict | str) -> str:
        return line(chunk)

    def heartbeat(self, count: int, now: float) -> dict:
        return {"heartbeat": count, "timestamp": f"/Date({int(now) * 1000})/"}

    def end_snapshot(self) -> None:
        return None

    def ended(self, ending: Ending) -> list[str]:
        # v2 has no word for a server going away: its stream just ends without END, which the End of Stream
        # Conditions page says a client must take as a disconnect.
        if ending.kind is EndKind.GO_AWAY:
            return []
        return [f"ERROR - {ending.message or DEFAULT_REASON}"]
