"""python -m bench.threads [--threads 8 132]: what a worker's idle threads cost an order (issue 23).

Serves the bridge twice under gunicorn (gunicorn.conf.py's gthread workers), with a different number of
threads per worker, in front of one simulator. gthread hands every request to a ThreadPoolExecutor, which
starts a thread only when none is idle and never ends one; so a burst of concurrent clients first grows each
worker's pool as far as that load takes it (what a busy minute leaves in production). Then one client sends
orders in rounds alternating between the two bridges, and for each bridge this prints, per order: user and
system CPU of its processes (from /proc, as the benchmark counts it), context switches, minor page faults;
and the threads alive, how many of them served a round, and each worker's resident memory. Last, the
hand-off alone, in this process: a ThreadPoolExecutor of each size grown in full, tasks of a few hundred
microseconds of Python sent one at a time, against the same tasks called directly.
"""

import argparse
import json
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from bench import cpu, load
from harness import servers
from harness.trader import Trader

PATH = "/jsonp/orders/send"


@dataclass
class Tally:
    """One bridge's counts over the one-client rounds."""
    threads: int
    orders: int = 0
    user: float = 0.0
    system: float = 0.0
    switches: int = 0
    faults: int = 0
    served_by: list = field(default_factory=list)      # threads that ran in each round
    rounds_ms: list = field(default_factory=list)      # CPU per order in each round
    alive: int = 0

    def take(self, before, after, orders):
        self.orders += orders
        ran, spent = 0, 0.0
        for key, now in after.items():
            then = before.get(key, cpu.Thread(0.0, 0.0, 0, 0))
            self.user += now.user - then.user
            self.system += now.system - then.system
            spent += now.user + now.system - then.user - then.system
            self.switches += now.switches - then.switches
            self.faults += now.faults - then.faults
            ran += now.user + now.system > then.user + then.system
        self.served_by.append(ran)
        self.rounds_ms.append(round(spent * 1000 / orders, 3))
        self.alive = len(after)

    def figures(self):
        per = 1000 / self.orders
        return {"threads_per_worker": self.threads, "orders": self.orders,
                "cpu_ms_per_order": round((self.user + self.system) * per, 3),
                "user_ms_per_order": round(self.user * per, 3), "system_ms_per_order": round(self.system * per, 3),
                "switches_per_order": round(self.switches / self.orders, 2),
                "faults_per_order": round(self.faults / self.orders, 2),
                "threads_alive": self.alive, "threads_that_ran_per_round": self.served_by,
                "cpu_ms_per_order_by_round": self.rounds_ms}


def resident_kb(group):
    """Each process's resident memory (kB), master and workers."""
    sizes = []
    for pid in sorted({pid for pid, _ in cpu.threads(group)}):
        try:
            with open(f"/proc/{pid}/status") as f:
                sizes += [int(line.split()[1]) for line in f if line.startswith("VmRSS:")]
        except OSError:
            continue
    return sizes


SAMPLE = {"Orders": [{"Symbol": "IBM", "Quantity": str(n), "LimitPrice": "1.00", "Legs": list(range(10))}
                     for n in range(20)]}


def task():
    """A few hundred microseconds of allocating Python, like a request's; answers the thread it ran on."""
    for _ in range(6):
        json.loads(json.dumps(SAMPLE))
    return threading.get_ident()


