"""Migrations on both databases, and the refusal to run on a schema that does not match."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from crm_tui.store import schema
from crm_tui.store.db import create_store_engine
from crm_tui.store.errors import SchemaMismatch
from crm_tui.store.models import Base


@pytest.fixture
def engine(db_url):  # type: ignore[no-untyped-def]
    engine = create_store_engine(db_url)
    yield engine
    engine.dispose()


def test_migrations_match_the_models(engine) -> None:
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == [], "models changed without a migration: " + repr(diff)


def test_downgrade_to_base_and_upgrade_again(engine) -> None:
    assert schema.state(engine) == "current"
    schema.downgrade(engine, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    assert schema.state(engine) == "empty"
    schema.upgrade(engine)
    assert schema.state(engine) == "current"
    assert "deals" in inspect(engine).get_table_names()


def test_a_database_behind_the_code_is_refused_with_advice(engine) -> None:
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = 'ffffffffffff'")
    assert schema.state(engine) == "ahead"
    with pytest.raises(SchemaMismatch, match="newer crm-tui"):
        schema.ensure_current(engine)


def test_an_empty_database_is_created_on_first_use(tmp_path) -> None:
    engine = create_store_engine(f"sqlite:///{tmp_path / 'new.db'}")
    schema.ensure_current(engine)
    assert schema.state(engine) == "current"
    engine.dispose()


def test_sqlite_connections_use_wal_foreign_keys_and_full_sync(sqlite_url) -> None:
    engine = create_store_engine(sqlite_url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    engine.dispose()


def test_the_head_read_from_the_migration_files_is_alembics_head(tmp_path) -> None:
    """Start-up trusts the revision lines of the files (no Alembic import); they must agree."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(schema.MIGRATIONS))
    assert schema.code_head() == ScriptDirectory.from_config(cfg).get_current_head()


def test_opening_a_current_database_does_not_load_alembic(tmp_path) -> None:
    """Alembic is ~0.3 s of every start; only migrating needs it."""
    import subprocess
    import sys

    from crm_tui.config import Settings
    from crm_tui.store.store import open_store

    url = f"sqlite:///{tmp_path / 'crm.db'}"
    open_store(url, Settings(), sign_in=False).close()  # created: at the head revision
    code = (
        "import sys\n"
        "from crm_tui.config import Settings\n"
        "from crm_tui.store.store import open_store\n"
        f"open_store({url!r}, Settings(), sign_in=False).close()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"
