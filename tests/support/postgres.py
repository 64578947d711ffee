"""A private, throwaway PostgreSQL server for the test suite.

The store must behave the same on PostgreSQL as on SQLite, so the suite starts its own server
instead of relying on one the developer may or may not run. The server lives in a temp dir under
/tmp (the ``postgres`` OS user cannot read /work), listens only on 127.0.0.1 on a free port,
trades durability for speed, and disappears when the test process ends, even if it is killed.
Under ``CRM_TUI_REQUIRE_PG=1`` (set by CI) a missing or broken PostgreSQL fails the run instead
of skipping the PostgreSQL half of the suite.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pwd
import re
import shlex
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType

import psycopg
from psycopg import sql
from sqlalchemy.engine import make_url

REQUIRE_ENV = "CRM_TUI_REQUIRE_PG"
SUPERUSER = "postgres"
MAINTENANCE_DB = "postgres"
_OS_USER = "postgres"
_LOG_TAIL_LINES = 40
_START_ATTEMPTS = 3
_SERVER_SETTINGS = {
    "listen_addresses": "127.0.0.1",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "200",
}


class PostgresUnavailable(RuntimeError):
    """PostgreSQL is not installed or could not be started; the message says why."""


def find_pg_bin() -> Path | None:
    """The newest PostgreSQL bin directory that can create and run a cluster, if any."""
    candidates = [
        path
        for path in Path("/usr/lib/postgresql").glob("*/bin")
        if _has_server_tools(path)
    ]
    if candidates:
        return max(candidates, key=_version_key)
    pg_config = shutil.which("pg_config")
    if pg_config is None:
        return None
    try:
        found = subprocess.run(
            [pg_config, "--bindir"], capture_output=True, text=True, check=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return None
    bindir = Path(found.stdout.strip())
    return bindir if _has_server_tools(bindir) else None


def _has_server_tools(bindir: Path) -> bool:
    return (bindir / "initdb").is_file() and (bindir / "pg_ctl").is_file()


def _version_key(bindir: Path) -> tuple[int, ...]:
    """Sort "9.6" below "15" below "16"; non-numeric names sort first."""
    return tuple(int(part) for part in re.findall(r"\d+", bindir.parent.name)) or (-1,)


def postgres_required() -> bool:
    """Whether this run must test PostgreSQL rather than skip it (CI sets the variable)."""
    return os.environ.get(REQUIRE_ENV, "").strip() not in ("", "0")


def postgres_available() -> bool:
    """A cheap check that starting a server could work: binaries present, and when running as
    root, a ``postgres`` OS user to run them as. It does not start anything."""
    if find_pg_bin() is None:
        return False
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(_OS_USER)
        except KeyError:
            return False
    return True


def require_postgres(problem: str) -> str:
    """Turn a PostgreSQL problem into the caller's skip reason, or into an error under CI.

    Returns ``problem`` for ``pytest.skip`` when PostgreSQL is optional; raises
    ``PostgresUnavailable`` when ``CRM_TUI_REQUIRE_PG=1`` because then a skip would hide that
    the PostgreSQL half of the suite never ran.
    """
    if postgres_required():
        raise PostgresUnavailable(
            f"{problem}\n{REQUIRE_ENV}=1 is set, so PostgreSQL tests must run, not skip. "
            "Install PostgreSQL (Debian: apt-get install postgresql) or unset the variable."
        )
    return problem


def start_test_server() -> PostgresServer:
    """Start the suite's server, failing or skipping by the ``require_postgres`` policy."""
    import pytest

    if not postgres_available():
        pytest.skip(
            require_postgres(
                "PostgreSQL is not installed (no initdb/pg_ctl under /usr/lib/postgresql/*/bin "
                "or pg_config --bindir)"
                + (f", or there is no '{_OS_USER}' OS user to run it" if os.geteuid() == 0 else "")
            )
        )
    server = PostgresServer()
    try:
        server.start()
    except PostgresUnavailable as error:
        pytest.skip(require_postgres(f"PostgreSQL failed to start: {error}"))
    return server


