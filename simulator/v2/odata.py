"""The OData `$filter` subset v2's Orders and Positions pages describe (`symbol eq 'AAPL'`), applied to the
entries as v2 renders them: a field is named as the answer names it."""

from __future__ import annotations

import re

from tradestation.errors import ApiError

INVALID_FILTER = "Invalid $filter. Use field eq 'value', joined by and."
_CLAUSE = re.compile(r"\s*([A-Za-z]+)\s+eq\s+('(?:[^']|'')*'|-?[0-9]+(?:\.[0-9]+)?)\s*", re.S)


def parse_filter(text: str | None) -> list[tuple[str, str]] | None:
    """`$filter` as [(field, value)], every clause to hold; None when there is none."""
    if text is None or not text.strip():
        return None
    clauses = []
    for part in re.split(r"\s+and\s+", text.strip(), flags=re.I):
        match = _CLAUSE.fullmatch(part)
        if not match:
            raise ApiError(400, INVALID_FILTER)
        name, value = match.groups()
        value = value[1:-1].replace("''", "'") if value.startswith("'") else value
        clauses.append((name.casefold(), value))
    return clauses


def matches(entry: dict, clauses: list[tuple[str, str]]) -> bool:
    """Whether an entry meets every clause: the field by name whatever its case, compared as text
    whatever its case (OData's eq on a string; TradeStation's example filters symbol eq 'AAPL')."""
    fields = {key.casefold(): value for key, value in entry.items()}
    for name, wanted in clauses:
        if name not in fields:
            raise ApiError(400, INVALID_FILTER)
        if str(fields[name]).casefold() != wanted.casefold():
            return False
    return True


def select(entries: list[dict], clauses: list[tuple[str, str]] | None) -> list[dict]:
    return [entry for entry in entries if clauses is None or matches(entry, clauses)]
