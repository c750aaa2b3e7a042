"""jQuery, served from the xstatic-jquery package rather than a CDN or a copied file."""

import xstatic.pkg.jquery as xjquery
from flask import Blueprint, send_from_directory

bp = Blueprint("static_vendor", __name__)


# The version in the path lets browsers keep the file for a year: a new jQuery is a new URL.
@bp.get(f"/vendor/jquery-{xjquery.VERSION}.min.js", endpoint="jquery")
def jquery():
    return send_from_directory(xjquery.BASE_DIR, "jquery.min.js", max_age=365 * 24 * 3600,
                               mimetype="text/javascript")
