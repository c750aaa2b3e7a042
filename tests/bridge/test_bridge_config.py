"""Settings: defaults, and the malformed ones that stop start-up with a clear message."""

import subprocess
import sys

import pytest
import requests

from app import create_app
from bridge import ConfigError
from harness.jsonp import unwrap
from harness.orders import classic_order
from harness.servers import ROOT, environment, start_app_py
from harness.trader import Trader


def make(tmp_path, **settings):
    return create_app({"DATABASE_URL": f"sqlite:///{tmp_path}/journal.sqlite3", "SECRET_KEY": "k", **settings})


def test_a_loopback_upstream_needs_no_credentials_and_is_sim(tmp_path):
    settings = make(tmp_path, TS_BASE_URL="http://127.0.0.1:5001/v2/").extensions["tsbridge"].settings
    assert (settings.base_url, settings.client_id, settings.environment) == \
        ("http://127.0.0.1:5001/v2", "demo-client", "SIM")
    assert settings.api_version == "20101026"  # TradeStation's meaning of a request without APIVersion


def test_settings_come_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("TS_BASE_URL", "https://api.tradestation.com/v2")
    monkeypatch.setenv("TS_CLIENT_ID", "key")
    monkeypatch.setenv("TS_CLIENT_SECRET", "secret")
    monkeypatch.setenv("TS_API_VERSION", "20150101")
    settings = make(tmp_path).extensions["tsbridge"].settings
    assert (settings.client_id, settings.environment, settings.api_version) == ("key", "LIVE", "20150101")


def test_the_sim_host_is_badged_sim(tmp_path):
    settings = make(tmp_path, TS_BASE_URL="https://sim-api.tradestation.com/v2", TS_CLIENT_ID="k",
                    TS_CLIENT_SECRET="s").extensions["tsbridge"].settings
    assert settings.environment == "SIM"


@pytest.mark.parametrize("settings, words", [
    ({}, "TS_BASE_URL is not set"),
    ({"TS_BASE_URL": "ftp://127.0.0.1/v2"}, "must be an http(s) URL"),
    ({"TS_BASE_URL": "http://api.tradestation.com/v2", "TS_CLIENT_ID": "k", "TS_CLIENT_SECRET": "s"},
     "must use https"),
    ({"TS_BASE_URL": "https://api.tradestation.com/v2"}, "TS_CLIENT_ID and TS_CLIENT_SECRET are required"),
    ({"TS_BASE_URL": "http://127.0.0.1:1/v2", "TS_API_VERSION": "2001"}, "has an invalid format"),
    ({"TS_BASE_URL": "http://127.0.0.1:1/v2", "TS_API_VERSION": "20010101"}, "The APIVersion 20010101 is invalid"),
    ({"TS_BASE_URL": "http://127.0.0.1:1/v2", "TS_READ_TIMEOUT": "soon"}, "TS_READ_TIMEOUT must be a number"),
    ({"TS_BASE_URL": "http://127.0.0.1:1/v2", "TS_DATA_LIMIT": "0"}, "TS_DATA_LIMIT must be greater than zero"),
    ({"TS_BASE_URL": "http://127.0.0.1:1/v2", "TS_REDIRECT_URI": "http://bridge.example.com/callback"},
     "TS_REDIRECT_URI must use https"),
    ({"TS_BASE_URL": "http://127.0.0.1:1/v2", "TS_ENVIRONMENT": "PAPER"}, "TS_ENVIRONMENT must be SIM or LIVE"),
])
def test_a_bad_setting_stops_start_up_with_a_clear_message(tmp_path, settings, words):
    with pytest.raises(ConfigError) as stopped:
        make(tmp_path, **settings)
    assert words in str(stopped.value)


def test_python_app_py_refuses_to_start_on_a_bad_setting():
    env = environment({"TS_BASE_URL": "https://api.tradestation.com/v2", "TS_CLIENT_ID": "", "TS_CLIENT_SECRET": ""})
    finished = subprocess.run([sys.executable, "app.py", "--port", "0"], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=60)
    assert finished.returncode != 0
    assert "TS_CLIENT_ID and TS_CLIENT_SECRET are required" in finished.stderr


def test_python_app_py_starts_the_bridge_on_the_embedded_simulator(tmp_path):
    server = start_app_py(tmp_path / "app.log", {"DATABASE_URL": f"sqlite:///{tmp_path}/journal.sqlite3",
                                                 "SECRET_KEY": "k"})
    try:
        said = server.output().splitlines()
        assert said[0].strip() == f"tsbridge: open {server.url}/"
        assert "the embedded simulator" in said[1]
        assert "Log in with TradeStation" in requests.get(server.url).text
        trader = Trader(server.url)
        order = classic_order(Symbol="IBM", Quantity=1, OrderConfirmId=None)
        assert unwrap(trader.jsonp("send", data=order))[0]["OrderStatus"] == "Ok"
    finally:
        server.stop()


def test_gunicorn_refuses_to_start_on_a_bad_setting_with_the_bridges_message():
    finished = subprocess.run([sys.executable, "-m", "gunicorn", "--bind", "127.0.0.1:0", "--no-control-socket",
                               "app:create_app()"], cwd=ROOT, env=environment({}), capture_output=True, text=True,
                              timeout=60)
    assert finished.returncode != 0
    assert "tsbridge: TS_BASE_URL is not set" in finished.stderr + finished.stdout
