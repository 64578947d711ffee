"""What the stage-rule checker needs to know about one deal, filled in by the store.

The checker sees a deal only through these snapshots, so it stays free of SQL and can be
tested with plain values; the store gathers them in the same session that applies a move.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

Outcome = Literal["won", "lost"]


class _Snapshot(BaseModel):
    model_config = ConfigDict(frozen=True)


class ParticipantState(_Snapshot):
    """A contact taking part in the deal, with the roles it plays in this deal only."""

    contact_id: int
    roles: frozenset[str] = frozenset()
    primary: bool = False


class ApprovalState(_Snapshot):
    """One approval request; the checker reads the last one of each kind as the current one."""

    kind: str
    status: Literal["pending", "approved", "rejected"]


class DealState(_Snapshot):
    """A deal as the rules see it: `fields` maps deal field codes to values (None = not set)."""

    deal_id: int | None = None
    pipeline: str
    stage: str
    fields: dict[str, Any] = {}
    participants: list[ParticipantState] = []
    approvals: list[ApprovalState] = []
    open_task_types: list[str] = []
    """The type of every open task of the deal, repeated once per task."""
    outcome: Outcome | None = None
    lost_reason: str | None = None


class TransitionRequest(_Snapshot):
    """A user's request to move a deal; `outcome` and `lost_reason` only when closing it."""

    target_stage: str
    outcome: Outcome | None = None
    lost_reason: str | None = None
