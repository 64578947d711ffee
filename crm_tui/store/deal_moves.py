"""The one code path that changes a deal's stage: rule check, move, history, timeline, triggers.

Every caller (the deal repository, an approval rejection that closes the deal, an import)
moves deals through `apply_move`, inside its own transaction, so the stage-rule checker can
never be skipped and a refused or failed move leaves nothing behind.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm_tui.i18n import _
from crm_tui.rules.checker import check_transition
from crm_tui.rules.config import PipelineConfig
from crm_tui.rules.state import ApprovalState, DealState, ParticipantState, TransitionRequest
from crm_tui.schemas.deals import MoveRequest
from crm_tui.store.base import StoreContext
from crm_tui.store.errors import InvalidInput, RuleViolations
from crm_tui.store.escalation import escalate_lost_deal
from crm_tui.store.models import (
    Activity,
    Approval,
    ContactRole,
    Deal,
    DealStageChange,
    Participation,
    Pipeline,
    RoleAssignment,
    Stage,
    Task,
)
from crm_tui.store.triggers import run_triggers

RULE_FIELDS = (
    "title",
    "description",
    "client_id",
    "counterparty_id",
    "amount",
    "currency",
    "discount",
    "expected_close",
    "owner_id",
    "lead_id",
)


def deal_state(session: Session, deal: Deal, pipeline_code: str, stage_code: str) -> DealState:
    """The deal as the rules see it, read inside the caller's transaction."""
    participants: dict[int, tuple[int, bool, set[str]]] = {}
    rows = session.execute(
        select(Participation.id, Participation.contact_id, Participation.is_primary, ContactRole.code)
        .outerjoin(RoleAssignment, RoleAssignment.participation_id == Participation.id)
        # A role removed from the catalogue but kept on records no longer satisfies rules.
        .outerjoin(ContactRole, (ContactRole.id == RoleAssignment.role_id) & ContactRole.active)
        .where(Participation.deal_id == deal.id)
    ).all()
    for pid, contact_id, primary, role in rows:
        entry = participants.setdefault(pid, (contact_id, primary, set()))
        if role:
            entry[2].add(role)
    approvals = session.execute(
        select(Approval.kind, Approval.status)
        .where(Approval.deal_id == deal.id)
        .order_by(Approval.id)
    ).all()
    open_tasks = session.scalars(
        select(Task.kind).where(Task.deal_id == deal.id, Task.done_at.is_(None))
    ).all()
    return DealState(
        deal_id=deal.id,
        pipeline=pipeline_code,
        stage=stage_code,
        fields={name: getattr(deal, name) for name in RULE_FIELDS},
        participants=[
            ParticipantState(contact_id=c, roles=frozenset(r), primary=p)
            for c, p, r in participants.values()
        ],
        approvals=[ApprovalState(kind=k, status=s) for k, s in approvals],
        open_task_types=list(open_tasks),
        outcome=deal.outcome,
        lost_reason=deal.lost_reason,
    )


def pipeline_of(ctx: StoreContext, code: str) -> PipelineConfig:
    """The configured pipeline `code`; a store error (not a KeyError) if the config lost it."""
    try:
        return ctx.settings.pipeline(code)
    except KeyError:
        raise InvalidInput("pipeline", _("Unknown pipeline {code}.", code=code)) from None


def _stage_name(pipeline: PipelineConfig, stage: Stage) -> str:
    return pipeline.stage(stage.code).name if pipeline.has_stage(stage.code) else stage.name


def _lost_reason_name(ctx: StoreContext, code: str | None) -> str:
    for reason in ctx.settings.lost_reasons:
        if reason.code == code:
            return reason.name
    return code or ""


def apply_move(session: Session, ctx: StoreContext, deal: Deal, request: MoveRequest) -> None:
    """Check the move with the stage-rule checker and apply it, or raise `RuleViolations`.

    Runs in the caller's transaction: the stage change, its history row, its timeline entry
    and the target stage's triggers land together or, if anything fails, not at all.
    Triggers run only on a forward move: going back undoes progress and hands out no work.
    """
    pipeline = session.get(Pipeline, deal.pipeline_id)
    current = session.get(Stage, deal.stage_id)
    pipeline_cfg = pipeline_of(ctx, pipeline.code)
    state = deal_state(session, deal, pipeline.code, current.code)
    transition = TransitionRequest(
        target_stage=request.target_stage,
        outcome=request.outcome,
        lost_reason=request.lost_reason,
    )
    reasons = [r.code for r in ctx.settings.lost_reasons]
    role_names = {r.code: ctx.settings.role_name(r.code) for r in ctx.settings.roles}
    violations = check_transition(pipeline_cfg, state, transition, reasons, role_names=role_names)
    if violations:
        raise RuleViolations(violations)
    stage_ids = dict(
        session.execute(select(Stage.code, Stage.id).where(Stage.pipeline_id == pipeline.id)).all()
    )
    target_cfg = pipeline_cfg.stage(request.target_stage)
    now = ctx.now()
    user_id = ctx.user.id if ctx.user else None
    deal.stage_id = stage_ids[request.target_stage]
    deal.stage_entered_at = now
    if target_cfg.final:
        deal.outcome = request.outcome
        deal.lost_reason = request.lost_reason if request.outcome == "lost" else None
        deal.closed_at = now
    else:
        deal.outcome = None
        deal.lost_reason = None
        deal.closed_at = None
    session.add(
        DealStageChange(
            deal_id=deal.id, from_stage_id=current.id, to_stage_id=deal.stage_id,
            user_id=user_id, at=now,
        )
    )
    body = _("{from_stage} → {to_stage}", from_stage=_stage_name(pipeline_cfg, current),
             to_stage=target_cfg.name)
    if target_cfg.final and request.outcome == "won":
        body = _("{move}: won", move=body)
    elif target_cfg.final:
        body = _("{move}: lost ({reason})", move=body,
                 reason=_lost_reason_name(ctx, request.lost_reason))
    if request.note:
        body = f"{body}\n{request.note}"
    session.add(
        Activity(
            kind="stage_change", at=now, author_id=user_id,
            client_id=deal.client_id, deal_id=deal.id, body=body,
        )
    )
    session.flush()
    current_index = pipeline_cfg.index(current.code) if pipeline_cfg.has_stage(current.code) else -1
    if pipeline_cfg.index(request.target_stage) > current_index:
        run_triggers(session, ctx, deal, target_cfg)
    if target_cfg.final and request.outcome == "lost":
        escalate_lost_deal(session, ctx, deal, request.lost_reason)
    session.flush()
