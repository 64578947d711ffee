"""Deals, their stage history, approvals and participants with roles."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import Field

from crm_tui.schemas.common import InputModel, Outcome, OutputModel
from crm_tui.validation import CleanStr, CleanText


class DealIn(InputModel):
    title: CleanStr
    description: CleanText = None
    client_id: int
    counterparty_id: int | None = None
    pipeline: str = "sales"
    amount: Decimal | None = Field(default=None, ge=0, max_digits=18, decimal_places=2)
    currency: str = Field(default="RUB", min_length=3, max_length=3)
    discount: Decimal | None = Field(default=None, ge=0, le=100, decimal_places=2)
    owner_id: int | None = None
    expected_close: dt.date | None = None
    lead_id: int | None = None


class DealUpdate(InputModel):
    """Fields a user edits on the deal form (stage moves go through `move_deal`)."""

    title: CleanStr
    description: CleanText = None
    counterparty_id: int | None = None
    amount: Decimal | None = Field(default=None, ge=0, max_digits=18, decimal_places=2)
    currency: str = Field(default="RUB", min_length=3, max_length=3)
    discount: Decimal | None = Field(default=None, ge=0, le=100, decimal_places=2)
    owner_id: int | None = None
    expected_close: dt.date | None = None


class DealOut(OutputModel):
    id: int
    title: str
    description: str | None
    client_id: int
    client_name: str
    counterparty_id: int | None
    counterparty_name: str | None
    pipeline: str
    stage: str
    amount: Decimal | None
    currency: str
    discount: Decimal | None
    owner_id: int | None
    owner_name: str | None
    expected_close: dt.date | None
    outcome: Outcome | None
    lost_reason: str | None
    lead_id: int | None
    stage_entered_at: dt.datetime
    created_at: dt.datetime
    closed_at: dt.datetime | None
    version: int


class DealCard(OutputModel):
    """A deal as the board shows it."""

    id: int
    title: str
    client_name: str
    amount: Decimal | None
    currency: str
    owner_id: int | None = None
    owner_name: str | None
    stage: str
    stage_entered_at: dt.datetime
    outcome: Outcome | None = None
    missing_key_roles: tuple[str, ...] = ()


class StageSummary(OutputModel):
    stage: str
    count: int
    total: Decimal


class StageChangeOut(OutputModel):
    at: dt.datetime
    from_stage: str | None
    to_stage: str
    user_name: str | None


class ParticipantOut(OutputModel):
    id: int
    contact_id: int
    contact_name: str
    position: str | None
    roles: tuple[str, ...]
    primary: bool
    current_at_client: bool = True
    left_client: bool = False  # worked for the record's client once, no longer does
    version: int


class ApprovalOut(OutputModel):
    id: int
    deal_id: int
    kind: str
    status: str
    reason: str | None
    requested_by: str | None
    requested_at: dt.datetime | None = None
    decided_by: str | None
    decided_at: dt.datetime | None
    version: int


class MoveRequest(InputModel):
    target_stage: str
    outcome: Outcome | None = None
    lost_reason: str | None = None
    note: CleanText = None
