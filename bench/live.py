"""python -m bench.live [--pages 200] [--seconds 60]: what open ticket pages cost the bridge (issue 19).

Starts the simulator (`python -m simulator`, whose log has a line per request it answers) and one bridge
instance (gunicorn with gunicorn.conf.py), logs in as demo, and measures, each over the same window:
  idle:   no page open, one client placing orders in turn: their latency;
  quiet:  `--pages` pages' /live streams open (plain HTTP clients reading server-sent events, every one of
          one other user, on MSFT), the market moving once a second, no order: the bridge's CPU and the
          upstream calls, per page per minute;
  busy:   the same pages open, and the client placing orders again: their latency against idle.
It prints the bridge's CPU per open page per minute, the upstream calls per page per minute, and the order
latency with the pages open against idle (the issue's target: within 1.5x), and writes them as JSON.

Every page is the simulator's second user's ("other"), as tabs of one trader, and the orders are demo's: the
bridge holds one feed per user per worker, so the upstream calls are those of one user per worker, whatever the
number of pages; and the pages' order list does not grow with the benchmark's orders (a resting order's legs
carry the moving Bid and Ask, so a long list would be sent again on every tick). The clients run in this
process on the same cores as the servers.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import threading
import time
from pathlib import Path

import requests

from bench import cpu
from bench.load import percentile
from harness import servers
from harness.live import LiveStream
from harness.orders import RESTING, classic_order
from harness.sim_admin import admin
from harness.trader import Trader

RESULTS = Path(__file__).resolve().parent / "results"


def upstream_calls(simulator_log: str) -> int:
    """Requests the simulator answered so far (its log has a line for each, with the request line)."""
    with open(simulator_log, errors="replace") as f:
        return sum(1 for line in f if '"GET /v2/' in line or '"POST /v2/' in line or '"DELETE /v2/' in line)


def order_latencies(trader: Trader, seconds: float) -> list[float]:
    """One client placing resting orders in turn for `seconds`: each call's milliseconds."""
    latencies, until = [], time.monotonic() + seconds
    while time.monotonic() < until:
        started = time.perf_counter()
        answer = trader.jsonp("send", data=classic_order(**RESTING))
        latencies.append((time.perf_counter() - started) * 1000)
        assert answer.status_code == 200 and '"OrderID"' in answer.text, answer.text[:200]
        time.sleep(0.2)
    return latencies


def window(bridge, simulator_log: str, seconds: float, trader: Trader | None = None) -> dict:
    """The bridge's CPU seconds and the upstream calls over one window; with a trader, the latencies of the
    orders it places meanwhile (without one, the window is quiet: only the pages and the market move)."""
    cpu_before, calls_before = cpu.seconds(groups=[bridge.process.pid]), upstream_calls(simulator_log)
    latencies = order_latencies(trader, seconds) if trader else time.sleep(seconds) or []
    figures = {"cpu_s": round(cpu.seconds(groups=[bridge.process.pid]) - cpu_before, 2),
               "upstream_calls": upstream_calls(simulator_log) - calls_before}
    if latencies:
        figures.update(orders=len(latencies), order_p50_ms=round(percentile(latencies, 50), 2),
                       order_p99_ms=round(percentile(latencies, 99), 2))
    return figures


def open_pages(bridge_url: str, cookies, count: int) -> list[LiveStream]:
    pages = []
    for _ in range(count):
        http = requests.Session()
        http.cookies.update(cookies)
        page = LiveStream(http, bridge_url, "MSFT", read_timeout=60)
        if page.status != 200:
            raise RuntimeError(f"/live answered {page.status} for page {len(pages) + 1}")
        pages.append(page)
    for page in pages:
        page.wait_for("quote", timeout=30)
    return pages


def move_market(simulator, stop: threading.Event) -> None:
    while not stop.wait(1.0):
        admin(simulator, "tick", {"steps": 1})


def run(pages: int, seconds: float, keep: bool) -> dict:
    with servers.stack("tsbridge-live-bench", keep) as (workdir, stack):
        simulator = servers.start_simulator(workdir)
        stack.callback(simulator.stop)
        # 200 pages of one login open in a few seconds: more than a person's rate (TS_USER_RATE) allows.
        bridge = servers.start_bridge(workdir, simulator.url + "/v2",
                                      env={**servers.NO_RATE_LIMITS, "TS_LIVE_PAGES": pages + 10})
        stack.callback(bridge.stop)
        simulator_log = os.path.join(workdir, "simulator.log")
        trader, viewer = Trader(bridge.url), Trader(bridge.url, user="other", password="other")
        ticking = threading.Event()
        threading.Thread(target=move_market, args=(simulator, ticking), daemon=True).start()
        try:
            idle = window(bridge, simulator_log, seconds, trader)
            opened = open_pages(bridge.url, viewer.http.cookies, pages)
            try:
                time.sleep(2)       # the feeds' first rounds are over
                quiet = window(bridge, simulator_log, seconds)
                busy = window(bridge, simulator_log, seconds, trader)
                alive = sum(1 for page in opened if not page.closed.is_set())
            finally:
                for page in opened:
                    page.close()
        finally:
            ticking.set()
    minutes = seconds / 60
    return {
        "when": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "pages": pages, "pages_alive_at_end": alive, "seconds": seconds,
        "idle_with_orders": idle, "open_quiet": quiet, "open_with_orders": busy,
        "cpu_ms_per_page_minute": round(quiet["cpu_s"] * 1000 / pages / minutes, 3),
        "upstream_calls_per_page_minute": round(quiet["upstream_calls"] / pages / minutes, 4),
        "order_p50_ratio": round(busy["order_p50_ms"] / idle["order_p50_ms"], 2),
        "order_p99_ratio": round(busy["order_p99_ms"] / idle["order_p99_ms"], 2),
    }


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.live", description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=60.0, help="each window's length")
    parser.add_argument("--json", metavar="PATH", help="where to write the figures (default bench/results/)")
    parser.add_argument("--keep", action="store_true", help="keep the logs (prints where)")
    args = parser.parse_args(argv)
    figures = run(args.pages, args.seconds, args.keep)
    print(json.dumps(figures, indent=2))
    path = Path(args.json) if args.json else RESULTS / f"live-{figures['when'].replace(':', '')}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(figures, indent=2))
    print(f"written to {path}")


if __name__ == "__main__":
    main()
