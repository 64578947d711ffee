"""The bulk sweep of "no roles yet" reminders, on SQLite and PostgreSQL: every due deal at
once, the same tasks and audit rows the one-by-one path wrote, and never a second time."""

from __future__ import annotations

import json
import threading

import pytest
from sqlalchemy import func, select, text

from crm_tui.schemas.clients import ClientIn, ContactIn
from crm_tui.schemas.deals import DealIn
from crm_tui.store.audit import audited_columns
from crm_tui.store.models import AuditEntry, Deal, Task

TITLE = "Assign contact roles: who decides, who pays?"


def _deal(store, client_id: int, title: str):  # type: ignore[no-untyped-def]
    return store.deals.create(DealIn(title=title, client_id=client_id))


def _reminders(store) -> list[Task]:  # type: ignore[no-untyped-def]
    with store.ctx.db.read() as session:
        return list(session.scalars(
            select(Task).where(Task.origin == "no_roles").order_by(Task.deal_id)))


def _task_audit(store) -> list[AuditEntry]:  # type: ignore[no-untyped-def]
    with store.ctx.db.read() as session:
        return list(session.scalars(
            select(AuditEntry).where(AuditEntry.table_name == "tasks").order_by(AuditEntry.id)))


def test_one_sweep_reminds_every_due_deal_with_its_audit_rows(team, clock) -> None:
    boris, vera, anna = team["boris"], team["vera"], team["anna"]
    client = boris.clients.create(ClientIn(name="ООО Альфа"))
    ivan = boris.contacts.create(ContactIn(full_name="Иванов Иван"), client_id=client.id)
    due = [_deal(boris, client.id, f"Поставка {n}") for n in range(3)]
    due.append(_deal(vera, client.id, "Сервис"))
    staffed = _deal(boris, client.id, "С ролями")
    boris.participants.add("deal", staffed.id, ivan.id, ["influencer"])
    lost = _deal(boris, client.id, "Проиграна")
    with boris.ctx.db.write() as session:
        session.get(Deal, lost.id).outcome = "lost"
    clock.advance(days=2)
    young = _deal(vera, client.id, "Вчерашняя")
    clock.advance(days=1)

    assert anna.role_reminders.create_role_reminders() == len(due)

    tasks = _reminders(anna)
    assert [(t.deal_id, t.assignee_id, t.client_id) for t in tasks] == [
        (d.id, d.owner_id, client.id) for d in due]
    assert {(t.title, t.kind, t.due_at, t.author_id, t.done_at, t.version) for t in tasks} == {
        (TITLE, "other", clock.now, None, None, 1)}
    assert young.id not in {t.deal_id for t in tasks}
    [vera_task] = vera.tasks.open_for(deal_id=due[-1].id)
    assert vera_task.title == TITLE
    audit = _task_audit(anna)
    assert [(a.record_id, a.action, a.user_id) for a in audit] == [
        (t.id, "create", anna.user.id) for t in tasks]
    assert anna.change_marker() == audit[-1].id  # every running app notices the new tasks


def test_the_swept_audit_row_reads_like_the_one_the_audit_hook_writes(team, clock) -> None:
    boris = team["boris"]
    client = boris.clients.create(ClientIn(name="ООО Альфа"))
    swept_deal = _deal(boris, client.id, "Поставка")
    clock.advance(days=3)
    assert boris.role_reminders.create_role_reminders() == 1
    [swept] = _reminders(boris)
    twin_deal = _deal(boris, client.id, "Двойник")
    with boris.ctx.db.write(boris.user.id, clock) as session:  # the ORM path, hook and all
        session.add(Task(**{key: getattr(swept, key) for key in audited_columns(Task) if key != "id"}
                         | {"deal_id": twin_deal.id, "origin": "by_hand"}))
    bulk, hooked = (json.loads(a.new_value) for a in _task_audit(boris))
    assert hooked.pop("deal_id") == str(twin_deal.id)
    assert hooked.pop("origin") == "by_hand"
    assert bulk.pop("deal_id") == str(swept_deal.id) and bulk.pop("origin") == "no_roles"
    assert bulk.pop("id") == str(swept.id)
    assert bulk == {key: value for key, value in hooked.items() if key != "id"}


