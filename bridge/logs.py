"""Log lines as JSON, one object per record, for a desk whose log collector reads them (TS_LOG_FORMAT=json).

Redaction stays where it is (tradestation/redact.py, at each record's birth); this only changes how
a record is written. A traceback is text the record factory never saw, so it is redacted here.
"""

from __future__ import annotations

import datetime
import json
import logging
import sys

from tradestation.redact import redact

FORMATS = ("text", "json")


class JsonLines(logging.Formatter):
    """A record as one line of JSON: time (UTC, ISO 8601), level, logger, message, process, and the
    exception's traceback when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        line = {"time": datetime.datetime.fromtimestamp(record.created, datetime.timezone.utc)
                .isoformat(timespec="milliseconds"),
                "level": record.levelname, "logger": record.name, "message": record.getMessage(),
                "process": record.process}
        if record.exc_info:
            line["exception"] = redact(self.formatException(record.exc_info))
        if record.stack_info:
            line["stack"] = redact(self.formatStack(record.stack_info))
        return json.dumps(line, ensure_ascii=False)


def install(log_format: str) -> None:
    """With "json", the root logger writes JSON lines to stderr (once per process, however many apps
    are made); handlers others added (gunicorn's, a test's) are left as they are."""
    if log_format != "json":
        return
    root = logging.getLogger()
    if any(getattr(handler, "tsbridge_json", False) for handler in root.handlers):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonLines())
    handler.tsbridge_json = True
    root.addHandler(handler)