class PostgresServer:
    """One throwaway cluster: ``start()`` it, use ``url``, ``stop()`` it (or use ``with``)."""

    def __init__(self, bin_dir: Path | None = None) -> None:
        self.bin_dir = bin_dir
        self.port: int | None = None
        self.base_dir: Path | None = None
        self.startup_seconds: float | None = None
        self._watchdog: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """SQLAlchemy URL of the maintenance database, as the superuser."""
        if self.port is None:
            raise RuntimeError("PostgresServer.url read before start()")
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{MAINTENANCE_DB}"

    @property
    def data_dir(self) -> Path:
        return self._base() / "data"

    @property
    def log_path(self) -> Path:
        return self._base() / "server.log"

    def __enter__(self) -> PostgresServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def start(self) -> None:
        """Create a cluster and run it; raises ``PostgresUnavailable`` with the server log."""
        if self.port is not None:
            return
        began = time.monotonic()
        self.bin_dir = self.bin_dir or find_pg_bin()
        if self.bin_dir is None:
            raise PostgresUnavailable("PostgreSQL binaries (initdb, pg_ctl) not found")
        self.base_dir = Path(tempfile.mkdtemp(prefix="crm-tui-pg-", dir=_short_tmp()))
        atexit.register(self.stop)
        try:
            self._hand_to_os_user(self.base_dir)
            self._initdb()
            self._start_on_free_port()
        except BaseException:
            self.stop()
            raise
        self._watchdog = self._spawn_watchdog()
        self.startup_seconds = time.monotonic() - began

    def stop(self) -> None:
        """Stop the server at once (its data is disposable) and delete its directory."""
        atexit.unregister(self.stop)
        if self._watchdog is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self._watchdog.pid, signal.SIGKILL)
            self._watchdog.wait()
            self._watchdog = None
        if self.base_dir is None:
            return
        if self.port is not None or (self.data_dir / "postmaster.pid").exists():
            self._run(self._pg_ctl("-m", "immediate", "stop"), check=False)
        shutil.rmtree(self.base_dir, ignore_errors=True)
        self.base_dir = None
        self.port = None

    def _base(self) -> Path:
        if self.base_dir is None:
            raise RuntimeError("PostgresServer is not started")
        return self.base_dir

    def _initdb(self) -> None:
        initdb = str(self._bin("initdb"))
        common = [initdb, "-D", str(self.data_dir), "-A", "trust", "-U", SUPERUSER]
        common += ["--no-sync", "-E", "UTF8"]
        result = self._run([*common, "--locale=C.UTF-8"], check=False)
        if result.returncode != 0:
            shutil.rmtree(self.data_dir, ignore_errors=True)
            fallback = self._run([*common, "--locale=C"], check=False)
            if fallback.returncode != 0:
                raise PostgresUnavailable(
                    "initdb failed:\n" + _output(result) + "\nwith --locale=C:\n" + _output(fallback)
                )

    def _start_on_free_port(self) -> None:
        """Start on a free port, retrying when another process takes the port first."""
        for attempt in range(1, _START_ATTEMPTS + 1):
            port = _free_port()
            self.log_path.unlink(missing_ok=True)
            options = [f"-p {port}", f"-k {shlex.quote(str(self._base()))}"]
            options += [f"-c {key}={value}" for key, value in _SERVER_SETTINGS.items()]
            start = self._pg_ctl("-w", "-t", "60", "-l", str(self.log_path))
            result = self._run([*start, "-o", " ".join(options), "start"], check=False)
            if result.returncode == 0:
                self.port = port
                return
            log = self._log_tail()
            self._run(self._pg_ctl("-m", "immediate", "stop"), check=False)
            port_taken = "could not bind" in log or "already in use" in log
            if not port_taken or attempt == _START_ATTEMPTS:
                raise PostgresUnavailable(
                    f"pg_ctl start failed (port {port}):\n{_output(result)}\n"
                    f"--- last lines of {self.log_path} ---\n{log}"
                )

    def _spawn_watchdog(self) -> subprocess.Popen[bytes]:
        """A shell that outlives a killed test process just long enough to stop the server;
        atexit covers a normal or failed exit, this covers SIGKILL and SIGTERM."""
        stop = shlex.join(self._as_os_user(self._pg_ctl("-m", "immediate", "stop")))
        script = (
            f"while kill -0 {os.getpid()} 2>/dev/null; do sleep 1; done; "
            f"{stop} >/dev/null 2>&1; rm -rf {shlex.quote(str(self._base()))}"
        )
        return subprocess.Popen(
            ["/bin/sh", "-c", script],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd="/",
            start_new_session=True,
        )

    def _log_tail(self) -> str:
        try:
            lines = self.log_path.read_text(errors="replace").splitlines()
        except OSError as error:
            return f"(no server log: {error})"
        return "\n".join(lines[-_LOG_TAIL_LINES:])

    def _pg_ctl(self, *args: str) -> list[str]:
        return [str(self._bin("pg_ctl")), "-D", str(self.data_dir), *args]

    def _bin(self, name: str) -> Path:
        assert self.bin_dir is not None
        return self.bin_dir / name

    def _run(self, argv: list[str], *, check: bool) -> subprocess.CompletedProcess[str]:
        """Run a PostgreSQL tool, as the ``postgres`` user when we are root (it refuses root)."""
        env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
        return subprocess.run(
            self._as_os_user(argv),
            cwd=self._base(),
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            check=check,
            timeout=120,
        )

    @staticmethod
    def _as_os_user(argv: list[str]) -> list[str]:
        if os.geteuid() != 0:
            return argv
        if shutil.which("runuser"):
            return ["runuser", "-u", _OS_USER, "--", *argv]
        return ["su", _OS_USER, "-s", "/bin/sh", "-c", shlex.join(argv)]

    @staticmethod
    def _hand_to_os_user(path: Path) -> None:
        if os.geteuid() != 0:
            return
        try:
            account = pwd.getpwnam(_OS_USER)
        except KeyError:
            raise PostgresUnavailable(
                f"running as root, and there is no '{_OS_USER}' OS user to run PostgreSQL as"
            ) from None
        os.chown(path, account.pw_uid, account.pw_gid)


