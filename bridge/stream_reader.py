"""TradeStation's streams read as messages: JSON objects one after another (v2 sends them indented, over
several lines; v3 one a line), and v2's closing words (`END`, `ERROR - …`) on lines of their own.

Each message is sorted into what it means for the reader: data, a heartbeat, the end of the snapshot, the
server going away, a stream error, or the stream's end.
"""

from __future__ import annotations

import codecs
import enum
import json
from dataclasses import dataclass
from typing import Any, Iterable, Iterator

LONGEST_MESSAGE = 1 << 20    # a message past this is no message of TradeStation's: the stream is read no further

V2_END = "END"
ERROR_PREFIX = "ERROR - "
GO_AWAY = "GoAway"
# An object with only these keys (and a non-empty Error) is an error of the stream itself, not of one entry.
_ERROR_KEYS = {"Error", "Message", "StatusCode", "Timestamp", "StreamStatus"}


class Kind(enum.Enum):
    DATA = "data"
    HEARTBEAT = "heartbeat"
    END_SNAPSHOT = "end_snapshot"
    GO_AWAY = "go_away"
    ERROR = "error"
    END = "end"


@dataclass(frozen=True)
class Message:
    kind: Kind
    body: Any = None      # the data, or the error's words


class Unreadable(Exception):
    """The stream sent what is neither JSON nor a closing word."""


def messages(chunks: Iterable[bytes]) -> Iterator[Message]:
    decoder = json.JSONDecoder()
    text = codecs.getincrementaldecoder("utf-8")(errors="replace")
    buffer = ""
    for chunk in chunks:
        buffer += text.decode(chunk)
        while True:
            buffer = buffer.lstrip()
            if not buffer:
                break
            if buffer[0] in "{[":
                try:
                    value, end = decoder.raw_decode(buffer)
                except ValueError:
                    if len(buffer) > LONGEST_MESSAGE:
                        raise Unreadable("a message too long to be TradeStation's") from None
                    break       # the rest of the object is still on its way
                buffer = buffer[end:]
                yield from _sorted(value)
            else:
                line, newline, rest = buffer.partition("\n")
                if not newline:
                    if len(buffer) > LONGEST_MESSAGE:
                        raise Unreadable("a line too long to be TradeStation's")
                    break
                buffer = rest
                yield _word(line.strip())
    if buffer.strip():
        yield _word(buffer.strip())


def _word(line: str) -> Message:
    if line == V2_END:
        return Message(Kind.END)
    if line.startswith(ERROR_PREFIX):
        return Message(Kind.ERROR, line[len(ERROR_PREFIX):])
    raise Unreadable(f"an unknown line: {line[:80]!r}")


def _sorted(value: Any) -> Iterator[Message]:
    if isinstance(value, list):
        for entry in value:
            yield from _sorted(entry)
        return
    if not isinstance(value, dict):
        raise Unreadable("a message that is not an object")
    if "Heartbeat" in value or "heartbeat" in value:      # v3's, and v2's when asked for
        yield Message(Kind.HEARTBEAT)
    elif value.get("StreamStatus") == "EndSnapshot":
        yield Message(Kind.END_SNAPSHOT)
    elif value.get("StreamStatus") == GO_AWAY or value.get("Error") == GO_AWAY:
        yield Message(Kind.GO_AWAY, value.get("Message") or GO_AWAY)
    elif value.get("Error") and set(value) <= _ERROR_KEYS:
        yield Message(Kind.ERROR, str(value.get("Message") or value["Error"]))
    else:
        yield Message(Kind.DATA, value)
