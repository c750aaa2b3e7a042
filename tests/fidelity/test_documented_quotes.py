"""TradeStation's quote examples replayed as printed: the Quote page's request (both repositories) answers
every documented field of both Quote objects, in the example's kinds; the Request Throttling page's request
is answered for each of its five symbols. Examples are data in examples_market.py."""

import requests

from tests.fidelity.examples_market import (
    CLASSIC_QUOTE_FIELDS,
    GLOBAL_QUOTE_FIELDS,
    JAPANESE_QUOTE_FIELDS,
    QUOTE_REQUEST,
    QUOTES,
    THROTTLING_REQUEST,
)
from tests.fidelity.shapes import same_kinds


def _replay(sim, request, token):
    headers = {name: value.format(token=token) for name, value in request["headers"].items()}
    return requests.get(sim.url + request["path"], headers=headers, timeout=10)


def test_the_documented_quote_request(sim):
    """tradestation/webapi-docs and webapi-docs-v2: en/data/quote.md, Example Request (goog,msft): 200, the
    symbols in upper case, each quote in the Example Response's keys and kinds (MSFT's StrikePrice is null
    there and 0 for GOOG: the simulator sends 0, the object page's decimal)."""
    answer = _replay(sim, QUOTE_REQUEST, sim.token())
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert [quote["Symbol"] for quote in body] == ["GOOG", "MSFT"]
    same_kinds(QUOTES[:1], body)
    assert all(quote["Error"] is None for quote in body)


def test_every_documented_quote_field_is_answered(sim):
    """tradestation/webapi-docs: en/objects/quote.md and tradestation/webapi-docs-v2: en/objects/quote.md (with
    its Japanese Equities Specific Quote Properties for a Tokyo share)."""
    token = sim.token()
    for symbol in ("MSFT", "JP:8698-TS", "ESZ26", "USDJPY"):
        quote = sim.call("GET", f"/data/quote/{symbol}", token=token).json()[0]
        missing = set(CLASSIC_QUOTE_FIELDS + GLOBAL_QUOTE_FIELDS) - set(quote)
        assert not missing, (symbol, missing)
    japanese = sim.call("GET", "/data/quote/JP:5012-TS", token=token, api_version="20150601").json()[0]
    assert not set(JAPANESE_QUOTE_FIELDS) - set(japanese)


def test_the_throttling_pages_request_is_answered_for_each_symbol(sim):
    """tradestation/webapi-docs and webapi-docs-v2: en/getting-started/request-throttling.md, the Example's
    request (/data/quotes/, `bearer` in lower case), while under the quota: five quotes, none an error."""
    answer = _replay(sim, THROTTLING_REQUEST, sim.token())
    assert answer.status_code == 200, answer.text
    assert [(quote["Symbol"], quote["Error"]) for quote in answer.json()] == [
        (symbol, None) for symbol in ("IBM", "NFLX", "MSFT", "AMZN", "AAPL")]


def test_the_documents_symbols_are_in_the_demo_market(sim):
    """Every symbol the documents' examples quote, hold or stream (tradestation/webapi-docs and webapi-docs-v2:
    en/data/quote.md, en/accounts/positions.md, en/users/get-user-positions.md, en/stream/*.md,
    en/accounts/position-groups.md) is quoted without an error."""
    symbols = "GOOG,MSFT,IBM,NFLX,AMZN,AAPL,YHOO,SPY,A,AEG,ARNA,WMT,JP:8698-TS,JP:5008-TS,JP:6629-TS,JP:5012-TS"
    quotes = sim.call("GET", f"/data/quote/{symbols}", token=sim.token()).json()
    assert [quote["Error"] for quote in quotes] == [None] * len(symbols.split(","))
