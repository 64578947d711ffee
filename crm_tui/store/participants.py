"""Who plays which part in a deal, contract or ticket: participants, their roles, the primary.

The database allows at most one primary participant per record (a partial unique index);
this repository keeps it at exactly one whenever a record has participants: the first one
added becomes primary, and removing the primary hands the flag to the next participant.

Roles come from the catalogue only: a role must be in the configuration and active in the
mirrored `contact_roles` table to be newly given. A role an admin deactivated stays on the
participants who had it (they keep it until someone takes it away), but nobody gets it anew.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from crm_tui.i18n import _
from crm_tui.schemas.deals import ParticipantOut
from crm_tui.schemas.roles import RecordRef, RoleHolding, RoleOut
from crm_tui.store.base import Repository
from crm_tui.store.errors import InvalidInput, NotFound
from crm_tui.store.models import (
    Affiliation,
    Contact,
    ContactRole,
    Participation,
    RoleAssignment,
)
from crm_tui.store.records import (
    RECORD_KINDS,
    RecordKind,
    kind_of,
    load_record,
    participation_column,
    record_ref,
)

__all__ = ["ParticipantRepository", "RecordKind"]


class ParticipantRepository(Repository):
    kind_name = "participant"

    # -- the catalogue ------------------------------------------------------------------------
    def catalogue(self, *, include_inactive: bool = False) -> list[RoleOut]:
        """The roles in configuration order, named in the UI language; inactive ones last."""
        with self.read() as session:
            return self._catalogue(session, include_inactive=include_inactive)

    def _catalogue(self, session: Session, *, include_inactive: bool = True) -> list[RoleOut]:
        rows = {r.code: r for r in session.scalars(select(ContactRole))}
        roles = [
            RoleOut(code=cfg.code, name=self.ctx.settings.role_name(cfg.code), key=cfg.key,
                    active=cfg.code in rows and rows[cfg.code].active)
            for cfg in self.ctx.settings.roles
        ]
        if include_inactive:
            configured = {cfg.code for cfg in self.ctx.settings.roles}
            roles += [
                RoleOut(code=r.code, name=r.name, key=False, active=False)
                for code, r in sorted(rows.items())
                if code not in configured
            ]
        return roles

    def _role_ids(self, session: Session, codes: Iterable[str],
                  keep: Iterable[int] = ()) -> list[int]:
        """Role ids for `codes`, refusing any role outside the active catalogue unless the
        participant already holds it (`keep`)."""
        codes = list(dict.fromkeys(codes))
        if not codes:
            return []
        configured = {r.code for r in self.ctx.settings.roles}
        kept = set(keep)
        found: dict[str, int] = {}
        for role in session.scalars(select(ContactRole).where(ContactRole.code.in_(codes))):
            if (role.active and role.code in configured) or role.id in kept:
                found[role.code] = role.id
        unknown = [c for c in codes if c not in found]
        if unknown:
            raise InvalidInput(
                "roles", _("Unknown contact role: {codes}.", codes=", ".join(unknown))
            )
        return [found[c] for c in codes]

    # -- reading --------------------------------------------------------------------------------
    def record(self, kind: RecordKind, record_id: int) -> RecordRef:
        """The record a panel shows participants of: title, client and status."""
        with self.read() as session:
            return record_ref(session, self.ctx.settings, kind,
                              load_record(session, kind, record_id))

    def list(self, kind: RecordKind, record_id: int) -> list[ParticipantOut]:
        """Participants of one record, the primary first, then by name."""
        with self.read() as session:
            record = load_record(session, kind, record_id)
            return self._list(session, record, participation_column(kind))

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
        former: set[int] = set()
        if contact_ids:
            for cid, position, ended in session.execute(
                select(Affiliation.contact_id, Affiliation.position, Affiliation.ended_on)
                .where(Affiliation.client_id == client_id,
                       Affiliation.contact_id.in_(contact_ids))
            ):
                if ended is None:
                    current[cid] = position
                else:
                    former.add(cid)
        role_codes = {r.id: r.code for r in session.scalars(select(ContactRole))}
        return [
            ParticipantOut(
                id=p.id,
                contact_id=p.contact_id,
                contact_name=name,
                position=current.get(p.contact_id) or position,
                roles=self._in_catalogue_order(role_codes[a.role_id] for a in p.roles),
                primary=p.is_primary,
                current_at_client=p.contact_id in current,
                left_client=p.contact_id in former and p.contact_id not in current,
                version=p.version,
            )
            for p, name, position in rows
        ]

    def _in_catalogue_order(self, codes: Iterable[str]) -> tuple[str, ...]:
        """Roles as the catalogue lists them (deactivated ones last), however given."""
        order = {r.code: i for i, r in enumerate(self.ctx.settings.roles)}
        return tuple(sorted(codes, key=lambda c: (order.get(c, len(order)), c)))

    def _one(self, session: Session, p: Participation) -> ParticipantOut:
        kind, record_id = kind_of(p)
        record = load_record(session, kind, record_id)
        return next(x for x in self._list(session, record, participation_column(kind))
                    if x.id == p.id)

    def roles_of_contact(self, contact_id: int, *, open_only: bool = False) -> list[RoleHolding]:
        """Every deal, contract and ticket the contact takes part in, with the roles they
        hold there: open records first, then the newest. For the contact's card."""
        with self.read() as session:
            if session.get(Contact, contact_id) is None:
                raise NotFound("contact", contact_id)
            names = {r.code: r.name for r in self._catalogue(session)}
            role_codes = {r.id: r.code for r in session.scalars(select(ContactRole))}
            holdings: list[RoleHolding] = []
            participations = session.scalars(
                select(Participation).where(Participation.contact_id == contact_id)
                .order_by(Participation.id.desc()).limit(1000)
            ).all()
            for p in participations:
                kind, record_id = kind_of(p)
                ref = record_ref(session, self.ctx.settings, kind,
                                 load_record(session, kind, record_id))
                if open_only and not ref.open:
                    continue
                codes = self._in_catalogue_order(role_codes[a.role_id] for a in p.roles)
                holdings.append(RoleHolding(
                    kind=ref.kind, record_id=ref.id, title=ref.title,
                    client_name=ref.client_name, status=ref.status,
                    status_name=ref.status_name, open=ref.open, roles=codes,
                    role_names=tuple(names.get(c, c) for c in codes), primary=p.is_primary,
                ))
        order = {kind: i for i, kind in enumerate(RECORD_KINDS)}
        return sorted(holdings, key=lambda h: (not h.open, order[h.kind], -h.record_id))

    # -- writing --------------------------------------------------------------------------------
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
        column = participation_column(kind)
        with self.write() as session:
            record = load_record(session, kind, record_id)
            if session.get(Contact, contact_id) is None:
                raise NotFound("contact", contact_id)
            exists = session.scalars(
                select(Participation).where(column == record_id,
                                            Participation.contact_id == contact_id)
            ).first()
            if exists is not None:
                raise InvalidInput("contact_id", _("This contact already takes part."))
            others = session.scalars(select(Participation.id).where(column == record_id)).all()
            now = self.ctx.now()
            participation = Participation(contact_id=contact_id, is_primary=False,
                                          created_at=now, updated_at=now)
            setattr(participation, column.key, record_id)
            participation.roles = [RoleAssignment(role_id=r) for r in self._role_ids(session, roles)]
            session.add(participation)
            session.flush()
            if primary or not others:
                self._make_primary(session, column, record_id, participation)
            return self._list(session, record, column)

    def set_roles(self, participation_id: int, roles: Iterable[str],
                  version: int | None = None) -> ParticipantOut:
        """The participant's roles become exactly `roles` (an empty list takes them all)."""
        with self.write() as session:
            p = self.load(session, Participation, participation_id, lock=True)
            self.check_version(session, p, version)
            have = {a.role_id: a for a in p.roles}
            wanted = self._role_ids(session, roles, keep=have)
            if wanted != [a.role_id for a in p.roles]:
                p.roles = [have.get(r) or RoleAssignment(role_id=r) for r in wanted]
                p.updated_at = self.ctx.now()  # a row update, so the version moves on too
            session.flush()
            return self._one(session, p)

    def remove_role(self, participation_id: int, code: str,
                    version: int | None = None) -> ParticipantOut:
        """Take one role away from a participant, who stays in the record."""
        with self.write() as session:
            p = self.load(session, Participation, participation_id, lock=True)
            self.check_version(session, p, version)
            role = session.scalars(select(ContactRole).where(ContactRole.code == code)).first()
            held = [a for a in p.roles if role is not None and a.role_id == role.id]
            if not held:
                raise InvalidInput("roles", _("The participant does not have this role."))
            p.roles = [a for a in p.roles if a.role_id != role.id]
            p.updated_at = self.ctx.now()
            session.flush()
            return self._one(session, p)

    def set_primary(self, participation_id: int) -> list[ParticipantOut]:
        """Mark this participant primary; the flag leaves whoever had it."""
        with self.write() as session:
            p = self.load(session, Participation, participation_id, lock=True)
            kind, record_id = kind_of(p)
            column = participation_column(kind)
            self._make_primary(session, column, record_id, p)
            return self._list(session, load_record(session, kind, record_id), column)

    def _make_primary(self, session: Session, column, record_id: int, p: Participation) -> None:  # type: ignore[no-untyped-def]
        for other in session.scalars(
            select(Participation).where(and_(column == record_id, Participation.is_primary))
        ):
            if other.id != p.id:
                other.is_primary = False
        session.flush()  # the old flag must be gone before the unique index sees the new one
        if not p.is_primary:
            p.is_primary = True
            session.flush()

    def remove(self, participation_id: int) -> list[ParticipantOut]:
        """Take a contact out of the record; a removed primary hands the flag on."""
        with self.write() as session:
            p = self.load(session, Participation, participation_id, lock=True)
            kind, record_id = kind_of(p)
            column = participation_column(kind)
            was_primary = p.is_primary
            session.delete(p)
            session.flush()
            if was_primary:
                successor = session.scalars(
                    select(Participation).where(column == record_id).order_by(Participation.id)
                ).first()
                if successor is not None:
                    self._make_primary(session, column, record_id, successor)
            return self._list(session, load_record(session, kind, record_id), column)