def test_a_second_sweep_creates_nothing_and_wakes_no_screen(team, clock) -> None:
    boris, hanna = team["boris"], team["hanna"]
    client = boris.clients.create(ClientIn(name="ООО Альфа"))
    deal = _deal(boris, client.id, "Поставка")
    clock.advance(days=3)
    assert boris.role_reminders.create_role_reminders() == 1
    marker = boris.change_marker()
    clock.advance(hours=1)
    assert hanna.role_reminders.create_role_reminders() == 0
    assert boris.change_marker() == marker  # no write, so no app reloads its screen
    assert boris.role_reminders.due() == []
    [task] = boris.tasks.open_for(deal_id=deal.id)
    boris.tasks.complete(task.id, "Роли назначу на встрече")
    marker = boris.change_marker()
    clock.advance(days=7)
    assert hanna.role_reminders.create_role_reminders() == 0  # done is not a reason to remind
    assert len(_reminders(boris)) == 1
    assert boris.change_marker() == marker


@pytest.mark.postgres
def test_a_concurrent_sweep_skips_the_deal_another_is_reminding_about(
        team, clock, db_url) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("SQLite writers queue whole transactions; only PostgreSQL interleaves")
    boris, hanna = team["boris"], team["hanna"]
    client = boris.clients.create(ClientIn(name="ООО Альфа"))
    first, second = (_deal(boris, client.id, f"Поставка {n}") for n in range(2))
    clock.advance(days=3)
    results: list[int] = []
    with boris.ctx.db.write(boris.user.id, clock) as session:  # a process mid-sweep
        session.add(Task(kind="other", title=TITLE, due_at=clock.now, assignee_id=boris.user.id,
                         deal_id=first.id, origin="no_roles"))
        session.flush()
        sweep = threading.Thread(
            target=lambda: results.append(hanna.role_reminders.create_role_reminders()))
        sweep.start()
        _wait_until_blocked(session)
    sweep.join(timeout=60)
    assert results == [1]  # the second deal; the first is the other process's
    tasks = _reminders(boris)
    assert [t.deal_id for t in tasks] == [first.id, second.id]
    assert sorted(a.record_id for a in _task_audit(boris)) == sorted(t.id for t in tasks)


def _wait_until_blocked(session) -> None:  # type: ignore[no-untyped-def]
    """Until another backend waits for a lock this transaction holds (no sleeping guess)."""
    mine = session.scalar(text("SELECT pg_backend_pid()"))
    for _ in range(100_000):
        waiting = session.scalar(
            text("SELECT count(*) FROM pg_stat_activity WHERE :pid = ANY(pg_blocking_pids(pid))"),
            {"pid": mine})
        if waiting:
            return
    raise AssertionError("the concurrent sweep never reached the reminder being made")


def test_a_bulk_seeded_backlog_is_reminded_in_one_statement(team, clock) -> None:
    boris = team["boris"]
    client = boris.clients.create(ClientIn(name="ООО Альфа"))
    with boris.ctx.db.write() as session:  # what `crm-tui seed --scale` leaves: many at once
        template = session.get(Deal, _deal(boris, client.id, "Образец").id)
        session.add_all(Deal(**{c.key: getattr(template, c.key) for c in Deal.__table__.c
                                if c.key != "id"}) for _ in range(1_500))
    clock.advance(days=3)
    assert boris.role_reminders.create_role_reminders() == 1_501
    with boris.ctx.db.read() as session:
        assert session.scalar(select(func.count(func.distinct(Task.deal_id)))) == 1_501
    assert len(_task_audit(boris)) == 1_501
