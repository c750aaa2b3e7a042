"""Which environment variables are settings of tsbridge, its simulator or gunicorn.conf.py.

A test, or a server started for one, must see only the settings it gives itself: one left in the
shell (a TS_BASE_URL pointing at real TradeStation, a WEB_CONCURRENCY of 16) would change what runs.
The bridge's and the simulator's come from their own tables, so a new setting is cleared too.
"""

from bridge.settings import NAMES as BRIDGE_SETTINGS
from simulator.settings import SETTINGS as SIMULATOR_SETTINGS

# gunicorn.conf.py reads these (its own, and gunicorn's convention for the number of workers).
GUNICORN_PREFIX, GUNICORN_WORKERS = "GUNICORN_", "WEB_CONCURRENCY"


def is_setting(name):
    return (name in BRIDGE_SETTINGS or name in SIMULATOR_SETTINGS or name.startswith(GUNICORN_PREFIX)
            or name == GUNICORN_WORKERS)


def clean(environ):
    """A copy of environ without any setting."""
    return {name: value for name, value in environ.items() if not is_setting(name)}
