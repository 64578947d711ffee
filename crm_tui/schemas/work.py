"""Tasks, activities (the timeline) and notifications; leads live in `schemas.leads`."""

from __future__ import annotations

import datetime as dt

from pydantic import field_validator

from crm_tui.schemas.common import ActivityKind, InputModel, OutputModel, TaskType
from crm_tui.schemas.leads import LeadIn as LeadIn  # re-exported: the old import path
from crm_tui.schemas.leads import LeadOut as LeadOut
from crm_tui.validation import CleanStr, CleanText


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


class NotificationOut(OutputModel):
    id: int
    body: str
    deal_id: int | None
    created_at: dt.datetime
    read_at: dt.datetime | None
