"""The sizes of a scale dataset and what its phases hand on to each other.

Proportions follow N contacts: N/5 clients, about 1.2 counterparties per client, N/2 deals,
N/2 tasks, N activities, N/10 leads. Client 0 and manager 0 are the benchmark's landmarks:
a client with 50 contacts, 20 counterparties, 200 deals and 1,000 activities, and a manager
with 5,000 tasks; below about N = 50,000 they shrink to a fifth of each total so the rest of
the data keeps its shape.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import NamedTuple

from crm_tui.seed.bulk import BulkWriter
from crm_tui.seed.requisites import PHONE_SPACE, Scatter
from crm_tui.seed.stage_needs import StageNeeds

MANAGERS = 50
HEADS = 2
LANDMARK_CONTACTS = 50
LANDMARK_COUNTERPARTIES = 20
LANDMARK_DEALS = 200
LANDMARK_ACTIVITIES = 1_000
LANDMARK_TASKS = 5_000


@dataclass(frozen=True)
class ScaleSizes:
    contacts: int

    @property
    def clients(self) -> int:
        return max(2, self.contacts // 5)

    @property
    def deals(self) -> int:
        return self.contacts // 2

    @property
    def tasks(self) -> int:
        return self.contacts // 2

    @property
    def activities(self) -> int:
        return self.contacts

    @property
    def leads(self) -> int:
        return self.contacts // 10

    @property
    def landmark_contacts(self) -> int:
        return min(LANDMARK_CONTACTS, self.contacts // 10)

    @property
    def landmark_counterparties(self) -> int:
        return LANDMARK_COUNTERPARTIES

    @property
    def landmark_deals(self) -> int:
        return min(LANDMARK_DEALS, self.deals // 5)

    @property
    def landmark_activities(self) -> int:
        return min(LANDMARK_ACTIVITIES, self.activities // 5)

    @property
    def landmark_tasks(self) -> int:
        return min(LANDMARK_TASKS, self.tasks // 5)


class DealFacts(NamedTuple):
    """What later phases need to know about one deal."""

    id: int
    needs: StageNeeds
    """Everything its stage required: tasks linked to it must not break these rules."""
    closed: bool
    """Won or lost: work on it is done."""


@dataclass
class ScaleState:
    """Built phase by phase; later phases link their rows to earlier ones by these ids."""

    sizes: ScaleSizes
    rng: random.Random
    now: dt.datetime
    writer: BulkWriter
    phones: Scatter = field(init=False)
    admin_id: int = 0
    head_ids: list[int] = field(default_factory=list)
    manager_ids: list[int] = field(default_factory=list)
    client_ids: list[int] = field(default_factory=list)
    client_owner: list[int] = field(default_factory=list)
    client_kind: list[str] = field(default_factory=list)
    client_name: list[str] = field(default_factory=list)
    client_domain: list[str] = field(default_factory=list)
    client_city: list[int] = field(default_factory=list)
    client_counterparty: list[int] = field(default_factory=list)
    """The client's main counterparty id, 0 when it has none (a private person)."""
    client_contacts: list[list[int]] = field(default_factory=list)
    """Contact indexes (0-based) per client; the contact's id is `first_contact_id + index`."""
    client_deals: list[list[DealFacts]] = field(default_factory=list)
    first_contact_id: int = 1
    contact_role: bytearray = field(default_factory=bytearray)
    """Per contact, the index in `texts.POSITIONS` of its job (and so its usual role)."""

    def __post_init__(self) -> None:
        self.phones = Scatter(PHONE_SPACE, self.rng)

    def contact_id(self, index: int) -> int:
        return self.first_contact_id + index

    @property
    def landmark_manager(self) -> int:
        return self.manager_ids[0]

    def other_client(self, rng: random.Random) -> int:
        """A client index other than the landmark client (which gets its share explicitly)."""
        count = len(self.client_ids)
        return 1 + rng.randrange(count - 1) if count > 1 else 0

    def days_ago(self, days: float) -> dt.datetime:
        return self.now - dt.timedelta(days=days)
