"""The bridge's JSONP endpoints, with TradeStation's conventions exactly: always HTTP 200, the
`jsonp-callback` header, errors wrapped as {"Message", "StatusCode"}.

The token comes from `oauth_token` and nowhere else: a page on another site can make a
browser call these URLs with our cookie, but it cannot know the trader's token.
"""

import functools
import logging

from flask import Blueprint, Response, abort, current_app, request

from tradestation import errors as E
from tradestation.errors import ApiError
from tradestation.jsonp import BAD_CALLBACK, callback_ok, decode_data, wrap

bp = Blueprint("jsonp", __name__, url_prefix="/jsonp")
log = logging.getLogger(__name__)


def _single(name):
    """A query parameter given at most once, or None; a repeated one is ambiguous, so it is refused."""
    values = request.args.getlist(name)
    if len(values) > 1:
        raise ApiError(400, f"{E.INVALID_ORDER} The parameter {name} was given more than once.")
    return values[0] if values else None


def jsonp_endpoint(view):
    @functools.wraps(view)
    def endpoint(**kwargs):
        if request.method != "GET":
            # Flask answers HEAD with the GET view; a HEAD must never place an order.
            abort(405)
        callbacks = request.args.getlist("callback")
        if len(callbacks) != 1 or not callback_ok(callbacks[0]):
            # Never echoed: the name is whatever an attacker chose.
            return Response(BAD_CALLBACK, status=400, mimetype="text/plain")
        bridge = current_app.extensions["tsbridge"]
        try:
            grant = bridge.grants.by_access_token(_single("oauth_token"))
            if grant is None:
                raise ApiError(401, E.UNAUTHORIZED)
            api_version = _single("APIVersion") or bridge.settings.api_version
            payload = view(bridge, grant, api_version, **kwargs)
        except ApiError as error:
            payload = error.body()
        except Exception:
            log.exception("JSONP %s failed", request.path)
            payload = ApiError(500, E.SERVER_ERROR).body()
        body, headers = wrap(callbacks[0], payload, prefix="/**/")
        return Response(body, status=200, headers=headers)
    return endpoint


def _data(bridge):
    return decode_data(_single("data"), bridge.settings.data_limit)


@bp.get("/orders/send")
@jsonp_endpoint
def send(bridge, grant, api_version):
    return bridge.relay.send(grant, _data(bridge), api_version)


@bp.get("/orders/confirm")
@jsonp_endpoint
def confirm(bridge, grant, api_version):
    return bridge.relay.confirm(grant, _data(bridge), api_version)


@bp.get("/orders/groups/confirm")
@jsonp_endpoint
def confirm_group(bridge, grant, api_version):
    return bridge.relay.confirm_group(grant, _data(bridge), api_version)


@bp.get("/orders/<order_id>/cancel")
@jsonp_endpoint
def cancel(bridge, grant, api_version, order_id):
    return bridge.relay.cancel(grant, order_id, api_version)


@bp.get("/orders/<order_id>/cancelreplace")
@jsonp_endpoint
def cancel_replace(bridge, grant, api_version, order_id):
    return bridge.relay.replace(grant, order_id, _data(bridge), api_version)
