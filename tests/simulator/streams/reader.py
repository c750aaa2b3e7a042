"""A client of one open stream, as a program reading TradeStation's streams does: real HTTP, the chunked body
read a line at a time, every read under a deadline (a stream never ends by itself, so a test must not wait on
one without)."""

import http.client
import json
from urllib.parse import urlsplit


class StreamReader:
    def __init__(self, url, path, token, timeout=5.0, headers=None):
        parts = urlsplit(url)
        self.connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
        self.connection.request("GET", path, headers={"Authorization": f"Bearer {token}", **(headers or {})})
        self.response = self.connection.getresponse()
        self.status = self.response.status

    @property
    def content_type(self):
        return self.response.getheader("Content-Type")

    def body(self):
        """The whole answer of a refused stream."""
        return json.loads(self.response.read())

    def next(self):
        """The next line: a JSON object, a closing word, or None when the stream has ended."""
        line = self.response.readline()
        if not line:
            return None
        text = line.decode().strip()
        return json.loads(text) if text.startswith("{") else text

    def take(self, count):
        return [self.next() for _ in range(count)]

    def until(self, wanted, limit=50):
        """The first line for which `wanted(line)` holds, past the others (heartbeats among them)."""
        for _ in range(limit):
            found = self.next()
            if found is None or wanted(found):
                return found
        raise AssertionError(f"nothing wanted in {limit} lines")

    def close(self):
        self.connection.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
