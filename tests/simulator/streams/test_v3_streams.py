"""The v3 stream paths over real HTTP: a snapshot, then the market as it moves, heartbeats while it does not,
and the documented end words (the v3 OpenAPI document's stream paths)."""

import datetime
import time
from decimal import Decimal

from harness import v3 as h
from harness.sim_admin import admin_request
from tests.simulator.streams.reader import StreamReader

QUOTE_FIELDS = {"Symbol", "Open", "High", "Low", "PreviousClose", "Last", "Ask", "Bid", "NetChange", "NetChangePct",
                "AskSize", "BidSize", "Volume", "MarketFlags"}
MARKET = "application/vnd.tradestation.streams.v2+json"
BROKERAGE = "application/vnd.tradestation.streams.v3+json"


def backend(simulator):
    return simulator.app.extensions["simulator"]


def is_heartbeat(line):
    return isinstance(line, dict) and "Heartbeat" in line


def data(line):
    return not is_heartbeat(line)


def test_quotes_snapshot_then_only_what_moved(simulator, v3_token):
    with StreamReader(simulator.url, "/v3/marketdata/stream/quotes/MSFT,NOPE", v3_token) as stream:
        assert (stream.status, stream.content_type) == (200, MARKET)
        first, unknown = stream.take(2)
        assert QUOTE_FIELDS <= set(first) and first["Symbol"] == "MSFT"
        assert all(isinstance(first[name], str) for name in ("Last", "Bid", "Ask", "Volume"))
        assert unknown == {"Symbol": "NOPE", "Error": "FAILED, INVALID SYMBOL"}
        started = time.monotonic()
        backend(simulator).set_price("MSFT", Decimal("431.25"))
        moved = stream.until(data)
        assert time.monotonic() - started < 1.0
        assert moved["Symbol"] == "MSFT" and moved["Last"] == "431.25"
        assert "Open" not in moved and "Volume" not in moved      # only the fields that moved


def test_an_idle_stream_beats(simulator, v3_token):
    with StreamReader(simulator.url, "/v3/marketdata/stream/quotes/MSFT", v3_token) as stream:
        stream.next()
        beats = [stream.next(), stream.next()]
    assert [beat["Heartbeat"] for beat in beats] == [1, 2]
    assert all(set(beat) == {"Heartbeat", "Timestamp"} and beat["Timestamp"].endswith("Z") for beat in beats)


def test_a_fill_reaches_the_order_stream(simulator, v3_token):
    v3 = h.V3(simulator.url, v3_token)
    with StreamReader(simulator.url, "/v3/brokerage/stream/accounts/987654/orders", v3_token) as stream:
        assert (stream.status, stream.content_type) == (200, BROKERAGE)
        assert stream.next() == {"StreamStatus": "EndSnapshot"}
        placed = v3.place(h.v3_order(AccountID="987654", OrderType="Limit", LimitPrice="400.00"))
        order_id = placed.json()["Orders"][0]["OrderID"]
        resting = stream.until(data)
        assert (resting["OrderID"], resting["Status"]) == (order_id, "OPN")
        started = time.monotonic()
        backend(simulator).set_price("MSFT", Decimal("399.00"))
        filled = stream.until(lambda line: data(line) and line.get("Status") == "FLL")
        assert time.monotonic() - started < 1.0 and filled["OrderID"] == order_id


def test_positions_as_changes_and_deleted(simulator, v3_token):
    v3 = h.V3(simulator.url, v3_token)
    path = "/v3/brokerage/stream/accounts/987654/positions?changes=true"
    with StreamReader(simulator.url, path, v3_token) as stream:
        assert stream.next() == {"StreamStatus": "EndSnapshot"}
        assert v3.place(h.v3_order(AccountID="987654")).status_code == 200
        opened = stream.until(data)
        assert opened["Symbol"] == "MSFT" and opened["Quantity"] == "10"
        backend(simulator).set_price("MSFT", Decimal("425.00"))
        change = stream.until(data)
        assert change["PositionID"] == opened["PositionID"] and change["Last"] == "425" and "Symbol" not in change
        assert v3.place(h.v3_order(AccountID="987654", TradeAction="SELL")).status_code == 200
        assert stream.until(data) == {"PositionID": opened["PositionID"], "Deleted": True}


def test_refused_accounts_are_told_in_the_stream(simulator, v3_token):
    with StreamReader(simulator.url, "/v3/brokerage/stream/accounts/987654,999/orders", v3_token) as stream:
        assert stream.take(2) == [{"Error": "Forbidden", "Message": "Invalid Account ID.", "AccountID": "999"},
                                  {"StreamStatus": "EndSnapshot"}]


