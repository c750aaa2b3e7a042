"""How a setting's text becomes its value: each parser takes the setting's name and its text, and either
returns the value or stops start-up with a ConfigError that names the setting and says why."""

from __future__ import annotations

import ipaddress
from typing import Callable
from urllib.parse import urlsplit

from limits import parse_many

from tradestation.dialects import dialect_for
from tradestation.errors import ApiError

from .logs import FORMATS as LOG_FORMATS
from .sealing import valid_key

MAX_SESSION = 43200             # OWASP ASVS level 2 (3.3.2): log in again at least every 12 hours
V3_REQUIRED_SCOPES = ("openid", "offline_access")


class ConfigError(Exception):
    """A setting that would make the bridge misbehave; start-up stops with this message."""


def is_loopback(host: str | None) -> bool:
    host = (host or "").strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def text(name: str, value: str) -> str:
    return value


def url(name: str, value: str) -> str:
    value = value.rstrip("/")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"{name} must be an http(s) URL, not {value!r}")
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise ConfigError(f"{name} must use https unless it is on this machine (loopback)")
    return value


def api_version(name: str, value: str) -> str:
    try:
        dialect_for(value)
    except ApiError as error:
        raise ConfigError(f"{name}: {error.message}") from None
    return value


def environment(name: str, value: str) -> str:
    if value.upper() not in ("SIM", "LIVE"):
        raise ConfigError(f"{name} must be SIM or LIVE")
    return value.upper()


def positive(kind: type) -> Callable[[str, str], float]:
    def parse(name: str, value: str) -> float:
        try:
            number = kind(value)
        except (TypeError, ValueError):
            raise ConfigError(f"{name} must be a number, not {value!r}") from None
        if number <= 0:
            raise ConfigError(f"{name} must be greater than zero")
        return number
    return parse


def whole(name: str, value: str) -> int:
    if not value.isdigit():
        raise ConfigError(f"{name} must be a whole number, not {value!r}")
    return int(value)


def switch(name: str, value: str) -> bool:
    words = {"on": True, "true": True, "1": True, "off": False, "false": False, "0": False}
    if value.lower() not in words:
        raise ConfigError(f"{name} must be on or off, not {value!r}")
    return words[value.lower()]


def keys(name: str, value: str) -> tuple:
    given = tuple(key.strip() for key in value.split(",") if key.strip())
    if not given or not all(valid_key(key) for key in given):
        raise ConfigError(f"{name} must be Fernet keys (32 url-safe base64-encoded bytes each), comma-separated; "
                          "make one with: python -c 'from cryptography.fernet import Fernet; "
                          "print(Fernet.generate_key().decode())'")
    return given


def scopes(name: str, value: str) -> str:
    given = value.split()
    missing = [scope for scope in V3_REQUIRED_SCOPES if scope not in given]
    if missing:
        raise ConfigError(f"{name} must include {' and '.join(missing)}: the bridge needs to know who signed in "
                          "and to refresh the token")
    return " ".join(given)


def log_format(name: str, value: str) -> str:
    if value.lower() not in LOG_FORMATS:
        raise ConfigError(f"{name} must be {' or '.join(LOG_FORMATS)}, not {value!r}")
    return value.lower()


def session_lifetime(name: str, value: str) -> float:
    seconds = positive(float)(name, value)
    if seconds > MAX_SESSION:
        raise ConfigError(f"{name} may be at most {MAX_SESSION} seconds (12 hours)")
    return seconds


def rate(name: str, value: str) -> str:
    """Limits in Flask-Limiter's words, `;`-separated: `40 per second; 1200 per minute`."""
    try:
        items = parse_many(value)
    except ValueError:
        items = []
    if not items or any(item.amount < 1 for item in items):
        raise ConfigError(f"{name} must be limits such as '40 per second; 1200 per minute', not {value!r}")
    return value
