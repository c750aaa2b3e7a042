"""Starting the simulator and the bridge as real servers on loopback, and stopping them cleanly.

For the benchmark, the soak and the tests that need a real process (gunicorn's workers, a SIGKILL).
They run as subprocesses on free ports, each in its own process group so that stopping one
stops its workers too and nothing else. The bridge runs under gunicorn with the repository's
gunicorn.conf.py, or as `python app.py`; the simulator runs as ONE process (its state lives in memory).
"""

import glob
import json
import os
import pwd
import re
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
from urllib.parse import urlsplit

import requests

from harness.environment import clean
from harness.tls import loopback_certificate
from tradestation.sim_contract import ADMIN_HEADER

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


class Postgres:
    """A PostgreSQL cluster of its own in a temporary folder, listening on a loopback port only, that
    trusts its one superuser (nothing but this machine can reach it); fast and unsafe on a crash
    (fsync off), as a test's database may be."""

    SUPERUSER = "tsbridge"

    def __init__(self, folder, port, bindir, runas):
        self.folder, self.port, self.bindir, self.runas = folder, port, bindir, runas
        self.data, self.log_path = os.path.join(folder, "data"), os.path.join(folder, "postgres.log")

    def url(self, database="postgres"):
        return f"postgresql+psycopg://{self.SUPERUSER}@{HOST}:{self.port}/{database}"

    def run(self, program, *arguments, timeout=60):
        subprocess.run([*self.runas, os.path.join(self.bindir, program), *arguments], check=True, timeout=timeout,
                       stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)

    def sql(self, statement):
        """One statement outside a transaction (CREATE and DROP DATABASE must be), as the superuser."""
        import psycopg
        with psycopg.connect(host=HOST, port=self.port, user=self.SUPERUSER, dbname="postgres",
                             autocommit=True) as db:
            db.execute(statement)

    def create_database(self, name=None):
        """A new, empty database; its SQLAlchemy URL."""
        name = name or "t_" + secrets.token_hex(6)
        self.sql(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, url):
        # FORCE: an engine left open by the test (a bridge not yet collected) must not keep it alive.
        self.sql(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')

    def pid(self):
        """The server's process id; its backends are its children."""
        with open(os.path.join(self.data, "postmaster.pid")) as f:
            return int(f.readline())

    def stop(self):
        try:
            self.run("pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop", timeout=30)
        except subprocess.CalledProcessError:
            pass    # not running
        shutil.rmtree(self.folder, ignore_errors=True)


def postgres_bindir():
    """Debian keeps PostgreSQL's server programs in /usr/lib/postgresql/<version>/bin, off the PATH."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda path: int(path.split("/")[4]))
    if found:
        return os.path.dirname(found[-1])
    initdb = shutil.which("initdb")
    if initdb:
        return os.path.dirname(initdb)
    raise RuntimeError("PostgreSQL's server (initdb, pg_ctl) is not installed: `make test` installs Debian's "
                       "`postgresql` package (apt-get install postgresql)")


def start_postgres():
    """A cluster in a new temporary folder, started and answering. PostgreSQL refuses to run as root,
    so as root it runs as the `postgres` user, which then owns the folder (made in the system's temporary
    folder, since the postgres user cannot enter a root-only one)."""
    bindir = postgres_bindir()
    folder = tempfile.mkdtemp(prefix="tsbridge-postgres-")
    runas = []
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        os.chown(folder, user.pw_uid, user.pw_gid)
        runas = ["runuser", "-u", "postgres", "--"]
    cluster = Postgres(folder, None, bindir, runas)
    try:
        cluster.run("initdb", "-D", cluster.data, "-U", Postgres.SUPERUSER, "--auth=trust", "--no-sync",
                    "--encoding=UTF8", "--locale=C.UTF-8")
        for attempt in range(3):
            cluster.port = free_port()
            options = (f"-p {cluster.port} -k {folder} -c listen_addresses={HOST} -c fsync=off "
                       "-c synchronous_commit=off -c full_page_writes=off -c max_connections=400")
            try:
                cluster.run("pg_ctl", "-D", cluster.data, "-l", cluster.log_path, "-o", options, "-w", "start")
                return cluster
            except subprocess.CalledProcessError:
                if attempt == 2:
                    raise
    except BaseException as error:
        log = Path(cluster.log_path).read_text(errors="replace")[-3000:] if os.path.exists(cluster.log_path) else ""
        output = (getattr(error, "output", None) or b"").decode(errors="replace")[-3000:]
        cluster.stop()
        raise RuntimeError(f"PostgreSQL did not start: {error}\n{output}\n{log}") from None


NGINX = "/usr/sbin/nginx"
DEPLOY_NGINX = ROOT / "deploy" / "nginx.conf"


def render_nginx(bridge_ports, https_port, http_port, certificate, key, log_folder, request_rate=None):
    """deploy/nginx.conf with only its addresses, ports, certificate, log paths (and, for the benchmark,
    whose clients all share one address, every rate per address) changed. Each change must find
    its place, so the file and this stay in step."""
    text = DEPLOY_NGINX.read_text()
    upstream = re.compile(r"^( *)server 127\.0\.0\.1:800\d( [^;]*)?;\n", re.M)
    found = upstream.findall(text)
    if len(found) < 1:
        raise RuntimeError("deploy/nginx.conf: no bridge address in its upstream block")
    indent, parameters = found[0]
    lines = "".join(f"{indent}server {HOST}:{port}{parameters};\n" for port in bridge_ports)
    text = upstream.sub(lambda match: lines if match.start() == upstream.search(text).start() else "", text)
    changes = [("listen 443 ssl;", f"listen {HOST}:{https_port} ssl;"), ("listen 80;", f"listen {HOST}:{http_port};"),
               ("/etc/ssl/tsbridge/fullchain.pem", certificate), ("/etc/ssl/tsbridge/privkey.pem", key),
               ("/var/log/nginx/", log_folder.rstrip("/") + "/")]
    if request_rate:
        changes += [("rate=20r/s", f"rate={request_rate}r/s"), ("rate=50r/s", f"rate={request_rate}r/s")]
    for old, new in changes:
        if old not in text:
            raise RuntimeError(f"deploy/nginx.conf: {old!r} not found")
        text = text.replace(old, new)
    return text


def start_nginx(bridge_ports, https_port=None, workers=1, request_rate=None):
    """Debian's nginx with deploy/nginx.conf in front of the bridges on these ports, TLS on https_port
    with a certificate made for the run; .url is its https address, .http_url its plain-http one (which
    sends to https), .ca the certificate to trust, .folder its configuration and logs (removed by stop())."""
    https_port = https_port or free_port()

    def site(folder, http_port):
        certificate, key = loopback_certificate(folder)
        return render_nginx(bridge_ports, https_port, http_port, certificate, key, folder, request_rate)
    server = _start_nginx(site, workers)
    server.url, server.http_url = f"https://{HOST}:{https_port}", server.url
    server.ca = os.path.join(server.folder, "cert.pem")
    return server


def start_nginx_hop(upstream_url, workers=1):
    """nginx as nothing but a proxy_pass hop to upstream_url over keep-alive connections, plain http:
    the least any relay in front of the simulator costs (the benchmark's floor). .url is its address."""
    upstream = urlsplit(upstream_url)

    def site(folder, port):
        return f"""upstream hop {{ server {upstream.hostname}:{upstream.port}; keepalive 64; }}
server {{
    listen {HOST}:{port};
    access_log off;
    location / {{
        proxy_http_version 1.1;
        proxy_set_header Connection "";
        proxy_pass http://hop;
    }}
}}
"""
    return _start_nginx(site, workers)


def _start_nginx(site, workers):
    """nginx in a folder of its own with the server blocks site(folder, port) makes, answering on port;
    started from a main configuration that keeps its pid, logs and temporary files in that folder. As
    root its workers run as nobody (as Debian's run as www-data): the temporary folder is theirs."""
    if not os.path.exists(NGINX):
        raise RuntimeError("nginx is not installed: `make test` installs Debian's `nginx` package")
    folder = tempfile.mkdtemp(prefix="tsbridge-nginx-")
    os.chmod(folder, 0o755)
    temp = os.path.join(folder, "temp")
    os.mkdir(temp)
    if os.geteuid() == 0:
        nobody = pwd.getpwnam("nobody")
        os.chown(temp, nobody.pw_uid, nobody.pw_gid)
    for attempt in range(3):
        port = free_port()
        with open(os.path.join(folder, "site.conf"), "w") as f:
            f.write(site(folder, port))
        with open(os.path.join(folder, "nginx.conf"), "w") as f:
            f.write(f"""daemon off;
worker_processes {workers};
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {folder}/site.conf;
}}
""")
        argv = [NGINX, "-p", folder + "/", "-c", os.path.join(folder, "nginx.conf"),
                "-e", os.path.join(folder, "error.log")]
        server = Server("nginx", argv, port, environment({}), os.path.join(folder, "nginx.out"), "/")
        try:
            server.wait_ready()
        except RuntimeError:
            server.stop()
            if attempt == 2:
                shutil.rmtree(folder, ignore_errors=True)
                raise
            continue
        server.folder = folder
        stop = server.stop

        def stop_and_remove(timeout=10.0, stop=stop, folder=folder):
            stop(timeout)
            shutil.rmtree(folder, ignore_errors=True)
        server.stop = stop_and_remove
        return server


class Production:
    """The README's production layout on loopback: the simulator, bridge instances under gunicorn on one
    database, nginx with TLS in front. .url is nginx's https address, .ca the certificate to trust."""

    def __init__(self, simulator, bridges, nginx):
        self.simulator, self.bridges, self.nginx = simulator, bridges, nginx

    @property
    def url(self):
        return self.nginx.url

    @property
    def ca(self):
        return self.nginx.ca

    def stop(self):
        for server in (self.nginx, *self.bridges, self.simulator):
            if server is not None:
                server.stop()


def start_production(workdir, database_url, instances=2, faults=None, env=None, workers=None, threads=None,
                     nginx_workers=1, request_rate=None, simulator_command=simulator_module):
    """`instances` bridges sharing database_url, each started as the README's production section says
    (TS_PROXIES=1; TS_REDIRECT_URI, SECRET_KEY, TS_TOKEN_KEYS given, the same for every instance), behind
    deploy/nginx.conf, relaying to a simulator with these faults. The bridge is an OAuth client the
    simulator knows with exactly that https callback (the demo client admits plain-http loopback only)."""
    from cryptography.fernet import Fernet
    https_port = free_port()
    redirect_uri, secret = f"https://{HOST}:{https_port}/callback", secrets.token_urlsafe(24)
    clients = json.dumps({"tsbridge-desk": {"secret": secret, "redirect_uris": [redirect_uri]}})
    settings = {"DATABASE_URL": database_url, "TS_CLIENT_ID": "tsbridge-desk", "TS_CLIENT_SECRET": secret,
                "TS_REDIRECT_URI": redirect_uri, "SECRET_KEY": secrets.token_hex(32),
                "TS_TOKEN_KEYS": Fernet.generate_key().decode(), "TS_PROXIES": 1, **(env or {})}
    production = Production(None, [], None)
    try:
        production.simulator = start_simulator(workdir, {"SIM_CLIENTS": clients, **(faults or {})}, simulator_command)
        for number in range(1, instances + 1):
            production.bridges.append(start_bridge(workdir, production.simulator.url + "/v2", env=settings,
                                                   workers=workers, threads=threads, name=f"bridge-{number}"))
        production.nginx = start_nginx([bridge.port for bridge in production.bridges], https_port, nginx_workers,
                                       request_rate)
    except BaseException:
        production.stop()
        raise
    return production


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


def admin(simulator, path, body=None):
    """The simulator's admin endpoints, for a simulator in this process or in a child: GET without a
    body, POST (JSON) with one; the answer's JSON, after checking it succeeded."""
    response = admin_request(simulator, "POST" if body is not None else "GET", path, json=body)
    response.raise_for_status()
    return response.json()


def admin_request(simulator, method, path, **kwargs):
    """The raw response of an admin call, with the simulator's admin token; a POST always has a JSON body."""
    if method == "POST" and kwargs.get("json") is None and "data" not in kwargs:
        kwargs["json"] = {}
    headers = {ADMIN_HEADER: admin_token(simulator), **kwargs.pop("headers", {})}
    return requests.request(method, f"{simulator.url}/admin/{path}", headers=headers, timeout=30, **kwargs)


def admin_token(simulator):
    """A child process's token was handed to it by start_simulator; one in this process has its own."""
    return getattr(simulator, "admin_token", None) or simulator.app.extensions["simulator"].admin_token
