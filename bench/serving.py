"""How the benchmark and the soak serve the simulator: command(kind) for harness.servers.start_simulator.

- "gunicorn" (the benchmark's default): `bench.simapp:app` in one gthread worker, keep-alive
  connections; the fastest measured. werkzeug's server closes every connection after one answer.
- "werkzeug" (the soak's default): `python -m bench.simapp`, werkzeug's threaded server as in
  `python -m simulator` but without a log line per request. Its dropped-connection fault closes the
  socket through `werkzeug.socket`; under gunicorn there is no such socket and a "drop" becomes a
  plain 500 (simulator/web.py), so the soak needs werkzeug to drop connections for real.
- "module": `python -m simulator` itself.
"""

from harness.servers import GUNICORN, HOST, PYTHON, simulator_module


def command(kind, threads=32):
    """The command line, a function of the port, that serves the simulator in the way `kind` names."""
    if kind == "module":
        return simulator_module
    if kind == "werkzeug":
        def argv(port):
            return [PYTHON, "-m", "bench.simapp", "--host", HOST, "--port", str(port)]
        return argv
    if kind == "gunicorn":
        def argv(port):
            return plain_gunicorn("bench.simapp:app", port, threads=threads)
        return argv
    raise ValueError(f"unknown simulator kind {kind!r}")


def plain_gunicorn(app, port, *, threads, options=()):
    """gunicorn serving `app` in one gthread worker with none of the bridge's settings: --config /dev/null, or
    it would pick up the bridge's gunicorn.conf.py from the root."""
    return [GUNICORN, "--config", "/dev/null", "--bind", f"{HOST}:{port}", "--workers", "1",
            "--worker-class", "gthread", "--threads", str(threads), "--no-control-socket",
            "--log-level", "warning", *options, app]
