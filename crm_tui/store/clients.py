"""Clients and their counterparties (legal entities)."""

from __future__ import annotations

from typing import Literal

from sqlalchemy import and_, func, select, tuple_

from crm_tui.i18n import _
from crm_tui.schemas.clients import (
    ClientIn,
    ClientOut,
    ClientRow,
    CounterpartyIn,
    CounterpartyOut,
)
from crm_tui.schemas.common import Page
from crm_tui.store.base import PAGE_SIZE, Repository, starts_with, text_key
from crm_tui.store.models import (
    Affiliation,
    Client,
    Contact,
    Counterparty,
    Deal,
    Stage,
    User,
)
from crm_tui.store.search import name_matches

ClientSort = Literal["name", "recent"]


def client_out(client: Client, owner_name: str | None) -> ClientOut:
    data = {c.key: getattr(client, c.key) for c in Client.__mapper__.column_attrs}
    return ClientOut.model_validate({**data, "owner_name": owner_name})


class ClientRepository(Repository):
    kind_name = "client"

    def create(self, data: ClientIn) -> ClientOut:
        owner_id = self._owner_for(data.owner_id)
        with self.write() as session:
            client = Client(**data.model_dump(exclude={"owner_id"}), owner_id=owner_id)
            client.name_key = text_key(client.name)
            session.add(client)
            session.flush()
            owner = session.get(User, owner_id) if owner_id else None
            return client_out(client, owner.display_name if owner else None)

    def _owner_for(self, requested: int | None) -> int | None:
        mine = self.ctx.user.id if self.ctx.user else None
        if requested is not None and requested != mine:
            self.require_head(_("give a client to another manager"))
            return requested
        return mine if requested is None else requested

    def get(self, client_id: int) -> ClientOut:
        with self.read() as session:
            client = self.load(session, Client, client_id)
            owner = session.get(User, client.owner_id) if client.owner_id else None
            return client_out(client, owner.display_name if owner else None)

    def update(self, client_id: int, version: int, data: ClientIn) -> ClientOut:
        with self.write() as session:
            client = self.load(session, Client, client_id, lock=True)
            self.check_version(session, client, version)
            values = data.model_dump()
            if values["owner_id"] != client.owner_id:
                self.require_head(_("give a client to another manager"))
            self.apply(client, values)
            client.name_key = text_key(client.name)
            session.flush()
            owner = session.get(User, client.owner_id) if client.owner_id else None
            return client_out(client, owner.display_name if owner else None)

    def set_archived(self, client_id: int, version: int, archived: bool = True) -> ClientOut:
        with self.write() as session:
            client = self.load(session, Client, client_id, lock=True)
            self.check_version(session, client, version)
            client.archived = archived
            session.flush()
            owner = session.get(User, client.owner_id) if client.owner_id else None
            return client_out(client, owner.display_name if owner else None)

    def _filtered(self, owner_id, segment, priority, search, include_archived):  # type: ignore[no-untyped-def]
        stmt = select(Client.id)
        conditions = []
        if not include_archived:
            conditions.append(Client.archived.is_(False))
        if owner_id is not None:
            conditions.append(Client.owner_id == owner_id)
        if segment:
            conditions.append(Client.segment == segment)
        if priority:
            conditions.append(Client.priority == priority)
        if search:
            digits = search.strip()
            by_inn = select(Counterparty.client_id).where(starts_with(Counterparty.inn, digits))
            others = [by_inn] if digits.isdigit() else []
            conditions.append(
                name_matches("client", Client.name_key, Client.id, text_key(digits), *others)
            )
        return stmt, conditions

    def page(
        self,
        *,
        owner_id: int | None = None,
        segment: str | None = None,
        priority: str | None = None,
        search: str | None = None,
        include_archived: bool = False,
        sort: ClientSort = "name",
        after: tuple | None = None,
        limit: int = PAGE_SIZE,
    ) -> Page[ClientRow]:
        """One keyset page of the client list, in `sort` order."""
        _stmt, conditions = self._filtered(owner_id, segment, priority, search, include_archived)
        if sort == "name":
            keys = (Client.name_key, Client.id)
            order = (Client.name_key.asc(), Client.id.asc())
            if after:
                conditions.append(tuple_(*keys) > tuple_(*after))
        else:
            keys = (Client.updated_at, Client.id)
            order = (Client.updated_at.desc(), Client.id.desc())
            if after:
                conditions.append(tuple_(*keys) < tuple_(*after))
        open_deals = (
            select(func.count(Deal.id))
            .join(Stage, Stage.id == Deal.stage_id)
            .where(Deal.client_id == Client.id, Stage.final.is_(False))
            .correlate(Client)
            .scalar_subquery()
        )
        stmt = (
            select(Client, User.display_name, open_deals)
            .outerjoin(User, User.id == Client.owner_id)
            .where(and_(True, *conditions))
            .order_by(*order)
            .limit(limit + 1)
        )
        with self.read() as session:
            rows = session.execute(stmt).all()
        more = len(rows) > limit
        rows = rows[:limit]
        items = [
            ClientRow(
                id=c.id,
                name=c.name,
                kind=c.kind,
                segment=c.segment,
                industry=c.industry,
                priority=c.priority,
                owner_name=owner,
                open_deals=deals or 0,
            )
            for c, owner, deals in rows
        ]
        cursor = None
        if more and rows:
            last = rows[-1][0]
            cursor = (last.name_key, last.id) if sort == "name" else (last.updated_at, last.id)
        return Page(items=items, after=cursor)

    def count(
        self,
        *,
        owner_id: int | None = None,
        segment: str | None = None,
        priority: str | None = None,
        search: str | None = None,
        include_archived: bool = False,
    ) -> int:
        _stmt, conditions = self._filtered(owner_id, segment, priority, search, include_archived)
        with self.read() as session:
            return session.scalar(
                select(func.count(Client.id)).where(and_(True, *conditions))
            ) or 0

    def segments(self) -> list[str]:
        with self.read() as session:
            return [
                s
                for s in session.scalars(
                    select(Client.segment).where(Client.segment.is_not(None)).distinct().limit(200)
                )
            ]

    def missing_important_fields(self, client_id: int) -> list[str]:
        """The configured important fields that are empty on this client's card."""
        important = self.ctx.settings.process.important_client_fields
        with self.read() as session:
            client = self.load(session, Client, client_id)
            missing = []
            for name in important:
                if name == "counterparties":
                    has = session.scalar(
                        select(func.count(Counterparty.id)).where(
                            Counterparty.client_id == client_id
                        )
                    )
                    if not has:
                        missing.append(name)
                elif name == "contacts":
                    has = session.scalar(
                        select(func.count(Affiliation.id)).where(
                            Affiliation.client_id == client_id, Affiliation.ended_on.is_(None)
                        )
                    )
                    if not has:
                        missing.append(name)
                elif name == "owner":
                    if client.owner_id is None:
                        missing.append(name)
                elif hasattr(client, name) and getattr(client, name) in (None, ""):
                    missing.append(name)
            return missing


