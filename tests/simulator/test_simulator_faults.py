"""Fault knobs, the admin endpoint, server mode and what reaches the logs."""

from functools import partial

import pytest
import requests

from harness.orders import RESTING, classic_order
from harness.servers import start_simulator
from harness.sim_admin import admin
from simulator import create_app
from simulator.admin import ADMIN_HEADER
from simulator.server import serve_in_thread
from simulator.tokens import is_loopback_host
from simulator.v2 import render_market
from tradestation.errors import AUTHORIZATION_FAILURE
from tradestation.redact import redact

DEFAULTS = {"SIM_TOKEN_VARIANT": "all", "SIM_TOKEN_LIFETIME": 1200, "SIM_CODE_LIFETIME": 30, "SIM_LATENCY_MS": 0,
            "SIM_ERROR_RATE": 0.0, "SIM_DROP_RATE": 0.0, "SIM_DROP_WHEN": "after", "SIM_QUOTAS": "on",
            "SIM_QUOTA_WINDOW_SCALE": 1.0,
            "SIM_OMIT_USERID": "off", "SIM_ROTATE_REFRESH": "off",
            "SIM_V3_LIST_CONFIRM_ID": "on", "SIM_ID_TOKEN": "good", "SIM_STREAM_HEARTBEAT": 5}
# The simulator's own tests send no OrderConfirmId unless they mean to: a client may leave it out.
limit_order = partial(classic_order, **RESTING, OrderConfirmId=None)


def test_every_fault_is_off_and_the_quotas_on_by_default(sim):
    assert sim.admin("GET", "faults").json() == DEFAULTS


def test_knobs_change_at_run_time_and_are_checked(sim, demo_token):
    changed = sim.admin("POST", "faults", json={"SIM_LATENCY_MS": 20, "SIM_ERROR_RATE": "0.25"}).json()
    assert changed["SIM_LATENCY_MS"] == 20 and changed["SIM_ERROR_RATE"] == 0.25
    assert sim.admin("GET", "faults").json() == changed
    for bad in ({"SIM_ERROR_RATE": 2}, {"SIM_DROP_WHEN": "during"}, {"SIM_SEED": 3}, {"NOPE": 1},
                {"SIM_TOKEN_VARIANT": "bearer"}, {"SIM_QUOTAS": "1"}):
        refused = sim.admin("POST", "faults", json=bad)
        assert refused.status_code == 400 and refused.json()["StatusCode"] == 400
    assert sim.admin("GET", "faults").json() == changed  # a refused change changes nothing
    sim.admin("POST", "faults", json={"SIM_ERROR_RATE": 0})
    assert sim.call("GET", "/users/demo/accounts", token=demo_token).status_code == 200  # with latency, still fine


def test_a_500_fault_rate_between_0_and_1_fails_some_calls_and_not_others(sim, demo_token):
    sim.admin("POST", "faults", json={"SIM_ERROR_RATE": 0.5})
    codes = [sim.call("GET", "/accounts/281994/balances", token=demo_token).status_code for _ in range(40)]
    assert set(codes) == {200, 500}
    assert sim.stats()["injected_errors"] == codes.count(500)


@pytest.mark.parametrize("simulator_config", [{"SIM_DROP_RATE": 1.0}], indirect=True)
def test_a_dropped_order_call_is_recorded_but_never_answered(sim, simulator_config, demo_token):
    with pytest.raises(requests.ConnectionError):
        sim.call("POST", "/orders", token=demo_token, json=limit_order(OrderConfirmId="lost-1"))
    with pytest.raises(requests.ConnectionError):
        sim.jsonp("send", demo_token, limit_order(OrderConfirmId="lost-2"))
    stats = sim.stats()
    assert stats["orders"] == 2 and stats["dropped_connections"] == 2
    # The client can learn the fate from the order list, by OrderConfirmId.
    listed = sim.call("GET", "/accounts/281994/orders", token=demo_token).json()
    assert {entry["OrderConfirmId"] for entry in listed} == {"lost-1", "lost-2"}
    # Reads are not dropped.
    assert sim.call("GET", "/data/quote/MSFT", token=demo_token).status_code == 200


