"""Reading a JSONP answer: `callback(json)` as TradeStation sends it, `/**/callback(json)` as the bridge does.

Which of the two is expected is always said: an answer with the prefix where none belongs, or without
it where the bridge must send it, is a failure, not something to tolerate.
"""

import json
import re

BRIDGE = "/**/"        # the bridge's answers start with a comment (tradestation/jsonp.py: wrap)
TRADESTATION = ""      # TradeStation's, and the simulator's, start with the callback's name


def inner(text, callback="cb", prefix=BRIDGE):
    """The JSON text inside `prefix callback(...)`, or None when the text is not wrapped exactly so."""
    match = re.fullmatch(re.escape(prefix) + re.escape(callback) + r"\((.*)\)", text, re.S)
    return match.group(1) if match else None


def unwrap(response, callback="cb", prefix=BRIDGE):
    """The JSON inside a JSONP answer, after checking its wrapping: HTTP 200, the jsonp-callback header,
    and `prefix callback(json)`."""
    assert response.status_code == 200, response.text
    assert response.headers["jsonp-callback"] == callback
    text = inner(response.text, callback, prefix)
    assert text is not None, response.text
    return json.loads(text)


def wrapped_error(response, callback="cb", prefix=BRIDGE):
    """A JSONP-wrapped refusal: exactly {"Message", "StatusCode"}, and "Fate" when the bridge itself refused
    (bridge/refusals.py); returns it."""
    body = unwrap(response, callback, prefix)
    assert isinstance(body, dict) and set(body) - {"Fate"} == {"Message", "StatusCode"}, body
    assert isinstance(body["Message"], str) and body["Message"], body
    return body
