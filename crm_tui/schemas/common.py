"""Pieces shared by the record schemas."""

from __future__ import annotations

import datetime as dt
from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict

T = TypeVar("T")

ClientKind = Literal["organisation", "sole_trader", "person"]
Priority = Literal["low", "normal", "high"]
Relationship = Literal["client", "partner", "supplier", "other"]
# How the team treats a person: a junk or competitor mark makes their leads score 0.
ContactStatus = Literal["active", "junk", "competitor"]
Channel = Literal["phone", "email", "messenger", "meeting", "any"]
UserRole = Literal["manager", "head_of_sales", "admin"]
TaskType = Literal["call", "email", "meeting", "proposal", "other"]
ActivityKind = Literal["call", "meeting", "email", "note", "stage_change", "system"]
LeadStatus = Literal["new", "qualified", "junk", "converted", "refused"]
Outcome = Literal["won", "lost"]


class InputModel(BaseModel):
    """Validating input: strips strings, forbids unknown fields."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class OutputModel(BaseModel):
    model_config = ConfigDict(frozen=True, from_attributes=True)


class Page(OutputModel, Generic[T]):
    """One keyset page: `after` is the cursor to pass for the next page (None at the end)."""

    items: list[T]
    after: tuple | None = None


class UserOut(OutputModel):
    id: int
    login: str
    display_name: str
    role: UserRole
    active: bool
    version: int

    @property
    def is_head(self) -> bool:
        return self.role in ("head_of_sales", "admin")


class AuditOut(OutputModel):
    id: int
    at: dt.datetime
    user_name: str | None
    table_name: str
    record_id: int
    action: str
    field: str | None
    old_value: str | None
    new_value: str | None