@pytest.mark.parametrize("simulator_config", [{"SIM_DROP_RATE": 1.0, "SIM_DROP_WHEN": "before"}], indirect=True)
def test_a_connection_dropped_before_the_order_records_nothing(sim, simulator_config, demo_token):
    with pytest.raises(requests.ConnectionError):
        sim.call("POST", "/orders", token=demo_token, json=limit_order(OrderConfirmId="never"))
    assert sim.stats()["orders"] == 0 and sim.stats()["dropped_connections"] == 1
    sim.admin("POST", "faults", json={"SIM_DROP_RATE": 0})
    assert sim.call("POST", "/orders", token=demo_token, json=limit_order()).status_code == 200


def test_reset_forgets_orders_and_tokens(sim, demo_token):
    sim.call("POST", "/orders", token=demo_token, json=limit_order())
    sim.admin("POST", "tick")
    after = sim.admin("POST", "reset").json()
    assert after["orders"] == 0 and after["tick"] == 0
    assert sim.call("GET", "/users/demo/accounts", token=demo_token).status_code == 401


def test_the_admin_endpoint_refuses_other_machines():
    app = create_app()
    # werkzeug's client sets the peer address as a server would; no HTTP server can be made to see
    # a non-loopback peer from inside one machine without one more network interface.
    far = app.test_client().get("/admin/stats", environ_base={"REMOTE_ADDR": "192.0.2.7"})
    assert far.status_code == 403 and far.get_json() == {"Message": "Forbidden", "StatusCode": 403}
    near = app.test_client().get("/admin/stats", environ_base={"REMOTE_ADDR": "::1"},
                                 headers={ADMIN_HEADER: app.extensions["simulator"].admin_token})
    assert near.status_code == 200
    assert [is_loopback_host(host) for host in ("127.0.0.1", "127.8.9.1", "::1", "localhost", "10.0.0.1",
                                                "::ffff:192.0.2.1", "", "127.0.0.1.example")] == \
        [True, True, True, True, False, False, False, False]


def test_serve_in_thread_serves_any_wsgi_app():
    def hello(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"hello " + environ["PATH_INFO"].encode()]

    server = serve_in_thread(hello)
    try:
        assert server.url == f"http://127.0.0.1:{server.port}" and server.app is hello
        assert requests.get(f"{server.url}/x", timeout=10).text == "hello /x"
    finally:
        server.shutdown()
    server.shutdown()  # twice is fine
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{server.url}/x", timeout=2)


def test_server_mode_reads_its_settings_from_the_environment_and_logs_no_secrets(tmp_path):
    server = start_simulator(tmp_path, faults={"SIM_SEED": 11, "SIM_TOKEN_VARIANT": "access_token",
                                               "SIM_TOKEN_LIFETIME": 90})
    base = server.url
    try:
        assert admin(server, "faults")["SIM_TOKEN_VARIANT"] == "access_token"
        query = {"client_id": "demo-client", "redirect_uri": "http://127.0.0.1:9/cb", "response_type": "code"}
        signed_in = requests.post(f"{base}/v2/authorize", data={**query, "username": "demo", "password": "demo"},
                                  allow_redirects=False, timeout=5)
        code = signed_in.headers["Location"].split("code=")[1].split("&")[0]
        body = requests.post(f"{base}/v2/security/authorize", timeout=5, data={
            "grant_type": "authorization_code", "client_id": "demo-client", "client_secret": "demo-secret",
            "redirect_uri": "http://127.0.0.1:9/cb", "code": code}).json()
        token = body["access_token"]
        assert body["expires_in"] == 90
        requests.get(f"{base}/v2/callback?code={code}", timeout=5)  # a code in a logged query string
        answer = requests.get(f"{base}/v2/jsonp/orders/send", timeout=5, params={
            "callback": "cb", "oauth_token": token, "data": '{"AccountKey": "12345"}'})
        assert answer.status_code == 200 and answer.text.startswith("cb(")
        # The same seed gives the same prices as in-process.
        quote = requests.get(f"{base}/v2/data/quote/MSFT", headers={"Authorization": f"Bearer {token}"}, timeout=5)
        in_process = render_market.quote(create_app({"SIM_SEED": 11}).extensions["simulator"].market.quote("MSFT"))
        assert quote.json() == [in_process]
    finally:
        server.stop()
    written = server.output()
    assert "/v2/jsonp/orders/send" in written and "oauth_token=[redacted]" in written
    assert token not in written and code not in written


