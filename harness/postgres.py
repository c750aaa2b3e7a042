"""A PostgreSQL cluster of the tests' and the benchmark's own: the journal's guarantees are tried on the
database production runs, without touching any other cluster on the machine.
"""

import glob
import os
import pwd
import secrets
import shutil
import subprocess
import tempfile
from pathlib import Path

from harness.servers import HOST, free_port


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
