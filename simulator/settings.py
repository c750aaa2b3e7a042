"""The simulator's settings: their defaults, how a value is read, and which may change at run time.

One table drives create_app(config), the environment in server mode and POST /admin/faults, so a
setting cannot be spelt or checked differently in the three places.
"""

import json
import os

from tradestation.tokens import VARIANTS

from .v3.id_tokens import FAULTS as ID_TOKEN_FAULTS


class SettingError(ValueError):
    pass


def _integer(low, high=None):
    def parse(value):
        if isinstance(value, bool):
            raise SettingError("a whole number is required")
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise SettingError("a whole number is required") from None
        if isinstance(value, float) and value != number:
            raise SettingError("a whole number is required")
        if number < low or (high is not None and number > high):
            raise SettingError(f"must be between {low} and {high}" if high is not None else f"must be at least {low}")
        return number
    return parse


def _seconds(low):
    def parse(value):
        if isinstance(value, bool):
            raise SettingError("a number of seconds is required")
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise SettingError("a number of seconds is required") from None
        if not number >= low or number > 10 ** 7:
            raise SettingError(f"must be at least {low} seconds")
        return int(number) if number.is_integer() else number
    return parse


def _fraction(value):
    if isinstance(value, bool):
        raise SettingError("a fraction between 0 and 1 is required")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise SettingError("a fraction between 0 and 1 is required") from None
    if not 0.0 <= number <= 1.0:
        raise SettingError("a fraction between 0 and 1 is required")
    return number


def _one_of(*allowed):
    def parse(value):
        if value not in allowed:
            raise SettingError("one of " + ", ".join(allowed))
        return value
    return parse


def _clients(value):
    """Extra OAuth clients: {"client-id": {"secret": "...", "redirect_uris": ["https://...", "loopback"]}}."""
    if isinstance(value, str):
        try:
            value = json.loads(value) if value.strip() else {}
        except ValueError:
            raise SettingError("JSON is required") from None
    if not isinstance(value, dict):
        raise SettingError("an object of client id to {secret, redirect_uris} is required")
    for client_id, entry in value.items():
        if (not isinstance(entry, dict) or not isinstance(entry.get("secret"), str) or not entry["secret"]
                or not isinstance(entry.get("redirect_uris"), list)
                or not all(isinstance(uri, str) and uri for uri in entry["redirect_uris"])):
            raise SettingError(f"client {client_id!r} needs a secret and a list of redirect_uris")
    return value


def _admin_token(value):
    if not isinstance(value, str) or len(value) < 16:
        raise SettingError("at least 16 characters are required")
    return value


# name: (default, parser, changeable at run time)
SETTINGS = {
    # None: a random token of this process's own (bench and test servers in a subprocess set one).
    "SIM_ADMIN_TOKEN": (None, _admin_token, False),
    "SIM_SEED": (7, _integer(0), False),
    "SIM_ORDER_ID_START": (208033600, _integer(1, 10 ** 17), False),
    "SIM_CLIENTS": ({}, _clients, False),
    "SIM_TOKEN_VARIANT": ("all", _one_of(*VARIANTS), True),
    "SIM_TOKEN_LIFETIME": (1200, _seconds(1), True),
    "SIM_CODE_LIFETIME": (30, _seconds(0.5), True),
    "SIM_LATENCY_MS": (0, _integer(0, 60000), True),
    "SIM_ERROR_RATE": (0.0, _fraction, True),
    "SIM_DROP_RATE": (0.0, _fraction, True),
    "SIM_DROP_WHEN": ("after", _one_of("after", "before"), True),
    "SIM_QUOTA": (0, _integer(0), True),
    # A token response without userid, as some of TradeStation's examples (and its v3) have: a client
    # must not take such a login for anyone in particular.
    "SIM_OMIT_USERID": ("off", _one_of("off", "on"), True),
    # The v3 face's refresh tokens: "on", each refresh hands out a new one and ends the old one. Off by
    # default, as TradeStation's keys are unless set to rotate.
    "SIM_ROTATE_REFRESH": ("off", _one_of("off", "on"), True),
    # The v3 face's order lists: "on", each order carries the OrderConfirmID it was placed with, which v3's
    # Order object does not have; "off" lists orders exactly as v3 documents them.
    "SIM_V3_LIST_CONFIRM_ID": ("on", _one_of("off", "on"), True),
    # The v3 sign-in's id_tokens: "good", or wrong one way on purpose (simulator/v3/id_tokens.py FAULTS).
    "SIM_ID_TOKEN": ("good", _one_of(*ID_TOKEN_FAULTS), True),
    # Seconds between an idle stream's heartbeats: TradeStation's 5 (v3's Heartbeat, v2's heartbeat=true);
    # tests set a fraction of a second. Read when a stream opens.
    "SIM_STREAM_HEARTBEAT": (5, _seconds(0.01), True),
}

RUNTIME = tuple(name for name, (_, _, changeable) in SETTINGS.items() if changeable)


def resolve(config=None):
    """Defaults overlaid with a config mapping; unknown SIM_ keys are refused so a typo is not silently ignored."""
    values = {name: default for name, (default, _, _) in SETTINGS.items()}
    for name, value in (config or {}).items():
        if not name.startswith("SIM_"):
            continue  # Flask's own keys pass through create_app untouched
        if name not in SETTINGS:
            raise SettingError(f"unknown setting {name}")
        values[name] = parse(name, value)
    return values


def parse(name, value):
    _, parser, _ = SETTINGS[name]
    if value is None or value == "":
        return SETTINGS[name][0]
    try:
        return parser(value)
    except SettingError as error:
        raise SettingError(f"{name}: {error}") from None


def from_environment(environ=None):
    """The SIM_ settings present in the environment (server mode)."""
    environ = os.environ if environ is None else environ
    return {name: environ[name] for name in SETTINGS if name in environ}
