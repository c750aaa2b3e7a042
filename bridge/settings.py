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

from .logs import FORMATS as LOG_FORMATS
from .sealing import valid_key
from .secret_strength import secret_key_problem

DEMO_CLIENT = ("demo-client", "demo-secret")
MAX_SESSION = 43200             # OWASP ASVS level 2 (3.3.2): log in again at least every 12 hours
V3_SIGNIN_URL = "https://signin.tradestation.com"
STRONG_SECRET = 32              # characters of SECRET_KEY required for an upstream off this machine


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


def _whole(name: str, value: str) -> int:
    if not value.isdigit():
        raise ConfigError(f"{name} must be a whole number, not {value!r}")
    return int(value)


def _switch(name: str, value: str) -> bool:
    words = {"on": True, "true": True, "1": True, "off": False, "false": False, "0": False}
    if value.lower() not in words:
        raise ConfigError(f"{name} must be on or off, not {value!r}")
    return words[value.lower()]


def _keys(name: str, value: str) -> tuple:
    keys = tuple(key.strip() for key in value.split(",") if key.strip())
    if not keys or not all(valid_key(key) for key in keys):
        raise ConfigError(f"{name} must be Fernet keys (32 url-safe base64-encoded bytes each), comma-separated; "
                          "make one with: python -c 'from cryptography.fernet import Fernet; "
                          "print(Fernet.generate_key().decode())'")
    return keys


V3_REQUIRED_SCOPES = ("openid", "offline_access")


def _scopes(name: str, value: str) -> str:
    scopes = value.split()
    missing = [scope for scope in V3_REQUIRED_SCOPES if scope not in scopes]
    if missing:
        raise ConfigError(f"{name} must include {' and '.join(missing)}: the bridge needs to know who signed in "
                          "and to refresh the token")
    return " ".join(scopes)


def _log_format(name: str, value: str) -> str:
    if value.lower() not in LOG_FORMATS:
        raise ConfigError(f"{name} must be {' or '.join(LOG_FORMATS)}, not {value!r}")
    return value.lower()


def _session_lifetime(name: str, value: str) -> float:
    seconds = _positive(float)(name, value)
    if seconds > MAX_SESSION:
        raise ConfigError(f"{name} may be at most {MAX_SESSION} seconds (12 hours)")
    return seconds


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
    Setting("TS_BASE_URL", None, _url,
            "the upstream's base URL: ending in `/v2`, WebAPI v2; ending in `/v3`, API v3 (see Real TradeStation today)",
            "unset: `python app.py` starts the embedded simulator"),
    Setting("TS_CLIENT_ID", None, _text, "the API key; required otherwise",
            "`demo-client` when the upstream is on loopback"),
    Setting("TS_CLIENT_SECRET", None, _text, "the API secret; required otherwise",
            "`demo-secret` when the upstream is on loopback"),
    Setting("TS_REDIRECT_URI", None, _url, "must be the one registered with the API key",
            "this bridge's `/callback`, as the browser reached it"),
    Setting("TS_SIGNIN_URL", None, _url,
            "API v3 only: where traders sign in (TradeStation's Auth0: `/authorize`, `/oauth/token`)",
            "`https://signin.tradestation.com`; the upstream's own host when it is on loopback"),
    Setting("TS_AUDIENCE", "https://api.tradestation.com", _text, "API v3 only: the `audience` asked for at sign-in"),
    Setting("TS_SCOPES", "openid offline_access MarketData ReadAccount Trade", _scopes,
            "API v3 only: the scopes asked for at sign-in, space-separated; `openid` (who signed in) and "
            "`offline_access` (a refresh token) are required"),
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
    Setting("SECRET_KEY", None, _text,
            f"signs the session cookie; at least {STRONG_SECRET} random characters, required otherwise",
            "made once into `instance/secret_key` when the upstream is on loopback"),
    Setting("TS_TOKEN_KEYS", None, _keys,
            "Fernet keys, comma-separated, that seal the tokens at rest: the first seals, every one opens "
            "(rotation); required otherwise",
            "made once into `instance/token_key` when the upstream is on loopback"),
    Setting("TS_TOKEN_GRACE", 60.0, _positive(float),
            "seconds an access token replaced by a refresh is still accepted, so that pages in flight finish"),
    Setting("TS_SESSION_IDLE", 1800.0, _positive(float),
            "seconds without use after which a login ends (OWASP ASVS level 2: 30 minutes)"),
    Setting("TS_SESSION_LIFETIME", 43200.0, _session_lifetime,
            "seconds after which a login ends however it is used; at most 12 hours (ASVS level 2)"),
    Setting("TS_SECURE_COOKIES", None, _switch,
            "`on` or `off`: the session cookie is `Secure` and named `__Host-tsbridge`, and https answers carry HSTS",
            "`on`, except when the bridge is reached over plain HTTP on loopback"),
    Setting("TS_PROXIES", 0, _whole,
            "how many reverse proxies in front of the bridge set `X-Forwarded-For`, `-Proto`, `-Host` "
            "(trusted through Werkzeug's ProxyFix)"),
    Setting("TS_LOG_FORMAT", "text", _log_format,
            "`text` or `json`: log records (the bridge's and gunicorn's) as one JSON object per line, still redacted"),
)
NAMES = tuple(setting.name for setting in SETTINGS)


