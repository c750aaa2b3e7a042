"""The demo user's view of the account v3's documented order examples name, and the admin's hand on the
market's prices: what tests/fidelity/test_documented_v3_requests.py replays the examples with. The bodies are
data, in v3_requests/<path>/<example>.json, as the document prints them."""

from pathlib import Path

from harness import v3 as h
from harness.sim_admin import admin

BODIES = Path(__file__).parent / "v3_requests"
ACCOUNT = "123456782"
SECOND_ACCOUNT = "31002504"     # the second order of the activation-rules group example


def body(path: str, name: str) -> bytes:
    return (BODIES / path / f"{name}.json").read_bytes()


def replay(v3, method, path, data: bytes):
    return v3.call(method, path, data=data, headers={"Content-Type": "application/json"})


class Market:
    """The demo user's view of the example account, and the admin's hand on prices."""

    def __init__(self, simulator):
        self.simulator = simulator
        self.v3 = h.V3(simulator.url, h.tokens(simulator.url)["access_token"])
        self.first = 0          # the example account's orders before the example's are not its own


    def price(self, symbol, last):
        admin(self.simulator, "price", {"Symbol": symbol, "Last": str(last)})

    def tick(self, steps):
        admin(self.simulator, "tick", {"steps": steps})

    def orders(self, account=ACCOUNT):
        """The account's orders, oldest first, from the example's first."""
        return list(reversed(self.v3.orders(account)))[self.first if account == ACCOUNT else 0:]

    def statuses(self, account=ACCOUNT):
        return [entry["Status"] for entry in self.orders(account)]

    def held(self, account=ACCOUNT):
        answer = self.v3.call("GET", f"/brokerage/accounts/{account}/positions")
        assert answer.status_code == 200, answer.text
        return {entry["Symbol"]: abs(int(entry["Quantity"])) * (1 if entry["LongShort"] == "Long" else -1)
                for entry in answer.json()["Positions"]}

    def buy(self, symbol, quantity):
        """A holding to start from (our own order, not an example)."""
        answer = self.v3.place(h.v3_order(AccountID=ACCOUNT, Symbol=symbol, Quantity=str(quantity)))
        assert answer.status_code == 200 and "Errors" not in answer.json(), answer.text
