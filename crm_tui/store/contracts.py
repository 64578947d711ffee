"""Contracts and tickets: create, edit, read and page them.

Both are records of one client, on one of its legal entities, that contacts take part in
with roles (see `participants`); a record never moves to another client, because its
people and roles belong to that client.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from crm_tui.i18n import _
from crm_tui.schemas.common import Page
from crm_tui.schemas.contracts import ContractIn, ContractOut, TicketIn, TicketOut
from crm_tui.store.base import PAGE_SIZE, Repository, like_prefix, text_key
from crm_tui.store.errors import InvalidInput, NotFound
from crm_tui.store.models import Client, Contract, Counterparty, Deal, Ticket


def _check_links(session: Session, client_id: int, counterparty_id: int | None,
                 deal_id: int | None = None) -> None:
    if session.get(Client, client_id) is None:
        raise NotFound("client", client_id)
    if counterparty_id is not None:
        cp = session.get(Counterparty, counterparty_id)
        if cp is None or cp.client_id != client_id:
            raise InvalidInput(
                "counterparty_id", _("The counterparty must be a legal entity of this client.")
            )
    if deal_id is not None:
        deal = session.get(Deal, deal_id)
        if deal is None or deal.client_id != client_id:
            raise InvalidInput("deal_id", _("The deal must be a deal of this client."))


class _ClientRecords(Repository):
    """What contracts and tickets share: links checked, the client fixed, keyset pages."""

    model: type[Contract] | type[Ticket]
    search_field: str  # the case-folded text column searched by prefix

    def _named(self, stmt: Any) -> Any:
        """`stmt` (a select from the model) with the names a row shows, in the same query."""
        return (
            stmt.add_columns(Client.name, Counterparty.name)
            .join(Client, Client.id == self.model.client_id)
            .outerjoin(Counterparty, Counterparty.id == self.model.counterparty_id)
        )

    def _row_out(self, record: Any, client: str, counterparty: str | None) -> Any:
        raise NotImplementedError

    @staticmethod
    def _columns(record: Any) -> dict[str, Any]:
        return {c.key: getattr(record, c.key) for c in type(record).__mapper__.column_attrs}

    def _out(self, session: Session, record: Any) -> Any:
        """One record as the screens show it (after a flush, so the names are current)."""
        model = self.model
        _id, *names = session.execute(
            self._named(select(model.id)).where(model.id == record.id)
        ).one()
        return self._row_out(record, *names)

    def get(self, record_id: int) -> Any:
        with self.read() as session:
            row = session.execute(
                self._named(select(self.model)).where(self.model.id == record_id)
            ).first()
        if row is None:
            raise NotFound(self.kind_name, record_id)
        return self._row_out(*row)

    def _conditions(self, search: str | None, status: str | None,
                    client_id: int | None) -> list[Any]:
        conditions: list[Any] = []
        if status:
            conditions.append(self.model.status == status)
        if client_id is not None:
            conditions.append(self.model.client_id == client_id)
        if search and search.strip():
            pattern = like_prefix(text_key(search.strip()))
            by_client = select(Client.id).where(Client.name_key.like(pattern, escape="\\"))
            conditions.append(
                or_(getattr(self.model, self.search_field).like(pattern, escape="\\"),
                    self.model.client_id.in_(by_client))
            )
        return conditions

    def page(
        self,
        *,
        search: str | None = None,
        status: str | None = None,
        client_id: int | None = None,
        after: tuple | None = None,
        limit: int = PAGE_SIZE,
    ) -> Page[Any]:
        """Newest first; `search` matches the number/subject or the client's name by prefix."""
        conditions = self._conditions(search, status, client_id)
        if after:
            conditions.append(self.model.id < after[0])
        with self.read() as session:
            rows = session.execute(
                self._named(select(self.model)).where(and_(True, *conditions))
                .order_by(self.model.id.desc()).limit(limit + 1)
            ).all()
        more = len(rows) > limit
        rows = rows[:limit]
        items = [self._row_out(*row) for row in rows]
        return Page(items=items, after=(rows[-1][0].id,) if more and rows else None)

    def count(self, *, search: str | None = None, status: str | None = None,
              client_id: int | None = None) -> int:
        conditions = self._conditions(search, status, client_id)
        with self.read() as session:
            return session.scalar(
                select(func.count()).select_from(self.model).where(and_(True, *conditions))
            ) or 0


class ContractRepository(_ClientRecords):
    kind_name = "contract"
    model = Contract
    search_field = "number_key"

    def _named(self, stmt: Any) -> Any:
        return (
            super()._named(stmt).add_columns(Deal.title)
            .outerjoin(Deal, Deal.id == Contract.deal_id)
        )

    def _row_out(self, record: Contract, client: str, counterparty: str | None,
                 deal: str | None = None) -> ContractOut:
        return ContractOut.model_validate(
            self._columns(record) | {"client_name": client, "counterparty_name": counterparty,
                                     "deal_title": deal}
        )

    def create(self, data: ContractIn) -> ContractOut:
        with self.write() as session:
            _check_links(session, data.client_id, data.counterparty_id, data.deal_id)
            contract = Contract(**data.model_dump(), number_key=text_key(data.number),
                                created_at=self.ctx.now())
            session.add(contract)
            session.flush()
            return self._out(session, contract)

    def update(self, contract_id: int, version: int, data: ContractIn) -> ContractOut:
        with self.write() as session:
            contract = self.load(session, Contract, contract_id, lock=True)
            self.check_version(session, contract, version)
            if data.client_id != contract.client_id:
                raise InvalidInput("client_id", _("A record cannot move to another client."))
            _check_links(session, contract.client_id, data.counterparty_id, data.deal_id)
            self.apply(contract, data.model_dump(exclude={"client_id"}))
            contract.number_key = text_key(contract.number)
            session.flush()
            return self._out(session, contract)


class TicketRepository(_ClientRecords):
    kind_name = "ticket"
    model = Ticket
    search_field = "subject_key"

    def _row_out(self, record: Ticket, client: str, counterparty: str | None) -> TicketOut:
        return TicketOut.model_validate(
            self._columns(record) | {"client_name": client, "counterparty_name": counterparty}
        )

    def create(self, data: TicketIn) -> TicketOut:
        """A new ticket, opened today unless the form says when."""
        with self.write() as session:
            _check_links(session, data.client_id, data.counterparty_id)
            values = data.model_dump()
            values["opened_on"] = values["opened_on"] or self.ctx.now().date()
            if values["status"] == "closed" and values["closed_on"] is None:
                values["closed_on"] = self.ctx.now().date()
            ticket = Ticket(**values, subject_key=text_key(data.subject),
                            created_at=self.ctx.now())
            session.add(ticket)
            session.flush()
            return self._out(session, ticket)

    def update(self, ticket_id: int, version: int, data: TicketIn) -> TicketOut:
        with self.write() as session:
            ticket = self.load(session, Ticket, ticket_id, lock=True)
            self.check_version(session, ticket, version)
            if data.client_id != ticket.client_id:
                raise InvalidInput("client_id", _("A record cannot move to another client."))
            _check_links(session, ticket.client_id, data.counterparty_id)
            values = data.model_dump(exclude={"client_id"})
            if values["status"] == "closed" and values["closed_on"] is None:
                values["closed_on"] = ticket.closed_on or self.ctx.now().date()
            self.apply(ticket, values)
            ticket.subject_key = text_key(ticket.subject)
            session.flush()
            return self._out(session, ticket)
