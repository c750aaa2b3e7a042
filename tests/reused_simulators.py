"""In-process simulators kept serving from test to test, each test given a new Simulator (state and rules) on one.

Building a simulator's Flask app (werkzeug compiling its hundred-odd routes) is three quarters of what starting
a simulator and a bridge costs, and most tests want one. The app holds nothing of a test but its Simulator
(app.extensions, simulator.renew_state), so a test gets the app and server an earlier test used, with a new
Simulator built from its own config: no order, token, fault, count, price or open stream of the earlier test's
is left. One server serves every config with the same Flask part (simulator.flask_config); the SIM_ settings
are the Simulator's.

A server is reused only as it was lent: a test that stopped it (an outage), replaced its app, changed the
app's config or extensions, or set an attribute on the server object, leaves it to be stopped and replaced.
"""

from __future__ import annotations

from simulator import flask_config, renew_state
from simulator.server import ServerThread, start


class _Lent:
    """A kept server, and what of it a test could change, as it was when last lent."""

    def __init__(self, server: ServerThread) -> None:
        self.server = server
        self.remember()

    def remember(self) -> None:
        app = self.server.app
        self.attributes, self.wsgi_app = dict(vars(self.server)), app.wsgi_app
        self.config, self.extensions = dict(app.config), dict(app.extensions)

    def as_lent(self) -> bool:
        app = self.server.app
        return (not self.server.stopped and vars(self.server) == self.attributes
                and app.wsgi_app is self.wsgi_app and app.config == self.config
                and app.extensions.keys() == self.extensions.keys()
                and all(app.extensions[name] is value for name, value in self.extensions.items()))


def _key(config: dict) -> tuple | None:
    """The Flask part of a config, as a dict key; None when a value cannot be one (that config's server is not
    kept)."""
    key = tuple(sorted((name, type(value), value) for name, value in flask_config(config).items()))
    try:
        hash(key)
    except TypeError:
        return None
    return key


class ReusedSimulators:
    """The simulators this process keeps serving, one per Flask part of a config."""

    def __init__(self) -> None:
        self._kept: dict[tuple, _Lent] = {}
        self._out: set[ServerThread] = set()

    def lend(self, config: dict) -> ServerThread:
        """A simulator serving a new Simulator of `config`, on a server kept from an earlier test if one is free
        (a second one asked for while it is lent is a server of its own, stopped when taken back)."""
        key = _key(config)
        kept = self._kept.get(key)
        if kept is not None and kept.server not in self._out:
            renew_state(kept.server.app, config)
            kept.remember()
            server = kept.server
        else:
            server = start(config)
            if key is not None and kept is None:
                self._kept[key] = _Lent(server)
        self._out.add(server)
        return server

    def take_back(self, server: ServerThread) -> None:
        """The test is over: its open streams end now, as a stopping server ends them; a server not as it was
        lent is stopped and forgotten."""
        self._out.discard(server)
        server.app.extensions["close_streams"]()
        for key, kept in list(self._kept.items()):
            if kept.server is server:
                if kept.as_lent():
                    return
                del self._kept[key]
        server.shutdown()

    def close(self) -> None:
        for kept in self._kept.values():
            kept.server.shutdown()
        self._kept.clear()
