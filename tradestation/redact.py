"""Blanking secrets out of text that is about to be logged.

A request line, a URL or a token response may carry an access token, an authorization
code, a refresh token or a client secret; once in a log file they outlive their purpose.
"""

import logging
import re
from urllib.parse import unquote_plus

_SECRET_NAMES = (r"code_verifier|id_token|oauth_token|access_token|refresh_token|RefreshToken|token|code|client_secret"
                 r"|password")

# name=value as in a query string or a form body; the name must start a parameter so that
# "ExchangeCode=..." stays readable.
_PARAM = re.compile(rf"(?i)(^|[?&;\s\"'])({_SECRET_NAMES})=([^&;\s\"'#]+)")
# "name": "value" as in a JSON body, or 'name': 'value' as in a logged Python dict.
_JSON_FIELD = re.compile(rf"(?i)([\"'](?:{_SECRET_NAMES})[\"']\s*:\s*([\"']))(.*?)(\2)")
# An Authorization header's credentials.
_AUTH_HEADER = re.compile(r"(?i)\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/=]+")

MASK = "[redacted]"
# Every pattern above needs one of these words in the text (lower-cased) to match.
_HINTS = ("token", "code", "secret", "password", "bearer", "basic")


# How much of a token a masked one shows: enough to tell two tokens apart, far too little to use.
SHOWN = 6


def mask_token(token):
    """A token for showing: its first characters, then an ellipsis (the ticket's inspector does the same)."""
    token = "" if token is None else str(token)
    return token[:SHOWN] + "…" if len(token) > SHOWN * 2 else "…"


def mask_query(query):
    """A query string with the value of each oauth_token masked; every other byte as given. A name is read
    as the server reads it, decoded (`oauth%5Ftoken`, `%6Fauth_token` are oauth_token too), in any case."""
    return "&".join(_masked_pair(pair) for pair in query.split("&"))


def _masked_pair(pair):
    name, equals, value = pair.partition("=")
    if unquote_plus(name).lower() != "oauth_token" or not equals:
        return pair
    return f"{name}={mask_token(unquote_plus(value))}"


def redact(text):
    """The same text with the value of every secret-bearing parameter replaced by a mask."""
    if not isinstance(text, str):
        text = str(text)
    lowered = text.lower()
    if not any(hint in lowered for hint in _HINTS):
        return text  # most lines (every access log line, for one) name no secret: skip the expressions
    text = _PARAM.sub(lambda m: f"{m.group(1)}{m.group(2)}={MASK}", text)
    text = _JSON_FIELD.sub(lambda m: f"{m.group(1)}{MASK}{m.group(4)}", text)
    return _AUTH_HEADER.sub(lambda m: f"{m.group(1)} {MASK}", text)


def install_log_redaction():
    """Redact every log record of the process, whichever logger makes it and wherever it goes.

    A LogRecord factory sees each record once, at its birth, so the dev server's and gunicorn's
    request lines, requests-oauthlib's and urllib3's debug output, and handlers added later
    (gunicorn's, pytest's) are all covered.
    """
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
