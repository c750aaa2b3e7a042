"""The bridge's settings, each declared once: a field of Settings with its environment variable, default,
parser and meaning.

That one declaration feeds reading them (from create_app's overrides, then the environment; a malformed
one stops start-up with a message naming it), the README's table (a test checks the two agree), the test
suite's clean environment, and the Settings a test builds directly. Reading has no side effects; the factory
makes the instance folder and the secret key file.
"""

from __future__ import annotations

import os
from dataclasses import MISSING, dataclass, field, fields
from typing import Any, Callable, Mapping
from urllib.parse import urlsplit

from tradestation.sim_contract import DEMO_CLIENT

from . import setting_values as parse
from .secret_strength import HOW_TO_MAKE, MIN_LENGTH, secret_key_problem
from .setting_values import MAX_SESSION, ConfigError

V3_SIGNIN_URL = "https://signin.tradestation.com"
SIM_HOST = "sim-api.tradestation.com"       # TradeStation's simulated trading, WebAPI v2 and API v3 alike


@dataclass(frozen=True)
class Setting:
    name: str               # the environment variable (or create_app's key)
    attribute: str          # the field of Settings it fills
    default: Any            # the value when unset; where it follows from other settings, read() works it out
    parse: Callable[[str, str], Any]
    meaning: str
    documented: str = ""    # the default as the README words it, where it is not simply `default`

    @property
    def documented_default(self) -> str:
        return self.documented or f"`{self.default}`"

    def given(self, overrides: Mapping[str, Any], environ: Mapping[str, str]) -> Any:
        """The parsed value from the overrides, else the environment; None when neither sets it."""
        raw = overrides.get(self.name)
        if raw in (None, ""):
            raw = environ.get(self.name)
        return None if raw in (None, "") else self.parse(self.name, str(raw))


def setting(name: str, parser: Callable[[str, str], Any], meaning: str, default: Any = MISSING,
            documented: str = "") -> Any:
    """A field of Settings and its declaration as a setting; without a default, a Settings built directly
    must be given it."""
    return field(default=default, metadata={"setting": (name, parser, meaning, documented)})


