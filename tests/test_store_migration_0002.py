"""Migration 0002 (contract/ticket search keys, task origin) on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, text

from crm_tui.store import schema
from crm_tui.store.models import Base

STAMP = "'2026-01-01 00:00:00'"



def _old_data(engine: Engine) -> None:
    """A 0001 database with a contract, a ticket and a participant of the contract."""
    with engine.begin() as conn:
        for sql in (
            "INSERT INTO clients (id, name, name_key, kind, priority, archived, created_at,"
            f" updated_at, version) VALUES (1, 'Альфа', 'альфа', 'organisation', 'normal',"
            f" false, {STAMP}, {STAMP}, 1)",
            "INSERT INTO contracts (id, client_id, number, status, created_at, updated_at,"
            f" version) VALUES (1, 1, 'ДОГ-Ёлка', 'draft', {STAMP}, {STAMP}, 1)",
            "INSERT INTO tickets (id, client_id, subject, status, created_at, updated_at,"
            f" version) VALUES (1, 1, 'Касса', 'open', {STAMP}, {STAMP}, 1)",
            "INSERT INTO contacts (id, full_name, name_key, relationship, priority, status,"
            f" created_at, updated_at, version) VALUES (1, 'Иван', 'иван', 'client', 'normal',"
            f" 'active', {STAMP}, {STAMP}, 1)",
            "INSERT INTO participations (id, contact_id, contract_id, is_primary, created_at,"
            f" updated_at, version) VALUES (1, 1, 1, true, {STAMP}, {STAMP}, 1)",
        ):
            conn.execute(text(sql))


def test_0002_fills_search_keys_and_matches_the_models(empty_engine: Engine) -> None:
    schema.upgrade(empty_engine, "0001")
    _old_data(empty_engine)
    schema.upgrade(empty_engine)
    assert schema.state(empty_engine) == "current"
    with empty_engine.connect() as conn:
        assert conn.execute(text("SELECT number_key FROM contracts")).scalar() == "дог-елка"
        assert conn.execute(text("SELECT subject_key FROM tickets")).scalar() == "касса"
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_0002_downgrades_without_touching_the_rows_that_reference_its_tables(
        empty_engine: Engine) -> None:
    schema.upgrade(empty_engine, "0001")
    _old_data(empty_engine)
    schema.upgrade(empty_engine)
    schema.downgrade(empty_engine, "0001")
    assert schema.current_revision(empty_engine) == "0001"
    with empty_engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM participations")).scalar() == 1
        assert conn.execute(text("SELECT number FROM contracts")).scalar() == "ДОГ-Ёлка"
    schema.upgrade(empty_engine)
    assert schema.state(empty_engine) == "current"