def test_redact_blanks_secrets_and_keeps_the_rest():
    line = ('GET /v2/jsonp/orders/send?data=%7B%7D&callback=cb&oauth_token=abc123&_=1 HTTP/1.1 '
            'code=xyz&state=keep client_secret=s3cr3t refresh_token=r1 ExchangeCode=NYSE')
    cleaned = redact(line)
    for secret in ("abc123", "xyz", "s3cr3t", "r1"):
        assert secret not in cleaned.split("ExchangeCode")[0]
    assert "state=keep" in cleaned and "ExchangeCode=NYSE" in cleaned and "callback=cb" in cleaned
    assert redact('{"token": "t0k", "RefreshToken": "r3f"}') == '{"token": "[redacted]", "RefreshToken": "[redacted]"}'
    assert redact("Authorization: Bearer abc.def") == "Authorization: Bearer [redacted]"


def test_the_admin_endpoints_need_the_admin_token_and_a_json_body(sim, simulator):
    """A web page open in a local browser can reach loopback; it cannot know the token, nor post JSON
    to another origin without a preflight."""
    plain = requests.post(f"{simulator.url}/admin/expire-tokens", timeout=10)
    assert plain.status_code == 403 and "X-Admin-Token" in plain.json()["Message"]
    wrong = sim.admin("POST", "reset", headers={ADMIN_HEADER: "not-the-token-at-all"})
    assert wrong.status_code == 403
    form = sim.admin("POST", "faults", data={"SIM_ERROR_RATE": "1"})
    assert form.status_code == 415 and sim.admin("GET", "faults").json()["SIM_ERROR_RATE"] == 0.0
    assert sim.admin("POST", "expire-tokens").status_code == 200


def test_python_m_simulator_prints_its_admin_token(tmp_path):
    server = start_simulator(tmp_path)         # python -m simulator, told its token by SIM_ADMIN_TOKEN
    try:
        [printed] = [line for line in server.output().splitlines() if "admin token" in line]
        assert printed.split()[-1] == server.admin_token
    finally:
        server.stop()


def test_a_fault_queued_for_the_next_order_calls_meets_exactly_those(sim, demo_token):
    """No chance involved: the next n order calls meet the fault, reads and reviews never do."""
    assert sim.admin("POST", "next-orders", json={"fault": "error", "count": 2}).json() == \
        {"fault": "error", "remaining": 2}
    assert sim.call("GET", "/data/quote/MSFT", token=demo_token).status_code == 200
    assert sim.call("POST", "/orders/confirm", token=demo_token, json=limit_order()).status_code == 200
    first = sim.call("POST", "/orders", token=demo_token, json=limit_order())
    assert first.status_code == 500
    assert sim.jsonp("send", demo_token, limit_order()).text.endswith('"StatusCode":500})')
    assert sim.call("POST", "/orders", token=demo_token, json=limit_order()).status_code == 200
    stats = sim.stats()
    assert (stats["orders"], stats["injected_errors"], stats["next_orders"]) == (1, 2, {"fault": None, "remaining": 0})


def test_a_queued_fault_waits_for_a_token_that_is_accepted(sim, demo_token):
    sim.admin("POST", "next-orders", json={"fault": "quota", "count": 1})
    assert sim.call("POST", "/orders", token="not-a-token", json=limit_order()).status_code == 401
    refused = sim.call("POST", "/orders", token=demo_token, json=limit_order())
    assert refused.status_code == 403 and refused.reason == "Quota Exceeded"
    assert sim.stats()["quota_refusals"] == 1 and sim.stats()["orders"] == 0


