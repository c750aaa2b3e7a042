"""Redaction for every log record of the process: the dev server's and gunicorn's request lines,
requests-oauthlib's and urllib3's debug output, and our own.

A LogRecord factory sees each record once, whichever logger made it and wherever it goes,
so no handler added later (gunicorn's, pytest's) can miss it.
"""

import logging

from tradestation.redact import redact


def install():
    previous = logging.getLogRecordFactory()
    if getattr(previous, "redacts", False):
        return

    def factory(*args, **kwargs):
        record = previous(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:
            return record  # a broken format string is logging's own error to report
        record.msg, record.args = redact(message), None
        return record

    factory.redacts = True
    logging.setLogRecordFactory(factory)
