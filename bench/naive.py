"""The naive relay: what a desk might write instead of the bridge, as the benchmark's comparator.

A Flask view that takes the JSONP place-order call, posts the order to the upstream's REST API with
`requests.post` (a new connection each time: no session, no pool) and wraps the answer in the
callback. No grant lookup (the caller's token is passed on as it came), no validation, no journal.
Served by the same server and settings as the bridge (harness.servers.start_bridge with
app=APP), so that the difference between the two is the bridge's own work.
"""

import os

import requests
from flask import Flask, Response, request

APP = "bench.naive:create_app"


def create_app(upstream: str | None = None) -> Flask:
    base = upstream or os.environ["TS_BASE_URL"]
    app = Flask(__name__)

    @app.get("/jsonp/orders/send")
    def send():
        arguments = request.args
        answer = requests.post(f"{base}/orders", params={"APIVersion": arguments.get("APIVersion", "20101026")},
                               data=arguments["data"], timeout=30,
                               headers={"Authorization": f"Bearer {arguments['oauth_token']}",
                                        "Content-Type": "application/json"})
        return Response(f"/**/{arguments['callback']}({answer.text})", mimetype="application/javascript")

    @app.get("/login")
    def ready():
        return "naive relay"

    return app
