"""Contacts and their affiliations with clients (history kept when a person moves on)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import and_, case, select, tuple_

from crm_tui.i18n import _
from crm_tui.schemas.clients import AffiliationIn, AffiliationOut, ContactIn, ContactOut
from crm_tui.schemas.common import Page
from crm_tui.store.base import PAGE_SIZE, Repository, text_key
from crm_tui.store.errors import InvalidInput, NotFound
from crm_tui.store.models import Affiliation, Client, Contact, ContactEmail, ContactPhone
from crm_tui.store.search import name_matches, starts_with


def contact_out(contact: Contact) -> ContactOut:
    data = {c.key: getattr(contact, c.key) for c in Contact.__mapper__.column_attrs}
    data["relationship"] = data.pop("relationship_kind")
    data["phones"] = [p.e164 for p in contact.phones]
    data["emails"] = [e.email for e in contact.emails]
    return ContactOut.model_validate(data)


def _affiliation_out(aff: Affiliation, client_name: str, contact_name: str) -> AffiliationOut:
    return AffiliationOut(
        id=aff.id,
        client_id=aff.client_id,
        client_name=client_name,
        contact_id=aff.contact_id,
        contact_name=contact_name,
        position=aff.position,
        started_on=aff.started_on,
        ended_on=aff.ended_on,
        version=aff.version,
    )


class ContactRepository(Repository):
    kind_name = "contact"

    def _fill(self, contact: Contact, data: ContactIn) -> None:
        values = data.model_dump(exclude={"phones", "emails", "relationship"})
        values["relationship_kind"] = data.relationship
        if values["owner_id"] is None:
            values["owner_id"] = contact.owner_id
        self.apply(contact, values)
        contact.name_key = text_key(contact.full_name)
        phones = list(dict.fromkeys(data.phones))
        if [p.e164 for p in contact.phones] != phones:
            contact.phones = [ContactPhone(e164=p) for p in phones]
        emails = list(dict.fromkeys(data.emails))
        if [e.email for e in contact.emails] != emails:
            contact.emails = [ContactEmail(email=e, email_key=e.casefold()) for e in emails]

    def create(
        self,
        data: ContactIn,
        *,
        client_id: int | None = None,
        position: str | None = None,
        started_on: dt.date | None = None,
    ) -> ContactOut:
        """A new contact, optionally working for a client from `started_on` (default today)."""
        with self.write() as session:
            contact = Contact(owner_id=data.owner_id or (self.ctx.user.id if self.ctx.user else None))
            self._fill(contact, data)
            session.add(contact)
            session.flush()
            if client_id is not None:
                if session.get(Client, client_id) is None:
                    raise NotFound("client", client_id)
                session.add(
                    Affiliation(
                        client_id=client_id,
                        contact_id=contact.id,
                        position=position or data.position,
                        started_on=started_on or self.ctx.now().date(),
                    )
                )
            session.flush()
            return contact_out(contact)

    def get(self, contact_id: int) -> ContactOut:
        with self.read() as session:
            return contact_out(self.load(session, Contact, contact_id))

    def missing_important_fields(self, contact_id: int) -> list[str]:
        """The configured important fields that are empty on this contact's card."""
        important = self.ctx.settings.process.important_contact_fields
        contact = self.get(contact_id)
        data = contact.model_dump()
        return [name for name in important if data.get(name) in (None, "", [], ())]

    def update(self, contact_id: int, version: int, data: ContactIn) -> ContactOut:
        with self.write() as session:
            contact = self.load(session, Contact, contact_id, lock=True)
            self.check_version(session, contact, version)
            self._fill(contact, data)
            session.flush()
            return contact_out(contact)

    # -- affiliations ---------------------------------------------------------
    def link(self, data: AffiliationIn) -> AffiliationOut:
        """Start a contact's work for a client; one current link per pair."""
        with self.write() as session:
            client = session.get(Client, data.client_id)
            contact = session.get(Contact, data.contact_id)
            if client is None:
                raise NotFound("client", data.client_id)
            if contact is None:
                raise NotFound("contact", data.contact_id)
            current = session.scalars(
                select(Affiliation).where(
                    Affiliation.client_id == data.client_id,
                    Affiliation.contact_id == data.contact_id,
                    Affiliation.ended_on.is_(None),
                )
            ).first()
            if current is not None:
                raise InvalidInput(
                    "contact_id",
                    _("{name} already works for {client}.", name=contact.full_name,
                      client=client.name),
                )
            aff = Affiliation(
                client_id=data.client_id,
                contact_id=data.contact_id,
                position=data.position or contact.position,
                started_on=data.started_on or self.ctx.now().date(),
            )
            session.add(aff)
            session.flush()
            return _affiliation_out(aff, client.name, contact.full_name)

    def end_link(
        self, affiliation_id: int, version: int, ended_on: dt.date | None = None
    ) -> AffiliationOut:
        """"Left the company": the link gets an end date and stays in the history."""
        with self.write() as session:
            aff = self.load(session, Affiliation, affiliation_id, lock=True)
            self.check_version(session, aff, version)
            if aff.ended_on is not None:
                raise InvalidInput(None, _("This link has already ended."))
            end = ended_on or self.ctx.now().date()
            if aff.started_on and end < aff.started_on:
                raise InvalidInput(
                    "ended_on", _("The end date is before the start date {start}.",
                                  start=aff.started_on.isoformat())
                )
            aff.ended_on = end
            session.flush()
            client = session.get(Client, aff.client_id)
            contact = session.get(Contact, aff.contact_id)
            return _affiliation_out(aff, client.name, contact.full_name)

    def affiliations_of_contact(self, contact_id: int) -> list[AffiliationOut]:
        """Every client the contact works or worked for, current first."""
        stmt = (
            select(Affiliation, Client.name, Contact.full_name)
            .join(Client, Client.id == Affiliation.client_id)
            .join(Contact, Contact.id == Affiliation.contact_id)
            .where(Affiliation.contact_id == contact_id)
            .order_by(Affiliation.ended_on.is_not(None), Affiliation.started_on.desc(),
                      Affiliation.id.desc())
            .limit(500)
        )
        with self.read() as session:
            return [_affiliation_out(a, cn, pn) for a, cn, pn in session.execute(stmt)]

    def contacts_of_client(
        self,
        client_id: int,
        *,
        include_ended: bool = True,
        after: tuple | None = None,
        limit: int = PAGE_SIZE,
    ) -> Page[AffiliationOut]:
        """The people of a client, current ones first, paged by (ended, name, id)."""
        conditions = [Affiliation.client_id == client_id]
        if not include_ended:
            conditions.append(Affiliation.ended_on.is_(None))
        ended_flag = case((Affiliation.ended_on.is_(None), 0), else_=1)
        key = (ended_flag, Contact.name_key, Affiliation.id)
        if after:
            conditions.append(tuple_(*key) > tuple_(*after))
        stmt = (
            select(Affiliation, Client.name, Contact.full_name, Contact.name_key)
            .join(Client, Client.id == Affiliation.client_id)
            .join(Contact, Contact.id == Affiliation.contact_id)
            .where(and_(*conditions))
            .order_by(*key)
            .limit(limit + 1)
        )
        with self.read() as session:
            rows = session.execute(stmt).all()
        more = len(rows) > limit
        rows = rows[:limit]
        items = [_affiliation_out(a, cn, pn) for a, cn, pn, _k in rows]
        cursor = None
        if more and rows:
            a, _cn, _pn, name_key = rows[-1]
            cursor = (1 if a.ended_on else 0, name_key, a.id)
        return Page(items=items, after=cursor)

    def page(
        self,
        *,
        search: str | None = None,
        after: tuple | None = None,
        limit: int = PAGE_SIZE,
    ) -> Page[ContactOut]:
        conditions = []
        if search:
            key = text_key(search.strip())
            # Range scans (`starts_with`): SQLite's LIKE cannot use these indexes.
            by_email = select(ContactEmail.contact_id).where(
                starts_with(ContactEmail.email_key, key)
            )
            conditions.append(name_matches("contact", Contact.name_key, Contact.id, key, by_email))
        if after:
            conditions.append(tuple_(Contact.name_key, Contact.id) > tuple_(*after))
        stmt = (
            select(Contact)
            .where(and_(True, *conditions))
            .order_by(Contact.name_key, Contact.id)
            .limit(limit + 1)
        )
        with self.read() as session:
            rows = list(session.scalars(stmt))
            more = len(rows) > limit
            rows = rows[:limit]
            items = [contact_out(c) for c in rows]
        cursor = (rows[-1].name_key, rows[-1].id) if more and rows else None
        return Page(items=items, after=cursor)
