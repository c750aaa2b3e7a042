"""v3's read calls as the OpenAPI document describes their parameters: order lists paged by pageSize and
nextToken, by id, the history since a day in each documented format, positions filtered by symbol, bar
charts' ranges, and the option calls' choices."""

import datetime

from harness import v3 as h
from simulator.v3 import read_query

CASH = "281994"
RESTING = {"Symbol": "ARNA", "OrderType": "Limit", "LimitPrice": "1.00", "TimeInForce": {"Duration": "GTC"}}


def _get(v3, path, status=200, **params):
    answer = v3.call("GET", path, params=params)
    assert answer.status_code == status, answer.text
    return answer.json()


def _place(v3, count, **changes):
    ids = []
    for _ in range(count):
        answer = v3.place(h.v3_order(**changes))
        assert answer.status_code == 200, answer.text
        ids.append(answer.json()["Orders"][0]["OrderID"])
    return ids


def test_orders_come_in_pages_of_page_size_while_more_remain(v3):
    placed = _place(v3, 5, **RESTING)
    path = f"/brokerage/accounts/{CASH}/orders"
    whole = _get(v3, path)
    assert {entry["OrderID"] for entry in whole["Orders"]} == set(placed) and "NextToken" not in whole
    seen, token, pages = [], None, 0
    while True:
        page = _get(v3, path, pageSize="2", **({"nextToken": token} if token else {}))
        seen += [entry["OrderID"] for entry in page["Orders"]]
        pages += 1
        token = page.get("NextToken")
        if not token:
            break
    assert seen == [entry["OrderID"] for entry in whole["Orders"]] and pages == 3
    # A page that ends exactly at the last order gives no token.
    assert "NextToken" not in _get(v3, path, pageSize="5")
    # A token is for the accounts it was given for, and for no forged text.
    token = _get(v3, path, pageSize="2")["NextToken"]
    other = _get(v3, "/brokerage/accounts/281994,987654/orders", 400, pageSize="2", nextToken=token)
    assert other == {"Error": "BadRequest", "Message": read_query.INVALID_NEXT_TOKEN}
    for size in ("0", "601", "two"):
        assert _get(v3, path, 400, pageSize=size)["Message"] == read_query.INVALID_PAGE_SIZE


def test_the_history_takes_each_documented_since_format_and_pages_too(v3):
    filled = _place(v3, 3)
    today = datetime.datetime.now(datetime.timezone.utc).date()
    path = f"/brokerage/accounts/{CASH}/historicalorders"
    for written in read_query.SINCE_FORMATS:
        listed = _get(v3, path, since=today.strftime(written))["Orders"]
        assert {entry["OrderID"] for entry in listed} == set(filled), written
    first = _get(v3, path, since=today.isoformat(), pageSize="2")
    rest = _get(v3, path, since=today.isoformat(), pageSize="2", nextToken=first["NextToken"])
    assert len(first["Orders"]) == 2 and len(rest["Orders"]) == 1 and "NextToken" not in rest
    assert _get(v3, path, 400)["Message"] == read_query.MISSING_SINCE
    assert _get(v3, path, 400, since="13/01/2026")["Error"] == "BadRequest"


def test_orders_by_id_answer_those_found_and_an_error_for_each_other(v3):
    [resting] = _place(v3, 1, **RESTING)
    [filled] = _place(v3, 1)
    answer = _get(v3, f"/brokerage/accounts/{CASH}/orders/{resting},{filled},1")
    assert {entry["OrderID"] for entry in answer["Orders"]} == {resting, filled}
    assert answer["Errors"] == [{"AccountID": CASH, "OrderID": "1", "Error": "NotFound",
                                 "Message": "Order not found."}]
    today = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    history = _get(v3, f"/brokerage/accounts/{CASH}/historicalorders/{resting},{filled}", since=today)
    # The resting order is not history yet.
    assert [entry["OrderID"] for entry in history["Orders"]] == [filled]
    assert [entry["OrderID"] for entry in history["Errors"]] == [resting]
    too_many = ",".join(str(number) for number in range(51))
    assert _get(v3, f"/brokerage/accounts/{CASH}/orders/{too_many}", 400)["Message"] == read_query.TOO_MANY_ORDER_IDS
    accounts = ",".join([CASH] * 26)
    for path in ("orders", "balances", "positions", "bodbalances"):
        refused = _get(v3, f"/brokerage/accounts/{accounts}/{path}", 400)
        assert refused == {"Error": "BadRequest", "Message": read_query.TOO_MANY_ACCOUNTS}, path
    assert _get(v3, "/marketdata/symbols/" + ",".join(["MSFT"] * 51), 400)["Error"] == "BadRequest"
    assert len(_get(v3, "/marketdata/symbols/" + ",".join(["MSFT"] * 50))["Symbols"]) == 50


