"""The throwaway PostgreSQL server that the store's PostgreSQL tests stand on."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest
from sqlalchemy import create_engine, text

from tests.support import postgres
from tests.support.postgres import (
    PostgresServer,
    PostgresUnavailable,
    create_database,
    drop_database,
    postgres_available,
    require_postgres,
    start_test_server,
)

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def server() -> Iterator[PostgresServer]:
    server = start_test_server()
    yield server
    server.stop()


def _database_names(server: PostgresServer) -> set[str]:
    with psycopg.connect(server.url.replace("+psycopg", "")) as conn:
        return {row[0] for row in conn.execute("SELECT datname FROM pg_database")}


def test_created_database_stores_and_returns_rows_through_sqlalchemy(
    server: PostgresServer,
) -> None:
    url = create_database(server.url, "crm_roundtrip")
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE counterparty (id serial PRIMARY KEY, name text)"))
            conn.execute(
                text("INSERT INTO counterparty (name) VALUES (:name)"),
                {"name": "ООО «Ромашка»"},
            )
        with engine.connect() as conn:
            names = conn.execute(text("SELECT name FROM counterparty")).scalars().all()
            encoding = conn.execute(text("SHOW server_encoding")).scalar_one()
    finally:
        engine.dispose()
    assert names == ["ООО «Ромашка»"]
    assert encoding == "UTF8"
    assert url.endswith(f"@127.0.0.1:{server.port}/crm_roundtrip")


def test_template_copy_has_the_template_rows_and_can_be_dropped(server: PostgresServer) -> None:
    template_engine = create_engine(create_database(server.url, "crm_template"))
    with template_engine.begin() as conn:
        conn.execute(text("CREATE TABLE stage (name text)"))
        conn.execute(text("INSERT INTO stage VALUES ('Квалификация'), ('Договор')"))
    # The pool still holds a session on the template, as a session fixture's engine would.
    copy_url = create_database(server.url, "crm_copy", template="crm_template")
    copy_engine = create_engine(copy_url)
    try:
        with copy_engine.begin() as conn:
            conn.execute(text("DELETE FROM stage WHERE name = 'Договор'"))
        with copy_engine.connect() as conn:
            copied = conn.execute(text("SELECT name FROM stage")).scalars().all()
        # Left connected on purpose: drop_database must disconnect it.
        held = copy_engine.connect()
        drop_database(server.url, "crm_copy")
        held.invalidate()
    finally:
        copy_engine.dispose()
        template_engine.dispose()

    assert copied == ["Квалификация"]
    assert _stage_count(postgres.database_url(server.url, "crm_template")) == 2
    assert "crm_copy" not in _database_names(server)


def _stage_count(url: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM stage")).scalar_one()
    finally:
        engine.dispose()


def test_stop_shuts_the_server_down_and_removes_its_files() -> None:
    if not postgres_available():
        pytest.skip(require_postgres("PostgreSQL is not installed"))
    with PostgresServer() as server:
        base_dir = server.base_dir
        assert base_dir is not None and (base_dir / "data" / "PG_VERSION").exists()
        conninfo = server.url.replace("+psycopg", "")
        with psycopg.connect(conninfo) as conn:
            assert conn.execute("SELECT 1").fetchone() == (1,)
    assert not base_dir.exists()
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(conninfo, connect_timeout=5)


def test_failed_start_reports_the_server_log(monkeypatch: pytest.MonkeyPatch) -> None:
    if not postgres_available():
        pytest.skip(require_postgres("PostgreSQL is not installed"))
    bad_settings = {**postgres._SERVER_SETTINGS, "no_such_setting": "1"}
    monkeypatch.setattr(postgres, "_SERVER_SETTINGS", bad_settings)
    server = PostgresServer()
    expected = 'unrecognized configuration parameter "no_such_setting"'
    with pytest.raises(PostgresUnavailable, match=expected):
        server.start()
    assert server.base_dir is None


def test_missing_postgres_fails_the_run_when_ci_requires_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(postgres, "find_pg_bin", lambda: None)
    monkeypatch.setenv("CRM_TUI_REQUIRE_PG", "1")
    with pytest.raises(PostgresUnavailable, match="CRM_TUI_REQUIRE_PG=1"):
        start_test_server()


def test_missing_postgres_skips_with_a_reason_when_optional(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(postgres, "find_pg_bin", lambda: None)
    monkeypatch.delenv("CRM_TUI_REQUIRE_PG", raising=False)
    with pytest.raises(pytest.skip.Exception, match="PostgreSQL is not installed"):
        start_test_server()
