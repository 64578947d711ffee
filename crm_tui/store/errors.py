"""Errors the store raises; each carries a sentence a user can act on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from crm_tui.i18n import N_, _

RECORD_KINDS = {
    "record": N_("record"),
    "user": N_("user"),
    "client": N_("client"),
    "counterparty": N_("counterparty"),
    "contact": N_("contact"),
    "affiliation": N_("contact link"),
    "deal": N_("deal"),
    "contract": N_("contract"),
    "ticket": N_("ticket"),
    "participant": N_("participant"),
    "task": N_("task"),
    "activity": N_("activity"),
    "lead": N_("lead"),
    "approval": N_("approval"),
}


def kind_name(kind: str) -> str:
    """The translated name of a record kind (the code itself if it has none)."""
    return _(RECORD_KINDS[kind]) if kind in RECORD_KINDS else kind


class StoreError(Exception):
    """Base class: `str(exc)` is a translated sentence for the user."""


class NotFound(StoreError):
    def __init__(self, kind: str, record_id: int | str) -> None:
        self.kind = kind
        self.record_id = record_id
        super().__init__(
            _("{kind} #{id} no longer exists", kind=kind_name(kind), id=record_id)
        )


class ConflictError(StoreError):
    """A save against a record that someone else changed since it was read."""

    def __init__(
        self,
        kind: str,
        record_id: int,
        changed_by: str | None,
        changed_at: dt.datetime | None,
        fields: Sequence[str] = (),
    ) -> None:
        self.kind = kind
        self.record_id = record_id
        self.changed_by = changed_by
        self.changed_at = changed_at
        self.fields = list(fields)
        who = changed_by or _("another user")
        when = changed_at.strftime("%Y-%m-%d %H:%M UTC") if changed_at else "?"
        what = ", ".join(self.fields) if self.fields else _("the record")
        super().__init__(
            _(
                "{who} changed {what} of this {kind} at {when} after you opened it",
                who=who,
                what=what,
                kind=kind_name(kind),
                when=when,
            )
        )


class PermissionDenied(StoreError):
    pass


class InvalidInput(StoreError):
    """Input the store refuses; `field` names the form field to highlight."""

    def __init__(self, field: str | None, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(message)


class RuleViolations(StoreError):
    """A stage move refused by the stage-rule checker; nothing was changed."""

    def __init__(self, violations: Sequence[Any]) -> None:
        self.violations = list(violations)
        super().__init__("; ".join(v.message for v in self.violations))


class SchemaMismatch(StoreError):
    """The database schema is behind or ahead of this program."""
