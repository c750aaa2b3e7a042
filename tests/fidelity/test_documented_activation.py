"""Activation rules as the Swagger file defines them (tradestation/api-docs: spec/swagger.yaml,
AdvancedOptions' MarketActivationRules and TimeActivationRules): an order with rules is taken, rests out of
the market until they are met (a price move through the admin price endpoint, the time of day passing), then
works as any order. The rules' reading of trigger keys is in simulator/activation.py."""

import datetime
import time

import pytest

from harness.jsonp import BRIDGE, unwrap
from harness.orders import classic_order


def _rule(symbol="AAPL", predicate="Gt", key="STT", price="200.00", **extra):
    return {"RuleType": "Price", "Symbol": symbol, "Predicate": predicate, "TriggerKey": key, "Price": price,
            **extra}


def _place(sim, token, **advanced):
    answer = sim.call("POST", "/orders", token=token, json=classic_order(Symbol="AAPL", AdvancedOptions=advanced))
    assert answer.status_code == 200, answer.text
    result = answer.json()[0]
    assert result["OrderStatus"] == "Ok", result
    return result["OrderID"]


def _status(sim, token, order_id):
    listed = sim.call("GET", "/accounts/281994/orders", token=token).json()
    return next(entry["Status"] for entry in listed if str(entry["OrderID"]) == str(order_id))


def _price(sim, symbol, last):
    sim.admin("POST", "price", json={"Symbol": symbol, "Last": last}).raise_for_status()


def test_a_market_rule_holds_the_order_until_the_price_is_reached(sim):
    """spec/swagger.yaml, MarketActivationRuleDefinition: a buy at market with "AAPL's last above 200" (STT)
    rests while AAPL trades at 190 and 199, and fills at the first tick above 200."""
    token = sim.token()
    order_id = _place(sim, token, MarketActivationRules=[_rule()])
    assert _status(sim, token, order_id) == "OPN"
    _price(sim, "AAPL", "199.00")
    assert _status(sim, token, order_id) == "OPN"
    _price(sim, "AAPL", "201.00")
    assert _status(sim, token, order_id) == "FLL"


def test_a_double_tick_rule_needs_two_ticks_in_a_row(sim):
    """spec/swagger.yaml, TriggerKey DTT (double trade tick): one tick above the price is not enough, a tick
    back under it starts again, two in a row activate."""
    token = sim.token()
    order_id = _place(sim, token, MarketActivationRules=[_rule(key="DTT")])
    for last, status in (("201.00", "OPN"), ("199.00", "OPN"), ("202.00", "OPN"), ("203.00", "FLL")):
        _price(sim, "AAPL", last)
        assert _status(sim, token, order_id) == status, last


@pytest.mark.parametrize(("logic", "after_aapl"), [("And", "OPN"), ("Or", "FLL")])
def test_rules_join_by_their_logic_operator(sim, logic, after_aapl):
    """spec/swagger.yaml, LogicOperator: "Relation with the previous activation rule"; And needs both, Or
    either (the second rule on another symbol: MSFT's bid under 400, SBA)."""
    token = sim.token()
    order_id = _place(sim, token, MarketActivationRules=[
        _rule(), _rule(symbol="MSFT", predicate="Lt", key="SBA", price="400.00", LogicOperator=logic)])
    _price(sim, "AAPL", "201.00")
    assert _status(sim, token, order_id) == after_aapl
    _price(sim, "MSFT", "399.00")
    assert _status(sim, token, order_id) == "FLL"


def test_a_time_rule_holds_the_order_until_its_time(sim, clock):
    """spec/swagger.yaml, TimeActivationRuleDefinition: "activated once current UTC time is greater than or
    equal to TimeUtc" (hh:mm:ss); nothing else needs to happen for the order to work then."""
    # At noon a time three seconds on is still today's; the clock then moves past it without a wait.
    clock.move_to(datetime.datetime.now(datetime.timezone.utc).replace(hour=12, minute=0, second=0))
    due = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=3)
    token = sim.token()
    order_id = _place(sim, token, TimeActivationRules=[{"TimeUtc": due.strftime("%H:%M:%S")}])
    assert _status(sim, token, order_id) == "OPN"
    clock.shift(3)
    deadline = time.monotonic() + 15
    while _status(sim, token, order_id) == "OPN" and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _status(sim, token, order_id) == "FLL"
    assert datetime.datetime.now(datetime.timezone.utc) >= due.replace(microsecond=0)


def test_a_rule_on_an_unknown_symbol_is_rejected(sim):
    """An activation rule on a symbol the market does not have can never be met: the order is taken and
    rejected in TradeStation's words for an unknown symbol, not left waiting for ever."""
    token = sim.token()
    answer = sim.call("POST", "/orders", token=token, json=classic_order(
        Symbol="AAPL", AdvancedOptions={"MarketActivationRules": [_rule(symbol="ZZZZ")]}))
    assert answer.status_code == 200
    order_id = answer.json()[0]["OrderID"]
    assert _status(sim, token, order_id) == "REJ"


def test_a_held_order_can_be_cancelled(sim):
    """A held order is an open order: the Cancel Order call cancels it, and no later move fills it."""
    token = sim.token()
    order_id = _place(sim, token, MarketActivationRules=[_rule()])
    assert sim.call("DELETE", f"/orders/{order_id}", token=token).status_code == 200
    _price(sim, "AAPL", "201.00")
    assert _status(sim, token, order_id) == "CAN"


def test_the_bridge_relays_an_order_that_waits(sim, trader):
    """Through the bridge's JSONP endpoint the rules reach the simulator unchanged: the order rests, then
    fills when the price is reached."""
    answer = unwrap(trader.jsonp("send", data=classic_order(
        Symbol="AAPL", AdvancedOptions={"MarketActivationRules": [_rule()]})), prefix=BRIDGE)
    order_id = answer[0]["OrderID"]
    token = sim.token()
    assert _status(sim, token, order_id) == "OPN"
    _price(sim, "AAPL", "201.00")
    assert _status(sim, token, order_id) == "FLL"