def test_go_away_and_a_stream_error(simulator, v3_token):
    with StreamReader(simulator.url, "/v3/brokerage/stream/accounts/987654/orders", v3_token) as orders, \
            StreamReader(simulator.url, "/v3/marketdata/stream/quotes/MSFT", v3_token) as quotes:
        orders.next(), quotes.next()
        answer = admin_request(simulator, "POST", "streams/end", json={"user": "demo", "end": "GoAway"})
        assert answer.json() == {"ended": 2}
        assert orders.until(data) == {"StreamStatus": "GoAway"} and orders.next() is None
        assert quotes.until(data) == {"Error": "GoAway", "Message": "The server is about to shut down."}
        assert quotes.next() is None
    with StreamReader(simulator.url, "/v3/marketdata/stream/quotes/MSFT", v3_token) as quotes:
        quotes.next()
        admin_request(simulator, "POST", "streams/end", json={"end": "Error", "error": "DualLogon", "message": "x"})
        assert quotes.until(data) == {"Error": "DualLogon", "Message": "x"} and quotes.next() is None


def test_server_shutdown_ends_streams_with_go_away(simulator, v3_token):
    with StreamReader(simulator.url, "/v3/brokerage/stream/accounts/987654/positions", v3_token) as stream:
        stream.next()
        started = time.monotonic()
        simulator.shutdown()
        assert stream.until(data) == {"StreamStatus": "GoAway"} and stream.next() is None
        assert time.monotonic() - started < 1.0


def test_the_41st_order_stream_is_refused_until_one_closes(simulator, v3_token):
    path = "/v3/brokerage/stream/accounts/987654/orders"
    streams = [StreamReader(simulator.url, path, v3_token) for _ in range(40)]
    try:
        assert {stream.status for stream in streams} == {200}
        with StreamReader(simulator.url, path, v3_token) as refused:
            assert refused.status == 429
            assert refused.body() == {"Error": "TooManyRequests", "Message": "Quota Exceeded"}
        streams.pop().close()
        deadline = time.monotonic() + 2
        while backend(simulator).stats()["open_streams"].get("Order Stream") != 39:
            assert time.monotonic() < deadline, "the closed stream's slot was not freed"
            time.sleep(0.02)
        with StreamReader(simulator.url, path, v3_token) as again:
            assert again.status == 200
    finally:
        for stream in streams:
            stream.close()


def test_a_stream_needs_a_token(simulator):
    with StreamReader(simulator.url, "/v3/marketdata/stream/quotes/MSFT", "not-a-token") as stream:
        assert stream.status == 401 and stream.body()["Error"] == "Unauthorized"


def test_bars_history_then_the_bar_forming(simulator, v3_token):
    path = "/v3/marketdata/stream/barcharts/MSFT?interval=1&unit=Daily&barsback=3"
    with StreamReader(simulator.url, path, v3_token) as stream:
        assert (stream.status, stream.content_type) == (200, MARKET)
        older, last, forming = stream.take(3)
        assert [older["IsEndOfHistory"], last["IsEndOfHistory"], forming["IsRealtime"]] == [False, True, True]
        assert isinstance(forming["Close"], str) and isinstance(forming["Epoch"], int)
        assert forming["BarStatus"] == "Open" and older["BarStatus"] == "Closed"
        backend(simulator).set_price("MSFT", Decimal("499.00"))
        moved = stream.until(data)
        assert (moved["Epoch"], moved["Close"], moved["High"]) == (forming["Epoch"], "499", "499")


def test_market_depth_quotes_and_aggregates(simulator, v3_token):
    with StreamReader(simulator.url, "/v3/marketdata/stream/marketdepth/quotes/MSFT?maxlevels=3", v3_token) as quotes, \
            StreamReader(simulator.url, "/v3/marketdata/stream/marketdepth/aggregates/MSFT", v3_token) as summed:
        book, levels = quotes.next(), summed.next()
        assert len(book["Bids"]) == 3 and book["Bids"][0]["Side"] == "Bid" and isinstance(book["Asks"][0]["Size"], str)
        assert set(book["Bids"][0]) == {"TimeStamp", "Side", "Price", "Size", "OrderCount", "Name"}
        assert set(levels["Asks"][0]) == {"EarliestTime", "LatestTime", "Side", "Price", "TotalSize", "BiggestSize",
                                          "SmallestSize", "NumParticipants", "TotalOrderCount"}
        assert len(levels["Asks"]) == 20 and float(levels["Asks"][0]["Price"]) < float(levels["Asks"][1]["Price"])
        backend(simulator).set_price("MSFT", Decimal("401.00"))
        assert quotes.until(data)["Bids"][0]["Price"] == "400.99"


