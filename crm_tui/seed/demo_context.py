"""The state the demo seed carries from step to step: who acts, when, and what exists so far.

The demo writes through the repositories, as a team would through the app, so the audit
log, stage history and triggers are the real ones. To make that history span weeks rather
than the second the seed runs in, the store's clock is a `DemoClock` the seed sets before
each action, and `act` signs in the user who would have done it.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from faker import Faker

from crm_tui.schemas.common import UserOut
from crm_tui.seed.names import City
from crm_tui.seed.stage_needs import StageNeeds
from crm_tui.store.store import Store


class DemoClock:
    """A clock the seed moves by hand; never later than the demo's `now`."""

    def __init__(self, now: dt.datetime) -> None:
        self.limit = now
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def set(self, when: dt.datetime) -> dt.datetime:
        self.now = min(when, self.limit)
        return self.now


@dataclass
class DemoContact:
    id: int
    name: str
    position: str
    role: str
    """The contact role this person usually plays (from the job title)."""


@dataclass
class DemoClient:
    id: int
    name: str
    kind: str
    owner: UserOut
    city: City
    counterparties: list[int] = field(default_factory=list)
    contacts: list[DemoContact] = field(default_factory=list)
    deals: list[int] = field(default_factory=list)
    open_deals: dict[int, StageNeeds] = field(default_factory=dict)
    """Deals not yet closed, with what their stage demands (some open tasks are not allowed)."""

    def contact_for(self, role: str) -> DemoContact | None:
        """The contact who would play `role`: by job title, else the decision maker, else any."""
        for wanted in (role, "decision_maker"):
            for contact in self.contacts:
                if contact.role == wanted:
                    return contact
        return self.contacts[0] if self.contacts else None


@dataclass
class DemoTeam:
    admin: UserOut
    head: UserOut
    managers: list[UserOut]

    @property
    def everyone(self) -> list[UserOut]:
        return [self.admin, self.head, *self.managers]

    def by_id(self, user_id: int | None) -> UserOut:
        return next((u for u in self.everyone if u.id == user_id), self.head)


@dataclass
class DemoContext:
    store: Store
    rng: random.Random
    fake: Faker
    now: dt.datetime
    clock: DemoClock
    team: DemoTeam | None = None
    clients: list[DemoClient] = field(default_factory=list)
    emails: set[str] = field(default_factory=set)
    """Addresses handed out so far: two namesakes at one firm get distinct ones."""

    def act(self, user: UserOut) -> None:
        self.store.ctx.user = user

    def days_ago(self, days: float) -> dt.datetime:
        """A moment `days` before now, set on the clock."""
        return self.clock.set(self.now - dt.timedelta(days=days))

    @property
    def members(self) -> DemoTeam:
        if self.team is None:
            raise RuntimeError("the team is created first")
        return self.team
