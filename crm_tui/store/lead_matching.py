"""The facts lead handling needs from the database, read inside the caller's transaction.

Who else has this phone or e-mail (and is any of them junk or a competitor), which known
clients, contacts and open leads look like the same company or person, and who usually
serves the client this person works for. The decisions on these facts live in
`crm_tui.leads`; this module only asks the database.
"""

from __future__ import annotations

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from crm_tui.leads.assignment import UsualManager
from crm_tui.leads.duplicates import (
    Candidate,
    company_key,
    person_key,
    search_stems,
    similar,
)
from crm_tui.leads.scoring import KnownJunk
from crm_tui.leads.status import OPEN_STATUSES
from crm_tui.schemas.leads import LeadDuplicate
from crm_tui.store.base import like_contains
from crm_tui.store.models import (
    Affiliation,
    Client,
    Contact,
    ContactEmail,
    ContactPhone,
    Deal,
    Lead,
    Stage,
    User,
)

#: Contact marks (`contacts.status`) that make a lead from the same person worthless.
JUNK_CONTACT_STATUSES = ("junk", "competitor")
#: Rows fetched per fuzzy comparison; the stems keep the right ones among them.
CANDIDATE_LIMIT = 200
MAX_DUPLICATES = 20


def _contact_match(phone: str | None, email: str | None):  # type: ignore[no-untyped-def]
    """A condition on Contact.id: the contact has this phone or this e-mail."""
    conditions = []
    if phone:
        conditions.append(
            Contact.id.in_(select(ContactPhone.contact_id).where(ContactPhone.e164 == phone))
        )
    if email:
        conditions.append(
            Contact.id.in_(
                select(ContactEmail.contact_id).where(ContactEmail.email_key == email.casefold())
            )
        )
    return or_(*conditions) if conditions else None


def _lead_match(phone: str | None, email: str | None):  # type: ignore[no-untyped-def]
    conditions = []
    if phone:
        conditions.append(Lead.phone == phone)
    if email:
        # Leads keep the e-mail as typed (domain lower-cased); compare the folded form.
        conditions.append(func.lower(Lead.email) == email.lower())
    return or_(*conditions) if conditions else None


def known_junk(
    session: Session, phone: str | None, email: str | None, exclude_lead: int | None = None
) -> KnownJunk | None:
    """A contact marked junk or competitor, or an earlier junk lead, with this phone or e-mail."""
    by_contact = _contact_match(phone, email)
    if by_contact is None:
        return None
    contact = session.execute(
        select(Contact.full_name, Contact.status)
        .where(by_contact, Contact.status.in_(JUNK_CONTACT_STATUSES))
        .order_by(Contact.id)
        .limit(1)
    ).first()
    if contact is not None:
        return KnownJunk(contact.full_name, contact.status)
    conditions = [_lead_match(phone, email), Lead.status == "junk"]
    if exclude_lead is not None:
        conditions.append(Lead.id != exclude_lead)
    lead = session.scalars(
        select(Lead.name).where(and_(*conditions)).order_by(Lead.id).limit(1)
    ).first()
    return KnownJunk(lead, "junk") if lead is not None else None


def exact_duplicates(
    session: Session, phone: str | None, email: str | None, exclude_lead: int | None
) -> list[LeadDuplicate]:
    """Contacts and open leads with the same phone or e-mail."""
    found: list[LeadDuplicate] = []
    for value, reason in ((phone, "phone"), (email, "email")):
        if not value:
            continue
        by_contact = _contact_match(value if reason == "phone" else None,
                                    value if reason == "email" else None)
        for contact_id, name, status in session.execute(
            select(Contact.id, Contact.full_name, Contact.status)
            .where(by_contact)
            .order_by(Contact.id)
            .limit(MAX_DUPLICATES)
        ):
            mark = status if status in JUNK_CONTACT_STATUSES else None
            found.append(LeadDuplicate(kind="contact", id=contact_id, name=name, reason=reason,
                                       status=mark))
        by_lead = _lead_match(value if reason == "phone" else None,
                              value if reason == "email" else None)
        conditions = [by_lead, Lead.status.in_(OPEN_STATUSES)]
        if exclude_lead is not None:
            conditions.append(Lead.id != exclude_lead)
        for lead_id, name, status in session.execute(
            select(Lead.id, Lead.name, Lead.status)
            .where(and_(*conditions))
            .order_by(Lead.id)
            .limit(MAX_DUPLICATES)
        ):
            found.append(LeadDuplicate(kind="lead", id=lead_id, name=name, reason=reason,
                                       status=status))
    return found


def _stem_filter(column, key: str):  # type: ignore[no-untyped-def]
    stems = search_stems(key)
    if not stems:
        return None
    return or_(*(column.like(like_contains(stem), escape="\\") for stem in stems))


