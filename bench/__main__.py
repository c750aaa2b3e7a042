"""python -m bench [--quick] [--json PATH]: what the bridge costs an order.

Starts the simulator (one process) and the bridge (gunicorn with gunicorn.conf.py) on loopback,
logs in as demo, and measures, in one run:
  a. the JSONP place-order call straight to the simulator (/v2/jsonp/orders/send),
  n. the same call through an nginx proxy_pass hop to the simulator: the floor of any relay,
  b. the same call through the bridge (/jsonp/orders/send): validated, journaled, relayed by REST,
     journaled again and wrapped;
  r. the same call through the naive relay (bench/naive.py: requests.post, a new connection each
     time, no look-up, no journal), served by the same server with the same settings as the bridge;
  p. the production layout (unless --no-production): two bridge instances on one PostgreSQL behind
     deploy/nginx.conf with TLS (its per-address order limit lifted: every client here shares one
     address), in front of a simulator of its own;
  p50/p99 latency with one client and throughput with 8 and 32 concurrent clients, for each, with
  all measured in alternating rounds so that whatever else the machine is doing weighs on each;
  the CPU time (user + system, from /proc) each server's processes spent per order, over the
  one-client rounds;
  c. in headless Chromium: navigation to a usable ticket, and click "Place order" to the result shown;
  d. the bytes of the ticket page and its subresources;
  l. unless --no-live, bench/live.py: 200 ticket pages' live streams (/live) open against one instance, the
     bridge's CPU and the upstream calls per open page per minute, and order latency with them open vs none.
It prints a table with each target and writes the figures as JSON (bench/results/ by default).

The load generator runs in this process, on the same cores as the servers: with 2 cores, every
figure here is "servers and clients sharing two cores", which understates what the servers alone
would do (and the direct path, being cheaper, suffers relatively more from the shared CPU).
"""

import argparse
import datetime
import json
import os
import platform
import sqlite3
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench import cpu, load, serving
from bench.naive import APP as NAIVE
from bench.report import TARGETS, figures_of, table, verdict
from harness import servers
from harness.nginx import start_nginx_hop
from harness.postgres import start_postgres
from harness.production import start_production
from harness.trader import Trader

RESULTS = Path(__file__).resolve().parent / "results"

PLANS = {
    # latency: rounds x orders per round per target; throughput: rounds x seconds per window
    "quick": {"latency_rounds": 4, "latency_orders": 100, "tp_rounds": 2, "tp_seconds": 2.0,
              "loads": 5, "clicks": 9, "live_pages": 200, "live_seconds": 10.0},
    "full": {"latency_rounds": 10, "latency_orders": 250, "tp_rounds": 4, "tp_seconds": 6.0,
             "loads": 9, "clicks": 25, "live_pages": 200, "live_seconds": 30.0},
}


def loadavg():
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


@dataclass
class Target:
    """Where one kind of order call goes: base URL, path, the token it carries, and the process groups
    whose CPU time counts as its cost (the servers that do the work of it)."""
    base: str
    path: str
    token: str
    groups: dict      # what the CPU is ("bridge", "nginx") -> bench.cpu.seconds' arguments: groups, parents


def group(*servers_):
    """The processes of these servers, for bench.cpu.seconds: each was started in a group of its own."""
    return {"groups": {server.process.pid for server in servers_}}


def measure_latency(targets, ids, plan, say):
    """One client, rounds alternating over the targets; and the CPU each target's servers spent per
    order sent in those rounds (warm-up orders included, as they were sent too)."""
    runs = {name: load.Run() for name in targets}
    cpu_seconds = {name: dict.fromkeys(target.groups, 0.0) for name, target in targets.items()}
    sent = dict.fromkeys(targets, 0)
    for round_no in range(plan["latency_rounds"]):
        for name, target in targets.items():
            warmup = 10 if round_no else 50
            before = {what: cpu.seconds(**processes) for what, processes in target.groups.items()}
            runs[name].add(load.sequential(target.base, target.path, target.token, plan["latency_orders"], ids,
                                           warmup=warmup))
            for what, processes in target.groups.items():
                cpu_seconds[name][what] += cpu.seconds(**processes) - before[what]
            sent[name] += plan["latency_orders"] + warmup
    cpu_ms = {name: {what: round(seconds * 1000 / sent[name], 3) for what, seconds in spent.items()}
              for name, spent in cpu_seconds.items()}
    for name, run in runs.items():
        say(f"  latency {name:6}: {run.orders} orders, p50 {run.p(50):.2f} ms, p99 {run.p(99):.2f} ms"
            f"{f', {run.failures} failed' if run.failures else ''}; CPU ms per order {cpu_ms[name]}")
    return runs, cpu_ms


