"""The PyPI client tradestation-api-python (1.3.3), pointed at the simulator with the demo login: every call
that follows TradeStation's v3 document succeeds. Where the client departs from the document, the test says
how, and shows the simulator answering the document's form of the same request.

The client's package is also named `tradestation`, so it runs in its own interpreter (`python -I`, without
this project on its path): pypi_client_calls.py makes the calls and reports each as a line of JSON."""

import json
import subprocess
import sys
from pathlib import Path

from harness import v3 as h

CALLS = Path(__file__).with_name("pypi_client_calls.py")
# make install puts the client here, apart from the project's virtualenv (requirements-pypi-client.txt).
CLIENT_FOLDER = Path(__file__).resolve().parents[3] / ".pypi-client"
# How the client departs from the document, by the call that shows it.
DEPARTURES = {
    # It names a GTD order's date TimeInForce.ExpirationDate; the document's field is Expiration.
    "place_order GTD with ExpirationDate": "Status: 400",
    # Its OrderRequest takes no AdvancedOptions at all (the field only accepts None).
    "OrderRequest with AdvancedOptions": "Input should be None",
    # Its order lists allow only Buy and Sell as a leg's BuyOrSell; the document adds SellShort and BuyToCover.
    "get_orders with a short sale listed": "Input should be 'Buy' or 'Sell'",
}
# Its OrderRequest has no OSOs: an order sent with them arrives without, so only the parent is placed.
DROPS_OSOS = "place_order with OSOs"


def _client_calls(simulator):
    refresh_token = h.tokens(simulator.url)["refresh_token"]
    arguments = [str(CLIENT_FOLDER), simulator.url, refresh_token, h.DEMO_CLIENT, h.DEMO_SECRET]
    run = subprocess.run([sys.executable, "-I", str(CALLS), *arguments], capture_output=True, text=True, timeout=120,
                         check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    reports = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]
    return {report["call"]: report for report in reports}


def test_the_pypi_client_succeeds_where_it_follows_the_document(simulator, v3):
    calls = _client_calls(simulator)
    assert "driver" not in calls, calls.get("driver")
    assert len(calls) == 36
    following = {name: report for name, report in calls.items() if name not in DEPARTURES and name != DROPS_OSOS}
    assert len(following) == 32
    assert [name for name, report in following.items() if not report["ok"]] == []
    assert calls["confirm_order"]["detail"] == ["EQUITY", "USD"]
    assert calls["get_positions symbol"]["detail"] == ["MSFT"]
    assert calls["get_orders paged"]["detail"] == [1, True] and calls["get_orders next page"]["detail"] == 1
    assert calls["get_historical_orders paged"]["detail"] == [1, True]
    assert calls["get_option_risk_reward"]["detail"] == "300" and calls["get_bar_history"]["detail"] == 5

    for name, symptom in DEPARTURES.items():
        assert not calls[name]["ok"] and symptom in calls[name]["detail"], calls[name]
    assert calls[DROPS_OSOS]["ok"] and calls[DROPS_OSOS]["detail"] == 1


def test_the_simulator_answers_the_documents_form_of_what_the_client_departs_from(v3):
    dated = v3.place(h.v3_order(Symbol="ARNA", OrderType="Limit", LimitPrice="1.00",
                                TimeInForce={"Duration": "GTD", "Expiration": "2026-12-24T00:00:00Z"}))
    assert dated.status_code == 200 and "Errors" not in dated.json(), dated.text
    trailing = v3.place(h.v3_order(AccountID="987654", OrderType="StopMarket", StopPrice="1.00",
                                   TradeAction="SELLSHORT", AdvancedOptions={"TrailingStop": {"Amount": "1.00"}}))
    assert trailing.status_code == 200 and "Errors" not in trailing.json(), trailing.text
    short = v3.place(h.v3_order(AccountID="987654", TradeAction="SELLSHORT", Quantity="1"))
    assert short.status_code == 200, short.text
    legs = [entry["Legs"][0]["BuyOrSell"] for entry in v3.orders("987654")]
    assert "SellShort" in legs
    exit_order = h.v3_order(OrderType="Limit", LimitPrice="999.00", TradeAction="SELL",
                            TimeInForce={"Duration": "GTC"})
    parent = v3.place(h.v3_order(OSOs=[{"Type": "NORMAL", "Orders": [exit_order]}]))
    assert parent.status_code == 200 and len(parent.json()["Orders"]) == 2, parent.text
