"""What one JSONP request did, for its `Server-Timing` header and the inspector: the time spent on each
part (waiting for TradeStation, writing the journal) and the journal row it made or found.

The trace lives in a ContextVar, the standard library's per-request (per-thread, per-task) slot, which is
what Flask's own `g` rests on: the upstream and the journal note into it without knowing about Flask, and
outside a traced request (the reconciler's own calls, the benchmark, a test) noting does nothing.
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Iterator

_current: ContextVar["Trace | None"] = ContextVar("tsbridge_trace", default=None)


@dataclass
class Trace:
    started: float = field(default_factory=time.perf_counter)
    durations: dict[str, float] = field(default_factory=dict)    # milliseconds per part
    journal_row: int | None = None

    def total(self) -> float:
        return (time.perf_counter() - self.started) * 1000

    def server_timing(self) -> str:
        """The header's value: each part, then the whole, in milliseconds."""
        parts = {**self.durations, "total": self.total()}
        return ", ".join(f"{name};dur={value:.1f}" for name, value in parts.items())


@contextmanager
def tracing() -> Iterator[Trace]:
    trace = Trace()
    reset = _current.set(trace)
    try:
        yield trace
    finally:
        _current.reset(reset)


@contextmanager
def measure(part: str) -> Iterator[None]:
    """Add the time spent inside to `part` of the current trace, if there is one."""
    trace = _current.get()
    if trace is None:
        yield
        return
    start = time.perf_counter()
    try:
        yield
    finally:
        trace.durations[part] = trace.durations.get(part, 0.0) + (time.perf_counter() - start) * 1000


def note_journal_row(row_id: int) -> None:
    trace = _current.get()
    if trace is not None:
        trace.journal_row = row_id
