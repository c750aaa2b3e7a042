"""A SECRET_KEY that is easily guessed is refused wherever the bridge runs, loopback included; only a key the
bridge makes itself (none given) is taken without measuring. A real upstream still needs one given."""

import secrets

import pytest

from bridge import ConfigError, create_app
from bridge.secret_strength import secret_key_problem
from harness.configs import REAL

PREDICTABLE = ["password1password1password1password1", "0123456789abcdef0123456789abcdef", "x", "x" * 64,
               "ab" * 20, "abcdefghijklmnopqrstuvwxyz0123456789"]


@pytest.mark.parametrize("key", PREDICTABLE)
@pytest.mark.parametrize("upstream", ["loopback", "tradestation"])
def test_a_predictable_secret_key_is_refused_on_loopback_too(tmp_path, simulator, key, upstream):
    base = simulator.url + "/v2" if upstream == "loopback" else "https://sim-api.tradestation.com/v2"
    given = REAL if upstream == "tradestation" else {}
    with pytest.raises(ConfigError, match="SECRET_KEY of at least 32 random characters is required"):
        create_app({"TS_BASE_URL": base, "DATABASE_URL": f"sqlite:///{tmp_path}/j", **given, "SECRET_KEY": key})


def test_random_keys_pass_and_the_bridges_own_key_is_made_random(tmp_path, simulator):
    for key in (secrets.token_hex(16), secrets.token_hex(32), secrets.token_urlsafe(32)):
        assert secret_key_problem(key) is None
        create_app({"TS_BASE_URL": simulator.url + "/v2", "DATABASE_URL": f"sqlite:///{tmp_path}/j", "SECRET_KEY": key})
    made = create_app({"TS_BASE_URL": simulator.url + "/v2", "DATABASE_URL": f"sqlite:///{tmp_path}/j"})
    assert secret_key_problem(made.config["SECRET_KEY"]) is None
