"""The simulator for the benchmark and the soak: one process (its state is in memory), settings from SIM_*.

    python -m bench.simapp --port 5001     # werkzeug's threaded server, like `python -m simulator`,
                                           # but without a log line per request
    gunicorn -w 1 -k gthread --threads 32 'bench.simapp:app'

`python -m simulator` writes one access-log line per request to stderr; at thousands of orders a
second that is a measurable share of the simulator's CPU, paid equally by the direct and the
relayed path, so it would shrink the bridge's apparent cost. Otherwise this is the same server.
"""

import argparse
import sys

from werkzeug.serving import WSGIRequestHandler, make_server

from simulator import create_app
from simulator.server import install_log_redaction
from simulator.settings import from_environment

app = create_app(from_environment())


class QuietHandler(WSGIRequestHandler):
    def log_request(self, *args, **kwargs):
        pass


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.simapp")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5001)
    args = parser.parse_args(argv)
    install_log_redaction()
    server = make_server(args.host, args.port, app, threaded=True, request_handler=QuietHandler)
    print(f"simulator on http://{args.host}:{server.server_port}/v2", file=sys.stderr, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
