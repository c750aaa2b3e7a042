"""Helpers the order-safety tests share (journal, upstream faults, crash, gunicorn, hostile input, logs)."""

import time

import requests


def wait_until(probe, timeout=10.0, interval=0.05, what="the condition"):
    """Call probe until it returns something true; return that, or fail after timeout seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(interval)


def sim_stats(simulator_url):
    return requests.get(f"{simulator_url}/admin/stats", timeout=10).json()


def sim_faults(simulator_url, **settings):
    """Change the simulator's run-time fault knobs (SIM_LATENCY_MS=..., SIM_DROP_RATE=...)."""
    answer = requests.post(f"{simulator_url}/admin/faults", json=settings, timeout=10)
    assert answer.status_code == 200, answer.text
    return answer.json()


def journal_row(rows, confirm_id):
    """The one journal row (as /journal lists it) of a send with this OrderConfirmId, or None."""
    found = [row for row in rows if row["confirm_id"] == confirm_id and row["kind"] == "send"]
    assert len(found) <= 1, found
    return found[0] if found else None
