"""How hard a SECRET_KEY is to guess, measured rather than assumed.

A key that is long and has many different characters can still be a word repeated or a run of digits
(`password1password1…`, `0123456789abcdef0123456789abcdef`). zxcvbn estimates how many guesses an
attacker who knows such patterns needs; a key signs every session cookie, so it must need about 2^80 at least.
"""

from __future__ import annotations

from functools import lru_cache

from zxcvbn import zxcvbn

MIN_LENGTH = 32
MIN_GUESSES_LOG10 = 24     # about 80 bits; 16 random bytes (32 hex characters) measure 29 or more
MEASURED = 100             # zxcvbn's cost grows with length; a longer key is measured on its first characters
HOW_TO_MAKE = "make one with: python -c 'import secrets; print(secrets.token_hex(32))'"


# Measuring a key costs 15 ms of CPU; a process that makes its app again with the same key (the tests start one
# per test, all with one key) measures it once. The few keys remembered are ones this process already holds.
@lru_cache(maxsize=4)
def secret_key_problem(key: str) -> str | None:
    """Why this SECRET_KEY is too easy to guess, or None when it is not."""
    if len(key) < MIN_LENGTH:
        return f"SECRET_KEY of at least {MIN_LENGTH} random characters is required (this one has {len(key)}); " \
               + HOW_TO_MAKE
    if zxcvbn(key[:MEASURED])["guesses_log10"] < MIN_GUESSES_LOG10:
        return f"SECRET_KEY of at least {MIN_LENGTH} random characters is required: this one follows a pattern " \
               f"(a repeated word, a sequence) and is easily guessed; " + HOW_TO_MAKE
    return None