SPREAD_FIELDS = {"Delta", "Theta", "Gamma", "Rho", "Vega", "ImpliedVolatility", "IntrinsicValue", "ExtrinsicValue",
                 "TheoreticalValue", "ProbabilityITM", "ProbabilityOTM", "ProbabilityBE", "ProbabilityITM_IV",
                 "ProbabilityOTM_IV", "ProbabilityBE_IV", "TheoreticalValue_IV", "StandardDeviation",
                 "DailyOpenInterest", "Ask", "Bid", "Mid", "AskSize", "BidSize", "Close", "High", "Last", "Low",
                 "NetChange", "NetChangePct", "Open", "PreviousClose", "Volume", "Side", "Strikes", "Legs"}


def test_an_option_chain_follows_its_underlying(simulator, v3_token):
    expiry = backend(simulator).option_expirations("MSFT")[0].day
    path = f"/v3/marketdata/stream/options/chains/MSFT?strikeProximity=1&optionType=Call&expiration={expiry:%m-%d-%Y}"
    with StreamReader(simulator.url, path, v3_token) as stream:
        spreads = stream.take(3)
        assert all(set(spread) == SPREAD_FIELDS for spread in spreads)
        assert [spread["Strikes"] for spread in spreads] == [["415"], ["420"], ["425"]]
        leg = spreads[1]["Legs"][0]
        assert leg == {"Symbol": f"MSFT {expiry:%y%m%d}C420", "Ratio": 1, "StrikePrice": "420",
                       "Expiration": f"{expiry:%Y-%m-%d}T00:00:00Z", "OptionType": "Call", "AssetType": "StockOption"}
        assert 0 < float(spreads[1]["Delta"]) < 1 and isinstance(spreads[1]["Volume"], int)
        backend(simulator).set_price("MSFT", Decimal("440.00"))
        moved = stream.until(data)
        assert float(moved["Delta"]) > float(next(s for s in spreads if s["Strikes"] == moved["Strikes"])["Delta"])


def test_option_quotes_of_a_spread(simulator, v3_token):
    path = ("/v3/marketdata/stream/options/quotes?legs[0].Symbol=MSFT%20261218C420&legs[0].Ratio=1"
            "&legs[1].Symbol=MSFT%20261218C430&legs[1].Ratio=-1")
    with StreamReader(simulator.url, path, v3_token) as stream:
        spread = stream.next()
    assert [leg["Ratio"] for leg in spread["Legs"]] == [1, -1] and spread["Strikes"] == ["420", "430"]
    assert float(spread["Bid"]) < float(spread["Ask"]) and spread["Side"] == "Call"
    with StreamReader(simulator.url, "/v3/marketdata/stream/options/quotes?legs[0].Symbol=MSFT", v3_token) as bad:
        assert bad.status == 400 and bad.body() == {"Error": "BadRequest", "Message": "Invalid legs[0].Symbol."}


def test_orders_by_id_follow_only_those(simulator, v3_token):
    v3 = h.V3(simulator.url, v3_token)
    resting = v3.place(h.v3_order(AccountID="987654", OrderType="Limit", LimitPrice="400.00")).json()
    other = v3.place(h.v3_order(AccountID="987654", OrderType="Limit", LimitPrice="401.00")).json()
    order_id, other_id = resting["Orders"][0]["OrderID"], other["Orders"][0]["OrderID"]
    path = f"/v3/brokerage/stream/accounts/987654/orders/{order_id},1"
    with StreamReader(simulator.url, path, v3_token) as stream:
        missing, found, marker = stream.take(3)
        assert missing == {"Error": "NotFound", "Message": "Order not found.", "OrderID": "1"}
        assert found["OrderID"] == order_id and marker == {"StreamStatus": "EndSnapshot"}
        assert v3.call("DELETE", f"/orderexecution/orders/{other_id}").status_code == 200
        assert v3.call("DELETE", f"/orderexecution/orders/{order_id}").status_code == 200
        cancelled = stream.until(data)
        assert (cancelled["OrderID"], cancelled["Status"]) == (order_id, "CAN")


def test_an_order_released_by_its_time_reaches_the_stream_unasked(simulator, v3_token):
    """Nothing but the clock moves: the stream looks again at each heartbeat's moment."""
    v3 = h.V3(simulator.url, v3_token)
    # Far enough ahead that a busy machine places the order before its time (the rule counts whole seconds).
    soon = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=3)).strftime("%H:%M:%S")
    with StreamReader(simulator.url, "/v3/brokerage/stream/accounts/987654/orders", v3_token) as stream:
        stream.next()
        order = h.v3_order(AccountID="987654", AdvancedOptions={"TimeActivationRules": [{"TimeUtc": soon}]})
        assert v3.place(order).status_code == 200
        assert stream.until(data)["Status"] == "OPN"
        assert stream.until(lambda line: data(line) and line["Status"] == "FLL")
