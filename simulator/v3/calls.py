"""What every v3 call shares: its blueprint, the run of a call under the simulator's faults (latency, 500s,
dropped connections, quota, expired tokens), v3's error answer, and the answer for several accounts at once."""

from flask import Blueprint, request

from tradestation import errors as E
from tradestation.errors import ApiError
from tradestation.jsonp import decode_data

from ..web import MAX_BODY, Dropped, bearer_token, dropped_response, json_response, perform, simulator
from . import read_query, render

bp = Blueprint("simulator_v3", __name__)

# The answer for an account a call does not serve (v3 has no forex accounts), as v3's Errors entries give it.
NOT_FOR_ACCOUNT_TYPE = "Request not supported for account type."


def v3_error(error):
    if error.status == 403 and error.message == E.QUOTA_EXCEEDED:
        error = ApiError(429, E.QUOTA_EXCEEDED)     # v3 answers a request past the quota with 429
    return json_response(render.error_body(error), error.status)


def call(category, action, order_call=False):
    """One v3 call: `action(token)` gives the JSON answer; a refusal is v3's {"Error", "Message"}."""
    try:
        payload = perform(category, lambda token, dialect: action(token), bearer_token(), order_call)
    except ApiError as error:
        return v3_error(error)
    except Dropped:
        return dropped_response()
    return json_response(payload)


def body(invalid_message=E.INVALID_ORDER):
    text = request.get_data(as_text=True)
    try:
        return decode_data(text, MAX_BODY)
    except ApiError:
        raise ApiError(400, invalid_message) from None


def asset_of(symbol):
    return simulator().asset_of(symbol)


def per_account(ids, token, answer):
    """v3's answer for several accounts: each account's entries, or its refusal under Errors."""
    entries, errors = [], []
    for key in read_query.account_ids(ids) or [""]:
        try:
            if simulator().account_type(token, key) == "X":
                raise ApiError(403, NOT_FOR_ACCOUNT_TYPE)
            entries.extend(answer(key))
        except ApiError as error:
            errors.append({"AccountID": key, **render.error_body(error)})
    return entries, errors


def usable_accounts(ids, token):
    """The accounts of `ids` a call may read, as text for the backend, and an Errors entry for each other."""
    usable, errors = per_account(ids, token, lambda key: [key])
    return ",".join(usable), errors

