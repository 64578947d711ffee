"""Escalation of deals lost for price or terms (seed 004, process 5).

A deal closed as lost for a reason the configuration marks `escalate` is handed one step up
the ladder manager → head of sales → admin: the next one becomes its responsible, gets a task
to review the loss, and the previous owner is told. Runs inside the closing move's
transaction, so a failed escalation undoes the close too.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm_tui.i18n import _, get_language
from crm_tui.store.models import Activity, Deal, Notification, Task, User

LADDER = ("manager", "head_of_sales", "admin")


def next_responsible(session: Session, current_owner_id: int | None) -> User | None:
    """The first active user one rung above the current owner (None at the top)."""
    owner = session.get(User, current_owner_id) if current_owner_id else None
    start = LADDER.index(owner.role) + 1 if owner is not None else 1
    for role in LADDER[start:]:
        user = session.scalars(
            select(User).where(User.role == role, User.active.is_(True)).order_by(User.id)
        ).first()
        if user is not None:
            return user
    return None


def escalate_lost_deal(session: Session, ctx, deal: Deal, reason_code: str | None) -> User | None:  # type: ignore[no-untyped-def]
    """Hand the deal up the ladder if its lost reason is one that escalates."""
    reasons = {r.code: r for r in ctx.settings.lost_reasons}
    reason = reasons.get(reason_code or "")
    if reason is None or not reason.escalate:
        return None
    successor = next_responsible(session, deal.owner_id)
    if successor is None:
        return None
    now = ctx.now()
    previous = deal.owner_id
    reason_name = reason.name_ru if get_language() == "ru" else reason.name_en
    deal.owner_id = successor.id
    session.add(
        Task(
            kind="call",
            title=_("Review the lost deal (escalated: {reason})", reason=reason_name),
            due_at=now + dt.timedelta(days=1),
            assignee_id=successor.id,
            author_id=ctx.user.id if ctx.user else None,
            client_id=deal.client_id,
            deal_id=deal.id,
        )
    )
    session.add(
        Activity(
            kind="system", at=now, author_id=ctx.user.id if ctx.user else None,
            client_id=deal.client_id, deal_id=deal.id,
            body=_("Escalated to {name}: lost for {reason}", name=successor.display_name,
                   reason=reason_name),
        )
    )
    if previous is not None and previous != successor.id:
        session.add(
            Notification(
                user_id=previous, deal_id=deal.id, created_at=now,
                body=_("Your lost deal {title} was escalated to {name}", title=deal.title,
                       name=successor.display_name),
            )
        )
    return successor
