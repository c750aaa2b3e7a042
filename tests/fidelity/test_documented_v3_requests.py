"""The 26 request examples of TradeStation's v3 OpenAPI document (`mxcoppell/tradestation-api-python`:
docs/tradestation-webapi-v3-openapi.json, version 3.0.3), each replayed byte for byte over HTTP by the demo user,
as the document names it: the 16 order examples (placed, and previewed at /orderconfirm, which documents the same
16), the 4 group examples (placed, and previewed at /ordergroupconfirm, whose "Market Activation Rules" example
is its own) and the 6 replacements. Each is accepted with the documented answer's shape, and the simulator's
market then does what the order says: an OSO's children go to work once the parent fills, a bracket's exits
cancel each other, a trailing stop follows the market, an activation rule holds its order back, a spread's
legs fill together. The bodies are data, in v3_requests/<path>/<example>.json.
"""

import json

import pytest

from simulator.server import start as start_simulator

from .examples_v3 import PLACED, REPLACED, today_at
from .v3_market import BODIES, SECOND_ACCOUNT, Market, body, replay

# The documented answers' keys (their examples; an Errors list only where an order was refused).
PLACED_KEYS = {"Orders"}
PLACED_ORDER_KEYS = {"OrderID", "Message"}
CONFIRMATION_KEYS = {"OrderAssetCategory", "Currency", "DisplayName", "Route", "TimeInForce", "AccountID",
                     "OrderConfirmID", "EstimatedPrice", "EstimatedCost", "DebitCreditEstimatedCost",
                     "EstimatedCommission", "SummaryMessage"}
REPLACED_KEYS = {"Message", "OrderID"}


@pytest.mark.parametrize("example", PLACED, ids=[f"{example.path}: {example.name}" for example in PLACED])
def test_each_documented_order_example_is_placed_and_worked(simulator, clock, example):
    if example.at:
        clock.move_to(today_at(*example.at))
    market = Market(simulator)
    for symbol, last in example.prices:
        market.price(symbol, last)
    for symbol, quantity in example.holding:
        market.buy(symbol, quantity)
    market.first = len(market.orders())
    answer = replay(market.v3, "POST", f"/orderexecution/{example.path}", body(example.path, example.file))
    assert answer.status_code == 200, answer.text
    assert set(answer.json()) == PLACED_KEYS, answer.text       # no Errors: nothing refused
    placed = answer.json()["Orders"]
    assert placed and all(set(entry) == PLACED_ORDER_KEYS and entry["Message"].startswith("Sent order: ")
                          for entry in placed)
    assert len(market.orders()) + len(market.orders(SECOND_ACCOUNT)) == len(placed)
    if example.at:
        example.then(market, clock)
    else:
        example.then(market)


# The previews: the 16 order examples at /orderconfirm, and the group examples at /ordergroupconfirm (its
# "Market Activation Rules" is its own, of two orders, where /ordergroups documents three).
PREVIEWED = tuple(("orderconfirm", "orders", example.file, example.name) for example in PLACED
                  if example.path == "orders") + tuple(
    ("ordergroupconfirm", folder, file, name) for folder, file, name in (
        ("ordergroups", "oco-breakout-entry-stocks", "OCO Breakout Entry (Stocks)"),
        ("ordergroups", "exit-bracket-1-limit-1-stop", "Exit Bracket - 1 Limit & 1 Stop"),
        ("ordergroups", "grouped-normal-order-normal", "Grouped Normal Order (NORMAL)"),
        ("ordergroupconfirm", "market-activation-rules", "Market Activation Rules")))


@pytest.fixture(scope="module")
def previews():
    server = start_simulator({})
    yield Market(server)
    server.shutdown()


@pytest.mark.parametrize(("path", "folder", "file", "name"), PREVIEWED,
                         ids=[f"{path}: {name}" for path, _, _, name in PREVIEWED])
def test_each_documented_preview_is_answered_without_placing(previews, path, folder, file, name):
    sent = body(folder, file)
    answer = replay(previews.v3, "POST", f"/orderexecution/{path}", sent)
    assert answer.status_code == 200, answer.text
    confirmations = answer.json()["Confirmations"]
    request = json.loads(sent)
    assert len(confirmations) == len(request.get("Orders", [request]))
    for confirmation in confirmations:
        assert CONFIRMATION_KEYS <= set(confirmation), set(CONFIRMATION_KEYS) - set(confirmation)
        assert confirmation["OrderAssetCategory"] in ("EQUITY", "STOCKOPTION", "FUTURE")
        assert all(isinstance(value, str) for key, value in confirmation.items() if key.startswith("Estimated"))
    assert previews.orders() == [] and previews.orders(SECOND_ACCOUNT) == []


@pytest.mark.parametrize("example", REPLACED, ids=[example.name for example in REPLACED])
def test_each_documented_replacement_is_taken_and_worked(simulator, example):
    market = Market(simulator)
    for symbol, last in example.prices:
        market.price(symbol, last)
    placed = replay(market.v3, "POST", "/orderexecution/orders", body("orders", example.order))
    [entry] = placed.json()["Orders"]
    answer = replay(market.v3, "PUT", f"/orderexecution/orders/{entry['OrderID']}", body("replace", example.file))
    assert answer.status_code == 200, answer.text
    assert set(answer.json()) == REPLACED_KEYS and answer.json()["OrderID"] == entry["OrderID"]
    example.then(market)


def test_every_stored_body_is_replayed():
    """The tables name every body stored: the document's 16 orders, 4 groups (and the group preview's own) and
    6 replacements."""
    stored = {(path.parent.name, path.stem) for path in BODIES.glob("*/*.json")}
    replayed = ({(example.path, example.file) for example in PLACED}
                | {(folder, file) for _, folder, file, _ in PREVIEWED}
                | {("replace", example.file) for example in REPLACED})
    assert stored == replayed and len(stored) == 27
