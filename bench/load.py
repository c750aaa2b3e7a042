"""The load generator: clients placing orders by the JSONP call, each on its own keep-alive connection.

Plain http.client rather than requests: a requests.Session costs roughly 0.3 ms of CPU per call in
the client, http.client about a third of that, and on a 2-core machine every millisecond the load
generator spends is one the servers do not get. The generator still competes with the servers for
the CPU; that is said next to every figure it produces.
"""

import http.client
import json
import secrets
import ssl
import statistics
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

from harness.orders import classic_order

# Compact JSON as the bridge and the simulator's JSONP write it, and as json.dumps writes it by default.
OK_MARKERS = ('"OrderStatus":"Ok"', '"Status":"Success"', '"OrderStatus": "Ok"', '"Status": "Success"')


def order(confirm_id, symbol="IBM", quantity=10):
    """A classic limit order far below the market, so that it rests in the book and costs no fill."""
    return classic_order(Symbol=symbol, Quantity=str(quantity), OrderType="Limit", LimitPrice="1.00", Duration="GTC",
                         Route="Intelligent", OrderConfirmId=confirm_id)


class ConfirmIds:
    """Distinct OrderConfirmIds (at most 22 characters) from one run-wide prefix and a counter."""

    def __init__(self, prefix=None):
        self.prefix = prefix or secrets.token_hex(4)
        self._next = 0
        self._lock = threading.Lock()

    def __call__(self):
        with self._lock:
            self._next += 1
            return f"{self.prefix}-{self._next}"


class Client:
    """One keep-alive connection to a server; reconnects after the server closes it."""

    def __init__(self, base_url, timeout=30.0):
        parts = urlsplit(base_url)
        self.host, self.port, self.prefix = parts.hostname, parts.port, parts.path.rstrip("/")
        self.https = parts.scheme == "https"
        self.timeout = timeout
        self.conn = None

    def connect(self):
        if self.https:
            # Trusts what SSL_CERT_FILE names: the benchmark points it at its nginx's certificate.
            return http.client.HTTPSConnection(self.host, self.port, timeout=self.timeout,
                                               context=ssl.create_default_context())
        return http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)

    def get(self, path_and_query):
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = self.connect()
            try:
                self.conn.request("GET", self.prefix + path_and_query)
                response = self.conn.getresponse()
                body = response.read()
                if response.getheader("Connection", "").lower() == "close":
                    self.close()
                return response.status, body.decode("utf-8", "replace")
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError) as error:
                # A keep-alive connection the server had already closed: nothing was processed, so
                # one retry on a fresh connection is safe. A second failure is reported.
                self.close()
                if attempt == 2:
                    raise error

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def send_path(path, token, the_order, callback="cb", api_version=None):
    query = f"data={quote(json.dumps(the_order, separators=(',', ':')), safe='')}&callback={callback}" \
            f"&oauth_token={quote(token, safe='')}"
    if api_version:
        query += f"&APIVersion={api_version}"
    return f"{path}?{query}"


def answered_ok(status, body):
    return status == 200 and any(marker in body for marker in OK_MARKERS)


def percentile(values, p):
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[index]


@dataclass
class Run:
    """What one measurement saw: per-order latencies (ms), failures, wall time."""
    latencies: list = field(default_factory=list)
    failures: int = 0
    seconds: float = 0.0
    examples: list = field(default_factory=list)

    @property
    def orders(self):
        return len(self.latencies)

    @property
    def rate(self):
        return self.orders / self.seconds if self.seconds else 0.0

    def p(self, pct):
        return percentile(self.latencies, pct)

    def add(self, other):
        """Take in another round of the same measurement."""
        self.latencies += other.latencies
        self.failures += other.failures
        self.examples += other.examples
        self.seconds += other.seconds

    def summary(self):
        return {"orders": self.orders, "failures": self.failures, "seconds": round(self.seconds, 3),
                "orders_per_s": round(self.rate, 1), "p50_ms": round(self.p(50), 3), "p99_ms": round(self.p(99), 3),
                "mean_ms": round(statistics.fmean(self.latencies), 3) if self.latencies else None}


def _place(client, path, token, ids, run, lock=None):
    request = send_path(path, token, order(ids()))
    start = time.perf_counter()
    try:
        status, body = client.get(request)
    except OSError as error:
        status, body = 0, repr(error)
    elapsed = (time.perf_counter() - start) * 1000
    if lock:
        lock.acquire()
    try:
        if answered_ok(status, body):
            run.latencies.append(elapsed)
        else:
            run.failures += 1
            if len(run.examples) < 3:
                run.examples.append(f"{status} {body[:200]}")
    finally:
        if lock:
            lock.release()


def sequential(base_url, path, token, count, ids, warmup=20):
    """One client placing `count` orders one after another: the latency of a single order."""
    client = Client(base_url)
    scratch = Run()
    for _ in range(warmup):
        _place(client, path, token, ids, scratch)
    run = Run()
    start = time.perf_counter()
    for _ in range(count):
        _place(client, path, token, ids, run)
    run.seconds = time.perf_counter() - start
    client.close()
    return run


def concurrent(base_url, path, token, clients, seconds, ids, warmup=0.5):
    """`clients` threads placing orders as fast as answers come back for `seconds`: throughput."""
    run, lock = Run(), threading.Lock()
    warm = threading.Barrier(clients + 1)
    go = threading.Event()
    window = {}

    def worker():
        client = Client(base_url)
        # Open the connection and warm the server's threads before the clock starts.
        warm_until = time.perf_counter() + warmup
        scratch = Run()
        while time.perf_counter() < warm_until:
            _place(client, path, token, ids, scratch)
        warm.wait()
        go.wait()
        end = window["end"]
        while time.perf_counter() < end:
            _place(client, path, token, ids, run, lock)
        client.close()

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    warm.wait()
    start = time.perf_counter()
    window["end"] = start + seconds
    go.set()
    for thread in threads:
        thread.join()
    run.seconds = time.perf_counter() - start
    return run
