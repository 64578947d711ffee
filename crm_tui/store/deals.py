"""Deals: create, edit, move through stages, and the board's columns with their totals.

`move` changes a deal's stage only through `crm_tui.store.deal_moves.apply_move`, which asks
the stage-rule checker in the same transaction and either applies the move with its triggers
and history, or raises `RuleViolations` having changed nothing.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import and_, bindparam, func, select, tuple_
from sqlalchemy.orm import Session, aliased

from crm_tui.i18n import _
from crm_tui.rules.checker import missing_key_roles
from crm_tui.rules.state import DealState
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
from crm_tui.store.approvals import discount_raised
from crm_tui.store.base import PAGE_SIZE, Repository, text_key
from crm_tui.store.deal_moves import apply_move, deal_state, pipeline_of
from crm_tui.store.errors import ConflictError, InvalidInput, NotFound
from crm_tui.store.models import (
    Client,
    ContactRole,
    Counterparty,
    Deal,
    DealStageChange,
    Participation,
    Pipeline,
    RoleAssignment,
    Stage,
    User,
)


def _named(stmt):  # type: ignore[no-untyped-def]
    """`stmt` (a select from Deal) with the names a deal shows, joined in the same query."""
    return (
        stmt.add_columns(Client.name, Counterparty.name, User.display_name, Stage.code,
                         Pipeline.code)
        .join(Client, Client.id == Deal.client_id)
        .outerjoin(Counterparty, Counterparty.id == Deal.counterparty_id)
        .outerjoin(User, User.id == Deal.owner_id)
        .join(Stage, Stage.id == Deal.stage_id)
        .join(Pipeline, Pipeline.id == Deal.pipeline_id)
    )


# Built once: composing the joined select costs more than running it.
_NAMED_BY_ID = _named(select(Deal)).where(Deal.id == bindparam("deal_id"))


def _row_out(deal: Deal, client: str, counterparty: str | None, owner: str | None, stage: str,
             pipeline: str) -> DealOut:
    data = {c.key: getattr(deal, c.key) for c in Deal.__mapper__.column_attrs}
    data.update(client_name=client, counterparty_name=counterparty, owner_name=owner,
                stage=stage, pipeline=pipeline)
    return DealOut.model_validate(data)


class DealRepository(Repository):
    kind_name = "deal"

    # -- reading ----------------------------------------------------------------
    def _out(self, session: Session, deal: Deal) -> DealOut:
        """One deal as the screens show it (after a flush, so the names are current)."""
        _id, *names = session.execute(_named(select(Deal.id)).where(Deal.id == deal.id)).one()
        return _row_out(deal, *names)

    def get(self, deal_id: int) -> DealOut:
        with self.read() as session:
            row = session.execute(_NAMED_BY_ID, {"deal_id": deal_id}).first()
        if row is None:
            raise NotFound(self.kind_name, deal_id)
        return _row_out(*row)

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
        pipeline_cfg = pipeline_of(self.ctx, data.pipeline)
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

    def _check_counterparty(self, session: Session, client_id: int,
                            cp_id: int | None) -> str | None:
        """The counterparty's name, if it is a legal entity of the client."""
        if cp_id is None:
            return None
        cp = session.execute(select(Counterparty.client_id, Counterparty.name)
                             .where(Counterparty.id == cp_id)).first()
        if cp is None or cp.client_id != client_id:
            raise InvalidInput(
                "counterparty_id", _("The counterparty must be a legal entity of this client.")
            )
        return cp.name

    def _own_or_head(self, deal: Deal, what: str) -> None:
        """Managers change their own deals; the head of sales and admins change any."""
        if deal.owner_id != self.user.id:
            self.require_head(what)

    def update(self, deal_id: int, version: int, data: DealUpdate) -> DealOut:
        """Save the deal form; raising an approved discount asks for a new approval.

        Reading, the version and rights checks and the names shown happen before the write
        transaction, so the write lock is held only for the UPDATE, its audit rows and the
        commit. That is safe because every change of a deal raises its version: the UPDATE
        matches only the row as read (`WHERE id = ? AND version = ?`), so a deal saved by
        someone in between refuses this save as a conflict instead of being overwritten.
        """
        values = data.model_dump()
        with self.read() as session:
            row = session.execute(_NAMED_BY_ID, {"deal_id": deal_id}).first()
            if row is None:
                raise NotFound(self.kind_name, deal_id)
            deal, client_name, counterparty_name, owner_name, stage, pipeline = row
            self.check_version(session, deal, version)
            self._own_or_head(deal, _("edit another manager's deal"))
            counterparty_name = self._check_counterparty(
                session, deal.client_id, data.counterparty_id)
            if values["owner_id"] is None:
                values["owner_id"] = deal.owner_id
            if values["owner_id"] != deal.owner_id:
                self.require_head(_("give a deal to another manager"))
                owner_name = session.scalar(
                    select(User.display_name).where(User.id == values["owner_id"]))
        try:
            with self.write() as session:
                session.add(deal)  # as read: no second SELECT under the write lock
                old_discount = deal.discount
                self.apply(deal, values)
                deal.title_key = text_key(deal.title)
                session.flush()
                discount_raised(session, self.ctx, deal, old_discount)
        except ConflictError as exc:
            raise self.conflict_after_save(Deal, deal_id) from exc
        return _row_out(deal, client_name, counterparty_name, owner_name, stage, pipeline)

    def move(self, deal_id: int, request: MoveRequest, version: int | None = None) -> DealOut:
        """Move a deal to another stage if every rule of the checker passes.

        The rule check, the stage change, its history, timeline entry and the target stage's
        triggers run in one transaction: a refused or failed move changes nothing
        (`RuleViolations` carries every failed rule). `version`, when given, refuses a move
        based on a stale view of the deal.
        """
        with self.write() as session:
            deal = self.load(session, Deal, deal_id, lock=True)
            self.check_version(session, deal, version)
            self._own_or_head(deal, _("move another manager's deal"))
            apply_move(session, self.ctx, deal, request)
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
                    owner_id=d.owner_id,
                    owner_name=owner_name,
                    stage=stage,
                    stage_entered_at=d.stage_entered_at,
                    outcome=d.outcome,
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
        cfg = pipeline_of(self.ctx, pipeline)
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
        """Every stage change of the deal, oldest first (a deal moves a few dozen times)."""
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
        """The client's deals, newest first, paged by (created_at, id): one query a page."""
        conditions = [Deal.client_id == client_id]
        if after:
            conditions.append(tuple_(Deal.created_at, Deal.id) < tuple_(*after))
        with self.read() as session:
            rows = session.execute(
                _named(select(Deal)).where(and_(*conditions))
                .order_by(Deal.created_at.desc(), Deal.id.desc()).limit(limit + 1)
            ).all()
        more = len(rows) > limit
        rows = rows[:limit]
        cursor = (rows[-1][0].created_at, rows[-1][0].id) if more and rows else None
        return Page(items=[_row_out(*row) for row in rows], after=cursor)

    def missing_roles(self, deal_id: int) -> set[str]:
        key_roles = [r.code for r in self.ctx.settings.roles if r.key]
        return missing_key_roles(self.state(deal_id), key_roles)
