"""Shared fixtures: a frozen clock, migrated databases on SQLite and PostgreSQL, stores."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

# No test reads the developer's own configuration or data directory.
os.environ["CRM_TUI_CONFIG"] = str(Path(__file__).parent / "data" / "no-such-config.toml")
os.environ.setdefault("TZ", "UTC")

from crm_tui.i18n import set_language  # noqa: E402

set_language("en")

from tests.support.postgres import (  # noqa: E402
    create_database,
    drop_database,
    start_test_server,
)

FROZEN_NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)  # a Monday, 12:00 in Moscow


class FrozenClock:
    """A controllable clock: tests move time on explicitly, never by sleeping."""

    def __init__(self, now: dt.datetime = FROZEN_NOW) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> dt.datetime:
        self.now = self.now + dt.timedelta(**delta)
        return self.now


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock()


@pytest.fixture
def settings():  # type: ignore[no-untyped-def]
    from crm_tui.config import Settings

    return Settings()


# -- SQLite -----------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database migrated to head once per worker; tests get copies of the file."""
    from crm_tui.store import schema
    from crm_tui.store.db import create_store_engine

    path = tmp_path_factory.mktemp("template") / "template.db"
    engine = create_store_engine(f"sqlite:///{path}")
    schema.upgrade(engine)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture
def sqlite_url(sqlite_template: Path, tmp_path: Path) -> str:
    target = tmp_path / "crm.db"
    shutil.copyfile(sqlite_template, target)
    return f"sqlite:///{target}"


# -- PostgreSQL ---------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    server = start_test_server()
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture(scope="session")
def pg_template(pg_server: str) -> str:
    from crm_tui.store import schema
    from crm_tui.store.db import create_store_engine

    url = create_database(pg_server, "crm_template")
    engine = create_store_engine(url)
    schema.upgrade(engine)
    engine.dispose()
    return "crm_template"


@pytest.fixture
def pg_url(pg_server: str, pg_template: str) -> Iterator[str]:
    name = f"crm_{uuid.uuid4().hex[:12]}"
    url = create_database(pg_server, name, template=pg_template)
    yield url
    drop_database(pg_server, name)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_engine(request: pytest.FixtureRequest, tmp_path: Path):  # type: ignore[no-untyped-def]
    """An engine on a database with no tables at all (for migration tests), on both kinds."""
    from crm_tui.store.db import create_store_engine

    if request.param == "sqlite":
        engine = create_store_engine(f"sqlite:///{tmp_path / 'old.db'}")
        yield engine
        engine.dispose()
        return
    server = request.getfixturevalue("pg_server")
    name = f"crm_empty_{uuid.uuid4().hex[:10]}"
    engine = create_store_engine(create_database(server, name))
    yield engine
    engine.dispose()
    drop_database(server, name)


# -- Stores on both databases -------------------------------------------------------------------
@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest) -> str:
    """Every store test runs once on SQLite and once on the suite's own PostgreSQL server."""
    if request.param == "sqlite":
        return request.getfixturevalue("sqlite_url")
    return request.getfixturevalue("pg_url")


StoreFactory = Callable[..., "Store"]  # noqa: F821


@pytest.fixture
def open_as(db_url: str, settings, clock: FrozenClock):  # type: ignore[no-untyped-def]
    """Open the test database as a given login; the first one opened becomes admin."""
    from crm_tui.store.store import open_store

    opened = []

    def _open(login: str = "anna", **kwargs):  # type: ignore[no-untyped-def]
        store = open_store(db_url, kwargs.pop("settings", settings), login=login, clock=clock,
                           **kwargs)
        opened.append(store)
        return store

    yield _open
    for store in opened:
        store.close()


@pytest.fixture
def team(open_as):  # type: ignore[no-untyped-def]
    """anna (admin), hanna (head of sales), boris and vera (managers), each with a store."""
    admin = open_as("anna")
    admin.users.add("hanna", "Hanna Head", "head_of_sales")
    admin.users.add("boris", "Boris Manager", "manager")
    admin.users.add("vera", "Vera Manager", "manager")
    return {
        "anna": admin,
        "hanna": open_as("hanna"),
        "boris": open_as("boris"),
        "vera": open_as("vera"),
    }


# -- The app ------------------------------------------------------------------------------------
@pytest.fixture
def app_store(sqlite_url: str, settings, clock: FrozenClock):  # type: ignore[no-untyped-def]
    """A store on a fresh SQLite copy, signed in as anna (admin), with the frozen clock.

    UI tests fill it through the repositories; the status line shows only the file name
    (crm.db), so snapshots do not depend on the temp directory.
    """
    from crm_tui.store.store import open_store

    store = open_store(sqlite_url, settings, login="anna", clock=clock)
    yield store
    store.close()


@pytest.fixture
def make_test_app(settings):  # type: ignore[no-untyped-def]
    """Build the app the way `crm-tui` does, without polling for other users' changes
    (nor the start-up sweep of role reminders: tests that want it ask for it)."""
    from crm_tui.app import make_app

    def _make(store, **kwargs):  # type: ignore[no-untyped-def]
        kwargs.setdefault("poll_changes", False)
        kwargs.setdefault("offer_demo", False)
        kwargs.setdefault("sweep_reminders", False)
        return make_app(kwargs.pop("settings", settings), store, **kwargs)

    return _make
