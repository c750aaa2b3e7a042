"""What exactly is wrong with a request, said after TradeStation's words (ApiError.detail).

TradeStation answers a misspelt field, a bad JSON text and an order of the wrong dialect alike ("Please provide
valid order input."); the simulator answers so too, while the bridge adds which field and why.
"""

import difflib
import re

from . import errors as E
from .errors import ApiError

# A field name a refusal may quote: the sender's own text is echoed back only when it is plainly a name.
_FIELD_NAME = re.compile(r"[A-Za-z0-9_]{1,40}")


def shown_name(name):
    return name if isinstance(name, str) and _FIELD_NAME.fullmatch(name) else "(a name that is not a field name)"


def invalid(detail, message=E.INVALID_ORDER):
    """TradeStation's refusal of a request's shape, with what exactly is wrong."""
    return ApiError(400, message, detail)


def one_of(name, allowed):
    return f"{name} must be one of {', '.join(allowed)}."


def refuse_unknown(data, known, *, within, other=None, listed=False):
    """Refuse the fields of `data` not in `known`, naming them and what was most likely meant. An unknown field is
    most likely a misspelt one: sent without it, the order could trade something the trader did not mean.

    other: (the fields of the other dialect, where the request belongs if all its unknown fields are those).
    listed: say every field `known` has (for the short lists: a cancel-replace, AdvancedOptions)."""
    unknown = sorted(set(data) - set(known))
    if not unknown:
        return
    names = ", ".join(shown_name(name) for name in unknown)
    if other and set(unknown) <= set(other[0]):
        raise invalid(f"{names} {'is a field' if len(unknown) == 1 else 'are fields'} of {other[1]}.")
    guesses = [f"{shown_name(name)} (did you mean {match}?)" if match else shown_name(name)
               for name, match in ((name, _meant(name, known)) for name in unknown)]
    allowed = f" It may have {', '.join(sorted(known))}." if listed else ""
    raise invalid(f"Unknown field{'s' if len(unknown) > 1 else ''} in {within}: {', '.join(guesses)}.{allowed}")


def _meant(name, known):
    """The known field a misspelt name most likely meant, or None."""
    fields = sorted(known)
    same = [field for field in fields if field.lower() == name.lower()]
    close = same or difflib.get_close_matches(name, fields, n=1, cutoff=0.75)
    return close[0] if close else None
