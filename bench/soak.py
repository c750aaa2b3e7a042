"""python -m bench.soak [--orders 3000] [--clients 8]: never lose an order, never place one twice.

A bounded load run on loopback: the simulator with its fault knobs on (latency, injected 500s,
dropped connections, first "after" recording the order and then "before"), the bridge under
gunicorn with two or more workers sharing one journal (SQLite, or with --database postgresql a
PostgreSQL cluster started for the run). Clients place thousands of orders,
each with its own OrderConfirmId, through the bridge's JSONP call; some clients deliberately send
an order again (a retry after the answer), and some orders are sent by two clients at once (a
double click). Then the trader's journal is read (GET /journal settles the orders whose fate was
unknown) until nothing is left unknown, a little past the bridge's grace period (TS_RECONCILE_GRACE),
and the counts are compared:

- every order a client sent is in the journal, exactly once;
- the journal's `placed` orders are exactly the orders the simulator recorded (by OrderConfirmId);
- no order is left `pending` or `unknown`;
- the simulator recorded no OrderConfirmId twice, and refused no repeat from the bridge (a repeat
  reaching TradeStation means the bridge resent an order it should have known was placed);
- every order a client was told was placed is recorded by the simulator.

It prints the counts and exits 1 if any disagree.
"""

import argparse
import collections
import json
import queue
import random
import sys
import threading
import time
from pathlib import Path

import requests
from sqlalchemy import create_engine, text

from bench import load, serving
from harness import jsonp, servers
from harness.orders import classic_order
from harness.postgres import start_postgres
from harness.sim_admin import admin
from harness.trader import Trader

RESULTS = Path(__file__).resolve().parent / "results"

# The demo user's four accounts, each with an instrument it trades, limit prices far from the market
# so that orders rest in the book. Spreading the orders keeps each account's order list (which the
# bridge reads to settle an unknown order) a quarter of the total.
BOOKS = [("281994", "EQ", "IBM", "1.00"), ("987654", "EQ", "MSFT", "1.00"), ("556677", "FU", "ESZ26", "100.00"),
         ("12345", "FX", "USDJPY", "1.000")]


def soak_order(confirm_id, index):
    account, asset, symbol, price = BOOKS[index % len(BOOKS)]
    return classic_order(AccountKey=account, AssetType=asset, Symbol=symbol, Quantity="1000" if asset == "FX" else "1",
                         OrderType="Limit", LimitPrice=price, Duration="GTC", OrderConfirmId=confirm_id)


def classify(status, body):
    """'placed', 'rejected', or the wrapped error's StatusCode as a string ('409', '503', '504', ...)."""
    if status != 200:
        return f"http-{status}"
    text = jsonp.inner(body, "cb", jsonp.BRIDGE)
    if text is None:
        return "unwrapped"
    try:
        answer = json.loads(text)
    except ValueError:
        return "unparsable"
    if isinstance(answer, list):
        return "placed" if all(r.get("OrderStatus") == "Ok" or r.get("Status") == "Success" for r in answer) \
            else "rejected"
    if isinstance(answer, dict) and "StatusCode" in answer:
        return str(answer["StatusCode"])
    return "unrecognised"


class Ledger:
    """What the clients sent and were told, per OrderConfirmId."""

    def __init__(self):
        self.lock = threading.Lock()
        self.sends = collections.Counter()                  # confirm id -> requests sent
        self.answers = collections.defaultdict(list)        # confirm id -> answers received
        self.outcomes = collections.Counter()               # answer kind -> count

    def record(self, confirm_id, kind):
        with self.lock:
            self.sends[confirm_id] += 1
            self.answers[confirm_id].append(kind)
            self.outcomes[kind] += 1


