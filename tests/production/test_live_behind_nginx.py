"""The page's live data through nginx as deployed: the server-sent events arrive unbuffered, a price move in
under a second, and the stream stays open past nginx's timeouts for ordinary answers."""

import time

from harness.live import LiveStream
from harness.sim_admin import admin
from harness.trader import Trader


def test_live_events_pass_through_nginx_at_once(desk):
    trader = Trader(desk.url)
    page = LiveStream(trader.http, desk.url, "MSFT")
    try:
        assert page.status == 200
        assert page.response.headers["Content-Type"].startswith("text/event-stream")
        assert "Content-Encoding" not in page.response.headers
        page.wait_for("quote", timeout=5)
        moved = time.monotonic()
        admin(desk.simulator, "price", {"Symbol": "MSFT", "Last": "417.25"})
        _, arrival = page.wait_for("quote", lambda quotes: quotes[0].get("Last") == 417.25, timeout=3)
        assert arrival - moved < 1.0, "nginx held the event back"
    finally:
        page.close()