@dataclass(frozen=True)
class Settings:
    base_url: str = setting(
        "TS_BASE_URL", parse.url,
        "the upstream's base URL: ending in `/v2`, WebAPI v2; ending in `/v3`, API v3 (see Real TradeStation today)",
        documented="unset: `python app.py` starts the embedded simulator")
    client_id: str = setting("TS_CLIENT_ID", parse.text, "the API key; required otherwise",
                             documented=f"`{DEMO_CLIENT.name}` for the simulator")
    client_secret: str = setting("TS_CLIENT_SECRET", parse.text, "the API secret; required otherwise",
                                 documented=f"`{DEMO_CLIENT.secret}` for the simulator")
    redirect_uri: str = setting("TS_REDIRECT_URI", parse.url, "must be the one registered with the API key", "",
                                documented="this bridge's `/callback`, as the browser reached it")
    signin_url: str = setting(       # empty for a v2 upstream
        "TS_SIGNIN_URL", parse.url,
        "API v3 only: where traders sign in (TradeStation's Auth0: `/authorize`, `/oauth/token`)", "",
        documented=f"`{V3_SIGNIN_URL}`; the simulator's own host")
    audience: str = setting("TS_AUDIENCE", parse.text, "API v3 only: the `audience` asked for at sign-in",
                            "https://api.tradestation.com")
    scopes: str = setting(
        "TS_SCOPES", parse.scopes,
        "API v3 only: the scopes asked for at sign-in, space-separated; `openid` (who signed in) and "
        "`offline_access` (a refresh token) are required", "openid offline_access MarketData ReadAccount Trade")
    api_version: str = setting(
        "TS_API_VERSION", parse.api_version,
        "the dialect of a JSONP request that names no `APIVersion` (the ticket always names one)", "20101026")
    environment: str = setting("TS_ENVIRONMENT", parse.environment, "the badge on the ticket", "SIM",
                               documented=f"`SIM` for the simulator and `{SIM_HOST}`, `LIVE` otherwise")
    data_limit: int = setting("TS_DATA_LIMIT", parse.positive(int), "the longest `data` parameter, in characters",
                              8192)
    connect_timeout: float = setting("TS_CONNECT_TIMEOUT", parse.positive(float), "seconds to reach TradeStation",
                                     3.0)
    read_timeout: float = setting("TS_READ_TIMEOUT", parse.positive(float),
                                  "seconds to wait for TradeStation's answer", 15.0)
    reconcile_grace: float = setting(
        "TS_RECONCILE_GRACE", parse.positive(float),
        "seconds after a failed send before an order TradeStation does not list counts as not placed", 60.0)
    price_band_percent: float = setting(
        "TS_PRICE_BAND_PERCENT", parse.positive(float),
        "a limit or stop price this many percent or more away from the last price needs a second confirmation", 10.0)
    order_value_limit: float = setting(
        "TS_ORDER_VALUE_LIMIT", parse.positive(float),
        "an order worth more than this (quantity × price × point value) needs a second confirmation", 100000.0)
    database_url: str = setting(
        "DATABASE_URL", parse.text,
        "the journal and the users' tokens; any SQLAlchemy URL (PostgreSQL needs its driver installed)", "",
        documented="`sqlite:///instance/journal.sqlite3`")
    secret_key: str = setting(      # empty: the factory keeps one in the instance folder
        "SECRET_KEY", parse.text,
        f"signs the session cookie; at least {MIN_LENGTH} random characters, required otherwise", "",
        documented="made once into `instance/secret_key` for the simulator")
    token_keys: tuple = setting(    # empty: likewise
        "TS_TOKEN_KEYS", parse.keys,
        "Fernet keys, comma-separated, that seal the tokens at rest: the first seals, every one opens "
        "(rotation); required otherwise", (),
        documented="made once into `instance/token_key` for the simulator")
    token_grace: float = setting(
        "TS_TOKEN_GRACE", parse.positive(float),
        "seconds an access token replaced by a refresh is still accepted, so that pages in flight finish", 60.0)
    session_idle: float = setting(
        "TS_SESSION_IDLE", parse.positive(float),
        "seconds without use after which a login ends (OWASP ASVS level 2: 30 minutes)", 1800.0)
    session_lifetime: float = setting(
        "TS_SESSION_LIFETIME", parse.session_lifetime,
        "seconds after which a login ends however it is used; at most 12 hours (ASVS level 2)", float(MAX_SESSION))
    quota_scale: float = setting(
        "TS_QUOTA_SCALE", parse.positive(float),
        "a factor on TradeStation's quota windows as the bridge counts them; below 1 only against a simulator whose "
        "windows are shortened alike (tests)", 1.0)
    live_pages: int = setting(
        "TS_LIVE_PAGES", parse.positive(int),
        "live data streams (`/live`, one per open ticket page) one bridge process holds at once; past it `/live` "
        "answers 503 and the page tries again later", 100)
    secure_cookies: bool = setting(
        "TS_SECURE_COOKIES", parse.switch,
        "`on` or `off`: the session cookie is `Secure` and named `__Host-tsbridge`, and https answers carry HSTS",
        False, documented="`on`, except when the bridge is reached over plain HTTP on loopback")
    proxies: int = setting(
        "TS_PROXIES", parse.whole,
        "how many reverse proxies in front of the bridge set `X-Forwarded-For`, `-Proto`, `-Host` "
        "(trusted through Werkzeug's ProxyFix)", 0)
    user_rate: str = setting(
        "TS_USER_RATE", parse.rate,
        "requests one login (or one token, or a visitor without either) may make to one bridge process (each "
        "gunicorn worker counts its own), `;`-separated; over it, 429 (a JSONP call: its refusal in the callback)",
        "40 per second; 1200 per minute")
    address_rate: str = setting(
        "TS_ADDRESS_RATE", parse.rate,
        "requests one client address may make to one bridge process (behind nginx, nginx's limit is shared)",
        "100 per second; 3000 per minute")
    log_format: str = setting(
        "TS_LOG_FORMAT", parse.log_format,
        "`text` or `json`: log records (the bridge's and gunicorn's) as one JSON object per line, still redacted",
        "text")

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
        """Allowed only on loopback (checked on reading), where nothing crosses a network: the simulator."""
        return is_simulator(self.base_url)