@pytest.mark.parametrize("fault, recorded", [("drop_before", 0), ("drop_after", 1)])
def test_a_queued_drop_closes_the_next_order_call_before_or_after_recording(sim, demo_token, fault, recorded):
    sim.admin("POST", "next-orders", json={"fault": fault})          # count 1 unless told
    with pytest.raises(requests.ConnectionError):
        sim.call("POST", "/orders", token=demo_token, json=limit_order(OrderConfirmId="demo-1"))
    assert sim.call("POST", "/orders", token=demo_token, json=limit_order()).status_code == 200
    stats = sim.stats()
    assert (stats["orders"], stats["dropped_connections"]) == (recorded + 1, 1)


def test_a_token_expiry_queued_for_the_next_order_ends_the_token_as_that_order_arrives(sim, demo_token):
    sim.admin("POST", "next-orders", json={"fault": "token_expired"})
    assert sim.call("GET", "/data/quote/MSFT", token=demo_token).status_code == 200      # reads pass
    refused = sim.call("POST", "/orders", token=demo_token, json=limit_order())
    assert (refused.status_code, refused.json()["Message"]) == (401, AUTHORIZATION_FAILURE)
    assert sim.call("GET", "/data/quote/MSFT", token=demo_token).status_code == 401      # ended for good
    fresh = sim.token()
    assert sim.call("POST", "/orders", token=fresh, json=limit_order()).status_code == 200
    assert sim.stats()["orders"] == 1


def test_queued_faults_are_checked_cleared_and_forgotten_on_reset(sim):
    for bad in ({"fault": "slow"}, {"fault": "error", "count": -1}, {"fault": "error", "count": 101},
                {"fault": "error", "count": True}, {"fault": "error", "count": "2"}, {}, ["error"]):
        refused = sim.admin("POST", "next-orders", json=bad)
        assert refused.status_code == 400 and refused.json()["StatusCode"] == 400, bad
    sim.admin("POST", "next-orders", json={"fault": "drop_after", "count": 3})
    assert sim.admin("POST", "next-orders", json={"fault": "error", "count": 0}).json() == \
        {"fault": None, "remaining": 0}
    sim.admin("POST", "next-orders", json={"fault": "error", "count": 3})
    assert sim.admin("POST", "reset").json()["next_orders"] == {"fault": None, "remaining": 0}


def test_a_fault_queued_for_one_user_meets_only_that_users_order_calls(sim, demo_token):
    """A demo arms its own user's next orders: another user's order passes, and then the armed user's fails."""
    other = sim.token("other", "other")
    armed = sim.admin("POST", "next-orders", json={"fault": "error", "count": 1, "user": "demo"})
    assert armed.json() == {"fault": "error", "remaining": 1}
    assert sim.stats()["next_orders"] == {"fault": None, "remaining": 0}
    assert sim.stats()["next_orders_by_user"] == {"demo": {"fault": "error", "remaining": 1}}
    assert sim.call("POST", "/orders", token=other, json=limit_order(AccountKey="700001")).status_code == 200
    assert sim.call("POST", "/orders", token=demo_token, json=limit_order()).status_code == 500
    assert sim.call("POST", "/orders", token=demo_token, json=limit_order()).status_code == 200
    assert sim.stats()["next_orders_by_user"] == {}
    refused = sim.admin("POST", "next-orders", json={"fault": "error", "count": 1, "user": "nobody"})
    assert refused.status_code == 400 and "user" in refused.json()["Message"]


def test_expiring_one_users_tokens_leaves_the_others(sim, demo_token):
    other = sim.token("other", "other")
    assert sim.admin("POST", "expire-tokens", json={"user": "demo"}).json() == {"expired": 1}
    assert sim.call("GET", "/data/quote/MSFT", token=demo_token).status_code == 401
    assert sim.call("GET", "/data/quote/MSFT", token=other).status_code == 200
