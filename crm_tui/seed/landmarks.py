"""Where the benchmark finds the heavy records of a scale dataset.

Read back from the data rather than remembered, so they are right for any database the
scale seed filled: the client with the most deals and the user with the most tasks.
"""

from __future__ import annotations

from sqlalchemy import Select, func, select

from crm_tui.store.db import Database, create_store_engine
from crm_tui.store.models import (
    Activity,
    Affiliation,
    Client,
    Contact,
    ContactPhone,
    Counterparty,
    Deal,
    Task,
    User,
)


def scale_landmarks(url: str) -> dict:
    """The busiest client and manager, with their record counts, and a few handy ids.

    Keys: client_id, client_name, client_contacts, client_counterparties, client_deals,
    client_activities, deal_id (the client's newest deal), contact_id and contact_phone (one
    of its people), manager_id, manager_login, manager_tasks, manager_open_tasks, contacts
    (all contacts). Empty when the database has no deals or tasks.
    """
    engine = create_store_engine(url)
    try:
        with Database(engine).read() as session:
            busiest = session.execute(
                select(Deal.client_id, func.count())
                .group_by(Deal.client_id)
                .order_by(func.count().desc(), Deal.client_id)
                .limit(1)
            ).first()
            worker = session.execute(
                select(Task.assignee_id, func.count())
                .group_by(Task.assignee_id)
                .order_by(func.count().desc(), Task.assignee_id)
                .limit(1)
            ).first()
            if busiest is None or worker is None:
                return {}
            client_id, deals = busiest
            manager_id, tasks = worker

            def count(stmt: Select) -> int:
                return session.scalar(stmt) or 0

            contact = session.execute(
                select(Affiliation.contact_id, ContactPhone.e164)
                .join(ContactPhone, ContactPhone.contact_id == Affiliation.contact_id)
                .where(Affiliation.client_id == client_id, Affiliation.ended_on.is_(None))
                .order_by(Affiliation.contact_id)
                .limit(1)
            ).first()
            return {
                "client_id": client_id,
                "client_name": session.get(Client, client_id).name,
                "client_contacts": count(
                    select(func.count()).select_from(Affiliation).where(
                        Affiliation.client_id == client_id, Affiliation.ended_on.is_(None))
                ),
                "client_counterparties": count(
                    select(func.count()).select_from(Counterparty).where(
                        Counterparty.client_id == client_id)
                ),
                "client_deals": deals,
                "client_activities": count(
                    select(func.count()).select_from(Activity).where(
                        Activity.client_id == client_id)
                ),
                "deal_id": count(select(func.max(Deal.id)).where(Deal.client_id == client_id)),
                "contact_id": contact[0] if contact else None,
                "contact_phone": contact[1] if contact else None,
                "manager_id": manager_id,
                "manager_login": session.get(User, manager_id).login,
                "manager_tasks": tasks,
                "manager_open_tasks": count(
                    select(func.count()).select_from(Task).where(
                        Task.assignee_id == manager_id, Task.done_at.is_(None))
                ),
                "contacts": count(select(func.count()).select_from(Contact)),
            }
    finally:
        engine.dispose()
