"""Which environment variables are settings of tsbridge, its simulator or gunicorn.conf.py.

A test, or a server started for one, must see only the settings it gives itself: one left in the
shell (a TS_BASE_URL pointing at real TradeStation, a WEB_CONCURRENCY of 16) would change what runs.
"""


def is_setting(name):
    """Whether the variable `name` is read as a setting by the bridge (TS_*, DATABASE_URL, SECRET_KEY),
    the simulator (SIM_*) or gunicorn with the repository's gunicorn.conf.py (GUNICORN_*, WEB_CONCURRENCY)."""
    return name.startswith(("TS_", "SIM_", "GUNICORN_")) or name in ("DATABASE_URL", "SECRET_KEY", "WEB_CONCURRENCY")


def clean(environ):
    """A copy of environ without any setting."""
    return {name: value for name, value in environ.items() if not is_setting(name)}
