"""python -m simulator [--host 127.0.0.1] [--port 5001]: serve the simulator under /v2 and /v3 (v3's
sign-in at the root: /authorize, /oauth/token).

Settings come from SIM_* environment variables (see "The simulator" in the repository's README.md)."""

import argparse
import logging
import sys

from tradestation.redact import install_log_redaction
from tradestation.sim_contract import ADMIN_HEADER, DEMO_CLIENT, DEMO_USER

from . import create_app
from .settings import SettingError, from_environment


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m simulator",
                                     description="An offline TradeStation WebAPI v2 and API v3.")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=5001, help="port to listen on (default 5001)")
    args = parser.parse_args(argv)
    try:
        app = create_app(from_environment())
    except SettingError as error:
        parser.error(str(error))
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    install_log_redaction()
    from werkzeug.serving import run_simple
    print(f"TradeStation simulator on http://{args.host}:{args.port}/v2 and /v3 (demo user "
          f"{DEMO_USER.name}/{DEMO_USER.secret}, client {DEMO_CLIENT.name}/{DEMO_CLIENT.secret})", file=sys.stderr)
    print(f"admin token (header {ADMIN_HEADER} for /admin/...): {app.extensions['simulator'].admin_token}",
          file=sys.stderr)
    run_simple(args.host, args.port, app, threaded=True, use_reloader=False, use_debugger=False)


if __name__ == "__main__":
    main()
