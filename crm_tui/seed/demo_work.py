"""Demo day-to-day work: tasks around today, timelines, leads, contracts and a ticket.

Every manager opens the demo to overdue tasks, tasks due today and upcoming ones, relative to
the seed's `now`, so the task inbox looks alive whenever the demo is created. Leads,
contracts and tickets go through their repositories like the rest.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from decimal import Decimal

from crm_tui.schemas.common import UserOut
from crm_tui.schemas.contracts import ContractIn, TicketIn
from crm_tui.schemas.leads import ConvertRequest, LeadIn
from crm_tui.schemas.work import ActivityIn, TaskIn, TaskOut
from crm_tui.seed import requisites
from crm_tui.seed.demo_context import DemoClient, DemoContext
from crm_tui.seed.names import company_name, latin, person_name
from crm_tui.seed.texts import (
    ACTIVITY_BODIES,
    LEAD_REFUSALS,
    LEAD_SOURCES,
    PRODUCTS,
    TASK_OUTCOMES,
    TASK_TITLES,
)

TASK_KINDS = ("call", "email", "meeting", "proposal", "other")
LEAD_PLAN = (("new", 5), ("qualified", 3), ("junk", 2), ("converted", 3), ("refused", 2))


def create_tasks(ctx: DemoContext) -> None:
    """For each manager and the head: overdue, due today, upcoming and done tasks."""
    team = ctx.members
    end_of_day = _end_of_local_day(ctx)
    for user in [team.head, *team.managers]:
        own = [c for c in ctx.clients if c.owner.id == user.id] or ctx.clients
        ctx.clock.set(ctx.now - dt.timedelta(days=7))
        for _ in range(ctx.rng.randrange(2, 4)):
            _task(ctx, user, own, ctx.now - dt.timedelta(days=ctx.rng.uniform(0.2, 6)))
        for _ in range(2):
            _task(ctx, user, own, ctx.now + (end_of_day - ctx.now) * ctx.rng.uniform(0.1, 0.9))
        for _ in range(3):
            _task(ctx, user, own, ctx.now + dt.timedelta(days=ctx.rng.uniform(1, 14)))
        for _ in range(3):
            due = ctx.now - dt.timedelta(days=ctx.rng.uniform(1, 30))
            task = _task(ctx, user, own, due)
            ctx.clock.set(due)
            ctx.store.tasks.complete(task.id, ctx.rng.choice(TASK_OUTCOMES))
    for manager in team.managers:
        own = [c for c in ctx.clients if c.owner.id == manager.id] or ctx.clients
        ctx.clock.set(ctx.now - dt.timedelta(days=1))
        _task(ctx, manager, own, ctx.now + dt.timedelta(days=2), author=team.head)
    ctx.clock.set(ctx.now)


def _end_of_local_day(ctx: DemoContext) -> dt.datetime:
    zone = zoneinfo.ZoneInfo(ctx.store.settings.timezone)
    local = ctx.now.astimezone(zone)
    midnight = dt.datetime.combine(local.date() + dt.timedelta(days=1), dt.time(), zone)
    return midnight.astimezone(dt.UTC)


def _task(
    ctx: DemoContext,
    user: UserOut,
    clients: list[DemoClient],
    due: dt.datetime,
    author: UserOut | None = None,
) -> TaskOut:
    """A task on one of `clients`, maybe about one of its open deals.

    An open task never sits on a deal whose stage rules want that kind of task closed.
    """
    rng = ctx.rng
    client = rng.choice(clients)
    kind = rng.choice(TASK_KINDS)
    deal_id = None
    if client.open_deals and rng.random() < 0.4:
        deal_id = rng.choice(sorted(client.open_deals))
        if client.open_deals[deal_id].forbids_open(kind):
            kind = "call"
        if client.open_deals[deal_id].forbids_open(kind):
            deal_id = None
    ctx.act(author or user)
    return ctx.store.tasks.create(
        TaskIn(
            kind=kind,
            title=rng.choice(TASK_TITLES[kind]),
            due_at=due,
            assignee_id=user.id,
            client_id=client.id,
            contact_id=rng.choice(client.contacts).id if client.contacts and rng.random() < 0.7
            else None,
            deal_id=deal_id,
        )
    )


def create_activities(ctx: DemoContext) -> None:
    """Calls, meetings, e-mails and notes on every client's timeline."""
    rng = ctx.rng
    for client in ctx.clients:
        ctx.act(client.owner)
        for _ in range(rng.randrange(2, 6)):
            kind = rng.choices(("call", "meeting", "email", "note"), weights=(4, 2, 3, 2))[0]
            ctx.store.activities.log(
                ActivityIn(
                    kind=kind,
                    body=rng.choice(ACTIVITY_BODIES[kind]),
                    at=ctx.now - dt.timedelta(days=rng.uniform(0.1, 90)),
                    client_id=client.id,
                    contact_id=rng.choice(client.contacts).id if client.contacts and
                    rng.random() < 0.6 else None,
                    deal_id=rng.choice(client.deals) if client.deals and rng.random() < 0.4
                    else None,
                )
            )


