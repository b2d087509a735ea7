"""A PostgreSQL server of the tests' own, for a gradebook that several graders write at once: a new cluster in a
scratch data folder, on a free loopback port, trusted from 127.0.0.1 alone and reachable through no Unix socket;
stopped at the end together with every process it started, and its data folder removed.

PostgreSQL refuses to run as root. Run by root (as on CI), the server runs as the `postgres` user (Debian's
package creates it), or as `nobody` where there is none, in a data folder under the system's temporary folder:
pytest's own folders are root's alone and the server's user cannot reach them. Run by anyone else, the server
runs as them, in the scratch folder it is given. Either way the server's log is written to the scratch folder.
"""
import contextlib
import glob
import os
import pwd
import re
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import psutil
import sqlalchemy

from autograder.servers import free_port

DEBIAN_BINARIES = "/usr/lib/postgresql/*/bin"  # where Debian's packages put them, off PATH
SERVER_USERS = ("postgres", "nobody")  # whom root runs the server as, the first that exists
SUPERUSER = "grader"  # the cluster's only role: the tests connect as it
DATABASE = "gradebook"
# psycopg2 is the driver the environment installs; SQLAlchemy 2.1 reads a bare postgresql:// as psycopg 3.
SCHEME = "postgresql+psycopg2"
START_TIMEOUT = 60  # seconds; a new cluster starts in about 2 s on an idle machine
STOP_TIMEOUT = 20
# A scratch cluster need not survive a crash: no waiting for the disk.
SETTINGS = {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"}


class PostgresUnavailable(RuntimeError):
    """PostgreSQL is missing or would not start here; the message says why, in one line."""


def postgres_unavailable():
    """Why no PostgreSQL server can be run here, in one line; None when one can."""
    if binaries() is None:
        return (f"PostgreSQL is not installed (no initdb and postgres on PATH or in {DEBIAN_BINARIES}; "
                "make test installs it as root with apt-get)")
    if os.geteuid() == 0 and server_account() is None:
        return f"PostgreSQL refuses to run as root, and there is no user to run it as ({' or '.join(SERVER_USERS)})"
    return None


def binaries():
    """The folder holding initdb and postgres (initdb runs the postgres beside it): the one on PATH, else
    Debian's newest; None where there is none."""
    on_path = shutil.which("initdb")
    candidates = [Path(on_path).resolve().parent] if on_path else []
    candidates += sorted((Path(folder) for folder in glob.glob(DEBIAN_BINARIES)), key=_version, reverse=True)
    return next((folder for folder in candidates
                 if all(os.access(folder / name, os.X_OK) for name in ("initdb", "postgres"))), None)


def _version(folder):
    return tuple(int(part) for part in folder.parent.name.split(".") if part.isdigit())


def server_account():
    """The user root runs the server as (a pwd entry); None when not root, or when root has no one to run it as."""
    if os.geteuid() != 0:
        return None
    for name in SERVER_USERS:
        with contextlib.suppress(KeyError):
            return pwd.getpwnam(name)
    return None


@contextlib.contextmanager
def running_postgres(scratch_folder):
    """Run a new PostgreSQL server; yield the SQLAlchemy URL of an empty database on it. Raise
    PostgresUnavailable, saying why in one line, where PostgreSQL is missing or does not start."""
    reason = postgres_unavailable()
    if reason:
        raise PostgresUnavailable(reason)
    scratch = Path(scratch_folder)
    scratch.mkdir(parents=True, exist_ok=True)
    account = server_account()
    home = Path(tempfile.mkdtemp(prefix="postgres-", dir=_reachable_folder() if account else scratch))
    try:
        if account:
            os.chown(home, account.pw_uid, account.pw_gid)
        # The log is opened here and handed over open: the server's user need not reach the scratch folder.
        with (scratch / "postgres.log").open("w") as log:
            with _server(home / "data", account, log) as port:
                yield f"{SCHEME}://{SUPERUSER}@127.0.0.1:{port}/{DATABASE}"
    finally:
        shutil.rmtree(home)


@contextlib.contextmanager
def _server(data, account, log):
    """Create a cluster in ``data``, serve it, create the database; yield the port; stop the server."""
    folder = binaries()
    as_account = dict(user=account.pw_uid, group=account.pw_gid, extra_groups=[]) if account else {}
    env = {name: value for name, value in os.environ.items() if not name.startswith("PG")}  # PGPORT and such
    run = dict(cwd=data.parent, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
               **as_account)
    created = subprocess.run([folder / "initdb", "--pgdata", data, "--username", SUPERUSER, "--auth", "reject",
                              "--encoding", "UTF8", "--locale", "C", "--no-sync"], **run)
    if created.returncode != 0:
        raise PostgresUnavailable(f"initdb failed with status {created.returncode}: {_last_error(log)}")
    hba = data / "pg_hba.conf"  # replaces initdb's, which rejects everyone
    hba.write_text("# TYPE  DATABASE  USER  ADDRESS       METHOD\nhost    all       all   127.0.0.1/32  trust\n")
    if account:
        os.chown(hba, account.pw_uid, account.pw_gid)
    port = free_port()
    settings = dict(SETTINGS, listen_addresses="127.0.0.1", port=port, unix_socket_directories="")
    server = subprocess.Popen([folder / "postgres", "-D", data,
                               *(option for name, value in settings.items() for option in ("-c", f"{name}={value}"))],
                              **run)
    try:
        _create_database(port, server, log)
        yield port
    finally:
        stop(server)


def _create_database(port, server, log):
    """Wait until the server answers, then create the database."""
    engine = sqlalchemy.create_engine(f"{SCHEME}://{SUPERUSER}@127.0.0.1:{port}/postgres",
                                      isolation_level="AUTOCOMMIT", poolclass=sqlalchemy.pool.NullPool)
    deadline = time.monotonic() + START_TIMEOUT
    try:
        while True:
            if server.poll() is not None:
                raise PostgresUnavailable(f"PostgreSQL exited with status {server.returncode}: {_last_error(log)}")
            try:
                with engine.connect() as connection:
                    connection.execute(sqlalchemy.text(f"CREATE DATABASE {DATABASE}"))
                return
            except sqlalchemy.exc.OperationalError:  # not accepting connections yet
                if time.monotonic() > deadline:
                    raise PostgresUnavailable(f"PostgreSQL did not answer within {START_TIMEOUT} s (log: {log.name})")
                time.sleep(0.1)
    finally:
        engine.dispose()


def _last_error(log):
    """The last line of the log that says what went wrong, and where the whole log is."""
    log.flush()
    lines = [line.strip() for line in Path(log.name).read_text(errors="replace").splitlines() if line.strip()]
    errors = [line for line in lines if any(word in line for word in ("FATAL", "ERROR", "error", "cannot"))]
    last = re.sub(r"^.*?\b(FATAL|PANIC|ERROR):\s+", r"\1: ", (errors or lines or ["no output"])[-1])  # no time, pid
    return f"{last} (log: {log.name})"


def stop(server):
    """Stop the server as `pg_ctl stop -m fast` does (clients are disconnected, their transactions rolled back),
    then immediately, then by force; then end whatever it left behind."""
    try:
        family = psutil.Process(server.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        family = []
    for stopping in (signal.SIGINT, signal.SIGQUIT, signal.SIGKILL):
        if server.poll() is None:
            server.send_signal(stopping)
        try:
            server.wait(STOP_TIMEOUT)
            break
        except subprocess.TimeoutExpired:
            pass
    _, left = psutil.wait_procs(family, timeout=STOP_TIMEOUT)
    for leftover in left:
        leftover.kill()
    psutil.wait_procs(left, timeout=STOP_TIMEOUT)


def _reachable_folder():
    """A temporary folder that every user can reach (the system's, unless TMPDIR points into a private one)."""
    for folder in (tempfile.gettempdir(), "/tmp", "/var/tmp"):
        path = Path(folder).resolve()
        if path.is_dir() and all(os.stat(part).st_mode & 0o001 for part in (path, *path.parents)):
            return path
    raise PostgresUnavailable("no temporary folder that the server's user can reach (/tmp and /var/tmp are not)")
