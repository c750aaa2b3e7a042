"""One OrderConfirmId sent many times at once to the bridge under gunicorn with two worker processes.

The bridge runs as in production (the repository's gunicorn.conf.py: gthread workers) with two
workers sharing one journal (SQLite, then PostgreSQL); the simulator serves in this process with 300 ms of latency
so that the requests overlap. Each request comes on its own connection, and gunicorn's access log
names the worker (%(p)s) that served it, to show that both processes took part.
"""

import json
import re
import threading

import requests

from harness.jsonp import unwrap
from harness.orders import classic_order
from harness.servers import start_bridge
from harness.trader import Trader
from simulator.server import start as start_simulator
from tests.safety.support import journal_row, sim_faults, sim_stats, wait_until

IN_PROGRESS = {"Message": "This order is already being sent; it will not be sent twice. Its result will appear in "
                          "the journal.", "StatusCode": 409, "Fate": "in_progress"}
CONCURRENT = 20
ACCESS_FORMAT = '%(p)s "%(m)s %(U)s" %(s)s'


def send_all_at_once(trader, order, count):
    """`count` sends of the same order, released together, each on a new connection."""
    barrier = threading.Barrier(count)
    answers = [None] * count

    def send(index):
        barrier.wait(timeout=10)
        with requests.Session() as fresh:  # a connection of its own, as separate browser tabs would have
            response = fresh.get(f"{trader.bridge}/jsonp/orders/send", timeout=30, params={
                "data": json.dumps(order), "callback": "cb", "oauth_token": trader.token})
        answers[index] = unwrap(response)

    threads = [threading.Thread(target=send, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return answers


def workers_that_served(access_log):
    """The pids of the workers that served order sends, from lines like '<1234> "GET /jsonp/orders/send" 200'."""
    return set(re.findall(r'<(\d+)> "GET /jsonp/orders/send" 200', access_log))


def test_concurrent_sends_of_one_order_confirm_id_place_exactly_one_order(tmp_path, database_url):
    simulator = start_simulator({})
    access_log = tmp_path / "access.log"
    server = None
    try:
        server = start_bridge(tmp_path, simulator.url + "/v2", workers=2,
                              env={"TS_READ_TIMEOUT": 5, "DATABASE_URL": database_url},
                              options=["--access-logfile", str(access_log), "--access-logformat", ACCESS_FORMAT])
        trader = Trader(server.url)
        sim_faults(simulator, SIM_LATENCY_MS=300)
        before = sim_stats(simulator)
        rounds = []
        # Usually one round has both workers answering; a few more make it certain without a sleep.
        for _ in range(4):
            order = classic_order()
            answers = send_all_at_once(trader, order, CONCURRENT)
            rounds.append((order, answers))
            served = workers_that_served(access_log.read_text())
            if len(served) >= 2 and len(rounds) >= 2:
                break

        for _, answers in rounds:
            results = [answer for answer in answers if answer != IN_PROGRESS]
            assert results, "no request got the order's result"
            # Every answer is the one recorded result or "in progress": no error of another kind.
            assert all(isinstance(result, list) and result == results[0] for result in results), answers
            assert results[0][0]["OrderStatus"] == "Ok"
        after = sim_stats(simulator)
        assert after["orders"] == before["orders"] + len(rounds)       # exactly one order per OrderConfirmId
        assert after["duplicates_refused"] == before["duplicates_refused"]  # nothing resent upstream

        sim_faults(simulator, SIM_LATENCY_MS=0)
        rows = trader.journal()
        for order, answers in rounds:
            row = journal_row(rows, order["OrderConfirmId"])
            first = next(answer for answer in answers if answer != IN_PROGRESS)
            assert (row["state"], row["order_id"]) == ("placed", first[0]["OrderID"])

        log = wait_until(lambda: (lambda text: text if text.count("/jsonp/orders/send") >= CONCURRENT * len(rounds)
                                  else None)(access_log.read_text()), timeout=5, what="the access log")
        assert len(workers_that_served(log)) == 2, f"one worker served every send:\n{log}"
    finally:
        if server is not None:
            server.stop()
        simulator.shutdown()