def run_clients(bridge_url, token, work, clients, repeaters, ledger, progress):
    def client_loop(number):
        client = load.Client(bridge_url, timeout=60)
        repeats = number < repeaters
        while True:
            try:
                index, confirm_id = work.get_nowait()
            except queue.Empty:
                break
            path = load.send_path("/jsonp/orders/send", token, soak_order(confirm_id, index))
            for _ in range(2 if repeats else 1):
                try:
                    status, body = client.get(path)
                    kind = classify(status, body)
                except OSError as error:
                    kind = f"client-error:{type(error).__name__}"
                    client.close()
                ledger.record(confirm_id, kind)
            progress()
        client.close()

    threads = [threading.Thread(target=client_loop, args=(n,), daemon=True) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def journal_rows(database_url):
    engine = create_engine(database_url)
    try:
        with engine.connect() as db:
            return [dict(row) for row in db.execute(text("SELECT confirm_id, state, kind, attempts FROM orders"))
                    .mappings()]
    finally:
        engine.dispose()


def simulator_orders(simulator_url, token):
    """OrderConfirmId -> how many orders the simulator holds for it, over the demo user's accounts."""
    keys = ",".join(account for account, *_ in BOOKS)
    answer = requests.get(f"{simulator_url}/v2/accounts/{keys}/orders", headers={"Authorization": f"Bearer {token}"},
                          timeout=120)
    answer.raise_for_status()
    return collections.Counter(order["OrderConfirmId"] for order in answer.json())


def settle(bridge_http, bridge_url, database_url, grace, say, limit=90.0):
    """GET /journal (which settles unknown rows) until none is pending or unknown, or `limit` seconds pass."""
    deadline = time.monotonic() + limit
    time.sleep(grace + 0.5)          # before the grace period, an order missing upstream proves nothing
    calls = 0
    while True:
        answer = bridge_http.get(f"{bridge_url}/journal", timeout=120)
        calls += 1
        states = collections.Counter(row["state"] for row in journal_rows(database_url))
        open_rows = states.get("pending", 0) + states.get("unknown", 0)
        say(f"  GET /journal #{calls}: HTTP {answer.status_code}; journal {dict(states)}")
        if open_rows == 0 or time.monotonic() > deadline:
            return calls
        time.sleep(1.0)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.soak", description=__doc__.split("\n")[0])
    parser.add_argument("--orders", type=int, default=3000, help="distinct orders (default 3000)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (default 8)")
    parser.add_argument("--repeaters", type=int, default=2, help="clients that send every order twice (default 2)")
    parser.add_argument("--double", type=float, default=0.05,
                        help="share of orders sent by two clients at once, a double click (default 0.05)")
    parser.add_argument("--workers", type=int, default=2, help="bridge gunicorn workers (default 2)")
    parser.add_argument("--threads", type=int, help="bridge threads per worker (default: gunicorn.conf.py's)")
    parser.add_argument("--latency-ms", type=int, default=5, help="SIM_LATENCY_MS (default 5)")
    parser.add_argument("--error-rate", type=float, default=0.02, help="SIM_ERROR_RATE (default 0.02)")
    parser.add_argument("--drop-rate", type=float, default=0.02, help="SIM_DROP_RATE (default 0.02)")
    parser.add_argument("--read-timeout", type=float, default=2.0, help="the bridge's TS_READ_TIMEOUT (default 2)")
    parser.add_argument("--grace", type=float, default=2.0, help="the bridge's TS_RECONCILE_GRACE: how long after a "
                        "failed send an order missing upstream counts as not placed (default 2)")
    parser.add_argument("--simulator", choices=("werkzeug", "gunicorn"), default="werkzeug",
                        help="werkzeug (default) drops connections for real; under gunicorn a drop is a 500")
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite",
                        help="the journal: a SQLite file, or a PostgreSQL cluster started for the run")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", metavar="PATH", help="where to write the counts (default bench/results/)")
    parser.add_argument("--keep", action="store_true", help="keep the logs and the journal")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    if args.workers < 2:
        parser.error("the soak runs the bridge with two or more workers")

    def say(text):
        if not args.quiet:
            print(text, flush=True)

    started = time.monotonic()
    rng = random.Random(args.seed)
    faults = {"SIM_LATENCY_MS": args.latency_ms, "SIM_ERROR_RATE": args.error_rate, "SIM_DROP_RATE": args.drop_rate,
              "SIM_DROP_WHEN": "after", "SIM_SEED": args.seed, **servers.NO_QUOTAS}
    ids = load.ConfirmIds("soak" + format(rng.getrandbits(24), "06x"))
    confirm_ids = [ids() for _ in range(args.orders)]
    work = queue.Queue()
    for index, confirm_id in enumerate(confirm_ids):
        work.put((index, confirm_id))
        if rng.random() < args.double:
            work.put((index, confirm_id))     # the next free client sends it too, at about the same time

    with servers.stack("tsbridge-soak", keep=args.keep) as (workdir, stack):
        simulator = servers.start_simulator(workdir, faults=faults, command=serving.command(args.simulator))
        stack.callback(simulator.stop)
        database = {}
        if args.database == "postgresql":
            cluster = start_postgres()
            stack.callback(cluster.stop)
            database = {"DATABASE_URL": cluster.create_database()}
        bridge = servers.start_bridge(workdir, simulator.url + "/v2", workers=args.workers, threads=args.threads,
                                      env={"TS_READ_TIMEOUT": args.read_timeout, "TS_RECONCILE_GRACE": args.grace,
                                           **database, **servers.NO_RATE_LIMITS})
        stack.callback(bridge.stop)
        say(f"simulator {simulator.url} ({args.simulator}; faults {faults}), bridge {bridge.url} "
            f"({args.workers} workers), logs in {workdir}")
        # Logging in is not what is soaked: no faults while it happens.
        admin(simulator, "faults", {"SIM_ERROR_RATE": 0, "SIM_DROP_RATE": 0})
        trader = Trader(bridge.url)
        token = trader.token
        admin(simulator, "faults", {"SIM_ERROR_RATE": args.error_rate, "SIM_DROP_RATE": args.drop_rate})

        ledger = Ledger()
        total = work.qsize()
        done = {"n": 0, "switched": False}
        done_lock = threading.Lock()

        def progress():
            with done_lock:
                done["n"] += 1
                n = done["n"]
                switch = not done["switched"] and n >= total // 2
                if switch:
                    done["switched"] = True
            if switch:
                admin(simulator, "faults", {"SIM_DROP_WHEN": "before"})
                say(f"  {n} of {total} sends: connections now dropped before the order is recorded")
            elif n % 500 == 0:
                say(f"  {n} of {total} sends")

        say(f"{args.orders} orders ({total} queued sends), {args.clients} clients of which {args.repeaters} "
            f"send every order twice; drops after recording for the first half, then before:")
        load_started = time.monotonic()
        run_clients(bridge.url, token, work, args.clients, args.repeaters, ledger, progress)
        load_seconds = time.monotonic() - load_started
        say(f"  sent in {load_seconds:.1f} s; answers: {dict(ledger.outcomes)}")

        say(f"settling: waiting past the grace period ({args.grace} s), then reading the journal:")
        journal_calls = settle(trader.http, bridge.url, bridge.database_url, args.grace, say)
        stats = admin(simulator, "stats")
        admin(simulator, "faults", {"SIM_ERROR_RATE": 0, "SIM_DROP_RATE": 0})
        recorded = simulator_orders(simulator.url, token)
        rows = [row for row in journal_rows(bridge.database_url) if row["kind"] == "send"]
        bridge_errors = [line for line in Path(bridge.log_path).read_text(errors="replace").splitlines()
                         if "Traceback" in line or "[ERROR]" in line or "WORKER TIMEOUT" in line]

    sent = set(confirm_ids)
    journal_ids = collections.Counter(row["confirm_id"] for row in rows)
    by_state = collections.Counter(row["state"] for row in rows)
    placed = {row["confirm_id"] for row in rows if row["state"] == "placed"}
    at_simulator = set(recorded)
    told_placed = {cid for cid, answers in ledger.answers.items() if "placed" in answers}
    duplicates = {cid: n for cid, n in recorded.items() if n > 1}

    checks = [
        ("every order sent is in the journal", len(sent - set(journal_ids)) == 0,
         f"{len(sent - set(journal_ids))} missing"),
        ("the journal holds no order nobody sent", len(set(journal_ids) - sent) == 0,
         f"{len(set(journal_ids) - sent)} extra"),
        ("one journal row per order", all(n == 1 for n in journal_ids.values()),
         f"{sum(1 for n in journal_ids.values() if n > 1)} with more"),
        ("journal placed == simulator recorded", placed == at_simulator,
         f"{len(placed - at_simulator)} placed but not recorded, {len(at_simulator - placed)} recorded but not placed"),
        ("no pending or unknown left", by_state.get("pending", 0) + by_state.get("unknown", 0) == 0,
         f"{by_state.get('pending', 0)} pending, {by_state.get('unknown', 0)} unknown"),
        ("no OrderConfirmId recorded twice", not duplicates, f"{len(duplicates)} recorded more than once"),
        ("simulator refused no repeat from the bridge", stats.get("duplicates_refused", 0) == 0,
         f"{stats.get('duplicates_refused', 0)} repeats reached the simulator"),
        ("every order a client was told is placed is recorded", told_placed <= at_simulator,
         f"{len(told_placed - at_simulator)} told placed but not recorded"),
        ("simulator's order count == its distinct OrderConfirmIds", stats.get("orders") == stats.get("confirm_ids"),
         f"orders {stats.get('orders')}, confirm ids {stats.get('confirm_ids')}"),
    ]
    counts = {
        "database": args.database,
        "orders_sent_by_clients": len(sent),
        "client_requests": sum(ledger.sends.values()),
        "client_answers": dict(ledger.outcomes),
        "journal_rows": len(rows),
        "journal_by_state": dict(by_state),
        "journal_retried_rows": sum(1 for row in rows if row["attempts"] > 1),
        "simulator_orders": stats.get("orders"),
        "simulator_confirm_ids": stats.get("confirm_ids"),
        "simulator_listed_confirm_ids": len(at_simulator),
        "simulator_duplicates_refused": stats.get("duplicates_refused"),
        "simulator_injected_errors": stats.get("injected_errors"),
        "simulator_dropped_connections": stats.get("dropped_connections"),
        "duplicates": len(duplicates),
        "journal_reads_to_settle": journal_calls,
        "load_seconds": round(load_seconds, 1),
        "seconds": round(time.monotonic() - started, 1),
        "bridge_log_errors": len(bridge_errors),
        "settings": {"orders": args.orders, "clients": args.clients, "repeaters": args.repeaters,
                     "double": args.double, "workers": args.workers, "faults": faults,
                     "read_timeout": args.read_timeout, "grace": args.grace, "simulator": args.simulator},
        "checks": {name: {"ok": ok, "detail": detail} for name, ok, detail in checks},
    }
    all_ok = all(ok for _, ok, _ in checks)

    print()
    print(f"{'count':44} {'value':>10}")
    print("-" * 56)
    for label, value in [("orders sent by clients (distinct ids)", len(sent)),
                         ("client requests (with repeats)", counts["client_requests"]),
                         ("journal rows", len(rows))] + \
            [(f"  journal: {state}", n) for state, n in sorted(by_state.items())] + \
            [("simulator: orders recorded", stats.get("orders")),
             ("simulator: distinct OrderConfirmIds", stats.get("confirm_ids")),
             ("simulator: repeats refused", stats.get("duplicates_refused")),
             ("simulator: injected 500s", stats.get("injected_errors")),
             ("simulator: dropped connections", stats.get("dropped_connections")),
             ("duplicates (ids recorded twice)", len(duplicates))]:
        print(f"{label:44} {value:>10}")
    print(f"\nclient answers: {dict(sorted(ledger.outcomes.items()))}")
    print()
    for name, ok, detail in checks:
        print(f"{'ok    ' if ok else 'FAILED'} {name}{'' if ok else ': ' + detail}")
    if bridge_errors:
        print(f"\nthe bridge logged {len(bridge_errors)} errors, e.g. {bridge_errors[:3]}")
    print(f"\n{'AGREE' if all_ok else 'DISAGREE'}: {args.orders} orders in {counts['seconds']} s "
          f"(load {counts['load_seconds']} s)")
    path = Path(args.json) if args.json else RESULTS / f"soak-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(counts, indent=2) + "\n")
    print(f"counts written to {path}")
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
