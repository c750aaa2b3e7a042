"""TradeStation's authorization examples replayed as printed: the authorization page (with and without the
trailing slash) and its 301, every documented token request (authorization code, refresh, client
credentials) answered in the documented shape, and the Authorize error rows reached from those same
requests. Each test names its pages; the examples are data in examples_auth.py."""

from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from harness.login import sign_in
from tests.fidelity.examples_auth import (
    AUTHORIZE_PAGE_CLIENT,
    AUTHORIZE_PAGE_PATHS,
    AUTHORIZE_PAGE_QUERY,
    REDIRECT_PREFIX,
    REDIRECT_STATUS,
    TOKEN_EXAMPLES,
    TOKEN_PATH,
)
from tests.fidelity.shapes import same_shape

EXAMPLES = [pytest.param(example, {"SIM_CLIENTS": example.client}, id=example.id) for example in TOKEN_EXAMPLES]


def _send(sim, example, body=None):
    return requests.post(sim.url + TOKEN_PATH, data=(body or example.body).encode(), headers=dict(example.headers),
                         timeout=10)


def _plant(sim, example):
    if example.grant:
        sim.admin("POST", "grant", json=example.grant).raise_for_status()


@pytest.mark.parametrize("path", AUTHORIZE_PAGE_PATHS)
@pytest.mark.parametrize("simulator_config", [{"SIM_CLIENTS": AUTHORIZE_PAGE_CLIENT}], indirect=True)
def test_the_documented_authorization_page_url(sim, path):
    """tradestation/webapi-docs and webapi-docs-v2: en/getting-started/security-overview.md, Authorization
    Code step 1 (Example Authorization Page Url, and the Authorize Uri without its slash) and step 2 (Example
    Redirect: HTTP 301, the code in the redirect URI's query)."""
    http = requests.Session()
    page = http.get(f"{sim.url}{path}?{AUTHORIZE_PAGE_QUERY}", timeout=10)
    assert page.status_code == 200 and "Sign in" in page.text
    answer = sign_in(http, page, allow_redirects=False, timeout=10)
    assert answer.status_code == REDIRECT_STATUS
    assert answer.headers["Location"].startswith(REDIRECT_PREFIX)
    assert answer.headers["Cache-Control"] == "no-store"
    code = parse_qs(urlsplit(answer.headers["Location"]).query)["code"][0]
    exchanged = sim.exchange(code, client_id="D7635234", secret="not-printed",
                             redirect_uri="https://exampleclientapp.com/authcode.aspx")
    assert exchanged.status_code == 200, exchanged.text


@pytest.mark.parametrize(("example", "simulator_config"), EXAMPLES, indirect=["simulator_config"])
def test_the_documented_token_request(sim, example):
    """Each token request of en/security/authorize.md and en/getting-started/security-overview.md (both
    repositories), sent byte for byte, answers 200 with the documented Access Token Response's keys and kinds."""
    _plant(sim, example)
    answer = _send(sim, example)
    assert answer.status_code == 200, answer.text
    assert answer.headers["Content-Type"].startswith("application/json")
    body = answer.json()
    same_shape(example.answer, body)
    for key in example.same:
        assert body[key] == example.answer[key], key
    token = body["token"]
    assert sim.call("GET", "/data/quote/MSFT", token=token).status_code == 200


@pytest.mark.parametrize(("example", "simulator_config"), EXAMPLES[:2], indirect=["simulator_config"])
def test_a_documented_code_gives_a_refresh_token_that_refreshes(sim, example):
    """en/getting-started/security-overview.md: tokens from the authorization code grant "can be refreshed"."""
    _plant(sim, example)
    body = _send(sim, example).json()
    assert body["RefreshToken"] == body["refresh_token"]
    client_id, entry = next(iter(example.client.items()))
    refreshed = sim.refresh(body["refresh_token"], client_id=client_id, secret=entry["secret"],
                            redirect_uri=entry["redirect_uris"][0])
    assert refreshed.status_code == 200, refreshed.text


def _row(answer):
    return answer.status_code, answer.json()


@pytest.mark.parametrize("simulator_config", [{"SIM_CLIENTS": TOKEN_EXAMPLES[0].client}], indirect=True)
def test_the_authorize_rows_from_the_documented_request(sim):
    """tradestation/webapi-docs (and webapi-docs-v2): en/getting-started/error-handling.md, Authorize: each row
    reached from en/security/authorize.md's Example Request with one thing changed."""
    example = TOKEN_EXAMPLES[0]
    _plant(sim, example)
    assert _row(_send(sim, example, example.body.replace("client_secret=2452345", "client_secret=2452346"))) == (
        401, {"Message": "API key failure", "StatusCode": 401})                     # Invalid Client credentials
    assert _row(_send(sim, example, example.body.replace("code=K29q", "code=X29q"))) == (
        401, {"Message": "Authorization failed", "StatusCode": 401})                # an unknown code
    wrong_uri = example.body.replace("authcodetest.aspx", "other.aspx")
    assert _row(_send(sim, example, wrong_uri)) == (401, {                         # Redirect Uri doesn't match
        "Message": "Exception of type 'TradeStation.Web.Services.AuthorizationException' was thrown.",
        "StatusCode": 401})
    assert _row(_send(sim, example)) == (401, {"Message": "Authorization code expired", "StatusCode": 401})


@pytest.mark.parametrize("simulator_config", [{"SIM_CLIENTS": TOKEN_EXAMPLES[2].client}], indirect=True)
def test_an_unknown_refresh_token_is_authorization_failed(sim):
    """en/getting-started/error-handling.md, Authorize (Invalid User credentials): the Authorize page's refresh
    example, sent before its refresh token exists."""
    assert _row(_send(sim, TOKEN_EXAMPLES[2])) == (401, {"Message": "Authorization failed", "StatusCode": 401})


@pytest.mark.parametrize("simulator_config", [{"SIM_CLIENTS": TOKEN_EXAMPLES[3].client}], indirect=True)
def test_a_client_only_token_looks_symbols_up_and_nothing_else(sim):
    """en/getting-started/security-overview.md, Client Credentials: a token "for the sole purpose of performing
    a symbol-lookup/search"; a user's resources answer 401."""
    token = _send(sim, TOKEN_EXAMPLES[3]).json()["token"]
    assert sim.call("GET", "/data/symbols/search/n=msf&c=stock", token=token).status_code == 200
    assert sim.call("GET", "/users/CLIENTONLYLOGIN/accounts", token=token).status_code == 401


def test_a_grant_is_planted_only_for_a_known_client_and_user(sim):
    """POST /admin/grant (what the replays above use) refuses what it cannot honour, in plain words."""
    for body in ({"code": "x", "client_id": "nobody"}, {"code": "x", "client_id": "demo-client", "user": "ghost"},
                 {"client_id": "demo-client"}):
        answer = sim.admin("POST", "grant", json=body)
        assert answer.status_code == 400 and answer.json()["Message"], body
    assert sim.admin("POST", "grant", json={"refresh_token": "r-1", "client_id": "demo-client"}).status_code == 200
    assert sim.refresh("r-1").status_code == 200
