"""Long-lived streaming responses beside the orders: what a page's server-sent-events feed costs the server.

A live feed is a WSGI generator that holds one server thread per open page for as long as the page
is open. `APP` is the bridge with one more path, /bench/stream, a plain generator of that kind (an
event now, then one a second); open(url, count) holds `count` of them open from this process, so
that orders can be measured while the server carries them.
"""

import http.client
import time
from urllib.parse import urlsplit

APP = "bench.streams:create_app"
PATH = "/bench/stream"


def with_streams(app, every=1.0):
    """The WSGI app `app`, answering PATH itself with an endless event stream."""

    def events():
        yield b"data: open\n\n"
        while True:
            time.sleep(every)
            yield b"data: tick\n\n"

    def wsgi(environ, start_response):
        if environ.get("PATH_INFO") != PATH:
            return app(environ, start_response)
        start_response("200 OK", [("Content-Type", "text/event-stream"), ("Cache-Control", "no-store")])
        return events()
    return wsgi


def create_app():
    from app import create_app as bridge
    return with_streams(bridge())


class Streams:
    """`count` streams held open on a server until close(); each has sent its first event when open returns."""

    def __init__(self, base_url, count, timeout=30.0):
        parts = urlsplit(base_url)
        self.connections = []
        for _ in range(count):
            connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
            connection.request("GET", PATH)
            response = connection.getresponse()
            if response.status != 200 or not response.readline().startswith(b"data:"):
                raise RuntimeError(f"stream {len(self.connections) + 1} of {count} did not open: {response.status}")
            self.connections.append((connection, response))

    def close(self):
        for connection, _ in self.connections:
            connection.close()
        self.connections = []
