"""gunicorn settings for the bridge: `gunicorn 'app:create_app()'` reads this file from the repository root.

| variable             | default                    | meaning |
|----------------------|----------------------------|---------|
| WEB_CONCURRENCY      | the number of CPUs (min 2) | worker processes |
| GUNICORN_THREADS     | TS_LIVE_PAGES + 32 (132)   | threads per worker (gthread): requests in flight per worker |
| GUNICORN_BIND        | 127.0.0.1:8000             | address to listen on (`--bind` on the command line wins) |
| GUNICORN_TIMEOUT     | 60                         | seconds a silent worker lives before it is killed |
| GUNICORN_ACCESS_LOG  | -  (stderr)                | access log file; empty: no access log |
| GUNICORN_LOG_LEVEL   | info                       | gunicorn's own log level |

Why these values (measured with `python -m bench`, see bench/README.md):
- gthread workers, one per CPU: an order spends most of its time waiting for TradeStation, so
  threads overlap those waits; processes use the cores for the CPU part (Flask, SQLAlchemy, JSON)
  that one process's GIL would serialise. At least two, so one busy or restarting worker does not
  stop the service. More processes than cores only add context switches and SQLite lock waits.
- threads: each open ticket page holds one for its live data (`/live`, a stream that lasts as long as the
  page), so a worker has TS_LIVE_PAGES threads for pages (the bridge turns away a page past that many, 503)
  and ORDER_THREADS more that no page can take: an order never waits behind the streams. 32 for orders is
  four times the 8 that kept a core busy while upstream calls wait (TradeStation answers in tens of
  milliseconds); the journal's SQLite writes serialise anyway. A waiting stream costs a blocked thread (its
  stack is virtual memory, mostly untouched) and a write at each keep-alive (15 s). An idle thread costs
  an order nothing measurable (`python -m bench.threads`: 8 or 132 a worker, the same CPU per order
  within the spread of alternating rounds), so the threads are not trimmed for the orders' sake.
- the timeout is longer than the bridge's longest upstream wait (TS_CONNECT_TIMEOUT 3 s +
  TS_READ_TIMEOUT 15 s + a reconciliation lookup), so a worker is never killed mid-order: a killed
  relay leaves a pending row that only becomes "unknown" after a while.
- limit_request_line from bridge/http_limits.py, gunicorn's largest bounded value: an order URL
  is normally under 2 KB. The bridge's own cap (TS_DATA_LIMIT, 8192 characters of decoded JSON)
  can encode to more than this; the ticket page does not send such a call, and says why, since
  gunicorn's plain 414 would reach it only as "no answer".
- graceful_timeout is for orders in flight: a worker told to stop (SIGTERM: a restart, a deploy) ends its open
  /live streams at once (post_worker_init below), and each page's browser opens its stream again, elsewhere.
- TS_LOG_FORMAT=json (a bridge setting) makes gunicorn's error and access lines JSON objects too.
- the access log names the path but never the query string, which holds the oauth_token and
  the order (tradestation/redact.py redacts tokens in every log too; this keeps the order out as well).
"""

import os
import signal

from gunicorn.glogging import Logger

from bridge.http_limits import REQUEST_LINE_LIMIT
from bridge.logs import JsonLines
from bridge.settings import ConfigError, named, read


def _int(name, default, low=1):
    raw = os.environ.get(name, "")
    if raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SystemExit(f"gunicorn.conf.py: {name} must be a whole number, not {raw!r}") from None
    if value < low:
        raise SystemExit(f"gunicorn.conf.py: {name} must be at least {low}")
    return value


def bridge_setting(name):
    """A bridge setting as the bridge reads it; a malformed one is on_starting's to report, with every other
    setting, so it counts as the default here."""
    setting = named(name)
    try:
        return setting.given({}, os.environ) or setting.default
    except ConfigError:
        return setting.default


bind = [os.environ.get("GUNICORN_BIND") or "127.0.0.1:8000"]
worker_class = "gthread"
workers = _int("WEB_CONCURRENCY", max(2, os.cpu_count() or 1))
ORDER_THREADS = 32
threads = _int("GUNICORN_THREADS", bridge_setting("TS_LIVE_PAGES") + ORDER_THREADS)
timeout = _int("GUNICORN_TIMEOUT", 60)
graceful_timeout = 30
keepalive = 5

limit_request_line = REQUEST_LINE_LIMIT
limit_request_fields = 100
limit_request_field_size = 8190

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
# Remote address, time, method, path without the query string, status, bytes, milliseconds.
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")


class JsonLinesLogger(Logger):
    """gunicorn's own error and access logs, in JSON lines when TS_LOG_FORMAT says so, from their first line
    on: gunicorn sets its handlers up before anything is logged. Here, so that only gunicorn imports gunicorn."""

    def setup(self, cfg):
        super().setup(cfg)
        if bridge_setting("TS_LOG_FORMAT") == "json":
            for log in (self.error_log, self.access_log):
                for handler in log.handlers:
                    handler.setFormatter(JsonLines())


logger_class = JsonLinesLogger


def on_starting(server):
    """Check the bridge's settings once, in the master: a bad one then stops gunicorn with the
    bridge's own message, instead of every worker failing to boot with a traceback."""
    try:
        read()
    except ConfigError as error:
        raise SystemExit(f"tsbridge: {error}") from None


def post_worker_init(worker):
    """A worker told to stop gracefully (SIGTERM) ends its open /live streams at once: they would otherwise hold
    it for graceful_timeout, as a stream ends only when its page leaves. gunicorn has no hook for a worker's
    SIGTERM, so its handler is wrapped; the bridge's feeds take no lock the worker's main thread holds."""
    close_streams = getattr(worker.wsgi, "extensions", {}).get("close_streams")
    if close_streams is None:
        return
    stop = worker.handle_exit
    closing = False

    def handle_exit(sig, frame):
        nonlocal closing
        stop(sig, frame)
        # A worker is sent SIGTERM twice (a deploy signals the process group; the master passes its own on), and
        # the second handler may run inside the first, in the same thread: closing again would wait forever for
        # the feeds' lock the first holds.
        if not closing:
            closing = True
            close_streams()
    signal.signal(signal.SIGTERM, handle_exit)
    # signal.signal() turns system calls' interruption back on, which gunicorn had turned off for SIGTERM so that
    # a request in progress is not cut short by it.
    signal.siginterrupt(signal.SIGTERM, False)
