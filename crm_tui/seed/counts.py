"""How many records of each kind a database holds: what the seed summary reports."""

from __future__ import annotations

from sqlalchemy import func, select

from crm_tui.store.db import Database
from crm_tui.store.models import (
    Activity,
    Client,
    Contact,
    Counterparty,
    Deal,
    Lead,
    Task,
    User,
)

COUNTED = {
    "users": User,
    "clients": Client,
    "counterparties": Counterparty,
    "contacts": Contact,
    "deals": Deal,
    "tasks": Task,
    "activities": Activity,
    "leads": Lead,
}


def count_records(db: Database) -> dict[str, int]:
    with db.read() as session:
        return {
            name: session.scalar(select(func.count()).select_from(model)) or 0
            for name, model in COUNTED.items()
        }
