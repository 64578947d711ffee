"""Stage triggers, run inside the transaction of the move that fires them.

Entering a stage hands out the work it needs (seed 004): a task for the owner or the head of
sales, a field set, a timeline note, an in-app notification. Because they run in the move's
transaction, a trigger that fails undoes the whole move: no half-entered stages.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

from pydantic import TypeAdapter
from sqlalchemy import select
from sqlalchemy.orm import Session

from crm_tui.rules.config import (
    CreateTaskTrigger,
    NotifyTrigger,
    SetFieldTrigger,
    StageConfig,
    WriteActivityTrigger,
)
from crm_tui.schemas.deals import DealIn
from crm_tui.store.base import StoreContext, text_key
from crm_tui.store.models import Activity, Deal, Notification, Task, User


def resolve_recipients(session: Session, deal: Deal, spec: str) -> list[int]:
    """User ids meant by `owner`, `role:<role>` (every active holder) or `user:<login>`.

    A recipient that cannot be found falls back to the deal's owner, so work is never lost.
    """
    kind, _sep, name = spec.partition(":")
    found: list[int] = []
    if kind == "role":
        found = list(
            session.scalars(
                select(User.id)
                .where(User.role == name, User.active.is_(True))
                .order_by(User.id)
            )
        )
    elif kind == "user":
        found = list(
            session.scalars(select(User.id).where(User.login == name, User.active.is_(True)))
        )
    if not found and deal.owner_id is not None:
        found = [deal.owner_id]
    return found


@cache
def _field_type(name: str) -> TypeAdapter[Any]:
    return TypeAdapter(DealIn.model_fields[name].annotation)


def field_value(name: str, value: object) -> Any:
    """A configured value in the column's own type: "2026-05-01" becomes a date, 5 a Decimal."""
    return _field_type(name).validate_python(value, strict=False)


def run_triggers(session: Session, ctx: StoreContext, deal: Deal, stage: StageConfig) -> None:
    """Run every trigger of `stage`, in configured order, once per entry into the stage."""
    now = ctx.now()
    author = ctx.user.id if ctx.user else None
    for trigger in stage.on_enter:
        if isinstance(trigger, CreateTaskTrigger):
            recipients = resolve_recipients(session, deal, trigger.assignee)
            if recipients:
                session.add(
                    Task(
                        kind=trigger.task_type,
                        title=trigger.title,
                        due_at=now + dt.timedelta(days=trigger.due_in_days),
                        assignee_id=recipients[0],
                        author_id=author,
                        client_id=deal.client_id,
                        deal_id=deal.id,
                    )
                )
        elif isinstance(trigger, SetFieldTrigger):
            setattr(deal, trigger.field, field_value(trigger.field, trigger.value))
            if trigger.field == "title":
                deal.title_key = text_key(deal.title)
        elif isinstance(trigger, WriteActivityTrigger):
            session.add(
                Activity(
                    kind=trigger.kind, at=now, author_id=author,
                    client_id=deal.client_id, deal_id=deal.id, body=trigger.text,
                )
            )
        elif isinstance(trigger, NotifyTrigger):
            for user_id in resolve_recipients(session, deal, trigger.recipient):
                session.add(
                    Notification(user_id=user_id, body=f"{trigger.text}: {deal.title}",
                                 deal_id=deal.id, created_at=now)
                )
