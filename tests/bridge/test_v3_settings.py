"""The API v3 settings: chosen by TS_BASE_URL's /v3, signing in at TradeStation's Auth0 host by default."""

import pytest

from bridge import ConfigError
from bridge.upstream import Upstream
from bridge.v3face import V3Upstream
from harness.configs import REAL, make


def test_a_v3_base_url_speaks_v3_and_signs_in_at_tradestations_auth0_host(tmp_path):
    app = make(tmp_path, TS_BASE_URL="https://sim-api.tradestation.com/v3", **REAL)
    bridge = app.extensions["tsbridge"]
    assert bridge.settings.upstream_api == "v3" and isinstance(bridge.upstream, V3Upstream)
    assert (bridge.settings.signin_url, bridge.settings.audience, bridge.settings.scopes) == (
        "https://signin.tradestation.com", "https://api.tradestation.com",
        "openid offline_access MarketData ReadAccount Trade")
    assert (bridge.oauth.authorize_url, bridge.oauth.token_url) == (
        "https://signin.tradestation.com/authorize", "https://signin.tradestation.com/oauth/token")
    assert bridge.settings.environment == "SIM"


def test_a_v2_base_url_keeps_v2_and_its_own_sign_in(tmp_path):
    bridge = make(tmp_path, TS_BASE_URL="https://api.tradestation.com/v2", **REAL).extensions["tsbridge"]
    assert bridge.settings.upstream_api == "v2" and type(bridge.upstream) is Upstream
    assert bridge.oauth.token_url == "https://api.tradestation.com/v2/security/authorize"


def test_the_simulators_v3_face_signs_in_at_its_own_root(tmp_path):
    bridge = make(tmp_path, TS_BASE_URL="http://127.0.0.1:5001/v3").extensions["tsbridge"]
    assert bridge.settings.signin_url == "http://127.0.0.1:5001"


def test_sign_in_url_audience_and_scopes_can_be_set(tmp_path):
    settings = make(tmp_path, TS_BASE_URL="https://api.tradestation.com/v3", TS_SIGNIN_URL="https://signin.example.com/",
                    TS_AUDIENCE="https://audience.example.com", TS_SCOPES="openid  offline_access ReadAccount",
                    **REAL).extensions["tsbridge"].settings
    assert (settings.signin_url, settings.audience, settings.scopes) == (
        "https://signin.example.com", "https://audience.example.com", "openid offline_access ReadAccount")


@pytest.mark.parametrize("settings, words", [
    ({"TS_SCOPES": "MarketData ReadAccount Trade"}, "TS_SCOPES must include openid and offline_access"),
    ({"TS_SCOPES": "openid Trade"}, "TS_SCOPES must include offline_access"),
    ({"TS_SIGNIN_URL": "http://signin.example.com"}, "TS_SIGNIN_URL must use https"),
])
def test_bad_v3_settings_stop_start_up(tmp_path, settings, words):
    with pytest.raises(ConfigError, match=words):
        make(tmp_path, TS_BASE_URL="https://api.tradestation.com/v3", **REAL, **settings)


def test_the_login_asks_auth0_for_the_configured_audience_and_scopes(tmp_path):
    app = make(tmp_path, TS_BASE_URL="https://api.tradestation.com/v3", TS_AUDIENCE="https://audience.example.com",
               **REAL)
    started = app.test_client().get("/login", base_url="https://bridge.example.com")
    assert started.status_code == 302
    location = started.headers["Location"]
    assert location.startswith("https://signin.tradestation.com/authorize?")
    assert "audience=https%3A%2F%2Faudience.example.com" in location and "code_challenge_method=S256" in location


def test_the_v3_sign_ins_secrets_are_redacted_from_logs():
    from tradestation.redact import MASK, redact
    line = 'POST /oauth/token code=abc&code_verifier=v3rifier&client_secret=s {"id_token": "eyJ.x.y"}'
    assert redact(line) == (f'POST /oauth/token code={MASK}&code_verifier={MASK}&client_secret={MASK} '
                            f'{{"id_token": "{MASK}"}}')
