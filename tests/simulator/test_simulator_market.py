"""The simulated market: quotes in TradeStation's shape, and prices that depend only on seed and tick."""

from harness.orders import classic_order

QUOTE_FIELDS = {"Symbol", "Description", "Bid", "Ask", "Last", "High", "Low", "Open", "PreviousClose", "NetChange",
                "NetChangePct", "Volume", "BidSize", "AskSize", "Exchange", "Currency", "MinMove", "PointValue",
                "Error", "BidPriceDisplay", "AskPriceDisplay", "LastPriceDisplay"}


def quotes(sim, token, symbols):
    answer = sim.call("GET", f"/data/quote/{symbols}", token=token)
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_quotes_have_the_documented_fields_and_displays(sim, demo_token):
    msft, usdjpy, eurusd, future, japan = quotes(sim, demo_token, "MSFT,USDJPY,EURUSD,ESZ26,JP:8698-TS")
    assert QUOTE_FIELDS <= set(msft) and msft["Error"] is None
    assert (msft["Ask"], msft["Bid"], msft["AskPriceDisplay"], msft["BidPriceDisplay"]) == (420.0, 419.99, "420.00",
                                                                                          "419.99")
    assert usdjpy["LastPriceDisplay"] == "150.000" and usdjpy["Currency"] == "JPY"
    assert eurusd["LastPriceDisplay"] == "1.08000" and eurusd["MinMove"] == 0.00001
    assert future["PointValue"] == 50 and future["BidPriceDisplay"] == "4,999.75"
    assert japan["Symbol"] == "JP:8698-TS" and japan["LastPriceDisplay"] == "640.0"
    assert msft["High"] >= msft["Last"] >= msft["Low"]
    assert round(msft["Last"] - msft["PreviousClose"], 2) == msft["NetChange"]


def test_an_unknown_symbol_is_an_entry_with_an_error_not_a_failure(sim, demo_token):
    known, unknown = quotes(sim, demo_token, "msft,NOPE")
    assert known["Symbol"] == "MSFT" and known["Error"] is None
    assert unknown == {"Symbol": "NOPE", "Error": "FAILED, INVALID SYMBOL"}


def test_an_option_quote(sim, demo_token):
    [option] = quotes(sim, demo_token, "MSFT 261218C420")
    assert option["PointValue"] == 100 and option["Description"].startswith("MSFT Dec 18 2026")


def snapshot(sim, token, ticks):
    for _ in range(ticks):
        sim.admin("POST", "tick")
    return quotes(sim, token, "MSFT,IBM,ARNA,AAPL,ESZ26,USDJPY,EURUSD,JP:8698-TS")


def test_prices_depend_only_on_seed_and_tick(sim, demo_token, twin, stranger):
    mine = snapshot(sim, demo_token, 5)
    assert sim.admin("GET", "stats").json()["tick"] == 5
    assert snapshot(twin, twin.token(), 5) == mine
    # Stepping several ticks at once walks the same path.
    many = sim.admin("POST", "tick", json={"steps": 3}).json()
    assert many["tick"] == 8
    assert snapshot(twin, twin.token(), 3) == quotes(sim, demo_token, "MSFT,IBM,ARNA,AAPL,ESZ26,USDJPY,EURUSD,"
                                                                      "JP:8698-TS")
    assert snapshot(stranger, stranger.token(), 5) != mine
    # Without a tick nothing moves.
    assert quotes(sim, demo_token, "MSFT") == quotes(sim, demo_token, "MSFT")


def test_a_resting_limit_fills_on_the_tick_the_ask_reaches_it(sim, demo_token):
    order = classic_order(Quantity="1", OrderType="Limit", LimitPrice="419.50", Duration="GTC", OrderConfirmId=None)
    [sent] = sim.call("POST", "/orders", token=demo_token, json=order).json()
    for _ in range(300):
        ticked = sim.admin("POST", "tick").json()
        [msft] = quotes(sim, demo_token, "MSFT")
        [entry] = sim.call("GET", "/accounts/281994/orders", token=demo_token).json()
        if msft["Ask"] <= 419.50:
            assert entry["Status"] == "FLL" and entry["FilledPrice"] == msft["Ask"]
            assert ticked["filled"] == [sent["OrderID"]]
            break
        assert entry["Status"] == "OPN"
    else:
        raise AssertionError("MSFT never came down to 419.50 in 300 ticks with seed 7")


def test_admin_tick_and_price_check_their_input(sim):
    assert sim.admin("POST", "tick", json={"steps": 0}).status_code == 400
    assert sim.admin("POST", "tick", json={"steps": "3"}).status_code == 400
    assert sim.admin("POST", "price", json={"Symbol": "NOPE", "Last": "1"}).status_code == 400
    assert sim.admin("POST", "price", json={"Symbol": "MSFT", "Last": "-1"}).status_code == 400
    assert sim.admin("POST", "price", json={"Symbol": "MSFT"}).status_code == 400
    moved = sim.admin("POST", "price", json={"Symbol": "MSFT", "Last": "401.234"}).json()
    assert moved["quote"]["LastPriceDisplay"] == "401.23"
