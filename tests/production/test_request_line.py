"""The longest request line gunicorn reads is the number the ticket page holds its calls to.

The page does not send a call to the bridge longer than bridge/http_limits.py's limit, and says why
(tests/browser/test_inspector_browser.py): past it, gunicorn answers a plain 414 that a JSONP <script>
tag cannot read. This checks that the number is gunicorn's truth under gunicorn.conf.py.
"""

import requests

from bridge.http_limits import REQUEST_LINE_LIMIT
from harness.jsonp import wrapped_error
from harness.servers import start_bridge


def request_line_of(length):
    """A JSONP send of exactly `length` characters as a request line, padded in its data."""
    start = "/jsonp/orders/send?callback=cb&oauth_token=not-a-token&data="
    padding = length - len("GET " + start + " HTTP/1.1")
    return start + "A" * padding


def test_a_request_line_at_the_limit_reaches_the_bridge_and_one_character_more_does_not(simulator, tmp_path):
    server = start_bridge(tmp_path, simulator.url + "/v2", workers=1)
    try:
        at_the_limit = requests.get(server.url + request_line_of(REQUEST_LINE_LIMIT), timeout=10)
        assert wrapped_error(at_the_limit)["StatusCode"] == 401     # read by the bridge, refused for its token
        past_it = requests.get(server.url + request_line_of(REQUEST_LINE_LIMIT + 1), timeout=10)
        assert past_it.status_code == 414 and "jsonp-callback" not in past_it.headers   # gunicorn's own
    finally:
        server.stop()
