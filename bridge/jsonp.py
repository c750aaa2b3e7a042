"""The bridge's JSONP endpoints, with TradeStation's conventions exactly: always HTTP 200, the
`jsonp-callback` header, errors wrapped as {"Message", "StatusCode"}.

The token comes from `oauth_token` and nowhere else: a page on another site can make a
browser call these URLs with our cookie, but it cannot know the trader's token.
"""

import functools
import logging

from flask import Blueprint, Response, abort, current_app, request

from tradestation import errors as E
from tradestation.dialects import dialect_for
from tradestation.errors import ApiError
from tradestation.jsonp import callback_refusal, decode_data, wrap

from .exchanges import Exchange, request_line
from .refusals import MayBePlaced
from .trace import Trace, tracing

bp = Blueprint("jsonp", __name__, url_prefix="/jsonp")
log = logging.getLogger(__name__)


def _single(name):
    """A query parameter given at most once, or None; a repeated one is ambiguous, so it is refused."""
    values = request.args.getlist(name)
    if len(values) > 1:
        raise ApiError(400, E.INVALID_ORDER, f"The parameter {name} was given more than once.")
    return values[0] if values else None


def jsonp_endpoint(view):
    @functools.wraps(view)
    def endpoint(**kwargs):
        if request.method != "GET":
            # Flask answers HEAD with the GET view; a HEAD must never place an order.
            abort(405)
        callbacks = request.args.getlist("callback")
        refusal = callback_refusal(callbacks)
        if refusal is not None:
            # Never echoed: the name is whatever an attacker chose.
            return Response(refusal, status=400, mimetype="text/plain")
        bridge = current_app.extensions["tsbridge"]
        with tracing() as trace:
            grant, payload = _answer(view, bridge, kwargs)
        body, headers = wrap(callbacks[0], payload, prefix="/**/")
        headers["Server-Timing"] = trace.server_timing()
        if grant is not None and current_app.session_interface.page_grant(current_app, request) == grant.id:
            _write_down(bridge, grant.userid, callbacks[0], headers, body, trace)
        return Response(body, status=200, headers=headers)
    return endpoint


def _answer(view, bridge, kwargs):
    """(the grant, or None when the token is refused; the payload to wrap)."""
    grant = None
    try:
        grant = bridge.grants.by_access_token(_single("oauth_token"))
        if grant is None:
            raise ApiError(401, E.UNAUTHORIZED)
        bridge.grants.touch(grant)      # an order call is the trader's own action: the login's idle time restarts
        api_version = _single("APIVersion") or bridge.settings.api_version
        dialect_for(api_version)    # every endpoint refuses a version TradeStation does not know, in its words
        return grant, view(bridge, grant, api_version, **kwargs)
    except ApiError as error:
        # The bridge's own refusals say which field and why after TradeStation's words; an upstream's answer
        # comes back as TradeStation gave it (it carries no detail).
        return grant, error.body(detailed=True)
    except Exception:
        log.exception("JSONP %s failed", request.path)
        # It may have failed after the order left (bridge/relay.py journals that first): say the worst.
        return grant, MayBePlaced("The bridge failed while handling this call.", 500).body()


def _write_down(bridge, userid: str, callback: str, headers: dict, body: str, trace: Trace) -> None:
    """The exchange as answered, for the page's inspector; keyed by the callback name the page chose.
    Kept only for the ticket page of the login the token belongs to (its <script> carries the session
    cookie): other JSONP clients (scripts, curl, other sites) leave no record of their orders here and
    pay no write for it. A refused token names no user, so its exchange is not kept (the page says so)."""
    try:
        bridge.exchanges.record(Exchange(
            userid=userid, callback=callback,
            request=request_line(request.method, request.path, request.query_string.decode("latin-1")),
            status=200, headers=headers, body=body, durations=dict(trace.durations, total=trace.total()),
            journal_row=trace.journal_row))
    except Exception:
        # The order's answer matters more than its record: it goes out whatever happened here.
        log.exception("JSONP %s: the exchange could not be recorded", request.path)


def _data(bridge):
    return decode_data(_single("data"), bridge.settings.data_limit)


@bp.get("/orders/send")
@jsonp_endpoint
def send(bridge, grant, api_version):
    return _then_look_again(bridge, grant, bridge.relay.send(grant, _data(bridge), api_version))


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
    return _then_look_again(bridge, grant, bridge.relay.cancel(grant, order_id, api_version,
                                                               confirm_id=_single("OrderConfirmId")))


@bp.get("/orders/<order_id>/cancelreplace")
@jsonp_endpoint
def cancel_replace(bridge, grant, api_version, order_id):
    return _then_look_again(bridge, grant, bridge.relay.replace(grant, order_id, _data(bridge), api_version,
                                                                confirm_id=_single("OrderConfirmId")))


def _then_look_again(bridge, grant, answer):
    """An order went upstream: the user's live feed looks again at what it has no stream for."""
    bridge.feeds.order_sent(grant.userid)
    return answer
