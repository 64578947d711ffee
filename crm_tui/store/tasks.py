"""Tasks: work to do on a due date; completing one leaves an activity on the timeline.

The inbox groups (overdue, today, tomorrow, this week, later, recently done) follow the
user's configured time zone: `crm_tui.due_times` turns their calendar into UTC bounds and
the queries here compare the stored UTC times with them, counting in SQL.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ColumnElement, and_, case, func, or_, select, update
from sqlalchemy.orm import Session

from crm_tui.due_times import InboxBounds, inbox_bounds
from crm_tui.i18n import _
from crm_tui.schemas.common import Page
from crm_tui.schemas.inbox import INBOX_GROUPS, InboxFilter, InboxGroup
from crm_tui.schemas.work import TaskIn, TaskOut
from crm_tui.store.base import PAGE_SIZE, Repository
from crm_tui.store.errors import InvalidInput, NotFound
from crm_tui.store.models import Activity, Client, Contact, Deal, Task, User
from crm_tui.validation import clean_text

#: At most this many reminders are handed out by one poll; the rest come with the next.
REMINDER_BATCH = 50

# What kind of timeline entry a completed task leaves behind.
ACTIVITY_FOR_TASK = {"call": "call", "email": "email", "meeting": "meeting",
                     "proposal": "email", "other": "note"}


def task_out(session: Session, task: Task) -> TaskOut:
    """One task as the screens show it (after a flush, so the names are current)."""
    _id, *names = session.execute(_named(select(Task.id)).where(Task.id == task.id)).one()
    return _row_out(task, *names)


def _row_out(task: Task, assignee: str | None, client: str | None, contact: str | None,
             deal: str | None) -> TaskOut:
    data = {c.key: getattr(task, c.key) for c in Task.__mapper__.column_attrs}
    data.update(assignee_name=assignee, client_name=client, contact_name=contact,
                deal_title=deal)
    return TaskOut.model_validate(data)


def _named(stmt):  # type: ignore[no-untyped-def]
    """`stmt` (a select of Task) with the names an inbox row shows, in one query."""
    return (
        stmt.add_columns(User.display_name, Client.name, Contact.full_name, Deal.title)
        .outerjoin(User, User.id == Task.assignee_id)
        .outerjoin(Client, Client.id == Task.client_id)
        .outerjoin(Contact, Contact.id == Task.contact_id)
        .outerjoin(Deal, Deal.id == Task.deal_id)
    )


def _in_group(group: InboxGroup, b: InboxBounds) -> ColumnElement[bool]:
    open_ = Task.done_at.is_(None)
    due = Task.due_at
    return {
        "overdue": and_(open_, due < b.now),
        "today": and_(open_, due >= b.now, due < b.tomorrow),
        "tomorrow": and_(open_, due >= b.tomorrow, due < b.day_after),
        "week": and_(open_, due >= b.day_after, due < b.next_week),
        "later": and_(open_, due >= b.next_week),
        "done": Task.done_at >= b.done_since,
    }[group]


class TaskRepository(Repository):
    kind_name = "task"

    def create(self, data: TaskIn) -> TaskOut:
        """A task for oneself; only the head of sales (or an admin) assigns to others."""
        assignee_id = data.assignee_id or self.user.id
        if assignee_id != self.user.id:
            self.require_head(_("assign tasks to other managers"))
        with self.write() as session:
            assignee = session.get(User, assignee_id)
            if assignee is None or not assignee.active:
                raise InvalidInput("assignee_id", _("There is no active user to assign to."))
            client_id = data.client_id
            for model, record_id, kind in ((Client, data.client_id, "client"),
                                           (Contact, data.contact_id, "contact"),
                                           (Deal, data.deal_id, "deal")):
                if record_id is not None and session.get(model, record_id) is None:
                    raise NotFound(kind, record_id)
            if data.deal_id and client_id is None:
                client_id = session.get(Deal, data.deal_id).client_id
            task = Task(
                kind=data.kind, title=data.title, due_at=data.due_at, assignee_id=assignee_id,
                author_id=self.user.id, client_id=client_id, contact_id=data.contact_id,
                deal_id=data.deal_id,
            )
            session.add(task)
            session.flush()
            return task_out(session, task)

    def get(self, task_id: int) -> TaskOut:
        with self.read() as session:
            row = session.execute(_named(select(Task)).where(Task.id == task_id)).first()
        if row is None:
            raise NotFound(self.kind_name, task_id)
        return _row_out(*row)

    def _own_or_head(self, task: Task) -> None:
        if task.assignee_id != self.user.id and task.author_id != self.user.id:
            self.require_head(_("change another manager's task"))

    def complete(self, task_id: int, outcome: str, version: int | None = None) -> TaskOut:
        """Done, with an outcome; the linked records' timelines get the matching activity."""
        outcome = clean_text(outcome, multiline=True)
        if not outcome:
            raise InvalidInput("outcome", _("Say how it went: the outcome is required."))
        with self.write() as session:
            task = self.load(session, Task, task_id, lock=True)
            self.check_version(session, task, version)
            self._own_or_head(task)
            if task.done_at is not None:
                raise InvalidInput(None, _("This task is already done."))
            now = self.ctx.now()
            task.done_at = now
            task.outcome = outcome
            session.add(
                Activity(
                    kind=ACTIVITY_FOR_TASK[task.kind], at=now, author_id=self.user.id,
                    client_id=task.client_id, contact_id=task.contact_id, deal_id=task.deal_id,
                    task_id=task.id, body=f"{task.title}\n{outcome}",
                )
            )
            session.flush()
            return task_out(session, task)

    def reschedule(self, task_id: int, due_at: dt.datetime, version: int | None = None) -> TaskOut:
        if due_at.tzinfo is None:
            raise InvalidInput("due_at", _("The due time needs a time zone."))
        with self.write() as session:
            task = self.load(session, Task, task_id, lock=True)
            self.check_version(session, task, version)
            self._own_or_head(task)
            if task.done_at is not None:
                raise InvalidInput(None, _("This task is already done."))
            task.due_at = due_at
            task.reminded_at = None
            session.flush()
            return task_out(session, task)

    def open_for(self, *, deal_id: int | None = None, client_id: int | None = None,
                 contact_id: int | None = None, limit: int = 200) -> list[TaskOut]:
        """Open tasks linked to one record, soonest first (a card shows a handful)."""
        stmt = select(Task).where(Task.done_at.is_(None))
        if deal_id is not None:
            stmt = stmt.where(Task.deal_id == deal_id)
        if client_id is not None:
            stmt = stmt.where(Task.client_id == client_id)
        if contact_id is not None:
            stmt = stmt.where(Task.contact_id == contact_id)
        with self.read() as session:
            rows = session.execute(_named(stmt).order_by(Task.due_at, Task.id).limit(limit)).all()
        return [_row_out(*row) for row in rows]

    # -- the inbox ---------------------------------------------------------------------------
    def bounds(self) -> InboxBounds:
        """Where today, tomorrow and this week begin for the user, as UTC instants."""
        return inbox_bounds(self.ctx.now(), self.ctx.settings.timezone)

    def _scope(self, which: InboxFilter) -> list[ColumnElement[bool]]:
        conditions: list[ColumnElement[bool]] = []
        if which.everyone:
            self.require_head(_("see the whole team's tasks"))
        else:
            assignee_id = which.assignee_id or self.user.id
            if assignee_id != self.user.id:
                self.require_head(_("see another manager's tasks"))
            conditions.append(Task.assignee_id == assignee_id)
        if which.kind is not None:
            conditions.append(Task.kind == which.kind)
        if which.link == "deal":
            conditions.append(Task.deal_id.is_not(None))
        elif which.link == "contact":
            conditions += [Task.deal_id.is_(None), Task.contact_id.is_not(None)]
        elif which.link == "client":
            conditions += [Task.deal_id.is_(None), Task.contact_id.is_(None),
                           Task.client_id.is_not(None)]
        return conditions

    def inbox_counts(self, which: InboxFilter | None = None) -> dict[InboxGroup, int]:
        """How many tasks each inbox group holds, counted by the database in one query."""
        which = which or InboxFilter()
        conditions = self._scope(which)
        b = self.bounds()
        sums = [func.coalesce(func.sum(case((_in_group(g, b), 1), else_=0)), 0)
                for g in INBOX_GROUPS]
        stmt = select(*sums).where(
            and_(True, *conditions),
            or_(Task.done_at.is_(None), Task.done_at >= b.done_since),
        )
        with self.read() as session:
            row = session.execute(stmt).one()
        return {group: int(count) for group, count in zip(INBOX_GROUPS, row, strict=True)}

    def inbox_page(
        self,
        group: InboxGroup,
        which: InboxFilter | None = None,
        *,
        after: tuple | None = None,
        limit: int = PAGE_SIZE,
    ) -> Page[TaskOut]:
        """One keyset page of a group: open tasks soonest due first, done ones latest first."""
        which = which or InboxFilter()
        conditions = [*self._scope(which), _in_group(group, self.bounds())]
        if group == "done":
            order = (Task.done_at.desc(), Task.id.desc())
            if after:
                at, last_id = after
                conditions.append(or_(Task.done_at < at,
                                      and_(Task.done_at == at, Task.id < last_id)))
        else:
            order = (Task.due_at.asc(), Task.id.asc())
            if after:
                at, last_id = after
                conditions.append(or_(Task.due_at > at,
                                      and_(Task.due_at == at, Task.id > last_id)))
        stmt = _named(select(Task)).where(and_(*conditions)).order_by(*order).limit(limit + 1)
        with self.read() as session:
            rows = session.execute(stmt).all()
        more = len(rows) > limit
        rows = rows[:limit]
        items = [_row_out(*row) for row in rows]
        cursor = None
        if more and rows:
            last = items[-1]
            cursor = (last.done_at if group == "done" else last.due_at, last.id)
        return Page(items=items, after=cursor)

    def due_counts(self, user_id: int | None = None) -> tuple[int, int]:
        """(overdue, due later today) open tasks of one user: the numbers on the status line."""
        counts = self._open_counts(InboxFilter(assignee_id=user_id))
        return counts["overdue"], counts["today"]

    def _open_counts(self, which: InboxFilter) -> dict[str, int]:
        conditions = self._scope(which)
        b = self.bounds()
        stmt = select(
            func.coalesce(func.sum(case((Task.due_at < b.now, 1), else_=0)), 0),
            func.coalesce(func.sum(case((Task.due_at >= b.now, 1), else_=0)), 0),
        ).where(and_(True, *conditions), Task.done_at.is_(None), Task.due_at < b.tomorrow)
        with self.read() as session:
            overdue, today = session.execute(stmt).one()
        return {"overdue": int(overdue), "today": int(today)}

    # -- reminders ---------------------------------------------------------------------------
    def due_between(self, start: dt.datetime, end: dt.datetime) -> list[TaskOut]:
        """The signed-in user's open tasks falling due in (start, end] not yet reminded of.

        They are marked reminded in the same call, so a poll hands each task out once (a
        snooze clears the mark). The mark is no edit of the task: no version bump, no audit
        entry, so it neither makes anyone's open form stale nor wakes every screen up.
        """
        if self.ctx.user is None or self.ctx.readonly:
            return []
        conditions = (
            Task.assignee_id == self.user.id, Task.done_at.is_(None),
            Task.reminded_at.is_(None), Task.due_at > start, Task.due_at <= end,
        )
        with self.read() as session:
            found = session.scalars(select(Task.id).where(*conditions).limit(1)).first()
        if found is None:  # the usual case: one cheap indexed read, no write
            return []
        with self.write() as session:
            stmt = (select(Task.id).where(*conditions)
                    .order_by(Task.due_at, Task.id).limit(REMINDER_BATCH))
            if self.ctx.db.dialect == "postgresql":
                stmt = stmt.with_for_update(skip_locked=True)
            ids = list(session.scalars(stmt))
            if not ids:
                return []
            session.execute(
                update(Task).where(Task.id.in_(ids))
                .values(reminded_at=self.ctx.now(), updated_at=Task.updated_at)
                .execution_options(synchronize_session=False)
            )
            rows = session.execute(
                _named(select(Task)).where(Task.id.in_(ids)).order_by(Task.due_at, Task.id)
            ).all()
            return [_row_out(*row) for row in rows]
