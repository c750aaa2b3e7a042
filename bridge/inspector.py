"""The ticket inspector's one server call: a JSONP exchange as the bridge answered it, with its journal row."""

from flask import Blueprint, abort, current_app, g, jsonify, url_for

from tradestation.dialects import CLASSIC, GLOBAL, api_version_for
from tradestation.orders import field_pairs
from tradestation.redact import SHOWN

from .auth import login_required

bp = Blueprint("inspector", __name__, url_prefix="/inspector")


@bp.get("/exchanges/<callback>")
@login_required
def exchange(callback):
    """The logged-in user's exchange answered under this callback name; 404 when the bridge kept none."""
    bridge = current_app.extensions["tsbridge"]
    found = bridge.exchanges.find(g.grant.userid, callback)
    if found is None:
        abort(404, "The bridge kept no record of this call.")
    record = found.public()
    row = bridge.journal.get(found.journal_row) if found.journal_row is not None else None
    record["journal"] = dict(row.public(), id=row.id) if row is not None and row.userid == g.grant.userid else None
    return jsonify(record), 200, {"Cache-Control": "no-store"}


def page_data() -> dict:
    """What the inspector's script is handed: its URL, how many characters of a token a masked one shows, and
    each ticket field's name in the two dialects (tradestation/orders.py), for the side-by-side view."""
    return {"urls": {"exchange": url_for("inspector.exchange", callback="CALLBACK")}, "shown": SHOWN,
            "field_pairs": field_pairs(),
            "api_versions": {name: api_version_for(name) for name in (CLASSIC, GLOBAL)}}
