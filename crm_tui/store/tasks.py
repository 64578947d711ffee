"""Tasks: work to do on a due date; completing one leaves an activity on the timeline."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from crm_tui.i18n import _
from crm_tui.schemas.work import TaskIn, TaskOut
from crm_tui.store.base import Repository
from crm_tui.store.errors import InvalidInput, NotFound
from crm_tui.store.models import Activity, Client, Contact, Deal, Task, User
from crm_tui.validation import clean_text

# What kind of timeline entry a completed task leaves behind.
ACTIVITY_FOR_TASK = {"call": "call", "email": "email", "meeting": "meeting",
                     "proposal": "email", "other": "note"}


def task_out(session, task: Task) -> TaskOut:  # type: ignore[no-untyped-def]
    assignee = session.get(User, task.assignee_id)
    client = session.get(Client, task.client_id) if task.client_id else None
    contact = session.get(Contact, task.contact_id) if task.contact_id else None
    deal = session.get(Deal, task.deal_id) if task.deal_id else None
    data = {c.key: getattr(task, c.key) for c in Task.__mapper__.column_attrs}
    data.update(
        assignee_name=assignee.display_name if assignee else None,
        client_name=client.name if client else None,
        contact_name=contact.full_name if contact else None,
        deal_title=deal.title if deal else None,
    )
    return TaskOut.model_validate(data)


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
            return task_out(session, self.load(session, Task, task_id))

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
            tasks = session.scalars(stmt.order_by(Task.due_at, Task.id).limit(limit)).all()
            return [task_out(session, t) for t in tasks]
