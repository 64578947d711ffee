"""Scale phases 5–7: tasks around `now`, the timelines, and leads in every status.

Manager 0 gets the landmark's 5,000 tasks on their own clients; everyone else's tasks follow
their clients. A task linked to a deal is done once the deal is closed, and never stays open
where the deal's stage rules demand that kind of task be closed.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

from sqlalchemy import Connection

from crm_tui.config import Settings
from crm_tui.seed import requisites
from crm_tui.seed.bulk import next_id
from crm_tui.seed.names import MALE_FIRST, PATRONYMICS, SURNAMES, latin
from crm_tui.seed.scale_state import ScaleState
from crm_tui.seed.texts import (
    ACTIVITY_BODIES,
    LEAD_REFUSALS,
    LEAD_SOURCES,
    TASK_OUTCOMES,
    TASK_TITLES,
)
from crm_tui.store.base import text_key
from crm_tui.store.models import Activity, Client, Deal, Lead, Task

CHUNK = 10_000
TASK_COLUMNS = ("id", "kind", "title", "due_at", "assignee_id", "author_id", "client_id",
                "contact_id", "deal_id", "done_at", "outcome", "version", "created_at",
                "updated_at")
ACTIVITY_COLUMNS = ("id", "kind", "at", "author_id", "client_id", "contact_id", "deal_id", "body")
LEAD_COLUMNS = ("id", "name", "name_key", "company", "phone", "email", "source", "status", "score",
                "refusal_reason", "owner_id", "client_id", "contact_id", "deal_id", "version",
                "created_at", "updated_at")
TASK_KINDS = tuple(TASK_TITLES)
ACTIVITY_KINDS = ("call", "email", "meeting", "note")
ACTIVITY_WEIGHTS = (35, 30, 15, 20)
LEAD_STATUSES = ("new", "qualified", "junk", "converted", "refused")
LEAD_WEIGHTS = (40, 20, 15, 15, 10)


def _end_of_local_day(now: dt.datetime, timezone: str) -> dt.datetime:
    zone = zoneinfo.ZoneInfo(timezone)
    local = now.astimezone(zone)
    return dt.datetime.combine(local.date() + dt.timedelta(days=1), dt.time(), zone).astimezone(
        dt.UTC)


def write_tasks(state: ScaleState, connection: Connection, settings: Settings) -> None:
    """Done, overdue, due today and upcoming tasks in about 45/15/10/30 proportions."""
    rng = state.rng
    random = rng.random
    sizes = state.sizes
    ident = next_id(connection, Task.__table__)
    now = state.now
    left_today = _end_of_local_day(now, settings.timezone) - now
    busy = state.landmark_manager
    own = [i for i, owner in enumerate(state.client_owner) if owner == busy] or [0]
    for start in range(0, sizes.tasks, CHUNK):
        rows = []
        for index in range(start, min(start + CHUNK, sizes.tasks)):
            client = rng.choice(own) if index < sizes.landmark_tasks else state.other_client(rng)
            assignee = busy if index < sizes.landmark_tasks else state.client_owner[client]
            author = assignee if random() < 0.9 else rng.choice(state.head_ids)
            kind = TASK_KINDS[int(random() * len(TASK_KINDS))]
            draw = random()
            done = draw < 0.45
            deal_id = None
            deals = state.client_deals[client]
            if deals and random() < 0.4:
                deal = deals[int(random() * len(deals))]
                deal_id = deal.id
                if deal.closed:
                    done = True
                elif not done and deal.needs.forbids_open(kind):
                    kind = "call"
                    done = deal.needs.forbids_open(kind)
            if done:
                due = state.days_ago(random() * 365 + 0.5)
            elif draw < 0.60:
                due = state.days_ago(random() * 30 + 0.05)
            elif draw < 0.70:
                due = now + left_today * (0.05 + random() * 0.9)
            else:
                due = now + dt.timedelta(days=random() * 60 + 1)
            people = state.client_contacts[client]
            contact = (state.contact_id(people[int(random() * len(people))])
                       if people and random() < 0.6 else None)
            titles = TASK_TITLES[kind]
            created = min(due, now) - dt.timedelta(days=random() * 10)
            done_at = min(due + dt.timedelta(hours=random() * 48), now) if done else None
            rows.append((
                ident, kind, titles[int(random() * len(titles))], due, assignee, author,
                state.client_ids[client], contact, deal_id, done_at,
                TASK_OUTCOMES[int(random() * len(TASK_OUTCOMES))] if done else None, 1, created,
                done_at or created,
            ))
            ident += 1
        state.writer.write(Task.__table__, TASK_COLUMNS, rows)


def write_activities(state: ScaleState, connection: Connection) -> None:
    """Calls, e-mails, meetings and notes over two years; the landmark client gets 1,000."""
    rng = state.rng
    random = rng.random
    sizes = state.sizes
    ident = next_id(connection, Activity.__table__)
    for start in range(0, sizes.activities, CHUNK):
        rows = []
        for index in range(start, min(start + CHUNK, sizes.activities)):
            client = 0 if index < sizes.landmark_activities else state.other_client(rng)
            kind = rng.choices(ACTIVITY_KINDS, weights=ACTIVITY_WEIGHTS)[0]
            bodies = ACTIVITY_BODIES[kind]
            people = state.client_contacts[client]
            deals = state.client_deals[client]
            rows.append((
                ident, kind, state.days_ago(random() * 730), state.client_owner[client],
                state.client_ids[client],
                state.contact_id(people[int(random() * len(people))])
                if people and random() < 0.5 else None,
                deals[int(random() * len(deals))].id if deals and random() < 0.3 else None,
                bodies[int(random() * len(bodies))],
            ))
            ident += 1
        state.writer.write(Activity.__table__, ACTIVITY_COLUMNS, rows)


def write_leads(state: ScaleState, connection: Connection) -> None:
    """N/10 leads; a converted one is linked both ways to its client and that client's deal."""
    rng = state.rng
    random = rng.random
    sizes = state.sizes
    ident = next_id(connection, Lead.__table__)
    taken: set[int] = {0}
    client_links: list[tuple[int, int]] = []
    deal_links: list[tuple[int, int]] = []
    rows = []
    for index in range(sizes.leads):
        status = rng.choices(LEAD_STATUSES, weights=LEAD_WEIGHTS)[0]
        client = state.other_client(rng)
        if status == "converted" and client in taken:
            status = "qualified"
        surname = rng.choice(SURNAMES)[0]
        name = f"{surname} {rng.choice(MALE_FIRST)} {rng.choice(PATRONYMICS)[0]}"
        phone = requisites.mobile_phone(state.phones(sizes.contacts + index))
        company = f"ООО «{rng.choice(SURNAMES)[0]}-{rng.choice(('Трейд', 'Снаб', 'Строй'))}»"
        client_id = contact_id = deal_id = None
        owner = None if status == "new" else rng.choice(state.manager_ids)
        if status == "converted":
            taken.add(client)
            client_id = state.client_ids[client]
            owner = state.client_owner[client]
            company = state.client_name[client]
            people = state.client_contacts[client]
            if people:
                contact_id = state.contact_id(people[0])
                phone = requisites.mobile_phone(state.phones(people[0]))
            if state.client_deals[client]:
                deal_id = state.client_deals[client][0].id
                deal_links.append((ident, deal_id))
            client_links.append((ident, client_id))
        created = state.days_ago(random() * 365)
        rows.append((
            ident, name, text_key(name), company if status != "junk" else None, phone,
            f"{latin(surname)}{index}@mail.ru" if random() < 0.7 else None,
            rng.choice(LEAD_SOURCES), status, 0 if status == "junk" else rng.randrange(5, 100),
            rng.choice(LEAD_REFUSALS) if status == "refused" else None,
            owner, client_id, contact_id, deal_id, 1, created, created,
        ))
        ident += 1
        if len(rows) >= CHUNK:
            state.writer.write(Lead.__table__, LEAD_COLUMNS, rows)
            rows = []
    state.writer.write(Lead.__table__, LEAD_COLUMNS, rows)
    state.writer.set_column(Client.__table__, "lead_id", client_links)
    state.writer.set_column(Deal.__table__, "lead_id", deal_links)
