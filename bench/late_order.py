"""python -m bench.late_order: an order TradeStation records after the bridge's grace period is judged "not sent".

A reproduction, not a benchmark. The bridge (TS_READ_TIMEOUT=1, so its grace period is 1 s) sends
an order to a simulator that takes 4 s to answer: the bridge gives up after 1 s (state `unknown`).
The simulator's latency is then set back to 0 for every later call, so the bridge's look-up of the
account's orders is fast; but the order's own request is still being held, and is recorded at 4 s.
A GET /journal at about 2.5 s finds no such order, past the grace period, and settles the row as
`not_sent` ("it was not placed and may be sent again"). At 4 s the simulator records the order.
The journal and TradeStation now disagree, and the trader has been told to send it again: with
the same OrderConfirmId the bridge would relay it a second time (not_sent is retryable).

Exit status 1 when the disagreement is reproduced, 0 when the bridge kept the row open.
"""

import json
import sys
import threading
import time

from bench import load, servers


def main():
    from tests.support import log_in

    with servers.stack("tsbridge-late") as (workdir, stack):
        simulator = servers.start_simulator(workdir)
        stack.callback(simulator.stop)
        bridge = servers.start_bridge(workdir, simulator.url + "/v2", workers=2, env={"TS_READ_TIMEOUT": 1})
        stack.callback(bridge.stop)
        trader = log_in(bridge.url)
        token = trader.get(f"{bridge.url}/auth/token").json()["access_token"]
        confirm_id = load.ConfirmIds("late")()

        servers.admin(simulator, "faults", {"SIM_LATENCY_MS": 4000})
        answer = {}

        def send():
            status, body = load.Client(bridge.url).get(load.send_path("/jsonp/orders/send", token,
                                                                      load.order(confirm_id)))
            answer["body"] = body

        started = time.monotonic()
        sender = threading.Thread(target=send)
        sender.start()
        time.sleep(0.3)                                       # the order's request is in, sleeping 4 s
        servers.admin(simulator, "faults", {"SIM_LATENCY_MS": 0})
        sender.join()
        print(f"{time.monotonic() - started:4.1f} s  the bridge answered: {answer['body'][:160]}")
        time.sleep(max(0, 2.5 - (time.monotonic() - started)))
        rows = trader.get(f"{bridge.url}/journal").json()
        row = next(r for r in rows if r["confirm_id"] == confirm_id)
        print(f"{time.monotonic() - started:4.1f} s  journal after GET /journal: {row['state']}: {row['message']}")
        time.sleep(max(0, 4.8 - (time.monotonic() - started)))
        keys = load.ACCOUNT
        listed = servers.requests.get(f"{simulator.url}/v2/accounts/{keys}/orders",
                                      headers={"Authorization": f"Bearer {token}"}).json()
        recorded = [o for o in listed if o.get("OrderConfirmId") == confirm_id]
        print(f"{time.monotonic() - started:4.1f} s  simulator holds {len(recorded)} order(s) with this "
              f"OrderConfirmId: {json.dumps([o['OrderID'] for o in recorded])}")
        rows = trader.get(f"{bridge.url}/journal").json()
        row = next(r for r in rows if r["confirm_id"] == confirm_id)
        print(f"{time.monotonic() - started:4.1f} s  journal now: {row['state']}")
        lost = row["state"] == "not_sent" and recorded
        print("REPRODUCED: the journal says not_sent, TradeStation has the order" if lost else
              "not reproduced: the journal agrees with the simulator")
        return 1 if lost else 0


if __name__ == "__main__":
    sys.exit(main())
