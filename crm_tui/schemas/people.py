"""The people side of the cards: who works for a client, and what a person takes part in."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from crm_tui.schemas.common import OutputModel

RecordKind = Literal["deal", "contract", "ticket"]


class ClientPerson(OutputModel):
    """One line of a client's Contacts tab: the link, the person, and where else they work."""

    affiliation_id: int
    affiliation_version: int
    contact_id: int
    full_name: str
    position: str | None
    phone: str | None
    email: str | None
    started_on: dt.date | None
    ended_on: dt.date | None
    other_clients: tuple[str, ...] = ()

    @property
    def current(self) -> bool:
        return self.ended_on is None


class Participation(OutputModel):
    """A contact's part in one deal, contract or ticket, with the roles they play in it."""

    id: int
    kind: RecordKind
    record_id: int
    title: str
    client_id: int
    client_name: str
    roles: tuple[str, ...]
    primary: bool
    stage: str | None = None
    pipeline: str | None = None
    outcome: str | None = None
