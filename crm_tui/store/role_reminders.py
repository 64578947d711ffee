"""Reminders for deals that have gone too long without contact roles (seed 000).

A deal whose participants hold no role `no_roles_reminder_days` after it was created gets
one task for its owner. Once: the task is marked with its origin and a partial unique index
allows one such task per deal, so running this every start, from several processes at
once, never makes a second one, even after the first is done.

The sweep is two set-based statements in one transaction, whatever the number of deals (a
bulk seed leaves tens of thousands due at once): INSERT … SELECT of the tasks, skipping any
deal another process reminded about a moment ago (ON CONFLICT DO NOTHING on the unique
index), then INSERT … SELECT of their "create" rows in the audit log. Core statements do
not pass through the ORM flush that normally writes the audit log, so the second statement
writes the very rows that hook would have written: the change poll of every running app
and a record's history depend on them.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    and_,
    case,
    cast,
    exists,
    func,
    literal,
    null,
    select,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from crm_tui.i18n import _
from crm_tui.store.audit import USER_KEY, audit_text, audited_columns
from crm_tui.store.base import Repository
from crm_tui.store.models import AuditEntry, Deal, Participation, RoleAssignment, Task, utcnow

NO_ROLES_ORIGIN = "no_roles"

#: The reminder's columns taken from its deal; every other column is the same for all.
_FROM_DEAL = {"assignee_id": Deal.owner_id, "client_id": Deal.client_id, "deal_id": Deal.id}


class RoleReminderRepository(Repository):
    kind_name = "task"

    def due(self, now: dt.datetime | None = None) -> list[int]:
        """Open deals old enough, with no role at all and no reminder yet."""
        with self.read() as session:
            return list(session.scalars(self._due_deals(now or self.ctx.now(), Deal.id)))

    def create_role_reminders(self, now: dt.datetime | None = None) -> int:
        """Give each due deal's owner one reminder task; returns how many were made."""
        now = now or self.ctx.now()
        with self.read() as session:  # the usual answer, "none", without taking a write lock
            if session.scalar(self._due_deals(now, Deal.id).limit(1)) is None:
                return 0
        constants = _constant_values(now, _("Assign contact roles: who decides, who pays?"))
        columns = [*constants, *_FROM_DEAL]
        rows = self._due_deals(now, *(_typed(getattr(Task, key), value)
                                      for key, value in constants.items()), *_FROM_DEAL.values())
        with self.write() as session:
            first_new = (session.scalar(select(func.max(Task.id))) or 0) + 1
            insert = self._insert(Task).from_select(columns, rows).on_conflict_do_nothing()
            made = session.execute(insert.execution_options(preserve_rowcount=True)).rowcount
            if made:
                _audit_created(session, first_new, now, constants)
        return made

    def _due_deals(self, now: dt.datetime, *columns: Any) -> Select[Any]:
        cutoff = now - dt.timedelta(days=self.ctx.settings.process.no_roles_reminder_days)
        return (
            select(*columns)
            .where(
                Deal.outcome.is_(None),
                Deal.owner_id.is_not(None),
                Deal.created_at <= cutoff,
                ~exists().where(Participation.deal_id == Deal.id,
                                RoleAssignment.participation_id == Participation.id),
                ~exists().where(Task.deal_id == Deal.id, Task.origin == NO_ROLES_ORIGIN),
            )
            .order_by(Deal.id)
        )

    def _insert(self, model: type) -> Any:
        """The dialect's INSERT, which knows ON CONFLICT DO NOTHING (both databases do)."""
        dialect = postgresql if self.ctx.db.dialect == "postgresql" else sqlite
        return dialect.insert(model)


def _constant_values(now: dt.datetime, title: str) -> dict[str, Any]:
    """What the per-task path wrote into every reminder, save what comes from the deal."""
    return {
        "kind": "other", "title": title, "due_at": now, "author_id": None,
        "contact_id": None, "done_at": None, "outcome": None, "reminded_at": None,
        "origin": NO_ROLES_ORIGIN, "created_at": now, "updated_at": now, "version": 1,
    }


def _typed(column: Any, value: Any) -> ColumnElement[Any]:
    """A constant of the column's type (a bare NULL parameter would be text to PostgreSQL)."""
    return cast(null(), column.type) if value is None else literal(value, column.type)


def _audit_created(session: Session, first_new: int, now: dt.datetime,
                   constants: dict[str, Any]) -> None:
    """The "create" audit rows of the reminders just inserted (ids from `first_new` on).

    The guard against an existing row only matters on PostgreSQL, where another process's
    reminders, committed between our two statements, may have later ids: that process wrote
    their audit rows in the same transaction.
    """
    made = and_(
        Task.id >= first_new,
        Task.origin == NO_ROLES_ORIGIN,
        Task.created_at == now,
        ~exists().where(AuditEntry.table_name == Task.__tablename__,
                        AuditEntry.record_id == Task.id, AuditEntry.action == "create"),
    )
    rows = select(
        literal(utcnow(), AuditEntry.at.type),
        literal(session.info.get(USER_KEY), AuditEntry.user_id.type),
        literal(Task.__tablename__, String),
        Task.id,
        literal("create", String),
        _snapshot(constants),
    ).where(made)
    columns = ["at", "user_id", "table_name", "record_id", "action", "new_value"]
    session.execute(AuditEntry.__table__.insert().from_select(columns, rows))


def _snapshot(constants: dict[str, Any]) -> ColumnElement[str]:
    """The audit hook's JSON snapshot of a new task, built by the database for each row.

    The hook dumps every audited column as text, keys sorted; the constant columns are
    rendered here by the very same code, the per-row ones (ids) are spliced in by SQL.
    """
    parts: list[ColumnElement[str]] = []
    pending = "{"
    for index, key in enumerate(sorted(audited_columns(Task))):
        pending += (", " if index else "") + json.dumps(key) + ": "
        if key in constants:
            pending += json.dumps(audit_text(constants[key]), ensure_ascii=False)
            continue
        column = getattr(Task, key)
        parts += [cast(literal(pending), String),
                  case((column.is_(None), "null"),
                       else_='"' + cast(column, String) + '"')]
        pending = ""
    parts.append(cast(literal(pending + "}"), String))
    snapshot = parts[0]
    for part in parts[1:]:
        snapshot = snapshot + part
    return snapshot


def remind_quietly(reminders: RoleReminderRepository) -> int:
    """Make the due reminders; a read-only guest makes none and is not told."""
    from crm_tui.store.errors import PermissionDenied

    try:
        return reminders.create_role_reminders()
    except PermissionDenied:
        return 0
