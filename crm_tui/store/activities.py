"""The timeline: calls, meetings, e-mails, notes and stage changes on every card."""

from __future__ import annotations

from typing import Literal

from sqlalchemy import and_, select, tuple_

from crm_tui.schemas.common import Page
from crm_tui.schemas.work import ActivityIn, ActivityOut
from crm_tui.store.base import PAGE_SIZE, Repository
from crm_tui.store.errors import InvalidInput, NotFound
from crm_tui.store.models import Activity, Client, Contact, Deal, User

TimelineOf = Literal["client", "contact", "deal"]


def activity_out(activity: Activity, author_name: str | None) -> ActivityOut:
    return ActivityOut(
        id=activity.id, kind=activity.kind, at=activity.at, author_name=author_name,
        body=activity.body, client_id=activity.client_id, contact_id=activity.contact_id,
        deal_id=activity.deal_id, task_id=activity.task_id,
    )


class ActivityRepository(Repository):
    kind_name = "activity"

    def log(self, data: ActivityIn) -> ActivityOut:
        """Record something that happened; a deal's client is filled in from the deal."""
        if not (data.client_id or data.contact_id or data.deal_id):
            from crm_tui.i18n import _

            raise InvalidInput(None, _("An activity must belong to a client, contact or deal."))
        with self.write() as session:
            client_id = data.client_id
            for model, record_id in ((Client, data.client_id), (Contact, data.contact_id),
                                     (Deal, data.deal_id)):
                if record_id is not None and session.get(model, record_id) is None:
                    raise NotFound(model.__tablename__.rstrip("s"), record_id)
            if data.deal_id and client_id is None:
                client_id = session.get(Deal, data.deal_id).client_id
            activity = Activity(
                kind=data.kind, body=data.body or "", at=data.at or self.ctx.now(),
                author_id=self.user.id, client_id=client_id, contact_id=data.contact_id,
                deal_id=data.deal_id,
            )
            session.add(activity)
            session.flush()
            return activity_out(activity, self.user.display_name)

    def timeline(
        self, of: TimelineOf, record_id: int, *, after: tuple | None = None,
        limit: int = PAGE_SIZE,
    ) -> Page[ActivityOut]:
        """Newest first, paged by (at, id)."""
        column = {"client": Activity.client_id, "contact": Activity.contact_id,
                  "deal": Activity.deal_id}[of]
        conditions = [column == record_id]
        if after:
            conditions.append(tuple_(Activity.at, Activity.id) < tuple_(*after))
        with self.read() as session:
            rows = session.execute(
                select(Activity, User.display_name)
                .outerjoin(User, User.id == Activity.author_id)
                .where(and_(*conditions))
                .order_by(Activity.at.desc(), Activity.id.desc())
                .limit(limit + 1)
            ).all()
        more = len(rows) > limit
        rows = rows[:limit]
        cursor = (rows[-1][0].at, rows[-1][0].id) if more and rows else None
        return Page(items=[activity_out(a, n) for a, n in rows], after=cursor)
