"""Knobs of the sales processes (seed 004): reminders, audits, approvals and assignment."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from crm_tui.rules.defaults import DISCOUNT_LIMIT

AssignmentStrategy = Literal["usual_manager", "round_robin", "manual"]


def _default_client_fields() -> list[str]:
    return ["segment", "industry", "legal_address", "owner"]


def _default_contact_fields() -> list[str]:
    return ["position", "phones", "emails", "preferred_channel"]


class ProcessConfig(BaseModel):
    """Numbers the head of sales tunes without a release.

    The important-field lists drive the card-quality report: the seeds warn against overlong
    cards, so only the fields named here count towards a card being "complete".
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    no_roles_reminder_days: int = Field(default=3, ge=1)
    stale_contact_days: int = Field(default=90, ge=1)
    discount_approval_threshold: float = Field(default=DISCOUNT_LIMIT, ge=0, le=100)
    important_client_fields: list[str] = Field(default_factory=_default_client_fields)
    important_contact_fields: list[str] = Field(default_factory=_default_contact_fields)
    change_poll_seconds: float = Field(default=5.0, gt=0)
    assignment_strategy: AssignmentStrategy = "usual_manager"
    # A usual manager with more open deals than this is overloaded: the head decides instead.
    usual_manager_max_open_deals: int = Field(default=15, ge=0)
