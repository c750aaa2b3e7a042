"""An order's statements on PostgreSQL: one round trip each, and a connection found dead is replaced.

Asserted from PostgreSQL's own statement log: for a relayed order, the grant look-up, the journal's
claim and its answer, and nothing else (no pre-ping, no BEGIN or COMMIT of their own); and after every
connection the bridge had pooled is ended by the server (as a database restart ends them), the next
order is placed all the same, and /healthz still finds the database.
"""

import re
import time

import pytest
import requests

from harness.jsonp import unwrap
from harness.orders import classic_order, new_confirm_id

ORDER_STATEMENTS = ["SELECT grants", "INSERT INTO orders", "UPDATE orders"]


def backends(cluster, database):
    """The process ids of the database's connections now (the bridge's pool)."""
    import psycopg
    with psycopg.connect(host="127.0.0.1", port=cluster.port, user=cluster.SUPERUSER, dbname="postgres") as db:
        return {pid for (pid,) in db.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s", [database])}


def statements_logged(cluster, database, since):
    """What the database's connections logged as run, after `since` characters of the server's log: each
    statement's verb and table (a SELECT's by its first column). The default log_line_prefix names the process:
    "[pid]"."""
    pids = backends(cluster, database)
    with open(cluster.log_path) as log:
        lines = log.read()[since:].splitlines()
    found = []
    for line in lines:
        if not any(f"[{pid}]" in line for pid in pids):
            continue
        for marker in ("LOG:  statement: ", "LOG:  execute "):
            if marker in line:
                text = line.split(marker, 1)[1].split(": ", 1)[-1] if marker.endswith("execute ") else \
                    line.split(marker, 1)[1]
                verb = re.match(r"(SELECT) (\w+)\.|(INSERT INTO \w+)|(UPDATE \w+)|(.*)", text)
                found.append(" ".join(part for part in verb.groups() if part))
                break
    return found


def place(trader):
    return unwrap(trader.jsonp("send", classic_order(OrderConfirmId=new_confirm_id())))


def end_connections(cluster, database):
    """Every connection to the database ends from the server's side, as in a restart."""
    cluster.sql(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}'")


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_an_order_is_three_statements_and_survives_the_connections_dying(trader, bridge, postgres, database_url):
    database = database_url.rsplit("/", 1)[1]
    assert place(trader)[0]["OrderStatus"] == "Ok"
    postgres.sql(f"ALTER DATABASE \"{database}\" SET log_statement = 'all'")    # for the connections made next
    end_connections(postgres, database)
    assert place(trader)[0]["OrderStatus"] == "Ok"
    end_connections(postgres, database)
    health = requests.get(f"{bridge.url}/healthz", timeout=10)
    assert health.status_code == 200 and health.json()["database"] == "ok"

    with open(postgres.log_path) as log:
        since = len(log.read())
    assert place(trader)[0]["OrderStatus"] == "Ok"
    deadline = time.monotonic() + 5
    while statements_logged(postgres, database, since) != ORDER_STATEMENTS and time.monotonic() < deadline:
        time.sleep(0.05)        # the server's log is written a moment after the statement
    assert statements_logged(postgres, database, since) == ORDER_STATEMENTS
