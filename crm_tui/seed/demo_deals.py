"""Demo deals in every stage of every pipeline, each moved there through the stage rules.

A deal is created in the first stage and moved one stage at a time with `store.deals.move`,
after adding what the next stage's rules ask for (roles, the primary contact, fields, an
approved discount, closed tasks), so the checker vouches for every deal and the stage
history, timeline entries and trigger tasks are the real ones. Some deals keep no roles,
so the board's missing-roles badge has something to show; one waits on a discount approval.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from crm_tui.rules.config import PipelineConfig
from crm_tui.schemas.deals import DealIn, DealUpdate, MoveRequest
from crm_tui.seed.demo_context import DemoClient, DemoContact, DemoContext
from crm_tui.seed.stage_needs import StageNeeds, needs_of, needs_to_reach
from crm_tui.seed.texts import PRODUCTS, RENEWALS, TASK_OUTCOMES

MAIN_PER_STAGE = 6
OTHER_PER_STAGE = 2
TRAP_TITLE = "Поставка [2026] по [b]спецификации[/b]"


@dataclass
class DealPlan:
    pipeline: PipelineConfig
    target: int
    """Index of the stage the deal ends in (the final one for closed deals)."""
    outcome: str | None = None
    lost_reason: str | None = None
    lost_from: int = 0
    """For a lost deal: the stage it fell through at."""
    discount: Decimal | None = None
    approval: str | None = None
    """"pending" or "rejected" (closing the deal as lost for `lost_reason`): an approval
    asked for at the stage before the rule that needs it."""
    title: str | None = None


def create_deals(ctx: DemoContext) -> None:
    for plan in _plans(ctx):
        _build(ctx, plan)


def _plans(ctx: DemoContext) -> list[DealPlan]:
    settings = ctx.store.settings
    pipelines = list(settings.pipelines)
    main = next((p for p in pipelines if p.code == "sales"), pipelines[0])
    reasons = [r.code for r in settings.lost_reasons]
    plans: list[DealPlan] = []
    for pipeline in pipelines:
        per_stage = MAIN_PER_STAGE if pipeline is main else OTHER_PER_STAGE
        last = len(pipeline.stages) - 1
        for index in range(last):
            count = per_stage + 2 if index == 0 and pipeline is main else per_stage
            plans += [DealPlan(pipeline, index) for _ in range(count)]
        plans += [DealPlan(pipeline, last, outcome="won") for _ in range(per_stage)]
        if pipeline is main:
            plans += [
                DealPlan(pipeline, last, outcome="lost", lost_reason=reason,
                         lost_from=ctx.rng.randrange(last))
                for reason in reasons
            ]
    plans += _approval_plans(main, reasons)
    plans[0].title = TRAP_TITLE
    for plan in plans:
        if plan.discount is None and plan.target > 1 and ctx.rng.random() < 0.3:
            plan.discount = Decimal(ctx.rng.randrange(3, 11))
    return plans


def _approval_plans(pipeline: PipelineConfig, reasons: list[str]) -> list[DealPlan]:
    """A discount awaiting approval, one approved, and one rejected and so lost."""
    for index, stage in enumerate(pipeline.stages):
        rules = [r for r in needs_of(stage).approvals if r.when_discount_above is not None]
        if rules and index > 1:
            limit = Decimal(str(rules[0].when_discount_above))
            reason = "price" if "price" in reasons else reasons[0]
            return [
                DealPlan(pipeline, index - 1, discount=limit + 5, approval="pending"),
                DealPlan(pipeline, index, discount=limit + 2),
                DealPlan(pipeline, index - 1, lost_reason=reason, discount=limit + 10,
                         approval="rejected"),
            ]
    return []


def _client_for(ctx: DemoContext, plan: DealPlan) -> DemoClient:
    """Early deals may belong to anyone; later ones need a counterparty and a few people."""
    if plan.target == 0 and plan.outcome is None:
        return ctx.rng.choice(ctx.clients)
    able = [c for c in ctx.clients if c.counterparties and len(c.contacts) >= 2]
    return ctx.rng.choice(able)


def _build(ctx: DemoContext, plan: DealPlan) -> None:
    rng = ctx.rng
    client = _client_for(ctx, plan)
    last = plan.lost_from if plan.outcome == "lost" else plan.target
    path = list(range(1, last + 1))
    if plan.outcome == "lost":
        path.append(plan.target)
    gap = rng.uniform(2.0, 8.0)
    ctx.days_ago(gap * (len(path) + 1) + rng.uniform(0.5, 10))
    ctx.act(client.owner)
    early = plan.target == 0 and plan.outcome is None
    products = PRODUCTS if plan.pipeline.code != "renewal" else RENEWALS
    deal = ctx.store.deals.create(
        DealIn(
            title=plan.title or rng.choice(products),
            description=ctx.fake.sentence(nb_words=10) if rng.random() < 0.4 else None,
            client_id=client.id,
            counterparty_id=client.counterparties[0] if client.counterparties and
            (not early or rng.random() < 0.7) else None,
            pipeline=plan.pipeline.code,
            amount=None if early and rng.random() < 0.4 else _amount(ctx),
            discount=plan.discount,
            expected_close=(ctx.now + dt.timedelta(days=rng.randrange(10, 120))).date(),
        )
    )
    client.deals.append(deal.id)
    if early and client.contacts and rng.random() < 0.5:
        contact = client.contact_for("influencer")
        ctx.store.participants.add("deal", deal.id, contact.id, _usual_roles(ctx, contact))
    for index in path:
        ctx.clock.set(ctx.clock.now + dt.timedelta(days=gap, hours=rng.uniform(-12, 12)))
        stage = plan.pipeline.stages[index]
        closing_lost = stage.final and plan.outcome == "lost"
        if not closing_lost:
            _prepare(ctx, client, deal.id, needs_of(stage), plan.discount)
        ctx.act(client.owner)
        ctx.store.deals.move(
            deal.id,
            MoveRequest(target_stage=stage.code, outcome=plan.outcome if stage.final else None,
                        lost_reason=plan.lost_reason if closing_lost else None),
        )
    if plan.approval:
        ctx.clock.set(ctx.clock.now + dt.timedelta(hours=rng.uniform(1, 6)))
        _approval(ctx, client, deal.id, plan.approval, lost_reason=plan.lost_reason)
    if plan.outcome is None and plan.approval != "rejected":
        client.open_deals[deal.id] = needs_to_reach(plan.pipeline, plan.pipeline.stages[last].code)


def _amount(ctx: DemoContext) -> Decimal:
    return Decimal(ctx.rng.randrange(50, 5000) * 1000)


def _prepare(
    ctx: DemoContext, client: DemoClient, deal_id: int, needs: StageNeeds,
    discount: Decimal | None,
) -> None:
    """Do what the stage's rules ask, as the people who would have done it."""
    _close_open_tasks(ctx, deal_id)
    ctx.act(client.owner)
    _fill_fields(ctx, deal_id, needs)
    for role in sorted(needs.roles):
        _ensure_role(ctx, client, deal_id, role)
    _ensure_contacts_with_roles(ctx, client, deal_id, needs.participants)
    if needs.roles and ctx.rng.random() < 0.4 and "finance" in _catalogue(ctx):
        _ensure_role(ctx, client, deal_id, "finance")
    for rule in needs.approvals:
        if needs.approval_needed(rule, float(discount) if discount is not None else None):
            _approval(ctx, client, deal_id, "approved", kind=rule.kind)