class CounterpartyRepository(Repository):
    kind_name = "counterparty"

    def add(self, client_id: int, data: CounterpartyIn) -> CounterpartyOut:
        with self.write() as session:
            self.load_client(session, client_id)
            cp = Counterparty(client_id=client_id, **data.model_dump())
            cp.name_key = text_key(cp.name)
            session.add(cp)
            session.flush()
            return CounterpartyOut.model_validate(cp)

    def load_client(self, session, client_id: int) -> Client:  # type: ignore[no-untyped-def]
        client = session.get(Client, client_id)
        if client is None:
            from crm_tui.store.errors import NotFound

            raise NotFound("client", client_id)
        return client

    def update(self, counterparty_id: int, version: int, data: CounterpartyIn) -> CounterpartyOut:
        with self.write() as session:
            cp = self.load(session, Counterparty, counterparty_id, lock=True)
            self.check_version(session, cp, version)
            self.apply(cp, data.model_dump())
            cp.name_key = text_key(cp.name)
            session.flush()
            return CounterpartyOut.model_validate(cp)

    def set_archived(self, counterparty_id: int, version: int, archived: bool = True):  # type: ignore[no-untyped-def]
        with self.write() as session:
            cp = self.load(session, Counterparty, counterparty_id, lock=True)
            self.check_version(session, cp, version)
            cp.archived = archived
            session.flush()
            return CounterpartyOut.model_validate(cp)

    def get(self, counterparty_id: int) -> CounterpartyOut:
        with self.read() as session:
            return CounterpartyOut.model_validate(self.load(session, Counterparty, counterparty_id))

    def of_client(self, client_id: int, *, include_archived: bool = False) -> list[CounterpartyOut]:
        """A client's legal entities (a handful, never thousands: one query)."""
        stmt = select(Counterparty).where(Counterparty.client_id == client_id)
        if not include_archived:
            stmt = stmt.where(Counterparty.archived.is_(False))
        with self.read() as session:
            rows = session.scalars(stmt.order_by(Counterparty.name_key, Counterparty.id).limit(500))
            return [CounterpartyOut.model_validate(cp) for cp in rows]

    def linked_contacts(self, counterparty_id: int) -> list[int]:
        from crm_tui.store.models import CounterpartyContact

        with self.read() as session:
            return list(
                session.scalars(
                    select(CounterpartyContact.contact_id).where(
                        CounterpartyContact.counterparty_id == counterparty_id
                    )
                )
            )

    def link_contact(self, counterparty_id: int, contact_id: int) -> None:
        from crm_tui.store.models import CounterpartyContact

        with self.write() as session:
            self.load(session, Counterparty, counterparty_id)
            if session.get(Contact, contact_id) is None:
                from crm_tui.store.errors import NotFound

                raise NotFound("contact", contact_id)
            if session.get(CounterpartyContact, (counterparty_id, contact_id)) is None:
                session.add(
                    CounterpartyContact(counterparty_id=counterparty_id, contact_id=contact_id)
                )
