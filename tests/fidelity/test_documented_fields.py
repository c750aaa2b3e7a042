"""Fields TradeStation documents for an order with no example request, taken as documented; values outside
the documented ones refused. SOURCE names the page."""

import pytest

from harness.jsonp import BRIDGE, unwrap
from harness.orders import classic_order

SOURCE = "tradestation/api-docs: spec/swagger.yaml (AdvancedOptionsDefinition, TrailingStopDefinition, " \
         "MarketActivationRuleDefinition, TimeActivationRuleDefinition)"

RULE = {"RuleType": "Price", "Symbol": "MSFT", "Predicate": "Gt", "TriggerKey": "STT", "Price": "430.00"}


def _stop(advanced, **changes):
    return classic_order(**{"AccountKey": "987654", "Symbol": "ARNA", "OrderType": "StopMarket", "StopPrice": "2.00",
                            "Duration": "GTC", "AdvancedOptions": advanced, **changes})


DOCUMENTED = [
    pytest.param(_stop({"TrailingStop": {"Amount": 0.5}}), "Sent order: Buy 10 ARNA @  Stop Market - Trl: $0.5",
                 id="trailing-amount"),
    pytest.param(_stop({"TrailingStop": {"Percent": 1.5}}), "Sent order: Buy 10 ARNA @  Stop Market - Trl: 1.5%",
                 id="trailing-percent"),
    pytest.param(_stop({"ShowOnlyQuantity": 100}, Quantity="1000"), "Sent order: Buy 1,000 ARNA @ 2.00 Stop Market",
                 id="show-only-quantity"),
    pytest.param(_stop({"MarketActivationRules": [RULE, dict(RULE, LogicOperator="Or", Predicate="Lte")]}),
                 "Sent order: Buy 10 ARNA @ 2.00 Stop Market", id="market-activation-rules"),
    pytest.param(_stop({"TimeActivationRules": [{"TimeUtc": "14:30:00"}]}),
                 "Sent order: Buy 10 ARNA @ 2.00 Stop Market", id="time-activation-rule"),
]


@pytest.mark.parametrize("order, message", DOCUMENTED)
def test_documented_advanced_options_are_accepted(sim, trader, order, message):
    [result] = sim.call("POST", "/orders", token=sim.token(), json=order).json()
    assert (result["OrderStatus"], result["Message"]) == ("Ok", message), SOURCE
    [relayed] = unwrap(trader.jsonp("send", data=order), prefix=BRIDGE)
    assert relayed["OrderStatus"] == "Ok", SOURCE


INVALID = "Please provide valid order input."
UNDOCUMENTED = [
    pytest.param({"TrailingStop": {"Amount": 0.5, "Percent": 1}}, INVALID, id="amount-and-percent"),
    pytest.param({"TrailingStop": {"Amount": -1}}, "Failed to build order: Invalid trailing stop number by points",
                 id="negative-amount"),
    pytest.param({"ShowOnlyQuantity": 150}, INVALID, id="show-150-equity"),
    pytest.param({"ShowOnlyQuantity": 0}, INVALID, id="show-0"),
    pytest.param({"MarketActivationRules": [RULE] * 5}, INVALID, id="five-market-rules"),
    pytest.param({"MarketActivationRules": [dict(RULE, TriggerKey="XYZ")]}, INVALID, id="trigger-key"),
    pytest.param({"MarketActivationRules": [dict(RULE, RuleType="Time")]}, INVALID, id="rule-type"),
    pytest.param({"TimeActivationRules": [{"TimeUtc": "25:00:00"}]}, INVALID, id="time-utc"),
    pytest.param({"TimeActivationRules": [{"TimeUtc": "14:30:00"}, {"TimeUtc": "15:30:00"}]}, INVALID,
                 id="two-time-rules"),
    pytest.param({"Colour": "red"}, INVALID, id="unknown-option"),
]


@pytest.mark.parametrize("advanced, message", UNDOCUMENTED)
def test_values_outside_the_documented_ones_are_refused(sim, advanced, message):
    answer = sim.call("POST", "/orders", token=sim.token(), json=_stop(advanced))
    assert (answer.status_code, answer.json()) == (400, {"Message": message, "StatusCode": 400}), SOURCE
    assert sim.stats()["orders"] == 0


LEGS_SOURCE = "tradestation/api-docs: spec/swagger.yaml (OrderRequestDefinition, Legs)"
LEGS = [{"Symbol": "MSFT 261218C420", "Quantity": "1", "TradeAction": "BUYTOOPEN"},
        {"Symbol": "MSFT", "Quantity": "100", "TradeAction": "BUY"}]


def _legged(legs):
    return classic_order(AccountKey="987654", AssetType="OP", Symbol="MSFT 261218C420", Quantity="1",
                         OrderType="Limit", LimitPrice="25.00", TradeAction="BuyToOpen", Legs=legs)


def test_legs_are_taken_relayed_and_rest_as_one_order_at_their_net_price(sim, trader):
    # A call and 100 shares cost 445.40 a share (420.00 + 25.40): a net limit of 25.00 rests.
    token = sim.token()
    [result] = sim.call("POST", "/orders", token=token, json=_legged(LEGS)).json()
    assert result == {"Message": "Sent order: Buy To Open 1 MSFT 261218C420 @ 25.00 Limit",
                      "OrderID": result["OrderID"], "OrderStatus": "Ok"}, LEGS_SOURCE
    [relayed] = unwrap(trader.jsonp("send", data=_legged(LEGS)), prefix=BRIDGE)
    assert relayed["OrderStatus"] == "Ok", LEGS_SOURCE
    listed = sim.call("GET", "/accounts/987654/orders", token=token).json()
    assert {entry["Status"] for entry in listed} == {"OPN"} and len(listed) == 2, LEGS_SOURCE


@pytest.mark.parametrize("legs", [[], [LEGS[0], LEGS[0]], [dict(LEGS[0], Side="B")], [dict(LEGS[0], Symbol="msft")],
                                  [{"Symbol": "MSFT", "Quantity": "1"}], "MSFT"], ids=repr)
def test_legs_outside_the_definition_are_refused(sim, legs):
    answer = sim.call("POST", "/orders", token=sim.token(), json=_legged(legs))
    assert answer.status_code == 400 and answer.json()["Message"] in (
        "Please provide valid order input.", "Invalid order symbol. Symbols are upper case, e.g. MSFT."), LEGS_SOURCE
