"""What every API view shares: reading the request the way TradeStation does, answering in its
shapes (JSON, XML or JSONP), and the fault hooks around a call."""

import json
import time

from flask import Response, current_app, g, request

from tradestation import errors as E
from tradestation.dialects import dialect_for
from tradestation.errors import ApiError
from tradestation.jsonp import BAD_CALLBACK, callback_ok, decode_data, wrap
from tradestation.quotas import Category

from . import xmlbodies
from .faults import DROP_AFTER, DROP_BEFORE, ERROR, QUOTA, TOKEN_EXPIRED, UNAVAILABLE, drop_connection

DEFAULT_API_VERSION = "20101026"   # what a request without APIVersion is answered as (the API Versions page)
MAX_DATA = 16384        # characters of a JSONP `data` parameter
MAX_BODY = 65536        # characters of a REST order body


class VersionError(ApiError):
    """The APIVersion refusal, which TradeStation documents in its own nested shape."""

    def body(self, detailed=False):
        return {"Error": {"StatusCode": self.status, "Message": self.message}}


class Dropped(Exception):
    """The view asked for the client's connection to be closed without an answer."""


def simulator():
    # Looked up once a request: a request still sleeping out SIM_LATENCY_MS when the app is given a new state
    # (simulator.renew_state) ends on the state it was admitted by.
    return g.setdefault("simulator", current_app.extensions["simulator"])


def param(name):
    """A query parameter by name, whatever its case (TradeStation's parameters are case-insensitive)."""
    if name in request.args:
        return request.args.get(name)
    folded = name.casefold()
    for key in request.args:
        if key.casefold() == folded:
            return request.args.get(key)
    return None


def dialect():
    try:
        return dialect_for(param("APIVersion"))
    except ApiError as error:
        raise VersionError(error.status, error.message) from None


def bearer_token():
    """The token of `Authorization: Bearer <token>`, or of a bare `Authorization: <token>`, which the
    OCO example of the Send Group Order page sends."""
    header = request.headers.get("Authorization", "").strip()
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    if header and not value:
        return header
    return None


def sends_xml():
    return request.mimetype in ("application/xml", "text/xml")


def wants_xml():
    accept = request.accept_mimetypes
    if accept and accept.best_match(["application/json", "application/xml", "text/xml"]) in (
            "application/xml", "text/xml") and accept.quality("application/json") < accept.quality("application/xml"):
        return True
    # An XML request with no stated preference gets XML back.
    return sends_xml() and (not accept or accept.best == "*/*")


def read_body(invalid_message):
    text = request.get_data(as_text=True)
    if len(text) > MAX_BODY:
        raise ApiError(400, invalid_message)
    if sends_xml():
        return xmlbodies.read(text, invalid_message)
    try:
        return decode_data(text, MAX_BODY)
    except ApiError:
        raise ApiError(400, invalid_message) from None


def read_data(invalid_message):
    try:
        return decode_data(param("data"), MAX_DATA)
    except ApiError as error:
        if error.message.startswith(E.INVALID_ORDER) and invalid_message != E.INVALID_ORDER:
            raise ApiError(400, invalid_message) from None
        raise


def json_response(payload, status=200, headers=None):
    response = Response(json.dumps(payload, ensure_ascii=True), status, mimetype="application/json")
    response.headers["Cache-Control"] = "no-store"
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response


def rest_response(payload, xml_item, status=200):
    if wants_xml():
        return Response(xmlbodies.write(payload, xml_item), status, mimetype="application/xml")
    return json_response(payload, status)


# The Request Throttling page's answer to a request past the quota: the words in the status line and in
# an HTML body, whatever the request asked for.
QUOTA_PAGE = f"<html><body>{E.QUOTA_EXCEEDED}</body></html>"


def rest_error(error):
    if error.status == 403 and error.message == E.QUOTA_EXCEEDED:
        return Response(QUOTA_PAGE, f"403 {E.QUOTA_EXCEEDED}", mimetype="text/html")
    if wants_xml():
        body = error.body()
        root = "Error" if "Error" not in body else "Response"
        return Response(xmlbodies.write(body, root), error.status, mimetype="application/xml")
    return json_response(error.body(), error.status)


def jsonp_response(callback, payload):
    body, headers = wrap(callback, payload)
    return Response(body, 200, headers=headers)


def bad_callback():
    # Never echo the name: it is exactly the part an attacker controls.
    return Response(BAD_CALLBACK, 400, mimetype="text/plain")


def _pause():
    delay = simulator().faults.latency()
    if delay:
        time.sleep(delay)


def _drop_if(order_call, moment):
    if order_call and simulator().drop_now(moment):
        raise Dropped()


def perform(category: Category | None, action, token_value, order_call=False, client_only_ok=False,
            unauthorized=E.UNAUTHORIZED):
    """The common run of an API call: version, latency, token and the user's quota in `category` (None: a call
    in no category of TradeStation's table, never counted), the 500 fault, the action and the dropped-connection
    fault around an order call. Returns the action's payload."""
    chosen = dialect()
    _pause()
    token = simulator().admit(token_value, category, client_only_ok, unauthorized)
    queued = simulator().next_order_fault(token.user) if order_call else None
    if queued == TOKEN_EXPIRED:     # a real expiry, timed to meet this call rather than whichever came first
        simulator().expire_tokens(token.user)
        raise ApiError(401, unauthorized)
    if queued == ERROR:
        raise ApiError(500, E.SERVER_ERROR)
    if queued == UNAVAILABLE:
        raise ApiError(503, E.REPLACE_UNAVAILABLE)
    if queued == QUOTA:
        raise ApiError(403, E.QUOTA_EXCEEDED)
    if queued == DROP_BEFORE:
        raise Dropped()
    _drop_if(order_call, "before")
    payload = action(token, chosen)
    if queued == DROP_AFTER:
        raise Dropped()
    _drop_if(order_call, "after")
    return payload


def dropped_response():
    if not drop_connection(request.environ):
        # Not under werkzeug's server, so there is no socket to close: the nearest thing is a 500
        # whose fate the client cannot know either.
        return json_response(ApiError(500, E.SERVER_ERROR).body(), 500)
    return Response(b"", 200)


def rest_call(category, action, xml_item, order_call=False, client_only_ok=False, unauthorized=E.UNAUTHORIZED):
    try:
        # The Orders page's $filter example carries the token as `oauth_token` on a REST call.
        token = bearer_token() or param("oauth_token")
        payload = perform(category, action, token, order_call, client_only_ok, unauthorized)
    except ApiError as error:
        return rest_error(error)
    except Dropped:
        return dropped_response()
    response = rest_response(payload, xml_item)
    # The 2015 Overview's example answer names the version it was answered in.
    response.headers["X-APIVersion"] = param("APIVersion") or DEFAULT_API_VERSION
    return response


def jsonp_call(category, action, order_call=False):
    callback = param("callback")
    if not callback_ok(callback):
        return bad_callback()
    try:
        payload = perform(category, action, param("oauth_token") or bearer_token(), order_call)
    except ApiError as error:
        # Every JSONP error, the APIVersion one included, is the flat {"Message", "StatusCode"}.
        return jsonp_response(callback, ApiError.body(error))
    except Dropped:
        return dropped_response()
    return jsonp_response(callback, payload)
