"""The `crm-tui` command line: help, migrate, backup, users, and clear errors for bad input."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_cli(*args: str, env: dict | None = None, timeout: float = 120):  # type: ignore[no-untyped-def]
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "crm_tui", *args], cwd=ROOT, capture_output=True, text=True,
        timeout=timeout, env=full_env,
    )


def test_help_documents_the_options_and_subcommands() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    for word in ("--db", "--config", "--lang", "seed", "migrate", "backup"):
        assert word in result.stdout


def test_help_in_russian() -> None:
    result = run_cli("--lang", "ru", "migrate", "--help")
    assert result.returncode == 0


def test_bad_config_is_a_sentence_and_exit_code_2(tmp_path: Path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text('timezone = "Mars/Olympus"\n', encoding="utf-8")
    result = run_cli("--config", str(config), "migrate")
    assert result.returncode == 2
    assert "bad.toml" in result.stderr and "timezone" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_explicit_config_is_refused(tmp_path: Path) -> None:
    result = run_cli("--config", str(tmp_path / "nope.toml"), "migrate")
    assert result.returncode == 2
    assert "nope.toml" in result.stderr


def test_migrate_creates_then_reports_up_to_date(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'crm.db'}"
    first = run_cli("--db", url, "migrate")
    assert first.returncode == 0, first.stderr
    again = run_cli("--db", url, "migrate")
    assert again.returncode == 0 and "up to date" in again.stdout


def test_migrate_backs_up_a_database_that_is_behind(tmp_path: Path) -> None:
    from crm_tui.store import schema
    from crm_tui.store.db import create_store_engine

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_store_engine(url)
    schema.upgrade(engine, "0001")
    assert schema.state(engine) == "behind"
    engine.dispose()
    refused = run_cli("--db", url, "user", "list")
    assert refused.returncode == 2 and "crm-tui migrate" in refused.stderr
    result = run_cli("--db", url, "migrate")
    assert result.returncode == 0, result.stderr
    assert "Backup written" in result.stdout
    assert list(tmp_path.glob("old-backup-*.db"))
    engine = create_store_engine(url)
    assert schema.state(engine) == "current"
    engine.dispose()


def test_app_refuses_a_database_from_a_newer_version(sqlite_url: str) -> None:
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = 'ffffffffffff'")
    conn.commit()
    conn.close()
    result = run_cli("--db", sqlite_url, "user", "list")
    assert result.returncode == 2
    assert "newer crm-tui" in result.stderr and "Traceback" not in result.stderr


def test_backup_copies_the_database(tmp_path: Path, sqlite_url: str) -> None:
    target = tmp_path / "copy.db"
    result = run_cli("--db", sqlite_url, "backup", str(target))
    assert result.returncode == 0, result.stderr
    conn = sqlite3.connect(target)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    conn.close()
    assert {"clients", "deals", "audit_log"} <= tables


def test_user_add_and_list(sqlite_url: str) -> None:
    added = run_cli("--db", sqlite_url, "user", "add", "ivanova", "--name", "Анна Иванова",
                    "--role", "head_of_sales")
    assert added.returncode == 0, added.stderr
    listed = run_cli("--db", sqlite_url, "user", "list")
    assert "ivanova\thead_of_sales\tАнна Иванова" in listed.stdout
    again = run_cli("--db", sqlite_url, "user", "add", "ivanova")
    assert again.returncode == 2 and "taken" in again.stderr


def test_unsupported_database_url_is_a_clear_error() -> None:
    result = run_cli("--db", "mysql://x@y/z", "user", "list")
    assert result.returncode == 2
    assert "unsupported database" in result.stderr and "Traceback" not in result.stderr
