"""Orders held back by the Swagger file's activation rules (tradestation/api-docs: spec/swagger.yaml,
MarketActivationRuleDefinition, TimeActivationRuleDefinition): an order with rules rests, not in the market,
until they are met; then it works as any other order.

A market rule compares a symbol's price with its Price by its Predicate. The trigger key says which price
and for how many ticks in a row: S, D and T are one, two and three ticks; TT and TTN (a trade tick, within
the NBBO or not: every simulated trade is at the touch) read the last price; BA reads the bid for a greater-
than rule and the ask for a less-than one, AB the other way round. A tick is a market move (POST /admin/tick,
POST /admin/price) or the order's entry. Rules join in order by their LogicOperator (And when none; the first
rule's is ignored). A time rule is met once the time of day in UTC is at or past its TimeUtc. Once met, an
order stays activated.
"""

import datetime
import operator

TICKS = {"S": 1, "D": 2, "T": 3}
COMPARE = {"Lt": operator.lt, "Lte": operator.le, "Gt": operator.gt, "Gte": operator.ge}


def _price(rule, market):
    kind, greater = rule.trigger_key[1:], rule.predicate.startswith("G")
    if kind.startswith("TT"):
        return market.last(rule.symbol)
    if kind == "BA":
        return market.bid(rule.symbol) if greater else market.ask(rule.symbol)
    return market.ask(rule.symbol) if greater else market.bid(rule.symbol)


class Watch:
    """One held order's rules and how far each has got."""

    def __init__(self, activation):
        self.activation = activation
        self.in_a_row = [0] * len(activation.market_rules)
        self.market_met = not activation.market_rules
        self.activated = False

    def symbols(self):
        return {rule.symbol for rule in self.activation.market_rules}

    def observe(self, market):
        """One tick: count each rule's ticks in a row, and whether the rules, joined, now hold."""
        if self.market_met:
            return
        for index, rule in enumerate(self.activation.market_rules):
            holds = COMPARE[rule.predicate](_price(rule, market), rule.price)
            self.in_a_row[index] = self.in_a_row[index] + 1 if holds else 0
        result = None
        for index, rule in enumerate(self.activation.market_rules):
            met = self.in_a_row[index] >= TICKS[rule.trigger_key[0]]
            result = met if result is None else (result or met if rule.logic == "Or" else result and met)
        self.market_met = bool(result)

    def ready(self, now=None):
        """Whether the order may work now (and from now on)."""
        if not self.activated and self.market_met and self._time_met(now):
            self.activated = True
        return self.activated

    def _time_met(self, now):
        if self.activation.time_utc is None:
            return True
        now = now or datetime.datetime.now(datetime.timezone.utc)
        return now.strftime("%H:%M:%S") >= self.activation.time_utc
