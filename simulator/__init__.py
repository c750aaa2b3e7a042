"""An offline TradeStation WebAPI v2 (and API v3's face on the same state, simulator/v3/): state and rules in
plain objects (backend.py), a thin Flask layer on top, runnable as a server (python -m simulator) or in-process
(server.start)."""

import logging

from flask import Flask, request
from werkzeug.exceptions import HTTPException

from tradestation import errors as E
from tradestation.errors import ApiError
from tradestation.jsonp import callback_ok

from . import admin, api, auth_views, documented_paths, jsonp_views, stream_views, symbol_views
from .backend import Simulator
from .routing import CaseInsensitivePaths
from .v3 import auth_views as v3_auth_views
from .v3 import market_stream_views as v3_market_streams
from .v3 import option_stream_views as v3_option_streams
from .v3 import stream_views as v3_stream_views
from .v3 import views as v3_views
from .v3.views import v3_error
from .web import bad_callback, jsonp_response, param, rest_error

__all__ = ["create_app", "flask_config", "renew_state", "Simulator"]

log = logging.getLogger("simulator")


def create_app(config=None):
    """The simulator as a Flask app. `config` holds SIM_* settings (see settings.py) and any Flask keys;
    `app.extensions["simulator"]` is the backend, for tests that read its state."""
    config = dict(config or {})
    app = Flask(__name__, static_folder=None)
    app.config.update(flask_config(config))
    app.config.setdefault("MAX_CONTENT_LENGTH", 1024 * 1024)
    renew_state(app, config)
    for blueprint in (auth_views.bp, api.bp, documented_paths.bp, symbol_views.bp, stream_views.bp, jsonp_views.bp,
                      admin.bp, v3_auth_views.bp, v3_views.bp, v3_stream_views.bp,
                      v3_market_streams.bp, v3_option_streams.bp):
        app.register_blueprint(blueprint)
    _register_errors(app)
    app.wsgi_app = CaseInsensitivePaths(app.wsgi_app, app)
    return app


def flask_config(config):
    """The part of a config that is Flask's (every key but the SIM_ settings): all an app holds of it, the
    SIM_ settings being its Simulator's."""
    return {key: value for key, value in (config or {}).items() if not key.startswith("SIM_")}


def renew_state(app, config=None):
    """Give a simulator app a new Simulator built from `config` (no orders, tokens, faults, counts, prices or
    streams of the old one), ending the old one's open streams first; returns the new one. The app's routes,
    built once, serve it as they served the old one (tests reuse one app this way: tests/reused_simulators.py)."""
    old = app.extensions.get("simulator")
    if old is not None:
        old.close_streams()
    state = app.extensions["simulator"] = Simulator(config)
    # What serving code calls as it stops (server.py), so that no open stream holds its thread.
    app.extensions["close_streams"] = state.close_streams
    return state


def _answer(error):
    """An error in TradeStation's shape: wrapped for a JSONP path with a usable callback, else JSON."""
    if request.path.startswith("/v2/jsonp/"):
        callback = param("callback")
        return jsonp_response(callback, error.body()) if callback_ok(callback) else bad_callback()
    if request.path.startswith("/v3/"):
        return v3_error(error)
    return rest_error(error)


def _register_errors(app):
    @app.errorhandler(HTTPException)
    def http_error(error):
        if error.code == 404:
            return _answer(ApiError(404, E.NOT_FOUND))
        if error.code == 405:
            return _answer(ApiError(405, "Method Not Allowed"))
        if error.code and error.code < 500:
            return _answer(ApiError(error.code, error.name))
        return _answer(ApiError(500, E.SERVER_ERROR))

    @app.errorhandler(Exception)
    def unexpected(error):
        # Logged without the request's query or body: they may hold a token or an order.
        log.error("unhandled %s in %s", type(error).__name__, request.path, exc_info=error)
        return _answer(ApiError(500, E.SERVER_ERROR))

