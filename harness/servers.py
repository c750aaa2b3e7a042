"""Starting the simulator and the bridge as real servers on loopback, and stopping them cleanly.

For the benchmark, the soak and the tests that need a real process (gunicorn's workers, a SIGKILL).
They run as subprocesses on free ports, each in its own process group so that stopping one
stops its workers too and nothing else. The bridge runs under gunicorn with the repository's
gunicorn.conf.py, or as `python app.py`; the simulator runs as ONE process (its state lives in memory).
"""

import os
import secrets
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

from harness.environment import clean

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
GRANIAN = str(Path(PYTHON).with_name("granian"))
HOST = "127.0.0.1"
# The bridge's own limits out of the way, for the benchmark: its load is one trader at one address.
NO_RATE_LIMITS = {"TS_USER_RATE": "1000000 per second", "TS_ADDRESS_RATE": "1000000 per second"}
# The simulator's quotas out of the way, for the benchmark and the soak: one trader's thousands of calls a
# minute are the load they measure, not a client to hold within TradeStation's quotas.
NO_QUOTAS = {"SIM_QUOTAS": "off"}


def free_port():
    """A port nothing listens on right now (a race with other programs is retried by _start())."""
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
    env = clean(os.environ)
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


def simulator_module(port):
    """The command of `python -m simulator` itself on a port."""
    return [PYTHON, "-m", "simulator", "--host", HOST, "--port", str(port)]


def start_simulator(workdir, faults=None, command=simulator_module):
    """The simulator under /v2, one process (its state is in memory), with these SIM_* settings (the
    prefix may be left out); command(port) is the command line that serves it (the benchmark chooses others)."""
    settings = {key if key.startswith("SIM_") else "SIM_" + key: value for key, value in (faults or {}).items()}
    admin_token = settings.setdefault("SIM_ADMIN_TOKEN", secrets.token_urlsafe(24))
    server = _start("simulator", command, environment(settings), os.path.join(workdir, "simulator.log"),
                    "/v2/authorize")
    server.admin_token = admin_token
    return server


def start_bridge(workdir, upstream_url, env=None, workers=None, threads=None, options=(), name="bridge",
                 app="app:create_app", server="gunicorn"):
    """The bridge under gunicorn with gunicorn.conf.py (or under granian, server="granian"), its own journal
    (a SQLite file in workdir unless env names a DATABASE_URL) and instance folder; options are more of the
    server's command-line options (they win over gunicorn.conf.py). `name` names its log files, for several
    bridges in one workdir; `app` is the factory served (the benchmark serves others the same way)."""
    database = os.path.join(workdir, f"{name}-journal.sqlite3" if name != "bridge" else "journal.sqlite3")
    settings = {"TS_BASE_URL": upstream_url, "DATABASE_URL": f"sqlite:///{database}",
                "SECRET_KEY": os.urandom(24).hex(),
                # The access log stays on, as in production, but in a file of its own.
                "GUNICORN_ACCESS_LOG": os.path.join(workdir, f"{name}-access.log"), **(env or {})}
    if workers is not None:
        settings["WEB_CONCURRENCY"] = workers
    if threads is not None:
        settings["GUNICORN_THREADS"] = threads

    def argv(port):
        if server == "granian":
            return [GRANIAN, "--interface", "wsgi", "--factory", "--host", HOST, "--port", str(port), "--no-ws",
                    "--workers", str(workers or max(2, os.cpu_count() or 1)),
                    "--blocking-threads", str(threads or 8), "--access-log", "--log-level", "warning",
                    *options, app]
        return [GUNICORN, "--config", str(ROOT / "gunicorn.conf.py"), "--bind", f"{HOST}:{port}",
                "--no-control-socket", *options, f"{app}()"]
    server = _start(name, argv, environment(settings), os.path.join(workdir, f"{name}.log"), "/login")
    server.database = database
    server.database_url = settings["DATABASE_URL"]
    return server


def start_app_py(log_path, settings):
    """`python app.py --port N`, the development server `make run` starts, with these settings; without
    TS_BASE_URL it serves the embedded simulator too."""
    def argv(port):
        return [PYTHON, "app.py", "--port", str(port)]
    return _start("bridge", argv, environment(settings), str(log_path), "/")


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
