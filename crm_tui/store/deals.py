"""Deals: create, edit, and move through stages — every move through the stage-rule checker.

`move` is the only code path that changes a deal's stage. It gathers the deal's state in the
same transaction, asks `crm_tui.rules.checker`, and either applies the move with its triggers
and history, or raises `RuleViolations` having changed nothing.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import and_, func, select, tuple_
from sqlalchemy.orm import Session

from crm_tui.i18n import _
from crm_tui.rules.checker import check_transition, missing_key_roles
from crm_tui.rules.state import ApprovalState, DealState, ParticipantState, TransitionRequest
from crm_tui.schemas.common import Page
from crm_tui.schemas.deals import (
    DealCard,
    DealIn,
    DealOut,
    DealUpdate,
    MoveRequest,
    StageChangeOut,
    StageSummary,
)
from crm_tui.store.base import PAGE_SIZE, Repository, text_key
from crm_tui.store.errors import InvalidInput, NotFound, RuleViolations
from crm_tui.store.models import (
    Activity,
    Approval,
    Client,
    ContactRole,
    Counterparty,
    Deal,
    DealStageChange,
    Participation,
    Pipeline,
    RoleAssignment,
    Stage,
    Task,
    User,
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
        .outerjoin(ContactRole, ContactRole.id == RoleAssignment.role_id)
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


class DealRepository(Repository):
    kind_name = "deal"

    # -- reading ----------------------------------------------------------------
    def _out(self, session: Session, deal: Deal) -> DealOut:
        client = session.get(Client, deal.client_id)
        cp = session.get(Counterparty, deal.counterparty_id) if deal.counterparty_id else None
        owner = session.get(User, deal.owner_id) if deal.owner_id else None
        stage = session.get(Stage, deal.stage_id)
        pipeline = session.get(Pipeline, deal.pipeline_id)
        data = {c.key: getattr(deal, c.key) for c in Deal.__mapper__.column_attrs}
        data.update(
            client_name=client.name,
            counterparty_name=cp.name if cp else None,
            owner_name=owner.display_name if owner else None,
            stage=stage.code,
            pipeline=pipeline.code,
        )
        return DealOut.model_validate(data)

    def get(self, deal_id: int) -> DealOut:
        with self.read() as session:
            return self._out(session, self.load(session, Deal, deal_id))

    def state(self, deal_id: int) -> DealState:
        with self.read() as session:
            deal = self.load(session, Deal, deal_id)
            stage = session.get(Stage, deal.stage_id)
            pipeline = session.get(Pipeline, deal.pipeline_id)
            return deal_state(session, deal, pipeline.code, stage.code)

    def _stage_ids(self, session: Session, pipeline_code: str) -> tuple[int, dict[str, int]]:
        pipeline = session.scalars(select(Pipeline).where(Pipeline.code == pipeline_code)).first()
        if pipeline is None:
            raise InvalidInput("pipeline", _("Unknown pipeline {code}.", code=pipeline_code))
        stages = session.execute(
            select(Stage.code, Stage.id).where(Stage.pipeline_id == pipeline.id)
        ).all()
        return pipeline.id, dict(stages)

    # -- writing ----------------------------------------------------------------
    def create(self, data: DealIn) -> DealOut:
        """A new deal in the first stage of its pipeline."""
        pipeline_cfg = self.ctx.settings.pipeline(data.pipeline)
        owner_id = data.owner_id if data.owner_id is not None else self.user.id
        if owner_id != self.user.id:
            self.require_head(_("give a deal to another manager"))
        with self.write() as session:
            if session.get(Client, data.client_id) is None:
                raise NotFound("client", data.client_id)
            self._check_counterparty(session, data.client_id, data.counterparty_id)
            pipeline_id, stage_ids = self._stage_ids(session, data.pipeline)
            first = pipeline_cfg.stages[0].code
            now = self.ctx.now()
            deal = Deal(
                **data.model_dump(exclude={"pipeline", "owner_id"}),
                owner_id=owner_id,
                title_key=text_key(data.title),
                pipeline_id=pipeline_id,
                stage_id=stage_ids[first],
                stage_entered_at=now,
                created_at=now,
            )
            session.add(deal)
            session.flush()
            session.add(
                DealStageChange(
                    deal_id=deal.id, from_stage_id=None, to_stage_id=deal.stage_id,
                    user_id=self.user.id, at=now,
                )
            )
            return self._out(session, deal)

    def _check_counterparty(self, session: Session, client_id: int, cp_id: int | None) -> None:
        if cp_id is None:
            return
        cp = session.get(Counterparty, cp_id)
        if cp is None or cp.client_id != client_id:
            raise InvalidInput(
                "counterparty_id", _("The counterparty must be a legal entity of this client.")
            )

    def update(self, deal_id: int, version: int, data: DealUpdate) -> DealOut:
        with self.write() as session:
            deal = self.load(session, Deal, deal_id, lock=True)
            self.check_version(session, deal, version)
            self._check_counterparty(session, deal.client_id, data.counterparty_id)
            values = data.model_dump()
            if values["owner_id"] is None:
                values["owner_id"] = deal.owner_id
            if values["owner_id"] != deal.owner_id:
                self.require_head(_("give a deal to another manager"))
            self.apply(deal, values)
            deal.title_key = text_key(deal.title)
            session.flush()
            return self._out(session, deal)

    def move(self, deal_id: int, request: MoveRequest, version: int | None = None) -> DealOut:
        """Move a deal to another stage if every rule of the checker passes.

        The rule check, the stage change, its history, timeline entry and the target stage's
        triggers run in one transaction: a refused or failed move changes nothing.
        """
        with self.write() as session:
            deal = self.load(session, Deal, deal_id, lock=True)
            self.check_version(session, deal, version)
            pipeline = session.get(Pipeline, deal.pipeline_id)
            current = session.get(Stage, deal.stage_id)
            pipeline_cfg = self.ctx.settings.pipeline(pipeline.code)
            state = deal_state(session, deal, pipeline.code, current.code)
            transition = TransitionRequest(
                target_stage=request.target_stage,
                outcome=request.outcome,
                lost_reason=request.lost_reason,
            )
            reasons = [r.code for r in self.ctx.settings.lost_reasons]
            violations = check_transition(pipeline_cfg, state, transition, reasons)
            if violations:
                raise RuleViolations(violations)
            _pid, stage_ids = self._stage_ids(session, pipeline.code)
            target_cfg = pipeline_cfg.stage(request.target_stage)
            now = self.ctx.now()
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
                    user_id=self.user.id, at=now,
                )
            )
            body = _("{from_stage} → {to_stage}", from_stage=pipeline_cfg.stage(current.code).name,
                     to_stage=target_cfg.name)
            if request.note:
                body = f"{body}\n{request.note}"
            session.add(
                Activity(
                    kind="stage_change", at=now, author_id=self.user.id,
                    client_id=deal.client_id, deal_id=deal.id, body=body,
                )
            )
            session.flush()
            if pipeline_cfg.index(request.target_stage) > pipeline_cfg.index(current.code):
                run_triggers(session, self.ctx, deal, target_cfg)
            session.flush()
            return self._out(session, deal)

    # -- the board ------------------------------------------------------------------
    def board_page(
        self,
        pipeline: str,
        stage: str,
        *,
        owner_id: int | None = None,
        after: tuple | None = None,
        limit: int = PAGE_SIZE,
    ) -> Page[DealCard]:
        """One column's cards, newest first in the stage, paged by (stage_entered_at, id)."""
        key_roles = [r.code for r in self.ctx.settings.roles if r.key]
        with self.read() as session:
            _pipeline_id, stage_ids = self._stage_ids(session, pipeline)
            if stage not in stage_ids:
                raise InvalidInput("stage", _("Unknown stage {code}.", code=stage))
            conditions = [Deal.stage_id == stage_ids[stage]]
            if owner_id is not None:
                conditions.append(Deal.owner_id == owner_id)
            if after:
                conditions.append(tuple_(Deal.stage_entered_at, Deal.id) < tuple_(*after))
            rows = session.execute(
                select(Deal, Client.name, User.display_name)
                .join(Client, Client.id == Deal.client_id)
                .outerjoin(User, User.id == Deal.owner_id)
                .where(and_(*conditions))
                .order_by(Deal.stage_entered_at.desc(), Deal.id.desc())
                .limit(limit + 1)
            ).all()
            more = len(rows) > limit
            rows = rows[:limit]
            roles_by_deal = self._roles_of(session, [d.id for d, _c, _o in rows])
            items = [
                DealCard(
                    id=d.id,
                    title=d.title,
                    client_name=client_name,
                    amount=d.amount,
                    currency=d.currency,
                    owner_name=owner_name,
                    stage=stage,
                    stage_entered_at=d.stage_entered_at,
                    missing_key_roles=tuple(
                        r for r in key_roles if r not in roles_by_deal.get(d.id, set())
                    ),
                )
                for d, client_name, owner_name in rows
            ]
        cursor = None
        if more and rows:
            last = rows[-1][0]
            cursor = (last.stage_entered_at, last.id)
        return Page(items=items, after=cursor)

    @staticmethod
    def _roles_of(session: Session, deal_ids: list[int]) -> dict[int, set[str]]:
        if not deal_ids:
            return {}
        found: dict[int, set[str]] = {}
        for deal_id, code in session.execute(
            select(Participation.deal_id, ContactRole.code)
            .join(RoleAssignment, RoleAssignment.participation_id == Participation.id)
            .join(ContactRole, ContactRole.id == RoleAssignment.role_id)
            .where(Participation.deal_id.in_(deal_ids))
        ):
            found.setdefault(deal_id, set()).add(code)
        return found

    def stage_summaries(self, pipeline: str, *, owner_id: int | None = None) -> list[StageSummary]:
        """Count and total amount per stage, computed by the database."""
        cfg = self.ctx.settings.pipeline(pipeline)
        with self.read() as session:
            _pid, stage_ids = self._stage_ids(session, pipeline)
            conditions = [Deal.stage_id.in_(list(stage_ids.values()))]
            if owner_id is not None:
                conditions.append(Deal.owner_id == owner_id)
            rows = session.execute(
                select(Deal.stage_id, func.count(Deal.id), func.coalesce(func.sum(Deal.amount), 0))
                .where(and_(*conditions))
                .group_by(Deal.stage_id)
            ).all()
        by_stage = {sid: (n, Decimal(total)) for sid, n, total in rows}
        return [
            StageSummary(
                stage=s.code,
                count=by_stage.get(stage_ids[s.code], (0, Decimal(0)))[0],
                total=by_stage.get(stage_ids[s.code], (0, Decimal(0)))[1],
            )
            for s in cfg.stages
        ]

    def history(self, deal_id: int) -> list[StageChangeOut]:
        from sqlalchemy.orm import aliased

        src, dst = aliased(Stage), aliased(Stage)
        with self.read() as session:
            rows = session.execute(
                select(DealStageChange.at, src.code, dst.code, User.display_name)
                .outerjoin(src, src.id == DealStageChange.from_stage_id)
                .join(dst, dst.id == DealStageChange.to_stage_id)
                .outerjoin(User, User.id == DealStageChange.user_id)
                .where(DealStageChange.deal_id == deal_id)
                .order_by(DealStageChange.at, DealStageChange.id)
                .limit(1000)
            ).all()
        return [
            StageChangeOut(at=at, from_stage=f, to_stage=t, user_name=u) for at, f, t, u in rows
        ]

    def of_client(self, client_id: int, *, after: tuple | None = None,
                  limit: int = PAGE_SIZE) -> Page[DealOut]:
        conditions = [Deal.client_id == client_id]
        if after:
            conditions.append(tuple_(Deal.created_at, Deal.id) < tuple_(*after))
        with self.read() as session:
            deals = list(
                session.scalars(
                    select(Deal).where(and_(*conditions))
                    .order_by(Deal.created_at.desc(), Deal.id.desc()).limit(limit + 1)
                )
            )
            more = len(deals) > limit
            deals = deals[:limit]
            items = [self._out(session, d) for d in deals]
        cursor = (deals[-1].created_at, deals[-1].id) if more and deals else None
        return Page(items=items, after=cursor)

    def missing_roles(self, deal_id: int) -> set[str]:
        key_roles = [r.code for r in self.ctx.settings.roles if r.key]
        return missing_key_roles(self.state(deal_id), key_roles)
