"""python -m bench.stacks [--quick] [--streams N]: the candidate servers side by side, in one run.

For each server (gunicorn's gthread worker, granian's WSGI interface), the bridge and the naive relay
(bench/naive.py) are served by it with the same workers and threads, in front of one simulator; then
one-client latency, CPU per order and throughput at 8 clients are measured in alternating rounds, first
with nothing else open, then with N long-lived streaming responses (bench/streams.py) held open on each
bridge while the orders flow, as a page's live feed would. A stream holds a thread on either server, so
each gets threads enough for the streams and the orders: 8 + N per worker, since neither balances
connections between its workers.
"""

import argparse
import json
import sys
import time

from bench import load, serving
from bench.__main__ import PLANS, Target, group, measure_latency, measure_throughput
from bench.naive import APP as NAIVE
from bench.streams import APP as WITH_STREAMS
from bench.streams import Streams
from harness import servers
from harness.trader import Trader

SERVERS = ("gunicorn", "granian")


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.stacks", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--streams", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--servers", default=",".join(SERVERS))
    parser.add_argument("--json", metavar="PATH")
    args = parser.parse_args(argv)
    plan = PLANS["quick" if args.quick else "full"]
    # Either server may hand every stream to one worker (neither balances connections between them).
    threads = 8 + args.streams
    names = args.servers.split(",")

    def say(text):
        print(text, flush=True)

    figures = {"streams": args.streams, "workers": args.workers, "threads": threads}
    with servers.stack("tsbridge-stacks") as (workdir, stack):
        simulator = servers.start_simulator(workdir, command=serving.command("gunicorn"))
        stack.callback(simulator.stop)
        targets, bridges = {}, {}
        for name in names:
            bridge = servers.start_bridge(workdir, simulator.url + "/v2", workers=args.workers, threads=threads,
                                          env=servers.NO_RATE_LIMITS, name=f"bridge-{name}", app=WITH_STREAMS,
                                          server=name)
            stack.callback(bridge.stop)
            naive = servers.start_bridge(workdir, simulator.url + "/v2", workers=args.workers, threads=threads,
                                         name=f"naive-{name}", app=NAIVE, server=name)
            stack.callback(naive.stop)
            token = Trader(bridge.url).token     # each bridge has its own grants; the simulator takes any
            bridges[name] = bridge
            targets[f"b-{name}"] = Target(bridge.url, "/jsonp/orders/send", token, {"server": group(bridge)})
            targets[f"n-{name}"] = Target(naive.url, "/jsonp/orders/send", token, {"server": group(naive)})
        targets = {"direct": Target(simulator.url, "/v2/jsonp/orders/send", token, {"simulator": group(simulator)}),
                   **targets}
        ids = load.ConfirmIds()
        for phase in ("quiet", f"{args.streams} streams"):
            held = []
            if phase != "quiet":
                started = time.perf_counter()
                held = [Streams(bridge.url, args.streams) for bridge in bridges.values()]
                say(f"{args.streams} streams open on each bridge in {time.perf_counter() - started:.1f} s")
            say(f"{phase}: latency, one client, alternating rounds:")
            latency, cpu_ms = measure_latency(targets, ids, plan, say)
            say(f"{phase}: throughput, 8 clients:")
            throughput = measure_throughput(targets, ids, plan, 8, say)
            for streams in held:
                streams.close()
            direct = latency["direct"].p(50)
            figures[phase] = {name: {"p50_ms": round(run.p(50), 3), "added_p50_ms": round(run.p(50) - direct, 3),
                                     "p99_ms": round(run.p(99), 3), "cpu_ms": cpu_ms[name],
                                     "throughput_8": round(throughput[name].rate, 1)}
                              for name, run in latency.items()}
    for phase in ("quiet", f"{args.streams} streams"):
        say(f"\n{phase}: {'target':10} {'added p50':>9} {'p99':>7} {'CPU/order':>9} {'8 clients':>9}")
        for name, row in figures[phase].items():
            cpu = next(iter(row["cpu_ms"].values()))
            say(f"{'':{len(phase) + 1}} {name:10} {row['added_p50_ms']:9.3f} {row['p99_ms']:7.2f} {cpu:9.3f} "
                f"{row['throughput_8']:9.0f}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(figures, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
