"""TradeStation's JSONP conventions: callback names, the `data` parameter, and the wrapped answer."""

import json
import re

from . import errors as E
from .details import shown_name
from .errors import ApiError

# A dotted path of JavaScript identifiers (jQuery's own names, `app.onOrder`), ASCII only:
# anything else could turn the answer into script of the caller's choosing.
_CALLBACK = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*(\.[A-Za-z_$][A-Za-z0-9_$]*)*")
MAX_CALLBACK = 128
BAD_CALLBACK = "Invalid callback name. Use a JavaScript identifier such as jQueryCallback."
MISSING_CALLBACK = ("Missing callback parameter: a JSONP call names the JavaScript function its answer calls, "
                    "such as callback=jQueryCallback.")
REPEATED_CALLBACK = "The callback parameter was given more than once; give it once."


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


def callback_refusal(names):
    """Why the `callback` parameters given (every value of it) cannot be used, or None when the one is good."""
    if not names:
        return MISSING_CALLBACK
    if len(names) > 1:
        return REPEATED_CALLBACK
    return None if callback_ok(names[0]) else BAD_CALLBACK


class _NotData(ValueError):
    """What makes a `data` text no order, said for the trader."""


def _reject_constant(name):
    raise _NotData(f"{name} is not a JSON number.")


def _unique_keys(pairs):
    seen = set()
    for key, _ in pairs:
        if key in seen:
            # Two values for one field: which would the trader mean?
            raise _NotData(f"the field {shown_name(key)} is given twice.")
        seen.add(key)
    return dict(pairs)


def decode_data(text, limit):
    """Parse the URL-decoded `data` parameter; TradeStation's own example ends it with a newline."""
    if text is None:
        raise ApiError(400, E.INVALID_ORDER, "The data parameter is missing: it carries the order as JSON.")
    if text.strip() == "":
        raise ApiError(400, E.INVALID_ORDER, "The data parameter is empty: it carries the order as JSON.")
    if len(text) > limit:
        raise ApiError(400, f"{E.INVALID_ORDER} The order is larger than {limit} characters.")
    try:
        return json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_unique_keys)
    except _NotData as error:
        raise ApiError(400, E.INVALID_ORDER, f"The data parameter is not an order: {error}") from None
    except json.JSONDecodeError as error:
        raise ApiError(400, E.INVALID_ORDER, f"The data parameter is not JSON: {error.msg.lower()} at character "
                                             f"{error.pos + 1}.") from None
    except (ValueError, RecursionError):
        raise ApiError(400, E.INVALID_ORDER, "The data parameter is not JSON, or nests too deeply.") from None


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
