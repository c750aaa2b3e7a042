"""Run with `python -I` (so that `tradestation` is the PyPI client tradestation-api-python, not this project's
package of the same name): the client's calls against a simulator, each reported as a JSON line
{"call", "ok", "detail"}. Arguments: the folder the client is installed in (make install's .pypi-client), the
simulator's root URL, a refresh token of the demo user, the demo client id and secret."""

import asyncio
import json
import sys
import traceback

sys.path.insert(0, sys.argv[1])

from tradestation import TradeStationClient  # noqa: E402  (from the folder just put first)
from tradestation.ts_types.order_execution import GroupOrderRequest, OrderReplaceRequest, OrderRequest  # noqa: E402

ROOT, REFRESH_TOKEN, CLIENT_ID, CLIENT_SECRET = sys.argv[2:6]
CASH, MARGIN, FUTURES = "281994", "987654", "556677"
OPTION = "MSFT 261218C420"


def report(name, ok, detail):
    print(json.dumps({"call": name, "ok": ok, "detail": detail}), flush=True)


async def attempt(name, coroutine, check=None):
    try:
        answer = await coroutine
    except Exception as error:   # noqa: BLE001  (each call's failure is what the test reads)
        report(name, False, f"{type(error).__name__}: {error}"[:600])
        return None
    detail = check(answer) if check else None
    report(name, True, detail)
    return answer


def _first_id(answer):
    return answer.Orders[0].OrderID


def order(**changes):
    fields = {"AccountID": CASH, "Symbol": "MSFT", "Quantity": "10", "OrderType": "Market", "TradeAction": "BUY",
              "TimeInForce": {"Duration": "DAY"}, "Route": "Intelligent", **changes}
    return OrderRequest(**fields)