def fuzzy_duplicates(
    session: Session, name: str, company: str | None, exclude_lead: int | None
) -> list[LeadDuplicate]:
    """Clients with a similar company name; contacts and open leads with a similar name."""
    found: list[LeadDuplicate] = []
    if company:
        stems = _stem_filter(Client.name_key, company_key(company))
        if stems is not None:
            rows = session.execute(
                select(Client.id, Client.name)
                .where(stems, Client.archived.is_(False))
                .order_by(Client.id)
                .limit(CANDIDATE_LIMIT)
            ).all()
            for match in similar(company, [Candidate("client", i, n) for i, n in rows],
                                 company=True):
                found.append(LeadDuplicate(kind="client", id=match.candidate.id,
                                           name=match.candidate.name, reason="company",
                                           similarity=match.similarity))
    key = person_key(name)
    contact_stems = _stem_filter(Contact.name_key, key)
    if contact_stems is not None:
        rows = session.execute(
            select(Contact.id, Contact.full_name)
            .where(contact_stems)
            .order_by(Contact.id)
            .limit(CANDIDATE_LIMIT)
        ).all()
        for match in similar(name, [Candidate("contact", i, n) for i, n in rows], company=False):
            found.append(LeadDuplicate(kind="contact", id=match.candidate.id,
                                       name=match.candidate.name, reason="name",
                                       similarity=match.similarity))
    lead_stems = _stem_filter(Lead.name_key, key)
    if lead_stems is not None:
        conditions = [lead_stems, Lead.status.in_(OPEN_STATUSES)]
        if exclude_lead is not None:
            conditions.append(Lead.id != exclude_lead)
        rows = session.execute(
            select(Lead.id, Lead.name, Lead.status)
            .where(and_(*conditions))
            .order_by(Lead.id)
            .limit(CANDIDATE_LIMIT)
        ).all()
        statuses = {i: s for i, _n, s in rows}
        for match in similar(name, [Candidate("lead", i, n) for i, n, _s in rows],
                             company=False):
            found.append(LeadDuplicate(kind="lead", id=match.candidate.id,
                                       name=match.candidate.name, reason="name",
                                       similarity=match.similarity,
                                       status=statuses[match.candidate.id]))
    return found


def duplicates(
    session: Session,
    *,
    name: str,
    company: str | None,
    phone: str | None,
    email: str | None,
    exclude_lead: int | None = None,
) -> list[LeadDuplicate]:
    """Possible duplicates, exact matches first, one entry per record (the strongest reason)."""
    seen: dict[tuple[str, int], LeadDuplicate] = {}
    for dup in [*exact_duplicates(session, phone, email, exclude_lead),
                *fuzzy_duplicates(session, name, company, exclude_lead)]:
        seen.setdefault((dup.kind, dup.id), dup)
    return list(seen.values())[:MAX_DUPLICATES]


def open_deal_count(session: Session, owner_id: int) -> int:
    """Deals of `owner_id` not yet in a final stage."""
    return session.scalar(
        select(func.count(Deal.id))
        .join(Stage, Stage.id == Deal.stage_id)
        .where(Deal.owner_id == owner_id, Stage.final.is_(False), Deal.outcome.is_(None))
    ) or 0


def usual_manager(session: Session, phone: str | None, email: str | None) -> UsualManager | None:
    """The owner of the client this person currently works for (the latest such link)."""
    by_contact = _contact_match(phone, email)
    if by_contact is None:
        return None
    row = session.execute(
        select(User.id, User.display_name, User.active, Client.name)
        .select_from(Affiliation)
        .join(Contact, Contact.id == Affiliation.contact_id)
        .join(Client, Client.id == Affiliation.client_id)
        .join(User, User.id == Client.owner_id)
        .where(
            by_contact,
            Contact.status.not_in(JUNK_CONTACT_STATUSES),
            Affiliation.ended_on.is_(None),
            Client.archived.is_(False),
        )
        .order_by(Affiliation.started_on.desc().nulls_last(), Affiliation.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    user_id, name, active, client_name = row
    return UsualManager(user_id=user_id, name=name, client_name=client_name,
                        open_deals=open_deal_count(session, user_id), active=active)


def active_managers(session: Session) -> list[int]:
    return list(
        session.scalars(
            select(User.id).where(User.role == "manager", User.active.is_(True)).order_by(User.id)
        )
    )


def last_assigned(session: Session) -> int | None:
    """The owner of the newest lead that has one: where the round-robin turn stands."""
    return session.scalars(
        select(Lead.owner_id).where(Lead.owner_id.is_not(None)).order_by(Lead.id.desc()).limit(1)
    ).first()


def matching_contacts(session: Session, phone: str | None, email: str | None) -> list[int]:
    """Contacts with this phone or e-mail, oldest first (a conversion may reuse the first)."""
    by_contact = _contact_match(phone, email)
    if by_contact is None:
        return []
    return list(session.scalars(select(Contact.id).where(by_contact).order_by(Contact.id)))
