"""Settings: defaults, and the malformed ones that stop start-up with a clear message."""

import socket
import subprocess
import sys

import pytest
import requests

from app import create_app
from bridge import ConfigError
from bridge.setting_values import text
from bridge.settings import SETTINGS, Settings, read
from harness.configs import REAL, make
from harness.jsonp import unwrap
from harness.keys import SECRET_KEY
from harness.orders import classic_order
from harness.servers import ROOT, environment, start_app_py
from harness.trader import Trader


def test_a_loopback_upstream_needs_no_credentials_and_is_sim(tmp_path):
    settings = make(tmp_path, TS_BASE_URL="http://127.0.0.1:5001/v2/").extensions["tsbridge"].settings
    assert (settings.base_url, settings.client_id, settings.environment) == \
        ("http://127.0.0.1:5001/v2", "demo-client", "SIM")
    assert settings.api_version == "20101026"  # TradeStation's meaning of a request without APIVersion


# What a bridge in front of real TradeStation must be given: nothing there may be made up or guessed.
def test_settings_come_from_the_environment(tmp_path, monkeypatch):
    for name, value in {**REAL, "TS_BASE_URL": "https://api.tradestation.com/v2", "TS_API_VERSION": "20150101"}.items():
        monkeypatch.setenv(name, value)
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path}/journal.sqlite3"})
    settings = app.extensions["tsbridge"].settings
    assert (settings.client_id, settings.environment, settings.api_version) == ("key", "LIVE", "20150101")
    assert settings.secure_cookies and app.config["SESSION_COOKIE_NAME"] == "__Host-tsbridge"


def test_the_sim_host_is_badged_sim(tmp_path):
    settings = make(tmp_path, TS_BASE_URL="https://sim-api.tradestation.com/v2", **REAL).extensions["tsbridge"].settings
    assert settings.environment == "SIM"


def test_an_https_upstream_is_live_and_needs_its_own_client_even_on_loopback():
    # A tunnel on loopback to the live API is TradeStation: not the simulator, whose demo client it would get.
    for tunnel in ("https://127.0.0.1:8443/v2", "https://localhost:8443/v3", "https://[::1]/v2"):
        with pytest.raises(ConfigError, match="TS_CLIENT_ID and TS_CLIENT_SECRET are required") as stopped:
            read({"TS_BASE_URL": tunnel})
        assert "tunnel on loopback" in str(stopped.value)
        settings = read({"TS_BASE_URL": tunnel, **REAL})
        assert (settings.environment, settings.client_id) == ("LIVE", "key"), tunnel
    # Only TradeStation's own sim host is SIM by name; a look-alike is not.
    assert read({"TS_BASE_URL": "https://simulated.example.com/v2", **REAL}).environment == "LIVE"
    # TS_ENVIRONMENT still decides when given.
    assert read({"TS_BASE_URL": "https://127.0.0.1:8443/v2", **REAL, "TS_ENVIRONMENT": "sim"}).environment == "SIM"
    assert read({"TS_BASE_URL": "http://127.0.0.1:5001/v2", "TS_ENVIRONMENT": "LIVE"}).environment == "LIVE"


def test_the_embedded_simulator_is_sim_with_the_demo_client(embedded):
    settings = embedded.bridge.app.extensions["tsbridge"].settings
    assert (settings.environment, settings.client_id, settings.client_secret) == ("SIM", "demo-client", "demo-secret")


@pytest.mark.parametrize("missing, words", [
    ("TS_REDIRECT_URI", "TS_REDIRECT_URI is required"),
    ("SECRET_KEY", "SECRET_KEY of at least 32 random characters is required"),
    ("TS_TOKEN_KEYS", "TS_TOKEN_KEYS is required"),
])
def test_a_real_upstream_needs_a_redirect_uri_a_strong_secret_key_and_token_keys(tmp_path, missing, words):
    given = {name: value for name, value in REAL.items() if name != missing}
    with pytest.raises(ConfigError) as stopped:
        create_app({"TS_BASE_URL": "https://api.tradestation.com/v2", "DATABASE_URL": f"sqlite:///{tmp_path}/j",
                    **given})
    assert words in str(stopped.value)
    for weak in ("k", "x" * 64, "ab" * 20):
        with pytest.raises(ConfigError, match="SECRET_KEY of at least 32"):
            create_app({"TS_BASE_URL": "https://api.tradestation.com/v2", "DATABASE_URL": f"sqlite:///{tmp_path}/j",
                        **REAL, "SECRET_KEY": weak})


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
    ({"TS_BASE_URL": "http://127.0.0.1:1/v2", "TS_SESSION_LIFETIME": "86400"}, "at most 43200 seconds (12 hours)"),
    ({"TS_BASE_URL": "http://127.0.0.1:1/v2", "TS_TOKEN_KEYS": "not-a-key"}, "TS_TOKEN_KEYS must be Fernet keys"),
    ({"TS_BASE_URL": "http://127.0.0.1:1/v2", "TS_SECURE_COOKIES": "maybe"}, "TS_SECURE_COOKIES must be on or off"),
])
def test_a_bad_setting_stops_start_up_with_a_clear_message(tmp_path, settings, words):
    with pytest.raises(ConfigError) as stopped:
        make(tmp_path, **settings)
    assert words in str(stopped.value)


LOOPBACK = "http://127.0.0.1:1/v2"


def test_an_unset_setting_has_the_default_a_settings_built_directly_has():
    """One declaration per setting: what read() leaves at its default is what Settings(...) holds."""
    read_ = read({"TS_BASE_URL": LOOPBACK}, environ={})
    built = Settings(base_url=LOOPBACK, client_id="demo-client", client_secret="demo-secret")
    plain = [one for one in SETTINGS if not one.documented]
    assert len(plain) >= 12
    for one in plain:
        assert getattr(read_, one.attribute) == getattr(built, one.attribute) == one.default, one.name


@pytest.mark.parametrize("setting", [one for one in SETTINGS if one.parse is not text], ids=lambda one: one.name)
def test_every_malformed_setting_stops_start_up_naming_it(setting):
    with pytest.raises(ConfigError, match=f"^{setting.name}"):
        read({"TS_BASE_URL": LOOPBACK, setting.name: "-1 ☃"}, environ={})


def test_python_app_py_refuses_to_start_on_a_bad_setting():
    env = environment({"TS_BASE_URL": "https://api.tradestation.com/v2", "TS_CLIENT_ID": "", "TS_CLIENT_SECRET": ""})
    finished = subprocess.run([sys.executable, "app.py", "--port", "0"], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=60)
    assert finished.returncode != 0
    assert "TS_CLIENT_ID and TS_CLIENT_SECRET are required" in finished.stderr


def test_python_app_py_starts_the_bridge_on_the_embedded_simulator(tmp_path):
    server = start_app_py(tmp_path / "app.log", {"DATABASE_URL": f"sqlite:///{tmp_path}/journal.sqlite3",
                                                 "SECRET_KEY": SECRET_KEY})
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


def test_python_app_py_on_a_port_in_use_says_so_and_how_to_choose_another(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = environment({"DATABASE_URL": f"sqlite:///{tmp_path}/journal.sqlite3", "SECRET_KEY": SECRET_KEY})
        finished = subprocess.run([sys.executable, "app.py", "--port", str(port)], cwd=ROOT, env=env,
                                  capture_output=True, text=True, timeout=60)
    assert finished.returncode != 0
    assert finished.stdout == ""            # no URL that leads nowhere
    assert f"tsbridge: port {port} is in use: try --port {port + 1} or PORT={port + 1}" in finished.stderr
