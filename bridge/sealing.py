"""Tokens sealed at rest with Fernet (the cryptography package), so a copy of the database alone
reveals none. Several keys make rotation possible: the first seals, every one opens."""

from __future__ import annotations

from typing import Sequence

from cryptography.fernet import Fernet, InvalidToken, MultiFernet


class Sealer:
    def __init__(self, keys: Sequence[str]) -> None:
        self._fernet = MultiFernet([Fernet(key) for key in keys])

    def seal(self, text: str) -> str:
        return self._fernet.encrypt(text.encode()).decode()

    def open(self, sealed: str) -> str | None:
        """The text, or None when no key of ours sealed it (a key retired too early, or tampering)."""
        try:
            return self._fernet.decrypt(sealed.encode()).decode()
        except (InvalidToken, ValueError):
            return None


def new_key() -> str:
    return Fernet.generate_key().decode()


def valid_key(key: str) -> bool:
    try:
        Fernet(key)
    except (ValueError, TypeError):
        return False
    return True
