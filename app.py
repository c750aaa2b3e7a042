"""tsbridge: place TradeStation orders from a web ticket with the WebAPI v2 JSONP call.

`python app.py` serves the bridge on 127.0.0.1:5000 and, unless TS_BASE_URL names an upstream,
starts the simulator beside it; `gunicorn 'app:create_app()'` serves it in production.
"""

import argparse
import os
import sys
from dataclasses import dataclass

from flask import Flask

from bridge import auth, compression, config, jsonp, security, ticket, vendor
from bridge.db import connect
from bridge.grants import GrantStore
from bridge.journal import Journal
from bridge.oauth import OAuthClient
from bridge.reconcile import Reconciler
from bridge.relay import Relay
from bridge.upstream import Upstream
from tradestation.redact import install_log_redaction


@dataclass
class Bridge:
    """Everything a request needs, made once per app and found at app.extensions["tsbridge"]."""
    settings: config.Settings
    upstream: Upstream
    oauth: OAuthClient
    grants: GrantStore
    journal: Journal
    reconciler: Reconciler
    relay: Relay
    rules: dict


def create_app(test_config=None):
    app = Flask(__name__, instance_relative_config=True)
    app.config.update(test_config or {})
    install_log_redaction()
    settings = config.load(app.config, app.instance_path)

    engine = connect(settings.database_url)
    upstream = Upstream(settings)
    oauth = OAuthClient(settings)
    grants = GrantStore(engine, oauth)
    journal = Journal(engine, stale_after=settings.connect_timeout + settings.read_timeout + 5)
    reconciler = Reconciler(journal, upstream, grace=settings.reconcile_grace)
    app.extensions["tsbridge"] = Bridge(settings, upstream, oauth, grants, journal, reconciler,
                                        Relay(upstream, journal, grants, reconciler), ticket.page_rules())

    security.install(app, settings)
    compression.install(app)
    for blueprint in (auth.bp, ticket.bp, jsonp.bp, vendor.bp):
        app.register_blueprint(blueprint)
    return app


def main(argv=None):
    parser = argparse.ArgumentParser(description="Serve tsbridge (and the simulator when no upstream is set).")
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "5000")))
    args = parser.parse_args(argv)

    overrides, note = {}, ""
    if not os.environ.get("TS_BASE_URL"):
        from simulator.server import start
        simulator = start()
        overrides["TS_BASE_URL"] = simulator.url + "/v2"
        note = f"upstream: the embedded simulator at {simulator.url}/v2 (log in as demo / demo)"
    try:
        app = create_app(overrides)
    except config.ConfigError as error:
        sys.exit(f"tsbridge: {error}")
    settings = app.extensions["tsbridge"].settings
    print(f"tsbridge: open http://{args.host}:{args.port}/", flush=True)
    print(f"tsbridge: {note or 'upstream: ' + settings.base_url} [{settings.environment}]", flush=True)
    app.run(host=args.host, port=args.port, threaded=True, use_reloader=False)


if __name__ == "__main__":
    main()
