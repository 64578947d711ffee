"""Tasks, activities (the timeline), leads and notifications."""

from __future__ import annotations

import datetime as dt

from pydantic import Field, field_validator

from crm_tui.schemas.common import ActivityKind, InputModel, LeadStatus, OutputModel, TaskType
from crm_tui.validation import CleanStr, CleanText, Email, OptionalCleanStr, Phone


class TaskIn(InputModel):
    kind: TaskType = "call"
    title: CleanStr
    due_at: dt.datetime
    assignee_id: int | None = None
    client_id: int | None = None
    contact_id: int | None = None
    deal_id: int | None = None

    @field_validator("due_at")
    @classmethod
    def _aware(cls, value: dt.datetime) -> dt.datetime:
        if value.tzinfo is None:
            raise ValueError("due time needs a time zone")
        return value


class TaskOut(OutputModel):
    id: int
    kind: TaskType
    title: str
    due_at: dt.datetime
    assignee_id: int
    assignee_name: str | None
    author_id: int | None
    client_id: int | None
    client_name: str | None = None
    contact_id: int | None
    contact_name: str | None = None
    deal_id: int | None
    deal_title: str | None = None
    done_at: dt.datetime | None
    outcome: str | None
    version: int


class ActivityIn(InputModel):
    kind: ActivityKind = "note"
    body: CleanText = None
    at: dt.datetime | None = None
    client_id: int | None = None
    contact_id: int | None = None
    deal_id: int | None = None


class ActivityOut(OutputModel):
    id: int
    kind: ActivityKind
    at: dt.datetime
    author_name: str | None
    body: str
    client_id: int | None
    contact_id: int | None
    deal_id: int | None
    task_id: int | None


class LeadIn(InputModel):
    name: CleanStr
    company: OptionalCleanStr = None
    phone: Phone | None = None
    email: Email | None = None
    source: OptionalCleanStr = None
    score: int = Field(default=0, ge=0, le=100)


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
    client_id: int | None
    contact_id: int | None
    deal_id: int | None
    created_at: dt.datetime
    version: int


class NotificationOut(OutputModel):
    id: int
    body: str
    deal_id: int | None
    created_at: dt.datetime
    read_at: dt.datetime | None
