"""What one relayed order costs, stage by stage: `python -m bench.profile [--orders N] [--cprofile]`.

The simulator runs as its own process (as in the benchmark); the bridge is built in this process
with app.create_app and called as a WSGI app (each request's environ built before the clock starts),
one order after another, so that every stage of the relay path runs in this thread where a timer
(and cProfile) can see it. The WSGI server (gunicorn) is left out: its cost is the difference
between this and the benchmark's CPU per order.

Each stage is timed twice: wall time, and this thread's CPU time. On a machine shared with other
work the wall times grow with the load (waiting for a core); the CPU times hardly move, so they are
the figures to compare between runs. The upstream call's wall time includes the simulator's work;
its CPU time is the bridge's side of the exchange alone.

Stages are timed by wrapping the bridge's own objects (no change to bridge/): the grant lookup,
parsing and validating the order, the journal's claim (INSERT) and record_answer (UPDATE), the
upstream call (urllib3 + the simulator's own work + loopback), and the rest (Flask routing, JSONP
wrapping, the response).
"""

import argparse
import collections
import cProfile
import io
import json
import os
import pstats
import statistics
import sys
import time

from werkzeug.test import EnvironBuilder

from bench import load, serving
from harness import servers
from harness.keys import SECRET_KEY
from harness.postgres import start_postgres
from harness.trader import Trader


class Stages:
    """(wall ms, CPU ms) of each call of each wrapped stage, by label."""

    def __init__(self):
        self.times = collections.defaultdict(list)

    def wrap(self, owner, name, label):
        original = getattr(owner, name)
        times = self.times[label]

        def timed(*args, **kwargs):
            start, start_cpu = time.perf_counter(), time.thread_time()
            try:
                return original(*args, **kwargs)
            finally:
                times.append(((time.perf_counter() - start) * 1000, (time.thread_time() - start_cpu) * 1000))
        setattr(owner, name, timed)


def build_bridge(workdir, upstream, database_url=None):
    from app import create_app
    return create_app({"TS_BASE_URL": upstream, "DATABASE_URL": database_url or f"sqlite:///{workdir}/journal.sqlite3",
                       "SECRET_KEY": SECRET_KEY, **servers.NO_RATE_LIMITS})


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.profile")
    parser.add_argument("--orders", type=int, default=2000)
    parser.add_argument("--cprofile", action="store_true",
                        help="also print cProfile's top functions, timed by this thread's CPU clock")
    parser.add_argument("--top", type=int, default=35)
    parser.add_argument("--save", metavar="PATH", help="with --cprofile, also write the profile there (pstats)")
    parser.add_argument("--simulator", choices=("gunicorn", "werkzeug"), default="gunicorn")
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite",
                        help="the journal's database: a SQLite file, or a PostgreSQL cluster started for the run")
    args = parser.parse_args(argv)

    from simulator.server import serve_in_thread

    with servers.stack("tsbridge-profile") as (workdir, stack):
        simulator = servers.start_simulator(workdir, servers.NO_QUOTAS, command=serving.command(args.simulator))
        stack.callback(simulator.stop)
        database_url = None
        if args.database == "postgresql":
            cluster = start_postgres()
            stack.callback(cluster.stop)
            database_url = cluster.create_database()
        app = build_bridge(workdir, simulator.url + "/v2", database_url)
        served = serve_in_thread(app)         # only for logging in through the simulator's form
        stack.callback(served.shutdown)
        token = Trader(served.url).token

        bridge = app.extensions["tsbridge"]
        stages = Stages()
        import bridge.relay as relay_module
        stages.wrap(bridge.grants, "by_access_token", "grant lookup (SELECT grants JOIN grant_tokens)")
        stages.wrap(relay_module, "parse_order", "parse + validate the order")
        stages.wrap(bridge.journal, "claim", "journal claim (INSERT, commit)")
        stages.wrap(bridge.calls, "fresh", "grant freshness check")
        stages.wrap(bridge.upstream, "call", "upstream POST /orders (urllib3 + simulator + loopback)")
        stages.wrap(bridge.upstream.pool, "urlopen", "  of which the pool's request")
        stages.wrap(bridge.journal, "record_answer", "journal record_answer (UPDATE, commit)")
        stages.wrap(relay_module.Relay, "send", "relay.send (all of the above but the lookup)")

        ids = load.ConfirmIds()
        answered = []

        def start_response(status, headers):
            answered.append(status)

        def request(environ):
            body = b"".join(app.wsgi_app(environ, start_response))
            assert answered.pop() == "200 OK" and load.answered_ok(200, body.decode()), body[:300]

        whole = []

        def one():
            path, query = load.send_path("/jsonp/orders/send", token, load.order(ids())).split("?", 1)
            environ = EnvironBuilder(path=path, query_string=query).get_environ()
            start, start_cpu = time.perf_counter(), time.thread_time()
            request(environ)
            whole.append(((time.perf_counter() - start) * 1000, (time.thread_time() - start_cpu) * 1000))

        for _ in range(200):                 # warm up: imports, pools, SQLite pages
            one()
        whole.clear()
        for values in stages.times.values():
            values.clear()

        # By CPU time, not wall time: on a shared machine a function's wall time is mostly waiting for a core.
        profiler = cProfile.Profile(time.thread_time) if args.cprofile else None
        if profiler:
            profiler.enable()
        for _ in range(args.orders):
            one()
        if profiler:
            profiler.disable()

        # The simulator's own time for the same call, measured from outside on the REST path.
        direct = []
        import requests
        session = requests.Session()
        for _ in range(args.orders // 4):
            body = json.dumps(load.order(ids()), separators=(",", ":"))
            start = time.perf_counter()
            answer = session.post(simulator.url + "/v2/orders?APIVersion=20101026", data=body,
                                  headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
            direct.append((time.perf_counter() - start) * 1000)
            assert answer.status_code == 200

    print(f"\nPer relayed order, {args.orders} orders, one at a time, journal on {args.database} "
          f"(ms; load average {os.getloadavg()[0]:.1f}):")
    print(f"{'stage':62} {'wall p50':>8} {'wall p99':>8} {'CPU p50':>8} {'CPU mean':>8}")

    def row(label, pairs):
        walls, cpus = [wall for wall, _ in pairs], [cpu for _, cpu in pairs]
        print(f"{label:62} {statistics.median(walls):8.3f} {load.percentile(walls, 99):8.3f} "
              f"{statistics.median(cpus):8.3f} {statistics.fmean(cpus):8.3f}")

    row("whole request (Flask and the bridge, no WSGI server)", whole)
    for label, pairs in stages.times.items():
        if pairs:
            row(label, pairs)
    print(f"{'for comparison: POST /orders straight to the simulator (requests)':62} "
          f"{statistics.median(direct):8.3f} {load.percentile(direct, 99):8.3f}")
    if profiler:
        if args.save:
            profiler.dump_stats(args.save)
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(args.top)
        print(out.getvalue())
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(args.top)
        print(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
