"""Serving any WSGI app on a loopback port from a background thread, for tests, app.py and the
benchmark; and the simulator's own in-process start."""

import socket
import threading

from werkzeug.serving import WSGIRequestHandler, make_server

from tradestation.redact import install_log_redaction


class _QuietHandler(WSGIRequestHandler):
    """No line per request: a soak test's thousands of orders would bury everything else."""

    def log_request(self, *args, **kwargs):
        pass


class ServerThread:
    def __init__(self, wsgi_app, host="127.0.0.1", port=0, quiet=True, ssl_context=None):
        install_log_redaction()
        handler = _QuietHandler if quiet else WSGIRequestHandler
        self.app = wsgi_app
        self._server = make_server(host, port, wsgi_app, threaded=True, request_handler=handler,
                                   ssl_context=ssl_context)
        self.host = host
        self.port = self._server.server_port
        shown = f"[{host}]" if ":" in host else host
        self.url = f"{'https' if ssl_context else 'http'}://{shown}:{self.port}"
        self._stopped = False
        self._thread = threading.Thread(target=self._server.serve_forever, name=f"wsgi-{self.port}", daemon=True)
        self._thread.start()

    @property
    def stopped(self):
        return self._stopped

    def shutdown(self):
        """Stop serving; safe to call more than once (a test may stop a server its fixture also stops)."""
        if self._stopped:
            return
        self._stopped = True
        closing = getattr(self.app, "extensions", {}).get("close_streams")
        if closing:
            closing()
        # The serving loop sees shutdown() only when its select() returns: a connection wakes it at once,
        # where waiting for its poll interval would cost every test that starts a server.
        stopping = threading.Thread(target=self._server.shutdown, name=f"stop-{self.port}", daemon=True)
        stopping.start()
        while stopping.is_alive():
            self._wake()
            stopping.join(0.01)
        self._server.server_close()
        self._thread.join(timeout=5)

    def _wake(self):
        try:
            socket.create_connection((self.host, self.port), timeout=1).close()
        except OSError:
            pass    # already closed: the loop has stopped

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.shutdown()


def serve_in_thread(wsgi_app, host="127.0.0.1", port=0, quiet=True, ssl_context=None):
    """Serve a WSGI app on host:port (0: any free port) in a daemon thread; returns a ServerThread.
    ssl_context="adhoc" serves https with a throw-away certificate (werkzeug's, made with cryptography)."""
    return ServerThread(wsgi_app, host, port, quiet, ssl_context)


def start(config=None, host="127.0.0.1", port=0):
    """A simulator serving in this process; its upstream base URL is `server.url + "/v2"`."""
    from . import create_app
    return serve_in_thread(create_app(config), host, port)