def create_leads(ctx: DemoContext) -> None:
    """Leads in every status, each taken there the way a manager would.

    Converted leads become clients with a contact and a deal in the first stage, all linked
    back to the lead; refused ones leave the farewell-letter task the lead process creates.
    """
    rng = ctx.rng
    pipelines = ctx.store.settings.pipelines
    pipeline = next((p for p in pipelines if p.code == "sales"), pipelines[0]).code
    leads = ctx.store.leads
    for status, count in LEAD_PLAN:
        for _ in range(count):
            ctx.days_ago(rng.uniform(1, 40))
            owner = rng.choice(ctx.members.managers)
            ctx.act(owner)
            name = person_name(rng)
            brand = company_name(rng)
            lead = leads.create(
                LeadIn(
                    name=name.full,
                    company=None if status == "junk" else f"ООО «{brand}»",
                    phone=requisites.mobile_phone(rng.randrange(requisites.PHONE_SPACE)),
                    email=f"{latin(name.last)}@mail.ru" if rng.random() < 0.7 else None,
                    source=rng.choice(LEAD_SOURCES),
                    owner_id=None if status == "new" else owner.id,
                )
            ).lead
            ctx.clock.set(ctx.clock.now + dt.timedelta(hours=rng.uniform(1, 48)))
            if status == "qualified":
                leads.qualify(lead.id)
            elif status == "junk" and lead.status != "junk":
                leads.mark_junk(lead.id)
            elif status == "refused":
                leads.refuse(lead.id, rng.choice(LEAD_REFUSALS))
            elif status == "converted":
                leads.convert(
                    lead.id,
                    ConvertRequest(
                        client_name=brand, client_kind="organisation", create_deal=True,
                        pipeline=pipeline, deal_title=rng.choice(PRODUCTS),
                        amount=Decimal(rng.randrange(100, 3000) * 1000),
                    ),
                )
    ctx.clock.set(ctx.now)


def create_contracts_and_tickets(ctx: DemoContext) -> None:
    """Contact roles apply to contracts and tickets as to deals: a few of each, with roles."""
    won = [
        (client, deal)
        for client in ctx.clients
        for deal in (ctx.store.deals.get(d) for d in client.deals)
        if deal.outcome == "won" and deal.counterparty_id
    ]
    for number, (client, deal) in enumerate(won[:2], start=1):
        ctx.act(client.owner)
        signed = (deal.closed_at or ctx.now).date()
        contract = ctx.store.contracts.create(
            ContractIn(
                client_id=client.id, counterparty_id=deal.counterparty_id, deal_id=deal.id,
                number=f"Д-{signed.year}/{number:03d}", status="active", signed_on=signed,
                valid_until=signed + dt.timedelta(days=365),
            )
        )
        approver = client.contact_for("contract_approver")
        ctx.store.participants.add("contract", contract.id, approver.id, ["contract_approver"])
    client = next(c for c in ctx.clients if c.kind == "organisation" and c.counterparties)
    ctx.act(client.owner)
    ticket = ctx.store.tickets.create(
        TicketIn(
            client_id=client.id, counterparty_id=client.counterparties[0],
            subject="Не проходит выгрузка счетов в 1С", status="open",
            opened_on=(ctx.now - dt.timedelta(days=2)).date(),
        )
    )
    specialist = client.contact_for("technical_specialist")
    ctx.store.participants.add("ticket", ticket.id, specialist.id, ["technical_specialist"])
