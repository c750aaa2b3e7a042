"""The page's live data as server-sent events (`GET /live`), and the page's word that the trader acted
(`POST /activity`).

`/live` is a plain WSGI generator, so any WSGI server serves it: it holds the user's feed (bridge/live_feeds.py)
and waits on its page's queue, never on a database connection or a lock. Its contract (docs/live.md) is fixed:
the page is built against it.
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, g, jsonify, request

from tradestation import errors
from tradestation.errors import ApiError

from .auth import check_csrf, login_required
from .live_feed import CLOSE
from .live_feeds import Full, Stopping
from .ticket import SYMBOL
from .upstream import FateUnknown, NotSent

bp = Blueprint("live", __name__)

KEEP_ALIVE = 15.0        # seconds between comment lines, so proxies and browsers see the stream is alive; a
                         # page that left is noticed at the next write (Flask config LIVE_KEEP_ALIVE: tests)
FULL_RETRY = 30          # seconds a page turned away (the process holds TS_LIVE_PAGES streams) waits to try again
STOPPING_RETRY = 1       # seconds a client turned away by a stopping process waits: another is serving
RETRY_MS = 3000          # how soon a browser's EventSource reconnects after the stream broke


@bp.get("/live")
@login_required
def live():
    symbol = request.args.get("symbol") or None
    if symbol is not None and not SYMBOL.fullmatch(symbol):
        raise ApiError(400, errors.INVALID_SYMBOL)
    feeds = current_app.extensions["tsbridge"].feeds
    keep_alive = current_app.config.get("LIVE_KEEP_ALIVE", KEEP_ALIVE)
    try:
        feed, page = feeds.join(g.grant, symbol)
    except (NotSent, FateUnknown) as failure:
        raise ApiError(503, f"TradeStation did not list your accounts: {failure}.") from None
    except Full:
        # Its threads are kept for orders: an order never waits behind a page's stream.
        return turned_away("This bridge serves as many live pages as it may; try again shortly.", FULL_RETRY)
    except Stopping:
        # A stream opened now would hold the stopping process until its page left.
        return turned_away("This bridge is restarting; try again shortly.", STOPPING_RETRY)

    def events():
        yield f"retry: {RETRY_MS}\n\n"
        while True:
            # Only a write tells a page that left from one still there: between events, the keep-alive is it.
            event = page.next(timeout=keep_alive)
            if event is None:
                yield ": keep-alive\n\n"
                continue
            if event is CLOSE:
                # The process is stopping: the browser opens the stream again (after RETRY_MS), elsewhere.
                return
            yield event.text()
            if event.name == "ended":
                return

    response = Response(events(), mimetype="text/event-stream",
                        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})
    # The page left (its connection closed) or its login ended: the feed stops with its last page. On close, which
    # the server calls even when the stream never started.
    response.call_on_close(lambda: feeds.leave(feed, page))
    return response


def turned_away(message: str, retry_after: int):
    body = ApiError(503, message).body()
    return jsonify(body), 503, {"Retry-After": str(retry_after), "Cache-Control": "no-store"}


@bp.post("/activity")
@login_required
def activity():
    """The trader clicked or typed on the page: the login's idle time starts again (the page sends this at most
    every so often, with the CSRF token, as it does for a token refresh)."""
    check_csrf(request.headers.get("X-CSRF-Token"))
    current_app.extensions["tsbridge"].grants.touch(g.grant)
    return "", 204

