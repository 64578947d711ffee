"""Leads: the input of the lead form, what the lead list and card show, and conversion.

`LeadIn` and `LeadOut` are also importable from `crm_tui.schemas.work`, where they began.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field

from crm_tui.schemas.common import ClientKind, InputModel, LeadStatus, OutputModel
from crm_tui.validation import (
    BlankAsNone,
    CleanStr,
    CleanText,
    Email,
    OptionalCleanStr,
    Phone,
    max_chars,
)

DuplicateKind = Literal["client", "contact", "lead"]
DuplicateReason = Literal["phone", "email", "company", "name"]


class LeadIn(InputModel):
    """A new lead as the form or an import gives it; the store scores and assigns it.

    `owner_id` is a manual choice of the responsible (another user's only by the head of
    sales); left out, the configured assignment strategy decides.
    """

    name: Annotated[CleanStr, max_chars(300)]
    company: Annotated[OptionalCleanStr, max_chars(300)] = None
    phone: Annotated[Phone | None, BlankAsNone] = None
    email: Annotated[Email | None, BlankAsNone] = None
    source: Annotated[OptionalCleanStr, max_chars(100)] = None
    owner_id: int | None = None


class LeadOut(OutputModel):
    id: int
    name: str
    company: str | None
    phone: str | None
    email: str | None
    source: str | None
    status: LeadStatus
    score: int
    refusal_reason: str | None
    owner_id: int | None
    owner_name: str | None = None
    client_id: int | None
    contact_id: int | None
    deal_id: int | None
    created_at: dt.datetime
    version: int


class LeadDuplicate(OutputModel):
    """A known record that may be the same person or company as the lead."""

    kind: DuplicateKind
    id: int
    name: str
    reason: DuplicateReason
    similarity: int = 100
    status: str | None = None  # a lead's status, a contact's mark (junk, competitor)


class LeadCreated(OutputModel):
    """The saved lead, what it may duplicate, and why nobody was assigned (if so)."""

    lead: LeadOut
    duplicates: list[LeadDuplicate] = []
    assignment_note: str | None = None


class ScoreLine(OutputModel):
    points: int
    label: str


class LeadLink(OutputModel):
    """What the lead became: a client, a contact or a deal, to open from the lead card."""

    kind: Literal["client", "contact", "deal"]
    id: int
    title: str


class LeadCard(OutputModel):
    """Everything the lead card shows, read in one go."""

    lead: LeadOut
    score_lines: list[ScoreLine] = []
    duplicates: list[LeadDuplicate] = []
    links: list[LeadLink] = []


class LeadStatusCount(OutputModel):
    status: LeadStatus
    count: int


class ConvertRequest(InputModel):
    """How to convert a lead: which client and contact, and whether to open a deal.

    A `client_id` links the lead to an existing client (the user chose it); without one a
    client is created, named `client_name` or, failing that, after the lead's company or
    the person. Likewise `contact_id` reuses a known contact (the duplicate check offers
    them); without one the person becomes a new contact of the client.
    """

    client_id: int | None = None
    client_name: Annotated[OptionalCleanStr, max_chars(300)] = None
    client_kind: ClientKind | None = None
    contact_id: int | None = None
    create_deal: bool = False
    pipeline: str = "sales"
    deal_title: Annotated[OptionalCleanStr, max_chars(300)] = None
    amount: Decimal | None = Field(default=None, ge=0, max_digits=18, decimal_places=2)
    note: CleanText = None


class Conversion(OutputModel):
    """The converted lead and the records it became."""

    lead: LeadOut
    client_id: int
    client_created: bool
    contact_id: int
    contact_created: bool
    deal_id: int | None = None


RefusalReason = Annotated[CleanStr, max_chars(2000)]
