"""Settings from the environment, each with a documented default, checked once at start-up.

| variable            | default                                   | meaning |
|---------------------|-------------------------------------------|---------|
| TS_BASE_URL         | (none; `python app.py` starts a simulator) | the upstream's v2 base URL |
| TS_CLIENT_ID        | demo-client on a loopback upstream         | the API key |
| TS_CLIENT_SECRET    | demo-secret on a loopback upstream         | the API secret |
| TS_REDIRECT_URI     | this bridge's /callback, as requested      | must match the key's registration |
| TS_API_VERSION      | 20101026                                  | the dialect of a request without APIVersion |
| TS_ENVIRONMENT      | SIM for sim hosts and loopback, else LIVE | the badge on the ticket |
| TS_DATA_LIMIT       | 8192                                      | the longest `data` parameter, in characters |
| TS_CONNECT_TIMEOUT  | 3                                         | seconds to reach the upstream |
| TS_READ_TIMEOUT     | 15                                        | seconds to wait for its answer |
| TS_RECONCILE_GRACE  | 60                                        | seconds after a failed send before an order missing upstream counts as not placed |
| DATABASE_URL        | sqlite:///<instance>/journal.sqlite3      | the journal (any SQLAlchemy URL) |
| SECRET_KEY          | made once into <instance>/secret_key      | signs the session cookie |
"""

import ipaddress
import os
import secrets
from dataclasses import dataclass
from urllib.parse import urlsplit

from tradestation.dialects import dialect_for
from tradestation.errors import ApiError

DEMO_CLIENT = ("demo-client", "demo-secret")
KEYS = ("TS_BASE_URL", "TS_CLIENT_ID", "TS_CLIENT_SECRET", "TS_REDIRECT_URI", "TS_API_VERSION",
        "TS_ENVIRONMENT", "TS_DATA_LIMIT", "TS_CONNECT_TIMEOUT", "TS_READ_TIMEOUT", "TS_RECONCILE_GRACE", "DATABASE_URL",
        "SECRET_KEY")


class ConfigError(Exception):
    """A setting that would make the bridge misbehave; start-up stops with this message."""


@dataclass(frozen=True)
class Settings:
    base_url: str
    client_id: str
    client_secret: str
    redirect_uri: str
    api_version: str
    environment: str
    data_limit: int
    connect_timeout: float
    read_timeout: float
    reconcile_grace: float
    database_url: str

    @property
    def upstream_origin(self):
        parts = urlsplit(self.base_url)
        return f"{parts.scheme}://{parts.netloc}"


def is_loopback(host):
    host = (host or "").strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _number(config, key, default, kind):
    raw = config.get(key)
    if raw in (None, ""):
        return default
    try:
        value = kind(raw)
    except (TypeError, ValueError):
        raise ConfigError(f"{key} must be a number, not {raw!r}") from None
    if value <= 0:
        raise ConfigError(f"{key} must be greater than zero")
    return value


def _secret_key(instance_path):
    """A key made once and kept in the instance folder, so sessions survive restarts and workers agree."""
    path = os.path.join(instance_path, "secret_key")
    try:
        if not os.path.exists(path):
            # Written aside and linked into place: a process starting at the same moment finds
            # either no file or a complete one, and the first link wins for both.
            draft = f"{path}.{os.getpid()}"
            with os.fdopen(os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as f:
                f.write(secrets.token_hex(32))
            try:
                os.link(draft, path)
            except FileExistsError:
                pass
            finally:
                os.unlink(draft)
        with open(path) as f:
            return f.read().strip()
    except OSError as error:
        raise ConfigError(f"SECRET_KEY is not set and {path} cannot be made or read: {error}") from None


def load(config, instance_path):
    """Fill `config` (a Flask config) from the environment where it is silent, check it, return Settings."""
    for key in KEYS:
        if config.get(key) in (None, "") and os.environ.get(key):
            config[key] = os.environ[key]

    base_url = (config.get("TS_BASE_URL") or "").rstrip("/")
    if not base_url:
        raise ConfigError("TS_BASE_URL is not set. `python app.py` starts the embedded simulator; "
                          "for TradeStation set TS_BASE_URL=https://sim-api.tradestation.com/v2 (or the live host).")
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"TS_BASE_URL must be an http(s) URL, not {base_url!r}")
    loopback = is_loopback(parts.hostname)
    if parts.scheme == "http" and not loopback:
        raise ConfigError("TS_BASE_URL must use https unless the upstream is on this machine (loopback)")

    client_id = config.get("TS_CLIENT_ID") or (DEMO_CLIENT[0] if loopback else "")
    client_secret = config.get("TS_CLIENT_SECRET") or (DEMO_CLIENT[1] if loopback else "")
    if not client_id or not client_secret:
        raise ConfigError("TS_CLIENT_ID and TS_CLIENT_SECRET are required for an upstream that is not on this machine")

    redirect_uri = config.get("TS_REDIRECT_URI") or ""
    if redirect_uri:
        redirect = urlsplit(redirect_uri)
        if redirect.scheme not in ("http", "https") or not redirect.hostname:
            raise ConfigError(f"TS_REDIRECT_URI must be an http(s) URL, not {redirect_uri!r}")
        if redirect.scheme == "http" and not is_loopback(redirect.hostname):
            raise ConfigError("TS_REDIRECT_URI must use https unless the bridge is on this machine (loopback)")

    api_version = str(config.get("TS_API_VERSION") or "20101026")
    try:
        dialect_for(api_version)
    except ApiError as error:
        raise ConfigError(f"TS_API_VERSION: {error.message}") from None

    environment = (config.get("TS_ENVIRONMENT") or "").upper()
    if not environment:
        environment = "SIM" if loopback or parts.hostname.startswith("sim") else "LIVE"
    if environment not in ("SIM", "LIVE"):
        raise ConfigError("TS_ENVIRONMENT must be SIM or LIVE")

    os.makedirs(instance_path, exist_ok=True)
    database_url = config.get("DATABASE_URL") or f"sqlite:///{os.path.join(instance_path, 'journal.sqlite3')}"
    if not config.get("SECRET_KEY"):
        config["SECRET_KEY"] = _secret_key(instance_path)

    if parts.scheme == "http":
        # oauthlib refuses a plain-HTTP token URL unless told otherwise; the checks above allow
        # one only on loopback, where nothing crosses a network.
        os.environ["OAUTHLIB_INSECURE_TRANSPORT"] = "1"

    return Settings(
        base_url=base_url, client_id=client_id, client_secret=client_secret, redirect_uri=redirect_uri,
        api_version=api_version, environment=environment,
        data_limit=_number(config, "TS_DATA_LIMIT", 8192, int),
        connect_timeout=_number(config, "TS_CONNECT_TIMEOUT", 3.0, float),
        read_timeout=_number(config, "TS_READ_TIMEOUT", 15.0, float),
        reconcile_grace=_number(config, "TS_RECONCILE_GRACE", 60.0, float),
        database_url=database_url,
    )
