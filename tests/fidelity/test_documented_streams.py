"""The Stream pages' example requests replayed as printed (tradestation/webapi-docs and webapi-docs-v2:
en/stream/*.md): 200, text/plain, chunks of the documented shape, and the End of Stream Conditions page's
closing word; and the Error Handling page's Stream rows a request can reach. Bar streams end after what the
demo market knows now (docs/decisions.md); quote streams stay open (their live part is tested in
tests/simulator/streams); the heartbeat examples (heartbeats.md) ask for quote changes without symbols and are
not reproduced."""

import json

import pytest
import requests

from tests.fidelity.examples_market import CHANGE_FIELDS, QUOTES, STREAM_EXAMPLES
from tests.fidelity.shapes import same_kinds

ERRORS_PAGE = "tradestation/webapi-docs: en/getting-started/error-handling.md, Stream"


def chunks(text):
    """The JSON objects of a stream, and the word that closes it."""
    decoder, position, objects = json.JSONDecoder(), 0, []
    while True:
        while position < len(text) and text[position].isspace():
            position += 1
        if position >= len(text) or text[position] != "{":
            return objects, text[position:].strip()
        found, position = decoder.raw_decode(text, position)
        objects.append(found)


def opening(answer, count):
    """The first `count` objects of a stream that stays open, read a line at a time."""
    lines = answer.iter_lines()
    return [json.loads(next(lines)) for _ in range(count)], None


@pytest.mark.parametrize(("page", "path", "shape", "count", "closing"),
                         [example[1:] for example in STREAM_EXAMPLES], ids=[example[0] for example in STREAM_EXAMPLES])
def test_the_documented_stream_request(sim, page, path, shape, count, closing):
    with requests.get(sim.url + path, headers={"Authorization": f"Bearer {sim.token()}",
                                               "Accept": "application/json"}, timeout=30, stream=True) as answer:
        assert answer.status_code == 200, answer.text
        assert answer.headers["Content-Type"].startswith("text/plain")
        objects, word = chunks(answer.text) if closing else opening(answer, count)
    assert word == closing
    if count is not None:
        assert len(objects) == count
    else:
        assert objects
    for found in objects:
        if shape == "quote":
            same_kinds(QUOTES[0], found)
            if "changes" in path:
                same_kinds(CHANGE_FIELDS, found)
        else:
            same_kinds(shape, found)
            assert found["TimeStamp"].startswith("/Date(")


def test_bars_are_the_same_for_the_same_request(sim):
    """Bars back to a past date are history: asked twice, the same bars."""
    path = "/v2/stream/barchart/spy/1/minute/5/06-13-2013"
    first, second = (sim.call("GET", path.removeprefix("/v2"), token=sim.token()).text for _ in range(2))
    assert first == second


def test_an_invalid_symbol(sim):
    """tradestation/webapi-docs: en/stream/quote-snapshots.md (an invalid symbol: 200, "Error":"FAILED, INVALID
    SYMBOL") and en/stream/end-of-stream-conditions.md (INVALID SYMBOL as a stream's error reason)."""
    token = sim.token()
    with requests.get(f"{sim.base}/stream/quote/snapshots/msft,NOPE", headers={"Authorization": f"Bearer {token}"},
                      timeout=10, stream=True) as answer:
        objects, _ = opening(answer, 2)
    assert objects[1] == {"Symbol": "NOPE", "Error": "FAILED, INVALID SYMBOL"}
    answer = sim.call("GET", "/stream/barchart/NOPE/1/minute/5", token=token)
    assert answer.status_code == 200 and chunks(answer.text) == ([], "ERROR - INVALID SYMBOL")


STREAM_ROWS = [
    ("/stream/barchart/msft/1/minute/abc", 400, "Not a valid number."),
    ("/stream/barchart/msft/1/minute/5/13-45-2013", 400, "Not a valid date."),
    ("/stream/barchart/msft/1/minute/5/01-01-2999", 400, "Last date cannot be greater than today."),
    ("/stream/barchart/msft/0/minute/5", 403, "Bar interval should be a value between 1 and 1440"),
    ("/stream/barchart/msft/1441/minute/5", 403, "Bar interval should be a value between 1 and 1440"),
    ("/stream/barchart/msft/1/minute/60001", 403, "Exceed maximum number of history bars"),
    ("/stream/barchart/msft/x/minute/5", 404, "Invalid bar interval quantity."),
    ("/stream/barchart/msft/2/daily/5", 404, "Invalid bar interval quantity."),
    ("/stream/barchart/msft/1/hour/5", 404, "Invalid bar interval unit."),
    ("/stream/barchart/msft/1/minute/0", 404, "Invalid barsBack value."),
    ("/stream/tickbars/msft/1/11", 404, "Invalid barsBack value, please choose a value between 1 and 10."),
    ("/stream/barchart/msft/1/minute/01-01-2999", 404, "Start date can not be greater than today."),
    ("/stream/barchart/msft/1/minute/01-01-1899", 404, "Start date can not be earlier than 1/1/1900"),
    ("/stream/barchart/msft/1/minute/13-45-2013", 404, "Invalid start date."),
    ("/stream/barchart/msft/1/minute/06-13-2013/13-45-2013", 404, "Invalid end date."),
    ("/stream/barchart/msft/1/minute/06-13-2013/01-01-2999", 404, "End date cannot be greater than today."),
    ("/stream/barchart/msft/1/minute/06-13-2013/06-12-2013", 404, "End date cannot be earlier than start date."),
    ("/stream/nothing/here", 404, "Invalid url path"),
    ("/stream/tickbars/msft/x/1", 404, "Invalid tickbar interval quantity."),
    ("/stream/tickbars/msft/65001/1", 404, "Invalid tickbar quantity, please choose a value between 1 and 65000."),
]


@pytest.mark.parametrize(("path", "status", "message"), STREAM_ROWS, ids=[row[2] for row in STREAM_ROWS])
def test_the_stream_rows(sim, path, status, message):
    """tradestation/webapi-docs (and webapi-docs-v2): en/getting-started/error-handling.md, Stream: the rows a
    request can reach, with their status and words, before the stream starts."""
    answer = sim.call("GET", path, token=sim.token())
    assert (answer.status_code, answer.json()) == (status, {"Message": message, "StatusCode": status})


def test_a_stream_needs_a_token(sim):
    """en/stream/*.md, Errors: 401 Unauthorized."""
    answer = sim.call("GET", "/stream/quote/snapshots/msft", token="not-a-token")
    assert (answer.status_code, answer.json()) == (401, {"Message": "Unauthorized", "StatusCode": 401})