def _close_open_tasks(ctx: DemoContext, deal_id: int) -> None:
    for task in ctx.store.tasks.open_for(deal_id=deal_id):
        ctx.act(ctx.members.by_id(task.assignee_id))
        ctx.store.tasks.complete(task.id, ctx.rng.choice(TASK_OUTCOMES))


def _fill_fields(ctx: DemoContext, deal_id: int, needs: StageNeeds) -> None:
    deal = ctx.store.deals.get(deal_id)
    values = DealUpdate.model_validate(
        {k: getattr(deal, k) for k in DealUpdate.model_fields}
    ).model_dump()
    missing = {name for name in needs.fields if name in values and values[name] in (None, "")}
    if not missing:
        return
    client = next(c for c in ctx.clients if c.id == deal.client_id)
    filler = {
        "amount": _amount(ctx),
        "counterparty_id": client.counterparties[0] if client.counterparties else None,
        "expected_close": (ctx.now + dt.timedelta(days=30)).date(),
        "description": ctx.fake.sentence(nb_words=10),
        "discount": Decimal(0),
    }
    values.update({name: filler[name] for name in missing if name in filler})
    ctx.store.deals.update(deal_id, deal.version, DealUpdate.model_validate(values))


def _ensure_role(ctx: DemoContext, client: DemoClient, deal_id: int, role: str) -> None:
    participants = ctx.store.participants.list("deal", deal_id)
    if any(role in p.roles for p in participants):
        return
    contact = client.contact_for(role)
    if contact is None:
        return
    current = next((p for p in participants if p.contact_id == contact.id), None)
    if current is None:
        ctx.store.participants.add("deal", deal_id, contact.id, [role])
    else:
        ctx.store.participants.set_roles(current.id, [*current.roles, role], current.version)


def _catalogue(ctx: DemoContext) -> list[str]:
    return [role.code for role in ctx.store.settings.roles]


def _usual_roles(ctx: DemoContext, contact: DemoContact) -> list[str]:
    """The role the person's job suggests, or the catalogue's first if it has no such role."""
    codes = _catalogue(ctx)
    return [contact.role] if contact.role in codes else codes[:1]


def _ensure_contacts_with_roles(
    ctx: DemoContext, client: DemoClient, deal_id: int, count: int
) -> None:
    participants = ctx.store.participants.list("deal", deal_id)
    have = sum(1 for p in participants if p.roles)
    taken = {p.contact_id for p in participants}
    for contact in client.contacts:
        if have >= count:
            return
        if contact.id not in taken:
            ctx.store.participants.add("deal", deal_id, contact.id, _usual_roles(ctx, contact))
            taken.add(contact.id)
            have += 1


def _approval(
    ctx: DemoContext, client: DemoClient, deal_id: int, status: str, kind: str = "discount",
    lost_reason: str | None = None,
) -> None:
    """The owner asks; unless left pending, the head of sales decides a few hours later.

    A rejection with `lost_reason` closes the deal as lost, as the approval dialog does.
    """
    ctx.act(client.owner)
    asked = ctx.store.approvals.request(
        deal_id, kind, "Клиент просит скидку за объём; прошу согласовать"
    )
    if status == "pending":
        return
    ctx.clock.set(ctx.clock.now + dt.timedelta(hours=ctx.rng.uniform(2, 30)))
    ctx.act(ctx.members.head)
    if status == "approved":
        ctx.store.approvals.approve(
            asked.id, comment="Согласовано: годовой объём закупок это оправдывает"
        )
    else:
        ctx.store.approvals.reject(
            asked.id, comment="Отклонено: скидка съедает всю маржу", lost_reason=lost_reason
        )