@dataclass(frozen=True)
class Settings:
    base_url: str
    client_id: str
    client_secret: str
    redirect_uri: str = ""
    signin_url: str = ""            # API v3's sign-in host; empty for a v2 upstream
    audience: str = "https://api.tradestation.com"
    scopes: str = "openid offline_access MarketData ReadAccount Trade"
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
    token_keys: tuple = ()          # empty: likewise
    token_grace: float = 60.0
    session_idle: float = 1800.0
    session_lifetime: float = 43200.0
    secure_cookies: bool = False
    proxies: int = 0
    log_format: str = "text"

    @property
    def upstream_origin(self) -> str:
        parts = urlsplit(self.base_url)
        return f"{parts.scheme}://{parts.netloc}"

    @property
    def upstream_api(self) -> str:
        """"v3" for an API v3 base URL (its path ends in /v3), else "v2"."""
        return "v3" if urlsplit(self.base_url).path.rstrip("/").endswith("/v3") else "v2"

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
    redirect_uri = values["TS_REDIRECT_URI"] or ""
    secret_key = values["SECRET_KEY"] or ""
    if secret_key and secret_key_problem(secret_key):     # on loopback too: only a key the bridge makes is exempt
        raise ConfigError(secret_key_problem(secret_key))
    if not loopback:
        # Off this machine real money is at stake: nothing may be guessed from the request or made up.
        if not redirect_uri:
            raise ConfigError("TS_REDIRECT_URI is required for an upstream that is not on this machine: "
                              "the https URL of this bridge's /callback registered with the API key")
        if not secret_key:
            raise ConfigError(f"SECRET_KEY of at least {STRONG_SECRET} random characters is required for an upstream "
                              "that is not on this machine; make one with: python -c 'import secrets; "
                              "print(secrets.token_hex(32))'")
        if not values["TS_TOKEN_KEYS"]:
            raise ConfigError("TS_TOKEN_KEYS is required for an upstream that is not on this machine; make a key "
                              "with: python -c 'from cryptography.fernet import Fernet; "
                              "print(Fernet.generate_key().decode())'")
    signin_url = ""
    if urlsplit(base_url).path.rstrip("/").endswith("/v3"):
        # The simulator signs in at its own root, as TradeStation's Auth0 host does at its.
        signin_url = values["TS_SIGNIN_URL"] or (
            f"{urlsplit(base_url).scheme}://{urlsplit(base_url).netloc}" if loopback else V3_SIGNIN_URL)
    secure_cookies = values["TS_SECURE_COOKIES"]
    if secure_cookies is None:
        secure_cookies = (redirect_uri.startswith("https://") if redirect_uri else not loopback)
    return Settings(
        base_url=base_url, client_id=client_id, client_secret=client_secret,
        redirect_uri=redirect_uri, signin_url=signin_url, audience=values["TS_AUDIENCE"], scopes=values["TS_SCOPES"],
        api_version=values["TS_API_VERSION"],
        environment=values["TS_ENVIRONMENT"] or ("SIM" if loopback or host.startswith("sim") else "LIVE"),
        data_limit=values["TS_DATA_LIMIT"], connect_timeout=values["TS_CONNECT_TIMEOUT"],
        read_timeout=values["TS_READ_TIMEOUT"], reconcile_grace=values["TS_RECONCILE_GRACE"],
        price_band_percent=values["TS_PRICE_BAND_PERCENT"], order_value_limit=values["TS_ORDER_VALUE_LIMIT"],
        database_url=values["DATABASE_URL"] or f"sqlite:///{os.path.join(instance_path, 'journal.sqlite3')}",
        secret_key=secret_key, token_keys=values["TS_TOKEN_KEYS"] or (), token_grace=values["TS_TOKEN_GRACE"],
        session_idle=values["TS_SESSION_IDLE"], session_lifetime=values["TS_SESSION_LIFETIME"],
        secure_cookies=secure_cookies, proxies=values["TS_PROXIES"], log_format=values["TS_LOG_FORMAT"],
    )
