"""Calls to the simulator's admin API: how the tests and the benchmark set faults, move the market and read
its counts, for a simulator in this process or in a child.
"""

import requests

from tradestation.sim_contract import ADMIN_HEADER


def admin(simulator, path, body=None):
    """The simulator's admin endpoints, for a simulator in this process or in a child: GET without a
    body, POST (JSON) with one; the answer's JSON, after checking it succeeded."""
    response = admin_request(simulator, "POST" if body is not None else "GET", path, json=body)
    response.raise_for_status()
    return response.json()


def admin_request(simulator, method, path, **kwargs):
    """The raw response of an admin call, with the simulator's admin token; a POST always has a JSON body."""
    if method == "POST" and kwargs.get("json") is None and "data" not in kwargs:
        kwargs["json"] = {}
    headers = {ADMIN_HEADER: admin_token(simulator), **kwargs.pop("headers", {})}
    return requests.request(method, f"{simulator.url}/admin/{path}", headers=headers, timeout=30, **kwargs)


def admin_token(simulator):
    """A child process's token was handed to it by start_simulator; one in this process has its own."""
    return getattr(simulator, "admin_token", None) or simulator.app.extensions["simulator"].admin_token