def measure_throughput(targets, ids, plan, clients, say):
    runs = {name: load.Run() for name in targets}
    for _ in range(plan["tp_rounds"]):
        for name, target in targets.items():
            runs[name].add(load.concurrent(target.base, target.path, target.token, clients, plan["tp_seconds"],
                                           ids))
    for name, run in runs.items():
        say(f"  {clients:2} clients {name:6}: {run.rate:7.1f} orders/s, p50 {run.p(50):.1f} ms"
            f"{f', {run.failures} failed' if run.failures else ''}")
    return runs


def journal_states(database):
    with sqlite3.connect(database) as db:
        return dict(db.execute("SELECT state, COUNT(*) FROM orders GROUP BY state").fetchall())


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="a run of under a minute")
    parser.add_argument("--json", metavar="PATH", help="where to write the figures "
                        "(default bench/results/bench-<time>.json)")
    parser.add_argument("--simulator", choices=("gunicorn", "werkzeug", "module"), default="gunicorn",
                        help="how the simulator is served (default: one gunicorn gthread worker; see bench/README.md)")
    parser.add_argument("--server", choices=("gunicorn", "granian"), default="gunicorn",
                        help="what serves the bridge and the naive relay (default: gunicorn, as in production)")
    parser.add_argument("--workers", type=int, help="bridge workers (default: gunicorn.conf.py's)")
    parser.add_argument("--threads", type=int, help="bridge threads per worker (default: gunicorn.conf.py's)")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium measurements")
    parser.add_argument("--no-production", action="store_true",
                        help="skip the two instances on PostgreSQL behind nginx")
    parser.add_argument("--keep", action="store_true", help="keep the logs and the journal (prints where)")
    parser.add_argument("--no-live", action="store_true", help="skip the open pages' live streams (bench/live.py)")
    args = parser.parse_args(argv)
    plan = PLANS["quick" if args.quick else "full"]

    def say(text):
        print(text, flush=True)

    started = time.time()
    figures = {"when": datetime.datetime.now().isoformat(timespec="seconds"), "plan": "quick" if args.quick else "full",
               "cpus": os.cpu_count(), "python": platform.python_version(), "simulator_server": args.simulator,
               "loadavg_before": loadavg()}

    with servers.stack(keep=args.keep) as (workdir, stack):
        simulator = servers.start_simulator(workdir, servers.NO_QUOTAS, command=serving.command(args.simulator))
        stack.callback(simulator.stop)
        bridge = servers.start_bridge(workdir, simulator.url + "/v2", workers=args.workers, threads=args.threads,
                                      env=servers.NO_RATE_LIMITS, server=args.server)
        stack.callback(bridge.stop)
        naive = servers.start_bridge(workdir, simulator.url + "/v2", workers=args.workers, threads=args.threads,
                                     name="naive", app=NAIVE, server=args.server)
        stack.callback(naive.stop)
        figures["bridge_server"] = {"server": args.server, "workers": args.workers or "gunicorn.conf.py",
                                    "threads": args.threads or "gunicorn.conf.py"}
        hop = start_nginx_hop(simulator.url)
        stack.callback(hop.stop)
        say(f"simulator {simulator.url} ({args.simulator}), nginx hop {hop.url}, bridge {bridge.url} and naive relay "
            f"{naive.url} ({args.server}), logs in {workdir}")
        token = Trader(bridge.url).token
        ids = load.ConfirmIds()
        targets = {
            "direct": Target(simulator.url, "/v2/jsonp/orders/send", token, {"simulator": group(simulator)}),
            "nginx": Target(hop.url, "/v2/jsonp/orders/send", token,
                            {"nginx": group(hop), "simulator": group(simulator)}),
            "bridge": Target(bridge.url, "/jsonp/orders/send", token,
                             {"bridge": group(bridge), "simulator": group(simulator)}),
            # The bridge's token is TradeStation's own: the naive relay passes it on as it came.
            "naive": Target(naive.url, "/jsonp/orders/send", token,
                            {"naive": group(naive), "simulator": group(simulator)}),
        }
        if not args.no_production:
            cluster = start_postgres()
            stack.callback(cluster.stop)
            desk = start_production(workdir, cluster.create_database(), workers=args.workers,
                                    threads=args.threads, request_rate=1_000_000,
                                    env=servers.NO_RATE_LIMITS, faults=servers.NO_QUOTAS,
                                    simulator_command=serving.command(args.simulator))
            stack.callback(desk.stop)
            # Both the load generator (ssl) and the login (requests) trust the desk's nginx certificate.
            os.environ["SSL_CERT_FILE"] = os.environ["REQUESTS_CA_BUNDLE"] = desk.ca
            say(f"production: nginx {desk.url} in front of {', '.join(b.url for b in desk.bridges)} on PostgreSQL")
            targets["desk"] = Target(desk.url, "/jsonp/orders/send", Trader(desk.url).token,
                                     {"bridges": group(*desk.bridges), "postgresql": {"parents": {cluster.pid()}},
                                      "nginx": group(desk.nginx), "simulator": group(desk.simulator)})

        if not args.no_browser:
            from bench import browser
            say("headless Chromium: ticket load and click to result:")
            figures.update(browser.summarise(browser.measure(bridge.url, plan["loads"], plan["clicks"])))
            say(f"  ready {figures['ticket_ready_runs_ms']} ms; click {figures['click_to_result_runs_ms']} ms")
        else:
            figures.update({"ticket_ready_ms": None, "click_to_result_ms": None, "ticket_bytes": None})

        say("latency, one client, rounds alternating over the targets:")
        latency, cpu_ms = measure_latency(targets, ids, plan, say)
        throughput = {}
        for clients in (8, 32):
            say(f"throughput, {clients} clients, rounds of {plan['tp_seconds']:.0f} s alternating:")
            throughput[clients] = measure_throughput(targets, ids, plan, clients, say)

        figures.update(figures_of(latency, cpu_ms, throughput))
        failures = {f"latency_{name}": run.failures for name, run in latency.items()}
        for clients, runs in throughput.items():
            failures.update({f"throughput_{clients}_{name}": run.failures for name, run in runs.items()})
        figures["failed_orders"] = failures
        examples = [e for run in list(latency.values()) + [r for rs in throughput.values() for r in rs.values()]
                    for e in run.examples]
        if examples:
            figures["failure_examples"] = examples[:5]

        figures["journal_states"] = journal_states(bridge.database)
    if not args.no_live:
        from bench import live
        say(f"{plan['live_pages']} ticket pages' live streams open, windows of {plan['live_seconds']:.0f} s:")
        figures["live"] = live.run(plan["live_pages"], plan["live_seconds"], args.keep)
        figures["live_order_p50_ratio"] = figures["live"]["order_p50_ratio"]
    figures["loadavg_after"] = loadavg()
    figures["seconds"] = round(time.time() - started, 1)
    figures["verdicts"] = {key: verdict(key, figures.get(key)) for key in TARGETS}

    print()
    print(table(figures))
    print(f"\nFailed orders: {sum(failures.values())}; journal: {figures['journal_states']}; "
          f"load average before/after {figures['loadavg_before']} / {figures['loadavg_after']}; "
          f"{figures['seconds']} s.")
    print("The load generator shares the CPUs with both servers; see bench/README.md.")
    path = Path(args.json) if args.json else RESULTS / f"bench-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(figures, indent=2) + "\n")
    print(f"Figures written to {path}")
    return 1 if sum(failures.values()) or figures.get("browser_failures") else 0


if __name__ == "__main__":
    sys.exit(main())
