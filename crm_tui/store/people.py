"""The people of a client and the records a person takes part in, as the cards list them."""

from __future__ import annotations

from sqlalchemy import Row, and_, case, select, tuple_
from sqlalchemy.orm import Session

from crm_tui.schemas.common import Page
from crm_tui.schemas.people import ClientPerson, Participation
from crm_tui.store.base import PAGE_SIZE, Repository
from crm_tui.store.models import (
    Affiliation,
    Client,
    Contact,
    ContactEmail,
    ContactPhone,
    ContactRole,
    Contract,
    Deal,
    Pipeline,
    Stage,
    Ticket,
)
from crm_tui.store.models import Participation as ParticipationRow

MAX_PARTICIPATIONS = 500


def _first_of(session: Session, column, owner, ids: list[int]) -> dict[int, str]:  # type: ignore[no-untyped-def]
    """The first (lowest id) phone or e-mail of each contact."""
    first: dict[int, str] = {}
    for contact_id, value in session.execute(
        select(owner.contact_id, column).where(owner.contact_id.in_(ids)).order_by(owner.id)
    ):
        first.setdefault(contact_id, value)
    return first


class PeopleRepository(Repository):
    kind_name = "contact"

    def of_client(self, client_id: int, *, after: tuple | None = None,
                  limit: int = PAGE_SIZE) -> Page[ClientPerson]:
        """The client's people, current ones first then those who left, by name."""
        ended = case((Affiliation.ended_on.is_(None), 0), else_=1)
        key = (ended, Contact.name_key, Affiliation.id)
        conditions = [Affiliation.client_id == client_id]
        if after:
            conditions.append(tuple_(*key) > tuple_(*after))
        with self.read() as session:
            rows = session.execute(
                select(Affiliation, Contact.full_name, Contact.name_key)
                .join(Contact, Contact.id == Affiliation.contact_id)
                .where(and_(*conditions)).order_by(*key).limit(limit + 1)
            ).all()
            more = len(rows) > limit
            rows = rows[:limit]
            ids = [a.contact_id for a, _n, _k in rows]
            phones = _first_of(session, ContactPhone.e164, ContactPhone, ids) if ids else {}
            emails = _first_of(session, ContactEmail.email, ContactEmail, ids) if ids else {}
            others: dict[int, list[str]] = {}
            if ids:
                for contact_id, name in session.execute(
                    select(Affiliation.contact_id, Client.name)
                    .join(Client, Client.id == Affiliation.client_id)
                    .where(Affiliation.contact_id.in_(ids), Affiliation.ended_on.is_(None),
                           Affiliation.client_id != client_id)
                    .order_by(Client.name_key, Client.id)
                ):
                    others.setdefault(contact_id, []).append(name)
        items = [
            ClientPerson(
                affiliation_id=a.id, affiliation_version=a.version, contact_id=a.contact_id,
                full_name=name, position=a.position, phone=phones.get(a.contact_id),
                email=emails.get(a.contact_id), started_on=a.started_on, ended_on=a.ended_on,
                other_clients=tuple(others.get(a.contact_id, ())),
            )
            for a, name, _k in rows
        ]
        cursor = None
        if more and rows:
            a, _n, name_key = rows[-1]
            cursor = (1 if a.ended_on else 0, name_key, a.id)
        return Page(items=items, after=cursor)

    def participations_of(self, contact_id: int) -> list[Participation]:
        """Every deal, contract and ticket the contact takes part in, with their roles.

        The records of each kind come in one query, however many the contact is part of.
        """
        with self.read() as session:
            rows = session.scalars(
                select(ParticipationRow).where(ParticipationRow.contact_id == contact_id)
                .order_by(ParticipationRow.id.desc()).limit(MAX_PARTICIPATIONS)
            ).all()
            codes = {r.id: r.code for r in session.scalars(select(ContactRole))}
            deals = _by_id(session, Deal, [p.deal_id for p in rows], (Stage.code, Pipeline.code),
                           lambda stmt: stmt.join(Stage, Stage.id == Deal.stage_id)
                           .join(Pipeline, Pipeline.id == Deal.pipeline_id))
            contracts = _by_id(session, Contract, [p.contract_id for p in rows])
            tickets = _by_id(session, Ticket, [p.ticket_id for p in rows])
        found = []
        for p in rows:
            base = {"id": p.id, "primary": p.is_primary,
                    "roles": tuple(codes[a.role_id] for a in p.roles)}
            if p.deal_id is not None:
                found.append(_deal_part(deals.get(p.deal_id), base))
            elif p.contract_id is not None:
                found.append(_record_part("contract", contracts.get(p.contract_id), base))
            else:
                found.append(_record_part("ticket", tickets.get(p.ticket_id), base))
        return [f for f in found if f is not None]


def _by_id(session: Session, model, ids: list[int | None], extra: tuple = (),  # type: ignore[no-untyped-def]
           join=lambda stmt: stmt) -> dict[int, Row]:
    """Rows of (record, client name, *extra) for the given ids, in one query."""
    wanted = sorted({i for i in ids if i is not None})
    if not wanted:
        return {}
    stmt = join(select(model, Client.name, *extra).join(Client, Client.id == model.client_id))
    return {row[0].id: row for row in session.execute(stmt.where(model.id.in_(wanted)))}


def _deal_part(row: Row | None, base: dict) -> Participation | None:
    if row is None:
        return None
    deal, client, stage, pipeline = row
    return Participation(kind="deal", record_id=deal.id, title=deal.title,
                         client_id=deal.client_id, client_name=client, stage=stage,
                         pipeline=pipeline, outcome=deal.outcome, **base)


def _record_part(kind: str, row: Row | None, base: dict) -> Participation | None:
    """A contract (titled by its number) or a ticket (by its subject) the contact is in."""
    if row is None:
        return None
    record, client = row
    title = record.number if kind == "contract" else record.subject
    return Participation(kind=kind, record_id=record.id, title=title,
                         client_id=record.client_id, client_name=client, **base)
