"""How every route of the bridge's own fails: JSON for what the page's code calls, a page for a person.

The JSONP endpoints answer their own refusals inside the callback (bridge/jsonp.py); this is for
what reaches Flask as an HTTP error, including the ones Werkzeug would answer with its own page.
"""

import logging

from flask import Blueprint, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

from tradestation.errors import ApiError

bp = Blueprint("errors", __name__)
log = logging.getLogger(__name__)

JSON_PATHS = ("/auth/", "/demo/", "/journal", "/jsonp/", "/market/", "/inspector/")


def wants_json() -> bool:
    return request.path.startswith(JSON_PATHS)


@bp.app_errorhandler(HTTPException)
def http_error(error: HTTPException):
    if wants_json():
        return jsonify(error=error.description), error.code
    return render_template("error.html", title=error.name, message=error.description), error.code


@bp.app_errorhandler(ApiError)
def refused(error: ApiError):
    """A refusal in the contract's words outside the JSONP endpoints (which wrap their own), e.g. a
    market relay asked for a malformed symbol: TradeStation's shape, before anything is asked of it."""
    return jsonify(error.body()), error.status


@bp.app_errorhandler(Exception)
def unexpected(error: Exception):
    log.exception("%s %s failed", request.method, request.path)
    return http_error(InternalServerError("The bridge failed. Nothing was changed by this request; "
                                          "please try again."))
