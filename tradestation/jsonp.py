"""TradeStation's JSONP conventions: callback names, the `data` parameter, and the wrapped answer."""

import json
import re

from . import errors as E
from .errors import ApiError

# A dotted path of JavaScript identifiers (jQuery's own names, `app.onOrder`), ASCII only:
# anything else could turn the answer into script of the caller's choosing.
_CALLBACK = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*(\.[A-Za-z_$][A-Za-z0-9_$]*)*")
MAX_CALLBACK = 128
BAD_CALLBACK = "Invalid callback name. Use a JavaScript identifier such as jQueryCallback."


# Names a callback may not contain: JavaScript's reserved words (strict mode's included) and the
# globals that evaluate text or reach an object's machinery.
RESERVED = frozenset("""
    await break case catch class const continue debugger default delete do else enum export extends false
    finally for function if implements import in instanceof interface let new null package private protected
    public return static super switch this throw true try typeof var void while with yield
    arguments eval Function constructor prototype __proto__
    """.split())


def callback_ok(name):
    return (isinstance(name, str) and len(name) <= MAX_CALLBACK and _CALLBACK.fullmatch(name) is not None
            and not RESERVED.intersection(name.split(".")))


def _reject_constant(name):
    raise ValueError(name)  # NaN, Infinity and -Infinity are not JSON


def _unique_keys(pairs):
    keys = [key for key, _ in pairs]
    if len(set(keys)) != len(keys):
        raise ValueError("duplicate key")  # two values for one field: which would the trader mean?
    return dict(pairs)


def decode_data(text, limit):
    """Parse the URL-decoded `data` parameter; TradeStation's own example ends it with a newline."""
    if text is None or text.strip() == "":
        raise ApiError(400, E.INVALID_ORDER)
    if len(text) > limit:
        raise ApiError(400, f"{E.INVALID_ORDER} The order is larger than {limit} characters.")
    try:
        return json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_unique_keys)
    except (ValueError, RecursionError):
        raise ApiError(400, E.INVALID_ORDER) from None


def dumps(payload):
    # ensure_ascii escapes U+2028 and U+2029 too, which older JavaScript parsers take for line ends.
    return json.dumps(payload, ensure_ascii=True, separators=(",", ":"))


def wrap(callback, payload, prefix=""):
    """The body and headers of a JSONP answer: always HTTP 200, `jsonp-callback` naming the function.

    TradeStation sends `cb(json)`; the bridge passes prefix="/**/" so that the first bytes can
    never be read as anything but a comment (the defence against content-sniffing attacks).
    """
    body = f"{prefix}{callback}({dumps(payload)})"
    headers = {"Content-Type": "text/javascript; charset=utf-8", "jsonp-callback": callback,
               "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"}
    return body, headers
