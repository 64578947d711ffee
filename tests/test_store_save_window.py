"""A deal save reads before it takes the write lock; the version check still catches everyone.

`DealRepository.update` reads, checks rights and looks up the names it shows before its write
transaction, which holds the lock only for the version-checked UPDATE, its audit rows and
the commit. These tests put another user's save exactly into the gap between the two, and
check that on SQLite a writer waits for a held lock instead of failing, and that commits
stay fully durable unless a caller chooses otherwise.
"""

from __future__ import annotations

import sqlite3
import threading
from contextlib import contextmanager
from decimal import Decimal

import pytest
from sqlalchemy import select

from crm_tui.schemas.clients import CounterpartyIn
from crm_tui.schemas.deals import DealUpdate
from crm_tui.store.db import create_store_engine
from crm_tui.store.errors import ConflictError
from crm_tui.store.models import AuditEntry
from tests.support.deals import make_deal


def _form(deal, **changes) -> DealUpdate:  # type: ignore[no-untyped-def]
    values = {name: getattr(deal, name) for name in DealUpdate.model_fields}
    return DealUpdate(**{**values, **changes})


def _between_read_and_write(monkeypatch, repository, action) -> None:  # type: ignore[no-untyped-def]
    """Run `action` once, after `repository` has read and just before it starts writing."""
    original = repository.write

    @contextmanager
    def write_later():  # type: ignore[no-untyped-def]
        monkeypatch.setattr(repository, "write", original)
        action()
        with original() as session:
            yield session

    monkeypatch.setattr(repository, "write", write_later)


def test_a_save_landing_between_read_and_write_is_a_named_conflict(team, monkeypatch) -> None:
    boris, hanna = team["boris"], team["hanna"]
    deal = make_deal(boris)
    _between_read_and_write(monkeypatch, boris.deals, lambda: hanna.deals.update(
        deal.id, deal.version, _form(deal, amount=Decimal(900_000))))
    with pytest.raises(ConflictError) as conflict:
        boris.deals.update(deal.id, deal.version, _form(deal, title="Версия Бориса"))
    assert conflict.value.changed_by == "Hanna Head"
    assert "amount" in conflict.value.fields
    kept = boris.deals.get(deal.id)
    assert (kept.title, kept.amount) == (deal.title, Decimal(900_000))
    assert kept.version == deal.version + 1
    # Reloaded, Boris's save goes through on top of Hanna's.
    saved = boris.deals.update(kept.id, kept.version, _form(kept, title="Версия Бориса"))
    assert (saved.title, saved.amount) == ("Версия Бориса", Decimal(900_000))


def test_the_saved_deal_shows_its_new_owner_and_counterparty(team) -> None:
    boris, hanna, vera = team["boris"], team["hanna"], team["vera"]
    deal = make_deal(boris)
    other = boris.counterparties.add(deal.client_id, CounterpartyIn(
        name="ИП Смирнов", legal_form="ИП", inn="500100732259"))
    saved = hanna.deals.update(deal.id, deal.version, _form(
        deal, owner_id=vera.user.id, counterparty_id=other.id, amount=Decimal(5)))
    assert (saved.owner_name, saved.counterparty_name) == ("Vera Manager", "ИП Смирнов")
    assert saved == hanna.deals.get(deal.id)
    assert saved.version == deal.version + 1


def test_a_deal_save_writes_its_audit_rows(team) -> None:
    boris = team["boris"]
    deal = make_deal(boris, amount=100)
    boris.deals.update(deal.id, deal.version, _form(deal, amount=Decimal(250)))
    with boris.ctx.db.read() as session:
        rows = session.execute(
            select(AuditEntry.field, AuditEntry.old_value, AuditEntry.new_value,
                   AuditEntry.user_id)
            .where(AuditEntry.table_name == "deals", AuditEntry.record_id == deal.id,
                   AuditEntry.action == "update")
        ).all()
    [(field, old, new, user_id)] = rows
    assert (field, Decimal(old), Decimal(new), user_id) == ("amount", 100, 250, boris.user.id)


def _hold_write_lock(path: str) -> sqlite3.Connection:
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    return other


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_writer_waits_for_a_held_sqlite_lock_instead_of_failing(sqlite_url, open_as) -> None:
    store = open_as("anna")
    deal = make_deal(store)
    other = _hold_write_lock(sqlite_url.removeprefix("sqlite:///"))
    outcome: list[object] = []

    def save() -> None:
        try:
            outcome.append(store.deals.update(deal.id, deal.version, _form(deal, amount=7)))
        except Exception as exc:  # reported below
            outcome.append(exc)

    saver = threading.Thread(target=save)
    saver.start()
    saver.join(0.3)
    assert outcome == []  # still queued: a refusal would already be here
    other.rollback()
    other.close()
    saver.join(30)
    [saved] = outcome
    assert not isinstance(saved, Exception), saved
    assert store.deals.get(deal.id).amount == Decimal(7)


@pytest.mark.parametrize(("chosen", "pragma"), [(None, 2), ("FULL", 2), ("NORMAL", 1)])
def test_sqlite_durability_is_full_unless_normal_is_chosen(sqlite_url, chosen, pragma) -> None:
    options = {} if chosen is None else {"synchronous": chosen}
    engine = create_store_engine(sqlite_url, **options)
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == pragma
    finally:
        engine.dispose()


def test_an_unknown_durability_is_refused(sqlite_url) -> None:
    with pytest.raises(ValueError, match="FULL, NORMAL"):
        create_store_engine(sqlite_url, synchronous="OFF")
