"""Who plays which part in a deal, contract or ticket: participants, their roles, the primary.

The database allows at most one primary participant per record (a partial unique index);
this repository keeps it at exactly one whenever a record has participants: the first one
added becomes primary, and removing the primary hands the flag to the next participant.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from crm_tui.i18n import _
from crm_tui.schemas.deals import ParticipantOut
from crm_tui.store.base import Repository
from crm_tui.store.errors import InvalidInput, NotFound
from crm_tui.store.models import (
    Affiliation,
    Contact,
    ContactRole,
    Contract,
    Deal,
    Participation,
    RoleAssignment,
    Ticket,
)

RecordKind = Literal["deal", "contract", "ticket"]
_RECORDS = {"deal": (Deal, "deal_id"), "contract": (Contract, "contract_id"),
            "ticket": (Ticket, "ticket_id")}


class ParticipantRepository(Repository):
    kind_name = "participant"

    def _record(self, session: Session, kind: RecordKind, record_id: int):  # type: ignore[no-untyped-def]
        model, column = _RECORDS[kind]
        record = session.get(model, record_id)
        if record is None:
            raise NotFound(kind, record_id)
        return record, getattr(Participation, column)

    def _role_ids(self, session: Session, codes: Iterable[str]) -> list[int]:
        codes = list(dict.fromkeys(codes))
        if not codes:
            return []
        found = dict(
            session.execute(
                select(ContactRole.code, ContactRole.id).where(
                    ContactRole.code.in_(codes), ContactRole.active.is_(True)
                )
            ).all()
        )
        unknown = [c for c in codes if c not in found]
        if unknown:
            raise InvalidInput(
                "roles", _("Unknown contact role: {codes}.", codes=", ".join(unknown))
            )
        return [found[c] for c in codes]

    def list(self, kind: RecordKind, record_id: int) -> list[ParticipantOut]:
        with self.read() as session:
            record, column = self._record(session, kind, record_id)
            return self._list(session, record, column)

    def _list(self, session: Session, record, column) -> list[ParticipantOut]:  # type: ignore[no-untyped-def]
        client_id = record.client_id
        rows = session.execute(
            select(Participation, Contact.full_name, Contact.position)
            .join(Contact, Contact.id == Participation.contact_id)
            .where(column == record.id)
            .order_by(Participation.is_primary.desc(), Contact.name_key, Participation.id)
        ).all()
        contact_ids = [p.contact_id for p, _n, _pos in rows]
        current: dict[int, str | None] = {}
        if contact_ids:
            for cid, position in session.execute(
                select(Affiliation.contact_id, Affiliation.position).where(
                    Affiliation.client_id == client_id,
                    Affiliation.contact_id.in_(contact_ids),
                    Affiliation.ended_on.is_(None),
                )
            ):
                current[cid] = position
        role_codes = {r.id: r.code for r in session.scalars(select(ContactRole))}
        return [
            ParticipantOut(
                id=p.id,
                contact_id=p.contact_id,
                contact_name=name,
                position=current.get(p.contact_id) or position,
                roles=tuple(role_codes[a.role_id] for a in p.roles),
                primary=p.is_primary,
                current_at_client=p.contact_id in current,
                version=p.version,
            )
            for p, name, position in rows
        ]

    def add(
        self,
        kind: RecordKind,
        record_id: int,
        contact_id: int,
        roles: Iterable[str] = (),
        *,
        primary: bool = False,
    ) -> list[ParticipantOut]:
        """Add a contact to the record with roles; the first participant becomes primary."""
        with self.write() as session:
            record, column = self._record(session, kind, record_id)
            if session.get(Contact, contact_id) is None:
                raise NotFound("contact", contact_id)
            exists = session.scalars(
                select(Participation).where(column == record_id,
                                            Participation.contact_id == contact_id)
            ).first()
            if exists is not None:
                raise InvalidInput("contact_id", _("This contact already takes part."))
            others = session.scalars(select(Participation).where(column == record_id)).all()
            participation = Participation(contact_id=contact_id, is_primary=False)
            setattr(participation, column.key, record_id)
            participation.roles = [RoleAssignment(role_id=r) for r in self._role_ids(session, roles)]
            session.add(participation)
            session.flush()
            if primary or not others:
                self._make_primary(session, column, record_id, participation)
            return self._list(session, record, column)

    def set_roles(self, participation_id: int, roles: Iterable[str],
                  version: int | None = None) -> ParticipantOut:
        with self.write() as session:
            p = self.load(session, Participation, participation_id, lock=True)
            self.check_version(session, p, version)
            wanted = self._role_ids(session, roles)
            have = {a.role_id: a for a in p.roles}
            p.roles = [have.get(r) or RoleAssignment(role_id=r) for r in wanted]
            p.updated_at = self.ctx.now()  # a row update, so the version moves on too
            session.flush()
            record, column = self._owner_record(session, p)
            return next(x for x in self._list(session, record, column) if x.id == p.id)

    def _owner_record(self, session: Session, p: Participation):  # type: ignore[no-untyped-def]
        for model, column in _RECORDS.values():
            record_id = getattr(p, column)
            if record_id is not None:
                return session.get(model, record_id), getattr(Participation, column)
        raise NotFound("record", p.id)

    def set_primary(self, participation_id: int) -> list[ParticipantOut]:
        """Mark this participant primary; the flag leaves whoever had it."""
        with self.write() as session:
            p = self.load(session, Participation, participation_id, lock=True)
            record, column = self._owner_record(session, p)
            self._make_primary(session, column, record.id, p)
            return self._list(session, record, column)

    def _make_primary(self, session: Session, column, record_id: int, p: Participation) -> None:  # type: ignore[no-untyped-def]
        for other in session.scalars(
            select(Participation).where(and_(column == record_id, Participation.is_primary))
        ):
            if other.id != p.id:
                other.is_primary = False
        session.flush()
        p.is_primary = True
        session.flush()

    def remove(self, participation_id: int) -> list[ParticipantOut]:
        with self.write() as session:
            p = self.load(session, Participation, participation_id, lock=True)
            record, column = self._owner_record(session, p)
            was_primary = p.is_primary
            session.delete(p)
            session.flush()
            if was_primary:
                successor = session.scalars(
                    select(Participation).where(column == record.id).order_by(Participation.id)
                ).first()
                if successor is not None:
                    self._make_primary(session, column, record.id, successor)
            return self._list(session, record, column)
