"""Starting the simulator and the bridge as real servers on loopback, and stopping them cleanly.

Both run as subprocesses on free ports, each in its own process group so that stopping one
stops its workers too and nothing else. The bridge runs under gunicorn with the repository's
gunicorn.conf.py; the simulator runs as ONE process (its state lives in memory).

How the simulator is served (kind=):
- "gunicorn" (the benchmark's default): one gthread worker, keep-alive connections; the fastest
  measured. werkzeug's server closes every connection after one answer.
- "werkzeug" (the soak's default): `python -m bench.simapp`, werkzeug's threaded server as in
  `python -m simulator` but without a log line per request. Its dropped-connection fault closes the
  socket through `werkzeug.socket`; under gunicorn there is no such socket and a "drop" becomes a
  plain 500 (simulator/web.py), so the soak needs werkzeug to drop connections for real.
- "module": `python -m simulator` itself.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
HOST = "127.0.0.1"


def free_port():
    """A port nothing listens on right now (a race with other programs is retried by start())."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Server:
    """One subprocess serving HTTP on a loopback port; its output goes to a log file."""

    def __init__(self, name, argv, port, env, log_path, ready_path="/"):
        self.name, self.argv, self.port, self.log_path = name, argv, port, log_path
        self.url = f"http://{HOST}:{port}"
        self._log = open(log_path, "ab")
        # A new session: the server and its workers form a process group we can signal as one.
        self.process = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT,
                                        stdin=subprocess.DEVNULL, start_new_session=True)
        self.ready_path = ready_path

    def wait_ready(self, timeout=30.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.process.returncode} while starting; "
                                   f"see {self.log_path}:\n{self.tail()}")
            try:
                # The socket listens before the workers have booted: wait for a real answer.
                requests.get(self.url + self.ready_path, timeout=5, allow_redirects=False)
                return self
            except requests.RequestException:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"{self.name} did not answer within {timeout:.0f} s; see {self.log_path}")

    def output(self):
        """Everything the server has written so far."""
        if not self._log.closed:
            self._log.flush()
        try:
            return Path(self.log_path).read_text(errors="replace")
        except OSError:
            return ""

    def tail(self, lines=30):
        return "\n".join(self.output().splitlines()[-lines:])

    def kill(self):
        """SIGKILL to the group: no clean-up of any kind, as when the machine or the OOM killer stops it."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)

    def stop(self, timeout=10.0):
        """SIGTERM to the group (gunicorn shuts its workers down gracefully), SIGKILL if it lingers."""
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(self.process.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                self.process.wait(5)
        self._log.close()


def environment(extra):
    """This process's environment with `extra` over it, and nothing from the caller's shell that could
    point the servers elsewhere or change gunicorn's settings."""
    env = dict(os.environ)
    for key in list(env):
        if key.startswith(("SIM_", "TS_", "GUNICORN_")) or key in ("DATABASE_URL", "SECRET_KEY", "WEB_CONCURRENCY"):
            del env[key]
    env["PYTHONUNBUFFERED"] = "1"
    env.update({key: str(value) for key, value in extra.items()})
    return env


def _start(name, make_argv, env, log_path, ready_path, attempts=3):
    for attempt in range(attempts):
        port = free_port()
        server = Server(name, make_argv(port), port, env, log_path, ready_path)
        try:
            return server.wait_ready()
        except RuntimeError:
            server.stop()
            if attempt == attempts - 1:
                raise


def start_simulator(workdir, faults=None, kind="werkzeug", threads=32):
    """The simulator under /v2, one process. kind: "werkzeug" (python -m bench.simapp: werkzeug's threaded
    server without a line per request), "module" (python -m simulator itself) or "gunicorn" (one gthread worker)."""
    env = environment({key if key.startswith("SIM_") else "SIM_" + key: value for key, value in (faults or {}).items()})
    if kind == "werkzeug":
        def argv(port):
            return [PYTHON, "-m", "bench.simapp", "--host", HOST, "--port", str(port)]
    elif kind == "module":
        def argv(port):
            return [PYTHON, "-m", "simulator", "--host", HOST, "--port", str(port)]
    elif kind == "gunicorn":
        def argv(port):
            # --config /dev/null: not the bridge's gunicorn.conf.py, which gunicorn would pick up from ROOT.
            return [GUNICORN, "--config", "/dev/null", "--bind", f"{HOST}:{port}", "--workers", "1",
                    "--worker-class", "gthread", "--threads", str(threads), "--no-control-socket",
                    "--log-level", "warning", "bench.simapp:app"]
    else:
        raise ValueError(f"unknown simulator kind {kind!r}")
    server = _start("simulator", argv, env, os.path.join(workdir, "simulator.log"), "/v2/authorize")
    server.kind = kind
    return server


def start_bridge(workdir, upstream_url, env=None, workers=None, threads=None):
    """The bridge under gunicorn with gunicorn.conf.py, its own journal and instance folder."""
    database = os.path.join(workdir, "journal.sqlite3")
    settings = {"TS_BASE_URL": upstream_url, "DATABASE_URL": f"sqlite:///{database}",
                "SECRET_KEY": os.urandom(24).hex(),
                # The access log stays on, as in production, but in a file of its own.
                "GUNICORN_ACCESS_LOG": os.path.join(workdir, "bridge-access.log"), **(env or {})}
    if workers is not None:
        settings["WEB_CONCURRENCY"] = workers
    if threads is not None:
        settings["GUNICORN_THREADS"] = threads
    app = "app:create_app()"

    def argv(port):
        return [GUNICORN, "--config", str(ROOT / "gunicorn.conf.py"), "--bind", f"{HOST}:{port}",
                "--no-control-socket", app]
    server = _start("bridge", argv, environment(settings), os.path.join(workdir, "bridge.log"), "/login")
    server.database = database
    return server


@contextmanager
def stack(name="tsbridge-bench", keep=False):
    """A temporary folder for logs and the journal, removed afterwards unless keep; and an ExitStack."""
    workdir = tempfile.mkdtemp(prefix=name + "-")
    try:
        with ExitStack() as servers:
            yield workdir, servers
    finally:
        if not keep:
            shutil.rmtree(workdir, ignore_errors=True)


def admin(simulator, path, body=None):
    """The simulator's admin endpoints: GET without a body, POST with one."""
    url = f"{simulator.url}/admin/{path}"
    response = requests.post(url, json=body, timeout=30) if body is not None else requests.get(url, timeout=30)
    response.raise_for_status()
    return response.json()
