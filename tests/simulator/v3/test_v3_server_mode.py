"""`python -m simulator` serves both faces from one process, on one state."""

import requests

from harness import v3 as h
from harness.servers import start_simulator


def test_python_m_simulator_serves_v3_beside_v2(tmp_path):
    server = start_simulator(tmp_path, faults={"SIM_ROTATE_REFRESH": "on"})
    try:
        body = h.tokens(server.url)
        v3 = h.V3(server.url, body["access_token"])
        placed = v3.place(h.v3_order())
        assert placed.status_code == 200, placed.text
        # The same access token is good on v2, and v2 lists the order placed through v3.
        listed = requests.get(f"{server.url}/v2/accounts/281994/orders", timeout=5,
                              headers={"Authorization": f"Bearer {body['access_token']}"}).json()
        assert [str(entry["OrderID"]) for entry in listed] == [placed.json()["Orders"][0]["OrderID"]]
        refreshed = h.token_call(server.url, grant_type="refresh_token", refresh_token=body["refresh_token"])
        assert refreshed.json()["refresh_token"] != body["refresh_token"]      # the knob from the environment
        assert "/v3" in server.output()
    finally:
        server.stop()
