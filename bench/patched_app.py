"""The bridge with proposals from bench/proposals.py applied, for measuring them under gunicorn:

    BENCH_PROPOSALS=prepared,env gunicorn -c gunicorn.conf.py 'bench.patched_app:create_app()'

(`python -m bench --proposals prepared,env` does this.) Not for production: the proposals are for
the lead to carry into bridge/ if the figures say so.
"""

import os

import app as bridge_app
from bench.proposals import PROPOSALS


def create_app():
    app = bridge_app.create_app()
    for name in filter(None, os.environ.get("BENCH_PROPOSALS", "").split(",")):
        PROPOSALS[name](app.extensions["tsbridge"])
    return app
