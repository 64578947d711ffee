"""Converting a lead: the client, the contact and maybe a deal, in the caller's transaction.

Conversion is one user action, so it is all or nothing: the repository opens one write
transaction and calls `convert` inside it; if any step fails (a chosen client was removed,
the pipeline is gone from the config) nothing of the earlier steps is kept. Each record
made keeps `lead_id`, the permanent link back to where the negotiation began.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm_tui.i18n import _
from crm_tui.schemas.leads import ConvertRequest
from crm_tui.store.base import StoreContext, text_key
from crm_tui.store.deal_moves import pipeline_of
from crm_tui.store.errors import InvalidInput, NotFound
from crm_tui.store.models import (
    Activity,
    Affiliation,
    Client,
    Contact,
    ContactEmail,
    ContactPhone,
    Deal,
    DealStageChange,
    Lead,
    Participation,
    Pipeline,
    Stage,
)


@dataclass
class Converted:
    client: Client
    client_created: bool
    contact: Contact
    contact_created: bool
    deal: Deal | None


def _client_for(
    session: Session, ctx: StoreContext, lead: Lead, request: ConvertRequest, owner_id: int
) -> tuple[Client, bool]:
    if request.client_id is not None:
        client = session.get(Client, request.client_id)
        if client is None:
            raise NotFound("client", request.client_id)
        if client.lead_id is None:
            client.lead_id = lead.id
        return client, False
    name = request.client_name or lead.company or lead.name
    kind = request.client_kind or ("organisation" if lead.company else "person")
    now = ctx.now()
    client = Client(name=name, name_key=text_key(name), kind=kind, owner_id=owner_id,
                    lead_id=lead.id, created_at=now, updated_at=now)
    session.add(client)
    session.flush()
    return client, True


def _contact_for(
    session: Session, ctx: StoreContext, lead: Lead, request: ConvertRequest, owner_id: int
) -> tuple[Contact, bool]:
    if request.contact_id is not None:
        contact = session.get(Contact, request.contact_id)
        if contact is None:
            raise NotFound("contact", request.contact_id)
        # What the lead told us about how to reach them is kept on the known contact.
        if lead.phone and lead.phone not in {p.e164 for p in contact.phones}:
            contact.phones.append(ContactPhone(e164=lead.phone))
        if lead.email and lead.email.casefold() not in {e.email_key for e in contact.emails}:
            contact.emails.append(ContactEmail(email=lead.email, email_key=lead.email.casefold()))
        return contact, False
    now = ctx.now()
    contact = Contact(
        full_name=lead.name, name_key=text_key(lead.name), owner_id=owner_id,
        phones=[ContactPhone(e164=lead.phone)] if lead.phone else [],
        emails=[ContactEmail(email=lead.email, email_key=lead.email.casefold())]
        if lead.email else [],
        created_at=now, updated_at=now,
    )
    session.add(contact)
    session.flush()
    return contact, True


def _link(session: Session, ctx: StoreContext, client: Client, contact: Contact) -> None:
    current = session.scalars(
        select(Affiliation.id).where(
            Affiliation.client_id == client.id,
            Affiliation.contact_id == contact.id,
            Affiliation.ended_on.is_(None),
        )
    ).first()
    if current is None:
        session.add(Affiliation(client_id=client.id, contact_id=contact.id,
                                position=contact.position, started_on=ctx.now().date()))


def _open_deal(
    session: Session,
    ctx: StoreContext,
    lead: Lead,
    request: ConvertRequest,
    client: Client,
    contact: Contact,
    owner_id: int,
) -> Deal:
    """A deal in the first stage of the pipeline, with the person as its primary contact."""
    config = pipeline_of(ctx, request.pipeline)
    first = config.stages[0].code
    stage_id = session.scalar(
        select(Stage.id)
        .join(Pipeline, Pipeline.id == Stage.pipeline_id)
        .where(Pipeline.code == request.pipeline, Stage.code == first)
    )
    pipeline_id = session.scalar(select(Pipeline.id).where(Pipeline.code == request.pipeline))
    if stage_id is None or pipeline_id is None:
        raise InvalidInput("pipeline", _("Unknown pipeline {code}.", code=request.pipeline))
    title = request.deal_title or client.name
    now = ctx.now()
    deal = Deal(
        title=title, title_key=text_key(title), client_id=client.id, pipeline_id=pipeline_id,
        stage_id=stage_id, amount=request.amount, currency=ctx.settings.currency,
        owner_id=owner_id, lead_id=lead.id, stage_entered_at=now, created_at=now,
        updated_at=now,
    )
    session.add(deal)
    session.flush()
    actor = ctx.user.id if ctx.user else None
    session.add(DealStageChange(deal_id=deal.id, from_stage_id=None, to_stage_id=stage_id,
                                user_id=actor, at=now))
    session.add(Participation(contact_id=contact.id, deal_id=deal.id, is_primary=True))
    return deal


def convert(
    session: Session, ctx: StoreContext, lead: Lead, request: ConvertRequest, owner_id: int
) -> Converted:
    """Make the lead a client, a contact and (if asked) a deal; the lead keeps links to all."""
    client, client_created = _client_for(session, ctx, lead, request, owner_id)
    contact, contact_created = _contact_for(session, ctx, lead, request, owner_id)
    _link(session, ctx, client, contact)
    deal = None
    if request.create_deal:
        deal = _open_deal(session, ctx, lead, request, client, contact, owner_id)
    lead.status = "converted"
    lead.owner_id = owner_id
    lead.client_id = client.id
    lead.contact_id = contact.id
    lead.deal_id = deal.id if deal else None
    body = _("Converted from lead {name}", name=lead.name)
    if request.note:
        body = f"{body}\n{request.note}"
    session.add(Activity(kind="system", at=ctx.now(), author_id=ctx.user.id if ctx.user else None,
                         client_id=client.id, contact_id=contact.id,
                         deal_id=deal.id if deal else None, body=body))
    session.flush()
    return Converted(client, client_created, contact, contact_created, deal)
