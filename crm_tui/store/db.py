"""Engine and transactions: one short session per user action, nothing held open.

`Database.write()` opens a transaction that on SQLite begins with `BEGIN IMMEDIATE`: a
deferred transaction that later upgrades to a write fails at once with "database is locked"
whatever the busy timeout, while an immediate one queues behind the current writer.
`Database.read()` opens a plain read transaction. Both are one unit: all or nothing.

On SQLite the write lock is held from `BEGIN IMMEDIATE` to the commit, and every writer
waits for it, so repositories keep their reads and checks before `write()` where a version
condition makes that safe (see `DealRepository.update`). Retrying `BEGIN IMMEDIATE` in short
sleeps in Python instead of SQLite's busy handler was measured and made the tail worse on a
busy machine: the waking writers take CPU from the one holding the lock.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from crm_tui.store import (
    audit,
    search_words,  # noqa: F401  (its flush hook keeps the word index)
)

SQLITE_BUSY_TIMEOUT_MS = 30_000
# SQLite's durability per commit, see `create_store_engine`.
SQLITE_SYNCHRONOUS = ("FULL", "NORMAL")
_WRITE_OPTION = "crm_tui_write"


def _configure_sqlite(engine: Engine, synchronous: str) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        # Take transaction control away from the driver so that we can say BEGIN IMMEDIATE.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA synchronous = {synchronous}")
        mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
        if str(mode).lower() != "memory":
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # type: ignore[no-untyped-def]
        if conn.get_execution_options().get(_WRITE_OPTION):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")


def create_store_engine(url: str, *, echo: bool = False, synchronous: str = "FULL") -> Engine:
    """An engine for SQLite or PostgreSQL with the settings this store relies on.

    `synchronous` (SQLite only) is how durable a commit is. FULL, the default, syncs the
    write-ahead log to disk before a commit returns: a save the user saw succeed survives a
    power cut. NORMAL syncs it only at checkpoints: the file is never corrupted and a crash
    of the app itself loses nothing, but a power cut or OS crash may undo the last saves;
    in return a commit no longer waits for the disk while it holds the write lock.
    """
    if synchronous not in SQLITE_SYNCHRONOUS:
        raise ValueError(f"synchronous must be one of {', '.join(SQLITE_SYNCHRONOUS)}")
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(
            url,
            echo=echo,
            connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
        )
        _configure_sqlite(engine, synchronous)
        return engine
    if parsed.get_backend_name() == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        return create_engine(parsed, echo=echo, pool_pre_ping=True, pool_size=5)
    raise ValueError(f"unsupported database: {parsed.get_backend_name()}")


@dataclass
class Database:
    """The engine, the acting user and the session factories of one process."""

    engine: Engine
    user_id: int | None = None
    _sessions: sessionmaker[Session] = field(init=False, repr=False)
    _write_sessions: sessionmaker[Session] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        writer = self.engine.execution_options(**{_WRITE_OPTION: True})
        self._write_sessions = sessionmaker(writer, expire_on_commit=False)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._sessions() as session, session.begin():
            yield session

    @contextmanager
    def write(
        self, user_id: int | None = None, clock: Callable[[], dt.datetime] | None = None
    ) -> Iterator[Session]:
        """One write transaction; the audit log is filled by the flush hook as it goes.

        `clock` stamps created_at/updated_at, so records made under a frozen or demo clock
        carry that clock's time.
        """
        with self._write_sessions() as session:
            session.info[audit.USER_KEY] = user_id if user_id is not None else self.user_id
            if clock is not None:
                session.info[audit.CLOCK_KEY] = clock
            with session.begin():
                yield session

    def dispose(self) -> None:
        self.engine.dispose()


def retry_locked(attempts: int = 5, pause: float = 0.2):  # type: ignore[no-untyped-def]
    """Retry a whole write when SQLite reports a lock past its busy timeout (rare)."""

    def wrap(fn):  # type: ignore[no-untyped-def]
        def inner(*args, **kwargs):  # type: ignore[no-untyped-def]
            for attempt in range(attempts):
                try:
                    return fn(*args, **kwargs)
                except OperationalError as exc:
                    if "locked" not in str(exc).lower() or attempt == attempts - 1:
                        raise
                    time.sleep(pause * (attempt + 1))
            raise AssertionError("unreachable")

        return inner

    return wrap
