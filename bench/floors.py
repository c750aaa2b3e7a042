"""python -m bench.floors [--requests N] [--rounds N]: what the serving stack costs before any code of ours runs.

gunicorn's gthread worker (one worker, 8 threads, no config file) answers "ok" from a bare WSGI function and
from a Flask view, each with and without an access log, to one client on one keep-alive connection; rounds
alternate between the four. Prints each one's CPU per request from /proc (the server's process group).

These floors are the same pinned code from run to run, so they calibrate the machine: if they cost more
than an earlier run's, every figure of the benchmark and the test suite's time move with them
(bench/README.md, "This machine's floors").
"""

import argparse
import http.client
import os
import statistics
import tempfile

from flask import Flask

from bench import cpu
from bench.serving import plain_gunicorn
from harness.servers import HOST, Server, environment, free_port

SERVED = {"bare WSGI": "bench.floors:bare", "Flask view": "bench.floors:flask_view()"}


def bare(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
    return [b"ok"]


def flask_view():
    app = Flask(__name__)
    app.add_url_rule("/", "ok", lambda: "ok")
    return app


def serve(workdir, name, app, *, access_log):
    """`app` under gunicorn with none of the bridge's settings, its logs in workdir."""
    port = free_port()
    slug = "".join(character if character.isalnum() else "-" for character in name)
    options = ["--access-logfile", os.path.join(workdir, f"{slug}-access.log")] if access_log else []
    return Server(name, plain_gunicorn(app, port, threads=8, options=options), port, env=environment({}),
                  log_path=os.path.join(workdir, f"{slug}.log")).wait_ready()


def cpu_per_request(server, requests):
    """Milliseconds of the server's CPU per request, one client on one connection, after a warm-up."""
    connection = http.client.HTTPConnection(HOST, server.port)

    def ask(times):
        for _ in range(times):
            connection.request("GET", "/")
            connection.getresponse().read()
    try:
        ask(100)
        before = cpu.seconds(groups={server.process.pid})
        ask(requests)
        return (cpu.seconds(groups={server.process.pid}) - before) * 1000 / requests
    finally:
        connection.close()


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.floors")
    parser.add_argument("--requests", type=int, default=3000, help="requests a round (default 3000)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="tsbridge-floors-") as workdir:
        servers = {}
        try:
            for name, app in SERVED.items():
                for access_log in (False, True):
                    label = f"{name}{', access log' if access_log else ''}"
                    servers[label] = serve(workdir, label, app, access_log=access_log)
            figures = {label: [] for label in servers}
            for _ in range(args.rounds):
                for label, server in servers.items():
                    figures[label].append(cpu_per_request(server, args.requests))
        finally:
            for server in servers.values():
                server.stop()
    print(f"gunicorn gthread, one keep-alive client, {args.rounds} rounds of {args.requests} requests; "
          f"load average {os.getloadavg()[0]:.2f}")
    print(f"{'served':28} {'CPU ms/request, median':>22}   rounds")
    for label, values in figures.items():
        print(f"{label:28} {statistics.median(values):22.3f}   {' '.join(f'{value:.3f}' for value in values)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
