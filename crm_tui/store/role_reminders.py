"""Reminders for deals that have gone too long without contact roles (seed 000).

A deal whose participants hold no role `no_roles_reminder_days` after it was created gets
one task for its owner. Once: the task is marked with its origin and a partial unique index
allows one such task per deal, so running this every start, from several processes at
once, never makes a second one, even after the first is done.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import exists, select
from sqlalchemy.exc import IntegrityError

from crm_tui.i18n import _
from crm_tui.store.base import Repository
from crm_tui.store.models import Deal, Participation, RoleAssignment, Task

NO_ROLES_ORIGIN = "no_roles"


class RoleReminderRepository(Repository):
    kind_name = "task"

    def due(self, now: dt.datetime | None = None) -> list[int]:
        """Open deals old enough, with no role at all and no reminder yet."""
        now = now or self.ctx.now()
        cutoff = now - dt.timedelta(days=self.ctx.settings.process.no_roles_reminder_days)
        with self.read() as session:
            return list(session.scalars(
                select(Deal.id)
                .where(
                    Deal.outcome.is_(None),
                    Deal.owner_id.is_not(None),
                    Deal.created_at <= cutoff,
                    ~exists().where(Participation.deal_id == Deal.id,
                                    RoleAssignment.participation_id == Participation.id),
                    ~exists().where(Task.deal_id == Deal.id, Task.origin == NO_ROLES_ORIGIN),
                )
                .order_by(Deal.id)
            ))

    def create_role_reminders(self, now: dt.datetime | None = None) -> int:
        """Give each due deal's owner one reminder task; returns how many were made."""
        now = now or self.ctx.now()
        deal_ids = self.due(now)
        if not deal_ids:
            return 0
        made = 0
        with self.write() as session:
            for deal in session.scalars(select(Deal).where(Deal.id.in_(deal_ids))):
                try:
                    with session.begin_nested():
                        session.add(Task(
                            kind="other",
                            title=_("Assign contact roles: who decides, who pays?"),
                            due_at=now, assignee_id=deal.owner_id, author_id=None,
                            client_id=deal.client_id, deal_id=deal.id,
                            origin=NO_ROLES_ORIGIN, created_at=now, updated_at=now,
                        ))
                    made += 1
                except IntegrityError:
                    continue  # another process reminded about this deal a moment ago
        return made


def remind_quietly(reminders: RoleReminderRepository) -> int:
    """Make the due reminders at start-up; a read-only guest makes none and is not told."""
    from crm_tui.store.errors import PermissionDenied

    try:
        return reminders.create_role_reminders()
    except PermissionDenied:
        return 0
