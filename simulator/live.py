"""A stream that follows the market: the snapshot of what it watches, then, each time the simulator's state
moves (simulator/changes.py), what changed, with heartbeats while nothing does; until the client goes away, the
stream is told to end (open_streams.py) or the server stops.

Face-neutral: a Feed reads the watched items already rendered in the face's words, keyed by what identifies
them (a symbol, an order id, a position id), and a Framing (each face's render) writes the stream's lines.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Protocol

from .changes import Changes
from .open_streams import Ending, EndKind, OpenStream

# How often a waiting stream looks whether its client has gone, when nothing else wakes it.
CLIENT_CHECK = 0.25


@dataclass(frozen=True)
class Feed:
    read: Callable[[], dict[str, dict]]     # the watched items now, by key, in the face's words
    changes_only: bool = False      # after the snapshot, an item's fields that moved (with `keep`), not all
    keep: tuple[str, ...] = ()      # the fields a partial item always carries (what names it)
    removed: Callable[[str], dict] | None = None    # what an item that disappears is sent as (None: nothing)


@dataclass(frozen=True)
class Beat:
    interval: float | None          # seconds; None: no heartbeats
    constant: bool = False          # on a fixed beat (v2's "constant"), rather than only when idle


class Framing(Protocol):
    def line(self, item: dict | str) -> str: ...
    def heartbeat(self, count: int, now: float) -> dict: ...
    def end_snapshot(self) -> dict | None: ...
    def ended(self, ending: Ending) -> list[dict | str]: ...


def difference(before: dict, after: dict, keep: tuple[str, ...]) -> dict | None:
    """The fields of `after` that differ from `before` (with the `keep` fields), or None when none do."""
    moved = {name: value for name, value in after.items() if before.get(name) != value}
    if not moved:
        return None
    return {**{name: after[name] for name in keep if name in after}, **moved}


def changes(before: dict[str, dict], after: dict[str, dict], feed: Feed) -> list[dict]:
    found = []
    for key, item in after.items():
        if key not in before:
            found.append(item)
        elif item != before[key]:
            found.append(difference(before[key], item, feed.keep) if feed.changes_only else item)
    if feed.removed:
        found.extend(feed.removed(key) for key in before if key not in after)
    return found


def follow(feed: Feed, framing: Framing, *, signal: Changes, stream: OpenStream, beat: Beat,
           client_gone: Callable[[], bool], clock: Callable[[], float] = time.monotonic) -> Iterator[str]:
    """The lines of one open stream. The caller closes the stream's slot when this generator is closed."""
    seen = signal.version
    last = feed.read()
    for item in last.values():
        yield framing.line(item)
    marker = framing.end_snapshot()
    if marker is not None:
        yield framing.line(marker)
    beats, next_beat = 0, (clock() + beat.interval) if beat.interval else None
    while True:
        wait = CLIENT_CHECK if next_beat is None else max(0.0, min(CLIENT_CHECK, next_beat - clock()))
        version = signal.wait(seen, wait, stop=lambda: stream.ending is not None)
        ending = stream.ending or (Ending(EndKind.GO_AWAY) if signal.closed else None)
        if ending is not None:
            for item in framing.ended(ending):
                yield framing.line(item)
            return
        if client_gone():
            return
        if version != seen:
            seen = version
            now = feed.read()
            moved = changes(last, now, feed)
            last = now
            for item in moved:
                yield framing.line(item)
            if moved and next_beat is not None and not beat.constant:
                next_beat = clock() + beat.interval
        if next_beat is not None and clock() >= next_beat:
            beats += 1
            yield framing.line(framing.heartbeat(beats, time.time()))
            next_beat = (next_beat if beat.constant else clock()) + beat.interval
