"""tsbridge: place TradeStation orders from a web ticket with the WebAPI v2 JSONP call.

`python app.py` serves the bridge on 127.0.0.1:5000 and, unless TS_BASE_URL names an upstream,
starts the simulator beside it; `gunicorn 'app:create_app()'` serves it in production. The
factory and the services are in bridge/__init__.py.
"""

import argparse
import errno
import os
import socket
import sys

from bridge import ConfigError, create_app, create_app_with_simulator
from tradestation.sim_contract import DEMO_USER


def port_taken(host: str, port: int) -> bool:
    """Whether another server listens on the port: found before anything starts or any URL is printed.
    SO_REUSEADDR as Werkzeug's server binds, so a port left in TIME_WAIT by a stopped server counts as free."""
    if port == 0:
        return False
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:        # another failure (a host not of this machine) is Werkzeug's to tell
            return error.errno == errno.EADDRINUSE
    return False


def main(argv=None):
    parser = argparse.ArgumentParser(description="Serve tsbridge (and the simulator when no upstream is set).")
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "5000")))
    args = parser.parse_args(argv)
    if port_taken(args.host, args.port):
        sys.exit(f"tsbridge: port {args.port} is in use: try --port {args.port + 1} or PORT={args.port + 1}")

    try:
        if os.environ.get("TS_BASE_URL"):
            app, note = create_app(), ""
        else:
            app, simulator = create_app_with_simulator()
            admin_token = simulator.app.extensions["simulator"].admin_token
            note = (f"upstream: the embedded simulator at {simulator.url}/v2 (log in as {DEMO_USER.name} / "
                    f"{DEMO_USER.secret}); its admin token: {admin_token}")
    except ConfigError as error:
        sys.exit(f"tsbridge: {error}")
    settings = app.extensions["tsbridge"].settings
    print(f"tsbridge: open http://{args.host}:{args.port}/", flush=True)
    print(f"tsbridge: {note or 'upstream: ' + settings.base_url} [{settings.environment}]", flush=True)
    app.run(host=args.host, port=args.port, threaded=True, use_reloader=False)


if __name__ == "__main__":
    main()
