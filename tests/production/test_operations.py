"""What a desk's operations need: GET /healthz for its load balancer, and log lines as JSON.

/healthz answers 200 only when the database answers and TradeStation can be reached, says which is
wrong otherwise (503), and carries nothing else. TS_LOG_FORMAT=json makes every line the bridge
and gunicorn write one JSON object, with the same redaction as text.
"""

import json
import logging
import subprocess
import sys
import time

import pytest
import requests

from app import create_app
from bridge.logs import JsonLines
from harness.jsonp import unwrap, wrapped_error
from harness.keys import SECRET_KEY
from harness.orders import classic_order
from harness.servers import PYTHON, ROOT, environment, free_port, start_bridge
from harness.trader import Trader
from simulator.server import serve_in_thread
from tests.conftest import DATABASES

HEALTHY = {"status": "ok", "database": "ok", "upstream": "ok"}


def healthz(url):
    response = requests.get(f"{url}/healthz", timeout=10)
    assert response.headers["Content-Type"] == "application/json"
    assert response.headers["Cache-Control"] == "no-store"
    return response.status_code, response.json()


@pytest.mark.parametrize("database_url", DATABASES, indirect=True)
def test_healthz_is_ok_when_the_database_and_tradestation_answer(bridge):
    assert healthz(bridge.url) == (200, HEALTHY)


def test_healthz_says_tradestation_is_unreachable_and_nothing_more(database_url):
    # Nothing listens on this port: TradeStation cannot be reached.
    app = create_app({"TS_BASE_URL": f"http://127.0.0.1:{free_port()}/v2", "DATABASE_URL": database_url,
                      "SECRET_KEY": SECRET_KEY})
    server = serve_in_thread(app)
    try:
        status, body = healthz(server.url)
    finally:
        server.shutdown()
    assert (status, body) == (503, {"status": "failing", "database": "ok", "upstream": "unreachable"})


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_healthz_says_the_database_is_unreachable(bridge, postgres, database_url):
    assert healthz(bridge.url) == (200, HEALTHY)
    postgres.drop_database(database_url)
    time.sleep(1.1)         # past the second a report is kept
    assert healthz(bridge.url) == (503, {"status": "failing", "database": "unreachable", "upstream": "ok"})


def test_healthz_probes_at_most_once_a_second_however_often_it_is_asked(app, simulator):
    health = app.extensions["tsbridge"].health
    first = health.report()
    assert all(health.report() is first for _ in range(200))
    time.sleep(1.05)
    assert health.report() is not first


def test_a_json_line_redacts_the_traceback_too():
    try:
        raise RuntimeError("GET /v2/orders?access_token=sEcReT-1 failed")
    except RuntimeError:
        record = logging.getLogger("bridge").makeRecord("bridge", logging.ERROR, __file__, 1,
                                                        "refused %s", ("code=sEcReT-2",), sys.exc_info())
    line = json.loads(JsonLines().format(record))
    assert line["level"] == "ERROR" and line["logger"] == "bridge" and line["time"].endswith("+00:00")
    assert "sEcReT" not in json.dumps(line), line
    assert "RuntimeError" in line["exception"] and "access_token=[redacted]" in line["exception"]


BRIDGE_LOGS = """
import logging
from app import create_app
create_app({"TS_BASE_URL": "http://127.0.0.1:9/v2", "DATABASE_URL": "sqlite:///%s", "TS_LOG_FORMAT": "json"})
create_app({"TS_BASE_URL": "http://127.0.0.1:9/v2", "DATABASE_URL": "sqlite:///%s", "TS_LOG_FORMAT": "json"})
logging.getLogger("bridge.relay").warning("relayed GET /jsonp/orders/send?oauth_token=sEcReT-3&callback=cb")
"""


def test_the_bridges_own_records_are_json_lines_once_each(tmp_path):
    database = tmp_path / "journal.sqlite3"
    finished = subprocess.run([PYTHON, "-c", BRIDGE_LOGS % (database, database)], cwd=ROOT, env=environment({}),
                              capture_output=True, text=True, timeout=60)
    assert finished.returncode == 0, finished.stderr
    [line] = [json.loads(line) for line in finished.stderr.splitlines() if line.strip()]
    assert line["logger"] == "bridge.relay" and line["level"] == "WARNING"
    assert "oauth_token=[redacted]" in line["message"] and "sEcReT" not in line["message"]


def test_under_gunicorn_every_line_is_a_json_object_with_no_token(simulator, tmp_path):
    server = start_bridge(tmp_path, simulator.url + "/v2", workers=1, env={"TS_LOG_FORMAT": "json"},
                          options=["--access-logfile", "-"])
    try:
        trader = Trader(server.url)
        assert unwrap(trader.jsonp("send", data=classic_order()))[0]["OrderStatus"] == "Ok"
        assert wrapped_error(trader.jsonp("send", data=classic_order(), oauth_token="x" + trader.token))[
            "StatusCode"] == 401
        assert healthz(server.url)[0] == 200
    finally:
        server.stop()
    lines = [line for line in server.output().splitlines() if line.strip()]
    records = [json.loads(line) for line in lines]      # every line parses, or this fails
    assert all(set(record) >= {"time", "level", "logger", "message"} for record in records)
    loggers = {record["logger"] for record in records}
    assert {"gunicorn.error", "gunicorn.access"} <= loggers, loggers
    assert any(record["message"].startswith("Starting gunicorn") for record in records)
    assert any("/jsonp/orders/send" in record["message"] for record in records)
    assert trader.token not in "\n".join(lines)
