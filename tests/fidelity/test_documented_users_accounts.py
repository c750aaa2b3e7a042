"""TradeStation's users and accounts examples replayed as printed, in both dialects: user accounts (under
/v2 and /WebAPI, with the documents' user names), user positions, balances (equities and futures), positions
(with the page's $filter example) and 2015 position groups, each answered 200 in the documented keys and
kinds. Each test's id names its page; the examples are data in examples_accounts.py."""

import pytest
import requests

from harness.orders import classic_order, global_order
from tests.fidelity.examples_accounts import ACCOUNTS_EXAMPLES
from tests.fidelity.shapes import same_kinds


def _hold(sim, token, account, symbol="AAPL"):
    """Buy at market so that the account holds a position, as the documented answers' accounts do."""
    if account.startswith("JPEQ"):
        order = global_order(AccountId=account, Symbol="JP:8698-TS", Type="Market", LimitPrice=None,
                             Quantity=100, FundSource="Margin")
        answer = sim.call("POST", "/orders", token=token, api_version="20150601", json=order)
    else:
        answer = sim.call("POST", "/orders", token=token, json=classic_order(AccountKey=account, Symbol=symbol))
    assert answer.status_code == 200, answer.text
    assert "Filled" in str(sim.call("GET", f"/accounts/{account}/orders", token=token).json()), answer.text


def _replay(sim, example, token):
    headers = dict(example.headers)
    if example.authorization:
        headers["Authorization"] = example.authorization.format(token=token)
    return requests.get(sim.url + example.path.format(token=token), headers=headers, timeout=10)


@pytest.mark.parametrize("example", ACCOUNTS_EXAMPLES, ids=[example.id for example in ACCOUNTS_EXAMPLES])
def test_the_documented_accounts_request(sim, example):
    """Each example request of the Users and Accounts pages (and the Getting Started pages' accounts requests)
    of tradestation/webapi-docs and webapi-docs-v2: 200, with the documented keys and kinds."""
    token = sim.token()
    if example.holding:
        _hold(sim, token, example.holding)
    answer = _replay(sim, example, token)
    assert answer.status_code == 200, answer.text
    assert answer.headers["Content-Type"].startswith("application/json")
    body = answer.json()
    assert isinstance(body, type(example.answer)) and body, body
    same_kinds(example.answer, body)


def test_the_documented_position_filter_keeps_only_its_symbol(sim):
    """tradestation/webapi-docs and webapi-docs-v2: en/accounts/positions.md, the $filter example:
    symbol eq 'AAPL' leaves the account's other holdings out."""
    token = sim.token()
    _hold(sim, token, "123456", "AAPL")
    _hold(sim, token, "123456", "MSFT")
    example = next(example for example in ACCOUNTS_EXAMPLES if "$filter" in example.path)
    assert {entry["Symbol"] for entry in _replay(sim, example, token).json()} == {"AAPL"}
    assert {entry["Symbol"] for entry in sim.call("GET", "/accounts/123456/positions", token=token).json()} == {
        "AAPL", "MSFT"}


def test_the_documents_user_names_are_the_demo_users_only(sim):
    """The documents' user names (userid, TestUser1, testuser) name the demo user: another user asking for them
    gets the Users row of en/getting-started/error-handling.md."""
    token = sim.token("other", "other")
    for name in ("userid", "TestUser1", "testuser"):
        answer = sim.call("GET", f"/users/{name}/accounts", token=token)
        assert (answer.status_code, answer.json()) == (401, {
            "Message": "User is not authorized to retrieve this account", "StatusCode": 401})


def test_a_position_group_the_account_does_not_have_is_not_found(sim):
    """tradestation/webapi-docs-v2: en/accounts/position-groups.md, Errors: 404 Not Found."""
    token = sim.token()
    answer = sim.call("GET", "/accounts/JPEQ114275/positiongroups/1234", token=token, api_version="20150601")
    assert (answer.status_code, answer.json()) == (404, {"Message": "Not Found", "StatusCode": 404})


@pytest.mark.parametrize(("query", "version"), [("?apiversion=20101026", "20101026"), ("", "20101026"),
                                                ("?APIVersion=20150601", "20150601")])
def test_the_answer_names_its_version(sim, query, version):
    """tradestation/webapi-docs-v2: en/getting-started/overview.md (HTTP Response: X-APIVersion: 20101026, for
    a request with apiversion=20101026); a request without one is answered as 20101026 (api-versioning.md)."""
    answer = sim.call("GET", f"/users/testuser/accounts{query}", token=sim.token())
    assert answer.status_code == 200 and answer.headers["X-APIVersion"] == version
