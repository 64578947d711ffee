"""Deals, contracts and tickets as the records contacts take part in with roles.

The participant panel, the contact card and the role reports name and filter all three kinds
the same way; this module is that one way: which table and participation column a kind
uses, what its title and status are, and when it still counts as open.
"""

from __future__ import annotations

from typing import Any, Literal

from sqlalchemy import ColumnElement
from sqlalchemy.orm import Session

from crm_tui.i18n import _
from crm_tui.schemas.contracts import (
    CONTRACT_STATUSES,
    OPEN_CONTRACT_STATUSES,
    OPEN_TICKET_STATUSES,
    TICKET_STATUSES,
)
from crm_tui.schemas.roles import RecordRef
from crm_tui.store.errors import InvalidInput, NotFound
from crm_tui.store.models import Client, Contract, Deal, Participation, Pipeline, Stage, Ticket

RecordKind = Literal["deal", "contract", "ticket"]
RECORD_KINDS: tuple[RecordKind, ...] = ("deal", "contract", "ticket")
MODELS: dict[str, type] = {"deal": Deal, "contract": Contract, "ticket": Ticket}


def participation_column(kind: str) -> Any:
    """The `Participation` column that points at a record of `kind`."""
    if kind not in MODELS:
        raise InvalidInput(None, _("Unknown kind of record: {kind}.", kind=kind))
    return getattr(Participation, f"{kind}_id")


def kind_of(participation: Participation) -> tuple[str, int]:
    """Which record a participation belongs to."""
    for kind in RECORD_KINDS:
        record_id = getattr(participation, f"{kind}_id")
        if record_id is not None:
            return kind, record_id
    raise NotFound("participant", participation.id)


def load_record(session: Session, kind: str, record_id: int) -> Any:
    participation_column(kind)
    record = session.get(MODELS[kind], record_id)
    if record is None:
        raise NotFound(kind, record_id)
    return record


def is_open(kind: str) -> ColumnElement[bool]:
    """SQL: the record of `kind` is still being worked on (its people still matter)."""
    if kind == "deal":
        return Deal.outcome.is_(None)
    if kind == "contract":
        return Contract.status.in_(OPEN_CONTRACT_STATUSES)
    return Ticket.status.in_(OPEN_TICKET_STATUSES)


def title_column(kind: str) -> Any:
    return {"deal": Deal.title, "contract": Contract.number, "ticket": Ticket.subject}[kind]


def record_ref(session: Session, settings: Any, kind: str, record: Any) -> RecordRef:
    """The record's title, client and status in the UI language."""
    client = session.get(Client, record.client_id)
    if kind == "deal":
        title = record.title
        status, status_name = _deal_status(session, settings, record)
        is_open_now = record.outcome is None
    elif kind == "contract":
        title = record.number
        status = record.status
        status_name = _(CONTRACT_STATUSES.get(status, status))
        is_open_now = status in OPEN_CONTRACT_STATUSES
    else:
        title = record.subject
        status = record.status
        status_name = _(TICKET_STATUSES.get(status, status))
        is_open_now = status in OPEN_TICKET_STATUSES
    return RecordRef(kind=kind, id=record.id, title=title, client_id=record.client_id,
                     client_name=client.name, status=status, status_name=status_name,
                     open=is_open_now)


def _deal_status(session: Session, settings: Any, deal: Deal) -> tuple[str, str]:
    stage = session.get(Stage, deal.stage_id)
    pipeline = session.get(Pipeline, deal.pipeline_id)
    return stage.code, stage_name(settings, pipeline.code, stage.code, stage.name)


def stage_name(settings: Any, pipeline: str, stage: str, fallback: str | None = None) -> str:
    """A stage's configured name; the stored one if the config no longer has the stage."""
    try:
        cfg = settings.pipeline(pipeline)
        if cfg.has_stage(stage):
            return cfg.stage(stage).name
    except KeyError:
        pass
    return fallback or stage