def create_database(server_url: str, name: str, template: str | None = None) -> str:
    """Create database ``name`` (optionally a copy of ``template``); returns its URL.

    Copying a template needs it to have no sessions, so ours are terminated first; callers
    should dispose of engines bound to the template before copying it.
    """
    with _maintenance_connection(server_url) as conn:
        statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template is None:
            conn.execute(statement)
        else:
            statement = sql.SQL("{} TEMPLATE {}").format(statement, sql.Identifier(template))
            _create_from_template(conn, statement, template)
    return database_url(server_url, name)


def _create_from_template(conn: psycopg.Connection, statement: sql.Composable, template: str) -> None:
    """PostgreSQL waits up to 5 s for terminated sessions to leave; retry if one lingers."""
    for attempt in range(3):
        _terminate_sessions(conn, template)
        try:
            conn.execute(statement)
            return
        except psycopg.errors.ObjectInUse:
            if attempt == 2:
                raise


def drop_database(server_url: str, name: str) -> None:
    """Drop database ``name`` if it exists, disconnecting anyone still using it."""
    with _maintenance_connection(server_url) as conn:
        _terminate_sessions(conn, name)
        statement = sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name))
        if conn.info.server_version >= 130000:
            statement = sql.SQL("{} WITH (FORCE)").format(statement)
        conn.execute(statement)


def database_url(server_url: str, name: str) -> str:
    """The SQLAlchemy URL of database ``name`` on the server at ``server_url``."""
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)


def _maintenance_connection(server_url: str) -> psycopg.Connection:
    """An autocommit connection to the ``postgres`` database, which is never a template or
    a database being created or dropped."""
    url = make_url(server_url)
    return psycopg.connect(
        host=url.host,
        port=url.port,
        user=url.username,
        password=url.password,
        dbname=MAINTENANCE_DB,
        autocommit=True,
    )


def _terminate_sessions(conn: psycopg.Connection, database: str) -> None:
    conn.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        "WHERE datname = %s AND pid <> pg_backend_pid()",
        (database,),
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _short_tmp() -> str:
    """/tmp rather than $TMPDIR: readable by the postgres user and short enough for the
    107-byte Unix socket path limit."""
    return "/tmp" if os.path.isdir("/tmp") else tempfile.gettempdir()


def _output(result: subprocess.CompletedProcess[str]) -> str:
    return f"$ {shlex.join(result.args)}\n{result.stdout}{result.stderr}".rstrip()