def test_positions_are_filtered_by_symbol_with_wildcards(v3):
    _place(v3, 1)
    _place(v3, 1, AccountID="987654", Symbol="MSFT 261218C420", Quantity="1", TradeAction="BUYTOOPEN")
    path = f"/brokerage/accounts/{CASH},987654/positions"

    def symbols(pattern):
        return sorted(entry["Symbol"] for entry in _get(v3, path, symbol=pattern)["Positions"])
    assert symbols("MSFT") == ["MSFT"] and symbols("MSFT *") == ["MSFT 261218C420"]
    assert symbols("MSFT,MSFT *") == ["MSFT", "MSFT 261218C420"] and symbols("MSFT 26*") == ["MSFT 261218C420"]
    assert symbols("AAPL") == [] and len(_get(v3, path)["Positions"]) == 2


def test_bar_charts_read_their_range_as_documented(v3):
    minutes = _get(v3, "/marketdata/barcharts/MSFT", unit="Minute", interval="5", barsback="3")["Bars"]
    assert len(minutes) == 3 and {later["Epoch"] - earlier["Epoch"]
                                  for earlier, later in zip(minutes, minutes[1:], strict=False)} == {300000}
    today = datetime.datetime.now(datetime.timezone.utc).date()
    days = [today - datetime.timedelta(days=back) for back in range(10, 5, -1)]
    first, last = days[0].isoformat(), f"{days[-1].isoformat()}T21:00:00Z"
    dated = _get(v3, "/marketdata/barcharts/MSFT", firstdate=first, lastdate=last)["Bars"]
    assert [bar["TimeStamp"] for bar in dated] == [f"{day.isoformat()}T00:00:00Z" for day in days]
    same = _get(v3, "/marketdata/barcharts/MSFT", firstdate=first, startdate=last)["Bars"]
    assert same == dated
    for params, message in (({"barsback": "2", "firstdate": "2026-11-02"}, read_query.BARS_BACK_AND_FIRST),
                            ({"lastdate": "2026-11-02", "startdate": "2026-11-02"}, read_query.LAST_AND_START),
                            ({"unit": "Daily", "interval": "2"}, read_query.INVALID_INTERVAL),
                            ({"unit": "Minute", "interval": "1441"}, read_query.INVALID_INTERVAL),
                            ({"firstdate": "11/02/2026"}, read_query.INVALID_DATE.format(name="firstdate")),
                            ({"sessiontemplate": "Overnight"}, read_query.INVALID_SESSION)):
        assert _get(v3, "/marketdata/barcharts/MSFT", 400, **params)["Message"] == message


def test_option_calls_check_their_choices(v3):
    expirations = [entry["Date"][:10] for entry in _get(v3, "/marketdata/options/expirations/MSFT")["Expirations"]]
    first, second = (datetime.date.fromisoformat(day).strftime("%m-%d-%Y") for day in expirations[:2])
    path = "/marketdata/options/strikes/MSFT"
    calendar = _get(v3, path, spreadType="Calendar", expiration=first, expiration2=second)
    assert calendar["SpreadType"] == "Calendar" and all(len(run) == 1 for run in calendar["Strikes"])
    assert _get(v3, path, 400, spreadType="Calendar", expiration=first)["Error"] == "BadRequest"
    assert _get(v3, path, 400, expiration="01-02-2026")["Error"] == "BadRequest"      # not an expiration
    assert _get(v3, path, 400, strikeInterval="0")["Message"] == read_query.INVALID_STRIKE_INTERVAL
    assert _get(v3, "/marketdata/options/expirations/MSFT", strikePrice="421.5")["Expirations"] == []
    assert _get(v3, "/marketdata/options/expirations/MSFT", strikePrice="420")["Expirations"]
    answer = v3.call("POST", "/marketdata/options/riskreward", json={"SpreadPrice": 2.0, "Legs": [
        {"Symbol": "MSFT 261218C420", "Quantity": 1, "TradeAction": "BUY"},
        {"Symbol": "MSFT 261218C425", "Quantity": 1, "TradeAction": "SELL"}]})
    assert answer.status_code == 200 and answer.json() == {
        "MaxGainIsInfinite": False, "AdjustedMaxGain": "300", "MaxLossIsInfinite": False, "AdjustedMaxLoss": "-200",
        "BreakevenPoints": ["422"]}
    for body in ({"SpreadPrice": 2.0, "Legs": [{"Symbol": "MSFT 261218C420", "Quantity": 1, "TradeAction": "HOLD"}]},
                 {"SpreadPrice": "2", "Legs": []}, {"Legs": [], "Extra": 1}):
        refused = v3.call("POST", "/marketdata/options/riskreward", json=body)
        assert refused.status_code == 400 and refused.json()["Error"] == "BadRequest", body
