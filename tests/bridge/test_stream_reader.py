"""TradeStation's streams read as messages, however the bytes are cut into chunks."""

import json

import pytest

from bridge.stream_reader import Kind, Message, Unreadable, messages

V2_QUOTE = {"Symbol": "MSFT", "Last": 420.5, "Error": None}


def cut(text, size):
    data = text.encode()
    return [data[i:i + size] for i in range(0, len(data), size)]


@pytest.mark.parametrize("size", [1, 3, 7, 1000])
def test_v2_indented_objects_and_its_closing_word(size):
    text = json.dumps(V2_QUOTE, indent=4) + "\n" + json.dumps({"Symbol": "MSFT", "Bid": 420.4}, indent=4) + "\nEND\n"
    assert list(messages(cut(text, size))) == [Message(Kind.DATA, V2_QUOTE),
                                               Message(Kind.DATA, {"Symbol": "MSFT", "Bid": 420.4}),
                                               Message(Kind.END)]


def test_v3_lines_heartbeats_snapshot_end_and_going_away():
    lines = [{"OrderID": "1", "Status": "OPN"}, {"StreamStatus": "EndSnapshot"}, {"Heartbeat": 1, "Timestamp": "t"},
             {"StreamStatus": "GoAway"}, {"Error": "GoAway", "Message": "Stream closing"}]
    found = list(messages(cut("\n".join(json.dumps(line) for line in lines) + "\n", 5)))
    assert [message.kind for message in found] == [Kind.DATA, Kind.END_SNAPSHOT, Kind.HEARTBEAT, Kind.GO_AWAY,
                                                   Kind.GO_AWAY]


def test_errors_of_the_stream_and_of_one_entry():
    text = ('ERROR - INVALID SYMBOL\n{"Error": "Failed", "Message": "Too many streams"}\n'
            '{"Symbol": "NOPE", "Error": "FAILED, INVALID SYMBOL"}\n')
    assert list(messages([text.encode()])) == [
        Message(Kind.ERROR, "INVALID SYMBOL"), Message(Kind.ERROR, "Too many streams"),
        Message(Kind.DATA, {"Symbol": "NOPE", "Error": "FAILED, INVALID SYMBOL"})]


def test_what_is_not_tradestations_is_refused():
    with pytest.raises(Unreadable):
        list(messages([b"<html>oops</html>\n"]))
