"""The soak, small: 200 orders through the bridge under gunicorn (2 workers) with the simulator's faults on.

Asserts the counts agree (every order journaled once, placed == recorded by the simulator, nothing
left unknown, no duplicates), never timings. The full soak is `python -m bench.soak`; this runs the
same command with fewer orders, on each database.
"""

import pytest


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_soak_of_200_orders_loses_none_and_places_none_twice(soak, database):
    status, counts = soak("--database", database,
                          "--orders", "200", "--clients", "6", "--repeaters", "2", "--double", "0.1", "--error-rate",
                          "0.05", "--drop-rate", "0.05", "--read-timeout", "1", "--grace", "1", "--quiet")
    failed = {name: check["detail"] for name, check in counts["checks"].items() if not check["ok"]}
    assert status == 0 and not failed, failed
    assert counts["database"] == database
    assert counts["orders_sent_by_clients"] == counts["journal_rows"] == 200
    states = counts["journal_by_state"]
    assert set(states) <= {"placed", "not_sent", "not_found", "rejected"}
    assert states.get("placed", 0) == counts["simulator_orders"] == counts["simulator_listed_confirm_ids"]
    assert counts["duplicates"] == 0 and counts["simulator_duplicates_refused"] == 0
    # The faults really happened, so the agreement above was tested under them.
    assert counts["simulator_injected_errors"] > 0 and counts["simulator_dropped_connections"] > 0
    assert counts["client_requests"] > counts["orders_sent_by_clients"]     # repeats were sent
