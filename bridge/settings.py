"""The bridge's settings: one table of name, default, parser and meaning.

The table drives reading them (from create_app's overrides, then the environment), the README's
table (a test checks the two agree) and the test suite's clean environment. Reading has no side
effects; the factory makes the instance folder and the secret key file.
"""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass
from typing import Any, Callable, Mapping
from urllib.parse import urlsplit

from tradestation.dialects import dialect_for
from tradestation.errors import ApiError

DEMO_CLIENT = ("demo-client", "demo-secret")


class ConfigError(Exception):
    """A setting that would make the bridge misbehave; start-up stops with this message."""


def _text(name: str, value: str) -> str:
    return value


def _url(name: str, value: str) -> str:
    value = value.rstrip("/")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"{name} must be an http(s) URL, not {value!r}")
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise ConfigError(f"{name} must use https unless it is on this machine (loopback)")
    return value


def _api_version(name: str, value: str) -> str:
    try:
        dialect_for(value)
    except ApiError as error:
        raise ConfigError(f"{name}: {error.message}") from None
    return value


def _environment(name: str, value: str) -> str:
    if value.upper() not in ("SIM", "LIVE"):
        raise ConfigError(f"{name} must be SIM or LIVE")
    return value.upper()


def _positive(kind: type) -> Callable[[str, str], float]:
    def parse(name: str, value: str) -> float:
        try:
            number = kind(value)
        except (TypeError, ValueError):
            raise ConfigError(f"{name} must be a number, not {value!r}") from None
        if number <= 0:
            raise ConfigError(f"{name} must be greater than zero")
        return number
    return parse


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any            # the value when unset; None where it follows from other settings
    parse: Callable[[str, str], Any]
    meaning: str
    documented: str = ""    # the default as the README words it, where it is not simply `default`

    @property
    def documented_default(self) -> str:
        return self.documented or f"`{self.default}`"


SETTINGS = (
    Setting("TS_BASE_URL", None, _url, "the upstream's v2 base URL",
            "unset: `python app.py` starts the embedded simulator"),
    Setting("TS_CLIENT_ID", None, _text, "the API key; required otherwise",
            "`demo-client` when the upstream is on loopback"),
    Setting("TS_CLIENT_SECRET", None, _text, "the API secret; required otherwise",
            "`demo-secret` when the upstream is on loopback"),
    Setting("TS_REDIRECT_URI", None, _url, "must be the one registered with the API key",
            "this bridge's `/callback`, as the browser reached it"),
    Setting("TS_API_VERSION", "20101026", _api_version,
            "the dialect of a JSONP request that names no `APIVersion` (the ticket always names one)"),
    Setting("TS_ENVIRONMENT", None, _environment, "the badge on the ticket",
            "`SIM` for sim hosts and loopback, `LIVE` otherwise"),
    Setting("TS_DATA_LIMIT", 8192, _positive(int), "the longest `data` parameter, in characters"),
    Setting("TS_CONNECT_TIMEOUT", 3.0, _positive(float), "seconds to reach TradeStation"),
    Setting("TS_READ_TIMEOUT", 15.0, _positive(float), "seconds to wait for TradeStation's answer"),
    Setting("TS_RECONCILE_GRACE", 60.0, _positive(float),
            "seconds after a failed send before an order TradeStation does not list counts as not placed"),
    Setting("TS_PRICE_BAND_PERCENT", 10.0, _positive(float),
            "a limit or stop price this many percent or more away from the last price needs a second confirmation"),
    Setting("TS_ORDER_VALUE_LIMIT", 100000.0, _positive(float),
            "an order worth more than this (quantity × price × point value) needs a second confirmation"),
    Setting("DATABASE_URL", None, _text,
            "the journal and the users' tokens; any SQLAlchemy URL (PostgreSQL needs its driver installed)",
            "`sqlite:///instance/journal.sqlite3`"),
    Setting("SECRET_KEY", None, _text, "signs the session cookie", "made once into `instance/secret_key`"),
)
NAMES = tuple(setting.name for setting in SETTINGS)


@dataclass(frozen=True)
class Settings:
    base_url: str
    client_id: str
    client_secret: str
    redirect_uri: str = ""
    api_version: str = "20101026"
    environment: str = "SIM"
    data_limit: int = 8192
    connect_timeout: float = 3.0
    read_timeout: float = 15.0
    reconcile_grace: float = 60.0
    price_band_percent: float = 10.0
    order_value_limit: float = 100000.0
    database_url: str = ""
    secret_key: str = ""            # empty: the factory keeps one in the instance folder

    @property
    def upstream_origin(self) -> str:
        parts = urlsplit(self.base_url)
        return f"{parts.scheme}://{parts.netloc}"

    @property
    def plain_http_upstream(self) -> bool:
        """Allowed only on loopback (checked on reading), where nothing crosses a network."""
        return self.base_url.startswith("http://")


def is_loopback(host: str | None) -> bool:
    host = (host or "").strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def read(overrides: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None,
         instance_path: str = "instance") -> Settings:
    """Settings from `overrides` (create_app's argument) where given, else the environment; checked."""
    overrides = overrides or {}
    environ = os.environ if environ is None else environ
    values = {}
    for setting in SETTINGS:
        raw = overrides.get(setting.name)
        if raw in (None, ""):
            raw = environ.get(setting.name)
        values[setting.name] = setting.default if raw in (None, "") else setting.parse(setting.name, str(raw))

    base_url = values["TS_BASE_URL"]
    if not base_url:
        raise ConfigError("TS_BASE_URL is not set. `python app.py` starts the embedded simulator; "
                          "for TradeStation set TS_BASE_URL=https://sim-api.tradestation.com/v2 (or the live host).")
    host = urlsplit(base_url).hostname
    loopback = is_loopback(host)
    client_id = values["TS_CLIENT_ID"] or (DEMO_CLIENT[0] if loopback else "")
    client_secret = values["TS_CLIENT_SECRET"] or (DEMO_CLIENT[1] if loopback else "")
    if not client_id or not client_secret:
        raise ConfigError("TS_CLIENT_ID and TS_CLIENT_SECRET are required for an upstream that is not on this machine")
    return Settings(
        base_url=base_url, client_id=client_id, client_secret=client_secret,
        redirect_uri=values["TS_REDIRECT_URI"] or "", api_version=values["TS_API_VERSION"],
        environment=values["TS_ENVIRONMENT"] or ("SIM" if loopback or host.startswith("sim") else "LIVE"),
        data_limit=values["TS_DATA_LIMIT"], connect_timeout=values["TS_CONNECT_TIMEOUT"],
        read_timeout=values["TS_READ_TIMEOUT"], reconcile_grace=values["TS_RECONCILE_GRACE"],
        price_band_percent=values["TS_PRICE_BAND_PERCENT"], order_value_limit=values["TS_ORDER_VALUE_LIMIT"],
        database_url=values["DATABASE_URL"] or f"sqlite:///{os.path.join(instance_path, 'journal.sqlite3')}",
        secret_key=values["SECRET_KEY"] or "",
    )
