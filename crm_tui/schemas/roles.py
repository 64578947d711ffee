"""Contact roles as the screens see them: the catalogue, a contact's roles across records,
the missing-key-roles report and the quarterly role audit."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from crm_tui.schemas.common import OutputModel

RecordKind = Literal["deal", "contract", "ticket"]
AuditSection = Literal["left_client", "stale_contacts", "no_primary"]


class RoleOut(OutputModel):
    """One catalogue role; `name` is in the UI language, inactive roles keep their old name."""

    code: str
    name: str
    key: bool
    active: bool


class RoleUsage(OutputModel):
    """How much a role is used: its assignments and the records they belong to."""

    code: str
    assignments: int
    records: int


class CatalogueSaved(OutputModel):
    """What saving the role catalogue did to the database."""

    removed_assignments: int
    deactivated: tuple[str, ...]


class RecordRef(OutputModel):
    """A deal, contract or ticket named for a header or a report line."""

    kind: RecordKind
    id: int
    title: str
    client_id: int
    client_name: str
    status: str
    status_name: str
    open: bool


class RoleHolding(OutputModel):
    """The part one contact plays in one record (a line on the contact's card)."""

    kind: RecordKind
    record_id: int
    title: str
    client_name: str
    status: str
    status_name: str
    open: bool
    roles: tuple[str, ...]
    role_names: tuple[str, ...]
    primary: bool


class MissingRolesCell(OutputModel):
    """How many open deals of one manager at one stage lack a key role."""

    owner_id: int | None
    owner_name: str | None
    stage: str
    count: int


class MissingRolesRow(OutputModel):
    """An open deal lacking at least one key role."""

    id: int
    title: str
    client_name: str
    owner_id: int | None
    owner_name: str | None
    stage: str
    created_at: dt.datetime
    missing: tuple[str, ...]


class AuditLine(OutputModel):
    """One thing the quarterly role audit asks someone to fix.

    `since` is when the contact left the client (left_client), their last activity or, with
    none, when they were added (stale_contacts); `reason` says why a deal has no usable
    primary contact: "no_participants", "no_primary" or "primary_left" (no_primary).
    """

    section: AuditSection
    key: int
    kind: RecordKind
    record_id: int
    title: str
    client_name: str
    owner_name: str | None
    contact_id: int | None = None
    contact_name: str | None = None
    roles: tuple[str, ...] = ()
    since: dt.date | dt.datetime | None = None
    reason: str | None = None


class AuditCounts(OutputModel):
    left_client: int
    stale_contacts: int
    no_primary: int
