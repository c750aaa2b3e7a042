"""API v3's sign-in believes the id_token only once it is proven: signed with the key the sign-in host
publishes (RS256, never `none`), issued by that host, for this bridge's API key, unexpired, and for this
login (its nonce). The simulator's SIM_ID_TOKEN spoils its id_tokens one way at a time; each is refused with
a clear message and no login, over real HTTP (the bridge and the simulator's v3 face on loopback)."""

import base64
import hashlib
import html
import json
import zlib
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
import requests

from harness.login import sign_in
from harness.sim_admin import admin


@pytest.fixture
def bridge_config(simulator):
    return {"TS_BASE_URL": simulator.url + "/v3"}


def log_in(bridge):
    """A browser's whole login, to the page the bridge's callback answers with."""
    http = requests.Session()
    page = http.get(f"{bridge.url}/login", timeout=10)
    assert page.status_code == 200, page.text
    return http, sign_in(http, page, "demo", "demo", timeout=10)


def test_the_simulator_publishes_its_keys_and_signs_rs256_with_the_nonce(simulator):
    discovery = requests.get(f"{simulator.url}/.well-known/openid-configuration", timeout=10).json()
    assert discovery["jwks_uri"] == simulator.url + "/.well-known/jwks.json"
    assert discovery["issuer"] == simulator.url + "/"
    [key] = requests.get(discovery["jwks_uri"], timeout=10).json()["keys"]
    assert (key["kty"], key["alg"], key["use"]) == ("RSA", "RS256", "sig") and "d" not in key


def test_a_genuine_id_token_logs_in(bridge):
    http, landed = log_in(bridge)
    assert landed.status_code == 200 and landed.url.rstrip("/") == bridge.url
    assert http.get(f"{bridge.url}/auth/token", timeout=10).json()["userid"] == "demo"


@pytest.mark.parametrize(("fault", "reason"), [
    ("forged", "its id_token's signature is not TradeStation's"),
    ("unsigned", "its id_token is not signed as TradeStation signs"),
    ("wrong_aud", "its id_token was issued to another application"),
    ("wrong_iss", "its id_token was issued by another sign-in host"),
    ("expired", "its id_token has expired"),
    ("wrong_nonce", "its id_token belongs to another login"),
])
def test_a_spoilt_id_token_is_refused_with_a_clear_message_and_no_login(bridge, simulator, fault, reason):
    admin(simulator, "faults", {"SIM_ID_TOKEN": fault})
    http, refused = log_in(bridge)
    assert refused.status_code == 401
    assert f"The login was refused: {reason}. Please log in again." in html.unescape(refused.text)
    assert http.get(f"{bridge.url}/auth/token", timeout=10).status_code == 401
    assert http.get(f"{bridge.url}/journal", timeout=10).status_code == 401


def test_the_spoilt_tokens_are_spoilt_as_they_say(simulator):
    """The knob itself: each fault really changes the one thing it names (checked with PyJWT, not the bridge)."""
    from harness import v3 as h
    keys = jwt.PyJWKClient(f"{simulator.url}/.well-known/jwks.json")
    admin(simulator, "faults", {"SIM_ID_TOKEN": "unsigned"})
    unsigned = h.tokens(simulator.url)["id_token"]
    assert jwt.get_unverified_header(unsigned)["alg"] == "none"
    admin(simulator, "faults", {"SIM_ID_TOKEN": "wrong_aud"})
    wrong_aud = h.tokens(simulator.url)["id_token"]
    claims = jwt.decode(wrong_aud, keys.get_signing_key_from_jwt(wrong_aud).key, algorithms=["RS256"],
                        options={"verify_aud": False})
    assert claims["aud"] == "someone-else" and claims["sub"] == "demo"


def readable_cookie(response):
    """What anyone holding the session cookie reads in it: Flask signs it, it does not hide it."""
    value = response.cookies["tsbridge"]
    compressed, payload = value.startswith("."), value.lstrip(".").split(".")[0]
    data = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    return json.loads(zlib.decompress(data) if compressed else data)


def test_the_pkce_verifier_state_and_nonce_never_sit_in_the_cookie(bridge):
    started = requests.get(f"{bridge.url}/login", allow_redirects=False, timeout=10)
    query = {key: values[0] for key, values in parse_qs(urlsplit(started.headers["Location"]).query).items()}
    cookie = readable_cookie(started)
    assert set(cookie) == {"oauth_login", "oauth_redirect"}
    text = str(cookie)
    assert query["state"] not in text and query["nonce"] not in text
    # The verifier is whatever hashes to the challenge: nothing in the cookie does.
    for value in cookie.values():
        challenge = base64.urlsafe_b64encode(hashlib.sha256(value.encode()).digest()).decode().rstrip("=")
        assert challenge != query["code_challenge"]