def handoff(sizes, tasks, rounds=10):
    """This process's CPU per task (µs) through a ThreadPoolExecutor of each size, every thread started first,
    rounds alternating; and directly. Also how many of each pool's threads ran a task."""
    pools = {}
    for size in sizes:
        pool = ThreadPoolExecutor(size)
        gate = threading.Barrier(size + 1)
        started = [pool.submit(gate.wait) for _ in range(size)]
        gate.wait()
        for future in started:
            future.result()
        pools[size] = pool
    spent, used = dict.fromkeys(sizes, 0.0), {size: set() for size in sizes}
    for round_no in range(rounds):
        for size in sizes if round_no % 2 == 0 else sizes[::-1]:
            start = time.process_time()
            for _ in range(tasks // rounds):
                used[size].add(pools[size].submit(task).result())
            spent[size] += time.process_time() - start
    start = time.process_time()
    for _ in range(tasks):
        task()
    direct = time.process_time() - start
    for pool in pools.values():
        pool.shutdown()
    per = 1e6 / (tasks // rounds * rounds)
    return {"direct_us": round(direct * 1e6 / tasks, 1),
            "pools": [{"threads": size, "used": len(used[size]), "cpu_us_per_task": round(spent[size] * per, 1)}
                      for size in sizes]}


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.threads", description=__doc__.split("\n")[0])
    parser.add_argument("--threads", type=int, nargs=2, default=(8, 132), help="threads per worker of each bridge")
    parser.add_argument("--burst", type=int, default=64, help="concurrent clients that first grow each pool (0: none)")
    parser.add_argument("--rounds", type=int, default=12)
    parser.add_argument("--orders", type=int, default=400, help="orders per bridge per round")
    parser.add_argument("--handoff-tasks", type=int, default=10_000, help="tasks per pool in the hand-off alone")
    parser.add_argument("--json", metavar="PATH", help="write the figures here too")
    args = parser.parse_args(argv)
    with servers.stack("tsbridge-threads") as (workdir, stack):
        simulator = servers.start_simulator(workdir, servers.NO_QUOTAS)
        stack.callback(simulator.stop)
        bridges = {}
        for count in args.threads:
            bridge = servers.start_bridge(workdir, simulator.url + "/v2", threads=count, env=servers.NO_RATE_LIMITS,
                                          name=f"bridge-{count}")
            stack.callback(bridge.stop)
            bridges[count] = (bridge, Trader(bridge.url).token, Tally(count))
        ids = load.ConfirmIds()
        if args.burst:
            for bridge, token, _ in bridges.values():
                load.concurrent(bridge.url, PATH, token, args.burst, 2.0, ids)
        order = list(bridges.values())
        for round_no in range(args.rounds):
            for bridge, token, tally in order if round_no % 2 == 0 else order[::-1]:
                before = cpu.threads(bridge.process.pid)
                run = load.sequential(bridge.url, PATH, token, args.orders, ids, warmup=10)
                tally.take(before, cpu.threads(bridge.process.pid), args.orders + 10)
                if run.failures:
                    raise SystemExit(f"{run.failures} orders failed: {run.examples[:3]}")
        figures = {"load_average": [round(x, 2) for x in os.getloadavg()],
                   "bridges": [dict(tally.figures(), resident_kb=resident_kb(bridge.process.pid))
                               for bridge, _, tally in bridges.values()]}
    for bridge in figures["bridges"]:
        print(f"{bridge['threads_per_worker']:4} threads a worker: CPU {bridge['cpu_ms_per_order']:.3f} ms an order "
              f"(user {bridge['user_ms_per_order']:.3f}, system {bridge['system_ms_per_order']:.3f}), "
              f"{bridge['switches_per_order']} switches, {bridge['faults_per_order']} faults an order; "
              f"{bridge['threads_alive']} threads alive, {min(bridge['threads_that_ran_per_round'])}-"
              f"{max(bridge['threads_that_ran_per_round'])} ran in a round; RSS kB {bridge['resident_kb']}; "
              f"CPU ms an order by round {bridge['cpu_ms_per_order_by_round']}")
    figures["handoff"] = handoff(tuple(args.threads), args.handoff_tasks)
    for pool in figures["handoff"]["pools"]:
        print(f"hand-off alone, a pool of {pool['threads']} ({pool['used']} used): {pool['cpu_us_per_task']} µs of CPU "
              f"a task; directly {figures['handoff']['direct_us']} µs")
    print(f"load average {figures['load_average']}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(figures, f, indent=2)
    return figures


if __name__ == "__main__":
    main()
