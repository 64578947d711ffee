"""Scale phase 4: N/2 deals over every stage, each built to meet its stage's rules.

A deal's stage is drawn first, then the deal gets what the rules on the way there ask for
(`needs_to_reach`): a counterparty, an amount, participants with the required roles and a
primary contact, an approved discount. A client that cannot provide it (no counterparty, too
few people) gets the deal in an earlier stage instead. Its stage history walks the path.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, select

from crm_tui.config import Settings
from crm_tui.rules.config import PipelineConfig
from crm_tui.seed.bulk import next_id
from crm_tui.seed.scale_state import DealFacts, ScaleState
from crm_tui.seed.stage_needs import StageNeeds, needs_of, needs_to_reach
from crm_tui.seed.texts import POSITIONS, PRODUCTS, RENEWALS
from crm_tui.store.base import text_key
from crm_tui.store.models import (
    Approval,
    ContactRole,
    Deal,
    DealStageChange,
    Participation,
    Pipeline,
    RoleAssignment,
    Stage,
)

CHUNK = 10_000
DEAL_COLUMNS = ("id", "title", "title_key", "description", "client_id", "counterparty_id",
                "pipeline_id", "stage_id", "amount", "currency", "discount", "owner_id",
                "expected_close", "outcome", "lost_reason", "stage_entered_at", "closed_at",
                "version", "created_at", "updated_at")
HISTORY_COLUMNS = ("id", "deal_id", "from_stage_id", "to_stage_id", "user_id", "at")
PARTICIPATION_COLUMNS = ("id", "contact_id", "deal_id", "is_primary", "version", "created_at",
                         "updated_at")
APPROVAL_COLUMNS = ("id", "deal_id", "kind", "status", "reason", "requested_by_id",
                    "decided_by_id", "decided_at", "version", "created_at", "updated_at")


@dataclass
class PipelinePlan:
    """One pipeline as the generator needs it: stage ids, weights and cumulative needs."""

    config: PipelineConfig
    id: int
    stage_ids: list[int]
    weights: list[float]
    needs: list[StageNeeds]
    """`needs[i]`: what a deal standing in stage i (won, if final) must have."""
    pending: list[StageNeeds]
    """`pending[i]`: the next stage's own rules, for approvals requested but not decided."""
    titles: tuple[tuple[str, str], ...]

    @property
    def final(self) -> int:
        return len(self.stage_ids) - 1


def _plans(state: ScaleState, connection: Connection, settings: Settings) -> list[PipelinePlan]:
    plans = []
    for config in settings.pipelines:
        pipeline_id = connection.scalar(select(Pipeline.id).where(Pipeline.code == config.code))
        ids = dict(connection.execute(
            select(Stage.code, Stage.id).where(Stage.pipeline_id == pipeline_id)).all())
        count = len(config.stages)
        middle = [55 / max(1, count - 2)] * (count - 2)
        products = RENEWALS if config.code == "renewal" else PRODUCTS
        plans.append(PipelinePlan(
            config=config, id=pipeline_id, stage_ids=[ids[s.code] for s in config.stages],
            weights=[20, *middle, 25],
            needs=[needs_to_reach(config, s.code) for s in config.stages],
            pending=[needs_of(config.stages[i + 1]) if i + 1 < count else StageNeeds()
                     for i in range(count)],
            titles=tuple((t, text_key(t)) for t in products),
        ))
    main = next((p for p in plans if p.config.code == "sales"), plans[0])
    plans.remove(main)
    return [main, *plans]


