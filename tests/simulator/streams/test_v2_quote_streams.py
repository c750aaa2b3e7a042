"""v2's quote streams over real HTTP (webapi-docs-v2: en/stream/quote-changes.md, quote-snapshots.md,
heartbeats.md, end-of-stream-conditions.md): the full quote, then the market as it moves."""

from decimal import Decimal

from harness.sim_admin import admin_request
from tests.simulator.streams.reader import StreamReader


def test_changes_send_the_quote_then_only_what_moved(simulator, sim):
    with StreamReader(simulator.url, "/v2/stream/quote/changes/msft", sim.token()) as stream:
        assert stream.status == 200 and stream.content_type.startswith("text/plain")
        first = stream.next()
        assert first["Symbol"] == "MSFT" and first["Category"] == 2 and isinstance(first["Last"], float)
        sim.backend.set_price("MSFT", Decimal("433.10"))
        moved = stream.next()
        assert moved["Symbol"] == "MSFT" and moved["Last"] == 433.1 and "Description" not in moved


def test_snapshots_send_the_whole_quote_each_time(simulator, sim):
    with StreamReader(simulator.url, "/v2/stream/quote/snapshots/msft", sim.token()) as stream:
        first = stream.next()
        sim.backend.set_price("MSFT", Decimal("433.10"))
        again = stream.next()
    assert set(again) == set(first) and again["Last"] == 433.1


def test_heartbeats_when_asked_and_an_error_word(simulator, sim):
    path = "/v2/stream/quote/changes/msft?heartbeat=true&heartbeat-style=keepalive"
    with StreamReader(simulator.url, path, sim.token()) as stream:
        stream.next()
        beat = stream.next()
        assert beat["heartbeat"] == 1 and beat["timestamp"].startswith("/Date(")
        admin_request(simulator, "POST", "streams/end", json={"end": "Error"})
        assert stream.until(lambda line: isinstance(line, str)) == "ERROR - TIMEOUT" and stream.next() is None


def test_go_away_ends_a_v2_stream_without_a_word(simulator, sim):
    with StreamReader(simulator.url, "/v2/stream/quote/changes/msft", sim.token()) as stream:
        stream.next()
        admin_request(simulator, "POST", "streams/end", json={"user": "demo"})
        assert stream.next() is None


def test_a_malformed_heartbeat_is_refused(simulator, sim):
    with StreamReader(simulator.url, "/v2/stream/quote/changes/msft?heartbeat=often", sim.token()) as stream:
        assert stream.status == 400 and stream.body() == {"Message": "Invalid Request", "StatusCode": 400}
