"""The /v3 calls, one module per area, all on one blueprint (calls.py): each reads its request (read.py for
orders, read_query.py for the read calls), asks the backend, and renders the backend's objects in v3's words
(render_*.py)."""

from . import views_brokerage, views_market, views_options, views_orders  # noqa: F401  (they add the routes)
from .calls import bp, v3_error

__all__ = ["bp", "v3_error"]