SETTINGS = tuple(Setting(name, item.name, None if item.default is MISSING else item.default, parser, meaning,
                         documented)
                 for item in fields(Settings)
                 for name, parser, meaning, documented in [item.metadata["setting"]])
NAMES = tuple(one.name for one in SETTINGS)


def is_simulator(base_url: str) -> bool:
    """Our simulator (the one create_app_with_simulator starts, or one on loopback) serves plain http, which
    the URL's parser allows only on loopback. An https upstream may be TradeStation, live, whatever its host:
    a tunnel on loopback to the live API is one. So the scheme decides, never the host."""
    return urlsplit(base_url).scheme == "http"


def named(name: str) -> Setting:
    return next(one for one in SETTINGS if one.name == name)


def read(overrides: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None,
         instance_path: str = "instance") -> Settings:
    """Settings from `overrides` (create_app's argument) where given, else the environment; checked. What is
    unset keeps its declared default, or follows from the others (mostly: is the upstream the simulator)."""
    environ = os.environ if environ is None else environ
    given = {one.attribute: value for one in SETTINGS
             if (value := one.given(overrides or {}, environ)) is not None}

    base_url = given.get("base_url")
    if not base_url:
        raise ConfigError("TS_BASE_URL is not set. `python app.py` starts the embedded simulator; "
                          "for TradeStation set TS_BASE_URL=https://sim-api.tradestation.com/v2 (or the live host).")
    simulator = is_simulator(base_url)
    client_id = given.get("client_id") or (DEMO_CLIENT.name if simulator else "")
    client_secret = given.get("client_secret") or (DEMO_CLIENT.secret if simulator else "")
    if not client_id or not client_secret:
        raise ConfigError(f"TS_CLIENT_ID and TS_CLIENT_SECRET are required for an upstream other than the simulator "
                          f"(plain http on loopback); {base_url} may be TradeStation, a tunnel on loopback included")
    redirect_uri = given.get("redirect_uri", "")
    secret_key = given.get("secret_key", "")
    weak_key = secret_key and secret_key_problem(secret_key)   # the simulator's too: only a key the bridge makes
    if weak_key:                                                # is exempt
        raise ConfigError(weak_key)
    if not simulator:
        # Real money may be at stake: nothing may be guessed from the request or made up.
        if not redirect_uri:
            raise ConfigError("TS_REDIRECT_URI is required for an upstream other than the simulator: "
                              "the https URL of this bridge's /callback registered with the API key")
        if not secret_key:
            raise ConfigError(f"SECRET_KEY of at least {MIN_LENGTH} random characters is required for an upstream "
                              f"other than the simulator; {HOW_TO_MAKE}")
        if not given.get("token_keys"):
            raise ConfigError("TS_TOKEN_KEYS is required for an upstream other than the simulator; make a key "
                              "with: python -c 'from cryptography.fernet import Fernet; "
                              "print(Fernet.generate_key().decode())'")
    signin_url = ""
    if urlsplit(base_url).path.rstrip("/").endswith("/v3"):
        # The simulator signs in at its own root, as TradeStation's Auth0 host does at its.
        signin_url = given.get("signin_url") or (
            f"{urlsplit(base_url).scheme}://{urlsplit(base_url).netloc}" if simulator else V3_SIGNIN_URL)
    secure_cookies = given.get("secure_cookies")
    if secure_cookies is None:
        secure_cookies = (redirect_uri.startswith("https://") if redirect_uri else not simulator)
    return Settings(**{
        **given, "client_id": client_id, "client_secret": client_secret, "signin_url": signin_url,
        "environment": given.get("environment") or (
            "SIM" if simulator or urlsplit(base_url).hostname == SIM_HOST else "LIVE"),
        "database_url": given.get("database_url") or f"sqlite:///{os.path.join(instance_path, 'journal.sqlite3')}",
        "secure_cookies": secure_cookies,
    })
