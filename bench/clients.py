"""python -m bench.clients [--calls N]: the client's side of one keep-alive POST /orders, by library.

Starts the simulator (as the benchmark serves it), logs in, and places orders one after another with
each candidate upstream client in alternating rounds, each on one kept-alive connection: the
bridge's own urllib3 pool (bridge/upstream.py), http.client alone, and pycurl (libcurl). Prints this
thread's CPU time per call (the client's side of the exchange, not the simulator's) and the wall p50.
"""

import argparse
import http.client
import io
import json
import statistics
import sys
import time
from urllib.parse import urlsplit

import pycurl
import urllib3

from bench import load, serving
from harness import servers
from harness.trader import Trader


def clients(base, token):
    """Each candidate as a function placing one order (a JSON body) and returning its answer's bytes."""
    parts = urlsplit(base)
    target = parts.path + "/orders?APIVersion=20101026"
    headers = {"Authorization": f"Bearer {token}", "Accept": "application/json", "Content-Type": "application/json"}
    pool = urllib3.connection_from_url(base, maxsize=1, block=False)
    plain = http.client.HTTPConnection(parts.hostname, parts.port)
    curl = pycurl.Curl()
    curl.setopt(pycurl.URL, base + "/orders?APIVersion=20101026")
    curl.setopt(pycurl.HTTPHEADER, [f"{name}: {value}" for name, value in headers.items()])

    def with_urllib3(body):
        return pool.urlopen("POST", target, body=body, headers=headers, retries=False, redirect=False).data

    def with_http_client(body):
        if plain.sock is not None and urllib3.util.wait_for_read(plain.sock, timeout=0.0):
            plain.close()       # the server closed it while idle (urllib3 checks the same before each call)
        plain.request("POST", target, body=body, headers=headers)
        return plain.getresponse().read()

    def with_pycurl(body):
        answer = io.BytesIO()
        curl.setopt(pycurl.POSTFIELDS, body)
        curl.setopt(pycurl.WRITEDATA, answer)
        curl.perform()
        return answer.getvalue()
    return {"urllib3": with_urllib3, "http.client": with_http_client, "pycurl": with_pycurl}


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.clients", description=__doc__.split("\n")[0])
    parser.add_argument("--calls", type=int, default=500, help="calls per client per round")
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args(argv)
    with servers.stack("tsbridge-clients") as (workdir, stack):
        simulator = servers.start_simulator(workdir, command=serving.command("gunicorn"))
        stack.callback(simulator.stop)
        bridge = servers.start_bridge(workdir, simulator.url + "/v2")
        stack.callback(bridge.stop)
        token = Trader(bridge.url).token
        ids = load.ConfirmIds()
        candidates = clients(simulator.url + "/v2", token)
        cpu = {name: [] for name in candidates}
        wall = {name: [] for name in candidates}
        for round_no in range(args.rounds + 1):            # the first round warms up and is not counted
            for name, place in candidates.items():
                for _ in range(args.calls):
                    body = json.dumps(load.order(ids()), separators=(",", ":")).encode()
                    start, start_cpu = time.perf_counter(), time.thread_time()
                    answer = place(body)
                    spent, spent_cpu = time.perf_counter() - start, time.thread_time() - start_cpu
                    assert load.answered_ok(200, answer.decode()), answer[:200]
                    if round_no:
                        cpu[name].append(spent_cpu * 1000)
                        wall[name].append(spent * 1000)
    print(f"{'client':12} {'CPU mean':>9} {'wall p50':>9}  (ms per call, {args.rounds} x {args.calls} calls)")
    for name in candidates:
        print(f"{name:12} {statistics.fmean(cpu[name]):9.3f} {statistics.median(wall[name]):9.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