def write_deals(state: ScaleState, connection: Connection, settings: Settings) -> None:
    rng = state.rng
    random = rng.random
    plans = _plans(state, connection, settings)
    reasons = [r.code for r in settings.lost_reasons]
    role_ids = dict(connection.execute(
        select(ContactRole.code, ContactRole.id).where(ContactRole.active.is_(True))).all())
    hint_role = [role_ids.get(role) for _title, role in POSITIONS]
    fallback_role = next(iter(role_ids.values()), None)
    ids = {name: next_id(connection, model.__table__) for name, model in (
        ("deal", Deal), ("history", DealStageChange), ("participation", Participation),
        ("role", RoleAssignment), ("approval", Approval))}
    sizes = state.sizes
    head = state.head_ids[0]
    for start in range(0, sizes.deals, CHUNK):
        deals, history, participations, roles, approvals = [], [], [], [], []
        for index in range(start, min(start + CHUNK, sizes.deals)):
            client = 0 if index < sizes.landmark_deals else state.other_client(rng)
            plan = plans[0] if len(plans) == 1 or random() < 0.9 else rng.choice(plans[1:])
            stage = rng.choices(range(len(plan.stage_ids)), weights=plan.weights)[0]
            outcome = lost_reason = None
            reached = stage
            if stage == plan.final:
                if random() < 0.4 and reasons:
                    outcome, lost_reason = "lost", rng.choice(reasons)
                    reached = rng.randrange(plan.final)
                else:
                    outcome = "won"
            reached = _feasible(state, plan, client, reached)
            if outcome == "won" and reached != plan.final:
                outcome, stage = None, reached
            elif outcome != "lost":
                stage = reached
            needs = plan.needs[reached]
            deal_id = ids["deal"]
            ids["deal"] += 1
            counterparty = state.client_counterparty[client] or None
            if stage == 0 and random() < 0.3:
                counterparty = None
            amount = rng.randrange(50, 5000) * 1000
            if stage == 0 and random() < 0.3:
                amount = None
            draw = random()
            discount = None if draw < 0.8 else (rng.randrange(3, 11) if draw < 0.95 else
                                                rng.randrange(11, 26))
            if discount is None and "discount" in needs.fields:
                discount = 0
            age = random() * 540 + 1
            created = state.days_ago(age)
            path = list(range(reached + 1)) + ([plan.final] if outcome == "lost" else [])
            gap = dt.timedelta(days=age / (len(path) + 1))
            owner = state.client_owner[client]
            previous = None
            at = created
            for step, stage_index in enumerate(path):
                at = created + gap * step
                history.append((ids["history"], deal_id, previous, plan.stage_ids[stage_index],
                                owner, at))
                ids["history"] += 1
                previous = plan.stage_ids[stage_index]
            title, title_key = rng.choice(plan.titles)
            deals.append((
                deal_id, title, title_key,
                "Требования в техническом задании" if "description" in needs.fields else None,
                state.client_ids[client], counterparty, plan.id, plan.stage_ids[stage],
                amount, "RUB", discount, owner, (created + dt.timedelta(days=30 + age / 4)).date(),
                outcome, lost_reason, at, at if outcome else None, 1, created, at,
            ))
            state.client_deals[client].append(DealFacts(deal_id, needs, outcome is not None))
            people = state.client_contacts[client]
            wanted = needs.participants
            if not wanted and people and random() < 0.3:
                wanted = 1
            if wanted and people:
                chosen = rng.sample(people, min(len(people), wanted + rng.randrange(3)))
                held = [{hint_role[state.contact_role[c]] or fallback_role} for c in chosen]
                for code in needs.roles:
                    role = role_ids.get(code)
                    if role is not None and not any(role in h for h in held):
                        match = next((i for i, c in enumerate(chosen)
                                      if POSITIONS[state.contact_role[c]][1] == code), 0)
                        held[match].add(role)
                for number, contact in enumerate(chosen):
                    pid = ids["participation"]
                    ids["participation"] += 1
                    participations.append((pid, state.contact_id(contact), deal_id, number == 0,
                                           1, created, at))
                    for role in held[number]:
                        if role is not None:
                            roles.append((ids["role"], pid, role))
                            ids["role"] += 1
            asked = plan.pending[stage].approvals if not outcome else []
            for status, rules in (("approved", needs.approvals), ("pending", asked)):
                for rule in rules:
                    if needs.approval_needed(rule, discount):
                        decided = status == "approved"
                        approvals.append((
                            ids["approval"], deal_id, rule.kind, status,
                            "Скидка за годовой объём", owner, head if decided else None,
                            at if decided else None, 1, at, at,
                        ))
                        ids["approval"] += 1
        writer = state.writer
        writer.write(Deal.__table__, DEAL_COLUMNS, deals)
        writer.write(DealStageChange.__table__, HISTORY_COLUMNS, history)
        writer.write(Participation.__table__, PARTICIPATION_COLUMNS, participations)
        writer.write(RoleAssignment.__table__, ("id", "participation_id", "role_id"), roles)
        writer.write(Approval.__table__, APPROVAL_COLUMNS, approvals)


def _feasible(state: ScaleState, plan: PipelinePlan, client: int, stage: int) -> int:
    """The latest stage up to `stage` whose needs this client can meet."""
    people = len(state.client_contacts[client])
    has_counterparty = bool(state.client_counterparty[client])
    while stage > 0:
        needs = plan.needs[stage]
        if needs.participants <= people and (
            has_counterparty or "counterparty_id" not in needs.fields
        ):
            return stage
        stage -= 1
    return 0