async def main():
    client = TradeStationClient({"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET,
                                 "refresh_token": REFRESH_TOKEN}, environment="Simulation")
    # Pointed at the simulator instead of TradeStation's hosts.
    client.http_client.base_url = ROOT
    client.http_client.token_manager._TOKEN_URL = f"{ROOT}/oauth/token"
    brokerage, market, orders = client.brokerage, client.market_data, client.order_execution
    today = __import__("datetime").date.today().isoformat()

    await attempt("get_accounts", brokerage.get_accounts(), lambda found: len(found))
    await attempt("get_balances", brokerage.get_balances(f"{CASH},{MARGIN},{FUTURES}"),
                  lambda found: len(found.Balances))
    await attempt("get_balances_bod", brokerage.get_balances_bod(f"{CASH},{MARGIN},{FUTURES}"),
                  lambda found: len(found.BODBalances))
    placed = await attempt("place_order", orders.place_order(order()), _first_id)
    await attempt("place_order sell", orders.place_order(order(TradeAction="SELL", Quantity="4")))
    resting = await attempt("place_order limit", orders.place_order(order(
        Symbol="ARNA", OrderType="Limit", LimitPrice="1.00", TimeInForce={"Duration": "GTC"})),
        lambda found: found.Orders[0].OrderID)
    await attempt("place_order GTD with ExpirationDate", orders.place_order(order(
        Symbol="ARNA", OrderType="Limit", LimitPrice="1.00",
        TimeInForce={"Duration": "GTD", "ExpirationDate": "2026-12-24T00:00:00Z"})))
    await attempt("place_order sell short", orders.place_order(order(AccountID=MARGIN, TradeAction="SELLSHORT",
                                                                     Quantity="1")))
    # Where the client's request models depart from the document: what it sends is reported.
    exit_order = {"Type": "NORMAL", "Orders": [
        {"AccountID": CASH, "Symbol": "MSFT", "Quantity": "10", "OrderType": "Limit", "LimitPrice": "999.00",
         "TradeAction": "SELL", "TimeInForce": {"Duration": "GTC"}, "Route": "Intelligent"}]}
    await attempt("place_order with OSOs", orders.place_order(order(OSOs=[exit_order])),
                  lambda found: len(found.Orders))
    try:
        order(AdvancedOptions={"TrailingStop": {"Amount": "1.00"}})
        report("OrderRequest with AdvancedOptions", True, None)
    except Exception as error:   # noqa: BLE001
        report("OrderRequest with AdvancedOptions", False, f"{type(error).__name__}: {error}"[:300])
    await attempt("confirm_order", orders.confirm_order(order()),
                  lambda found: [found.Confirmations[0].OrderAssetCategory, found.Confirmations[0].Currency])
    group = GroupOrderRequest(Type="OCO", Orders=[
        order(AccountID=MARGIN, Symbol="ARNA", OrderType="StopMarket", StopPrice="1.00", TradeAction="SELL",
              TimeInForce={"Duration": "GTC"}),
        order(AccountID=MARGIN, Symbol="ARNA", OrderType="Limit", LimitPrice="999.00", TradeAction="SELL",
              TimeInForce={"Duration": "GTC"})])
    await attempt("confirm_group_order", orders.confirm_group_order(group))
    await attempt("place_group_order", orders.place_group_order(group))
    if resting:
        resting = _first_id(resting)
        await attempt("replace_order", orders.replace_order(resting, OrderReplaceRequest(Quantity="5")))
        await attempt("cancel_order", orders.cancel_order(resting))
    await attempt("get_routes", orders.get_routes(), lambda found: len(found.Routes))
    await attempt("get_activation_triggers", orders.get_activation_triggers(),
                  lambda found: len(found.ActivationTriggers))
    await attempt("get_orders", brokerage.get_orders(CASH), lambda found: len(found.Orders))
    await attempt("get_orders with a short sale listed", brokerage.get_orders(MARGIN), lambda found: len(found.Orders))
    first = await attempt("get_orders paged", brokerage.get_orders(CASH, page_size=1),
                          lambda found: [len(found.Orders), bool(found.NextToken)])
    if first is not None and first.NextToken:
        await attempt("get_orders next page", brokerage.get_orders(CASH, page_size=1, next_token=first.NextToken),
                      lambda found: len(found.Orders))
    if placed:
        placed = _first_id(placed)
        await attempt("get_orders_by_order_id", brokerage.get_orders_by_order_id(CASH, placed),
                      lambda found: len(found.Orders))
        await attempt("get_historical_orders_by_order_id",
                      brokerage.get_historical_orders_by_order_id(CASH, placed, today),
                      lambda found: len(found.Orders))
    await attempt("get_historical_orders", brokerage.get_historical_orders(CASH, today),
                  lambda found: len(found.Orders))
    await attempt("get_historical_orders paged", brokerage.get_historical_orders(CASH, today, page_size=1),
                  lambda found: [len(found.Orders), bool(found.NextToken)])
    await attempt("get_positions", brokerage.get_positions(f"{CASH},{MARGIN}"), lambda found: len(found.Positions))
    await attempt("get_positions symbol", brokerage.get_positions(CASH, symbol="MSFT"),
                  lambda found: [position.Symbol for position in found.Positions])
    await attempt("get_quote_snapshots", market.get_quote_snapshots(["MSFT", "ESZ26"]),
                  lambda found: len(found.Quotes))
    await attempt("get_symbol_details", market.get_symbol_details(["MSFT", "ESZ26", OPTION]),
                  lambda found: len(found.Symbols))
    await attempt("get_crypto_symbol_names", market.get_crypto_symbol_names(), lambda found: found.SymbolNames)
    await attempt("get_bar_history", market.get_bar_history("MSFT", {"barsback": 5}), lambda found: len(found.Bars))
    await attempt("get_bar_history minute", market.get_bar_history("MSFT", {"unit": "Minute", "interval": "5",
                                                                            "barsback": 3}),
                  lambda found: len(found.Bars))
    await attempt("get_option_expirations", market.get_option_expirations("MSFT"),
                  lambda found: len(found.Expirations))
    await attempt("get_option_spread_types", market.get_option_spread_types(), lambda found: len(found.SpreadTypes))
    await attempt("get_option_strikes", market.get_option_strikes("MSFT", spread_type="Vertical"),
                  lambda found: len(found.Strikes))
    await attempt("get_option_risk_reward", market.get_option_risk_reward({"SpreadPrice": 2.0, "Legs": [
        {"Symbol": "MSFT 261218C420", "Quantity": 1, "TradeAction": "BUY"},
        {"Symbol": "MSFT 261218C425", "Quantity": 1, "TradeAction": "SELL"}]}),
        lambda found: found.AdjustedMaxGain)
    await client.close()


try:
    asyncio.run(main())
except Exception:   # noqa: BLE001
    report("driver", False, traceback.format_exc()[-800:])
