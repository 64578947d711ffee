"""Reports on contact roles: deals missing key roles, and the quarterly role audit.

Seed 000 asks for reports of deals lacking key roles and a regular audit of who holds roles;
both only make sense if they cover every record, so counts and lists come from SQL in keyset
pages, never from loading records into Python. Only open records are reported: the people
of a won deal or a terminated contract no longer need fixing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import and_, case, exists, func, literal, or_, select
from sqlalchemy.orm import Session

from crm_tui.schemas.common import Page
from crm_tui.schemas.contracts import OPEN_CONTRACT_STATUSES, OPEN_TICKET_STATUSES
from crm_tui.schemas.roles import (
    AuditCounts,
    AuditLine,
    AuditSection,
    MissingRolesCell,
    MissingRolesRow,
)
from crm_tui.store.base import PAGE_SIZE, Repository
from crm_tui.store.models import (
    Activity,
    Affiliation,
    Client,
    Contact,
    ContactRole,
    Contract,
    Deal,
    Participation,
    Pipeline,
    RoleAssignment,
    Stage,
    Ticket,
    User,
)

# Columns of a participation's record, whichever kind it is (outer joins: one is set).
_RECORD_CLIENT = func.coalesce(Deal.client_id, Contract.client_id, Ticket.client_id)
_RECORD_TITLE = func.coalesce(Deal.title, Contract.number, Ticket.subject)
_RECORD_KIND = case(
    (Participation.deal_id.is_not(None), literal("deal")),
    (Participation.contract_id.is_not(None), literal("contract")),
    else_=literal("ticket"),
)
_RECORD_ID = func.coalesce(Participation.deal_id, Participation.contract_id,
                           Participation.ticket_id)
_RECORD_OPEN = or_(
    and_(Participation.deal_id.is_not(None), Deal.outcome.is_(None)),
    and_(Participation.contract_id.is_not(None), Contract.status.in_(OPEN_CONTRACT_STATUSES)),
    and_(Participation.ticket_id.is_not(None), Ticket.status.in_(OPEN_TICKET_STATUSES)),
)
# A deal's owner is the deal's; a contract or ticket belongs to its client's owner.
_RECORD_OWNER = case((Participation.deal_id.is_not(None), Deal.owner_id),
                     else_=Client.owner_id)


def _affiliated(contact: Any, client: Any, *, current: bool) -> Any:
    ended = Affiliation.ended_on.is_(None) if current else Affiliation.ended_on.is_not(None)
    return exists().where(Affiliation.contact_id == contact, Affiliation.client_id == client,
                          ended)


class RoleReportRepository(Repository):
    kind_name = "record"

    # -- deals missing key roles ---------------------------------------------------------------
    def key_roles(self) -> list[str]:
        return [r.code for r in self.ctx.settings.roles if r.key]

    def _missing_condition(self, session: Session) -> Any:
        """SQL: the deal lacks at least one key role (False when no role is key).

        Each role is one uncorrelated `NOT IN` (the deals that have it, found once): as a
        correlated NOT EXISTS, SQLite drove it from the role's assignments for every deal,
        3 s at 10k contacts and minutes at 100k.
        """
        codes = self.key_roles()
        if not codes:
            return literal(False)
        ids = dict(session.execute(
            select(ContactRole.code, ContactRole.id).where(ContactRole.code.in_(codes))
        ).all())
        lacking = []
        for code in codes:
            if code not in ids:
                return literal(True)
            holding = (
                select(Participation.deal_id)
                .join(RoleAssignment, RoleAssignment.participation_id == Participation.id)
                .where(RoleAssignment.role_id == ids[code], Participation.deal_id.is_not(None))
            )
            lacking.append(Deal.id.not_in(holding))
        return or_(*lacking)

    def _missing_filters(self, session: Session, pipeline: str, owner_id: int | None,
                         stage: str | None) -> list[Any]:
        conditions = [
            Deal.pipeline_id == select(Pipeline.id).where(Pipeline.code == pipeline)
            .scalar_subquery(),
            Deal.outcome.is_(None),
            self._missing_condition(session),
        ]
        if owner_id is not None:
            conditions.append(Deal.owner_id == owner_id)
        if stage is not None:
            conditions.append(Stage.code == stage)
        return conditions

    def missing_roles_summary(self, pipeline: str = "sales") -> list[MissingRolesCell]:
        """Open deals lacking a key role, counted per manager and stage by the database."""
        with self.read() as session:
            rows = session.execute(
                select(Deal.owner_id, User.display_name, Stage.code, func.count(Deal.id))
                .join(Stage, Stage.id == Deal.stage_id)
                .outerjoin(User, User.id == Deal.owner_id)
                .where(*self._missing_filters(session, pipeline, None, None))
                .group_by(Deal.owner_id, User.display_name, Stage.code)
                .order_by(User.display_name, Stage.code)
            ).all()
        return [MissingRolesCell(owner_id=o, owner_name=n, stage=s, count=c)
                for o, n, s, c in rows]

    def missing_roles_page(
        self,
        pipeline: str = "sales",
        *,
        owner_id: int | None = None,
        stage: str | None = None,
        after: tuple | None = None,
        limit: int = PAGE_SIZE,
    ) -> Page[MissingRolesRow]:
        """The deals themselves, the longest-waiting first, with the key roles each lacks."""
        with self.read() as session:
            conditions = self._missing_filters(session, pipeline, owner_id, stage)
            if after:
                conditions.append(or_(Deal.created_at > after[0],
                                      and_(Deal.created_at == after[0], Deal.id > after[1])))
            rows = session.execute(
                select(Deal, Client.name, User.display_name, Stage.code)
                .join(Stage, Stage.id == Deal.stage_id)
                .join(Client, Client.id == Deal.client_id)
                .outerjoin(User, User.id == Deal.owner_id)
                .where(*conditions)
                .order_by(Deal.created_at, Deal.id)
                .limit(limit + 1)
            ).all()
            more = len(rows) > limit
            rows = rows[:limit]
            held = self._held(session, [d.id for d, *_rest in rows])
        key_roles = self.key_roles()
        items = [
            MissingRolesRow(
                id=d.id, title=d.title, client_name=client, owner_id=d.owner_id,
                owner_name=owner, stage=stage_code, created_at=d.created_at,
                missing=tuple(r for r in key_roles if r not in held.get(d.id, set())),
            )
            for d, client, owner, stage_code in rows
        ]
        cursor = (rows[-1][0].created_at, rows[-1][0].id) if more and rows else None
        return Page(items=items, after=cursor)

    def missing_roles_count(self, pipeline: str = "sales", *, owner_id: int | None = None,
                            stage: str | None = None) -> int:
        with self.read() as session:
            return session.scalar(
                select(func.count(Deal.id)).join(Stage, Stage.id == Deal.stage_id)
                .where(*self._missing_filters(session, pipeline, owner_id, stage))
            ) or 0

    @staticmethod
    def _held(session: Session, deal_ids: list[int]) -> dict[int, set[str]]:
        found: dict[int, set[str]] = {}
        if deal_ids:
            for deal_id, code in session.execute(
                select(Participation.deal_id, ContactRole.code)
                .join(RoleAssignment, RoleAssignment.participation_id == Participation.id)
                .join(ContactRole, ContactRole.id == RoleAssignment.role_id)
                .where(Participation.deal_id.in_(deal_ids))
            ):
                found.setdefault(deal_id, set()).add(code)
        return found

    # -- the quarterly role audit --------------------------------------------------------------
    def _participations(self, *columns: Any) -> Any:
        return (
            select(*columns)
            .select_from(Participation)
            .outerjoin(Deal, Deal.id == Participation.deal_id)
            .outerjoin(Contract, Contract.id == Participation.contract_id)
            .outerjoin(Ticket, Ticket.id == Participation.ticket_id)
            .join(Client, Client.id == _RECORD_CLIENT)
            .join(Contact, Contact.id == Participation.contact_id)
            .outerjoin(User, User.id == _RECORD_OWNER)
        )

    def _cutoff(self) -> dt.datetime:
        return self.ctx.now() - dt.timedelta(days=self.ctx.settings.process.stale_contact_days)

    def _last_activity(self) -> Any:
        return (select(func.max(Activity.at))
                .where(Activity.contact_id == Participation.contact_id)
                .scalar_subquery())

    def _section_conditions(self, section: AuditSection, owner_id: int | None) -> list[Any]:
        if section == "no_primary":
            conditions = [Deal.outcome.is_(None), ~self._usable_primary()]
            if owner_id is not None:
                conditions.append(Deal.owner_id == owner_id)
            return conditions
        conditions = [_RECORD_OPEN]
        if section == "left_client":
            conditions += [
                _affiliated(Participation.contact_id, _RECORD_CLIENT, current=False),
                ~_affiliated(Participation.contact_id, _RECORD_CLIENT, current=True),
            ]
        else:
            cutoff = self._cutoff()
            last = self._last_activity()
            conditions += [
                exists().where(RoleAssignment.participation_id == Participation.id),
                Participation.created_at < cutoff,
                or_(last.is_(None), last < cutoff),
            ]
        if owner_id is not None:
            conditions.append(_RECORD_OWNER == owner_id)
        return conditions

    @staticmethod
    def _usable_primary() -> Any:
        """SQL: the deal has a primary contact who still works for its client."""
        return exists().where(
            Participation.deal_id == Deal.id,
            Participation.is_primary.is_(True),
            _affiliated(Participation.contact_id, Deal.client_id, current=True),
        )

    def audit_counts(self, *, owner_id: int | None = None) -> AuditCounts:
        """How many lines each audit section has, counted by the database."""
        with self.read() as session:
            counts = {
                section: session.scalar(
                    self._participations(func.count(Participation.id))
                    .where(*self._section_conditions(section, owner_id))
                ) or 0
                for section in ("left_client", "stale_contacts")
            }
            counts["no_primary"] = session.scalar(
                select(func.count(Deal.id))
                .where(*self._section_conditions("no_primary", owner_id))
            ) or 0
        return AuditCounts(**counts)

    def audit_page(
        self,
        section: AuditSection,
        *,
        owner_id: int | None = None,
        after: tuple | None = None,
        limit: int = PAGE_SIZE,
    ) -> Page[AuditLine]:
        """One section of the audit, oldest record first, paged by its key."""
        with self.read() as session:
            if section == "no_primary":
                return self._no_primary_page(session, owner_id, after, limit)
            conditions = self._section_conditions(section, owner_id)
            if after:
                conditions.append(Participation.id > after[0])
            since: Any
            if section == "left_client":
                since = (select(func.max(Affiliation.ended_on))
                         .where(Affiliation.contact_id == Participation.contact_id,
                                Affiliation.client_id == _RECORD_CLIENT)
                         .scalar_subquery())
            else:
                since = self._last_activity()
            rows = session.execute(
                self._participations(
                    Participation.id, _RECORD_KIND, _RECORD_ID, _RECORD_TITLE, Client.name,
                    User.display_name, Contact.id, Contact.full_name, since,
                )
                .where(*conditions)
                .order_by(Participation.id)
                .limit(limit + 1)
            ).all()
            more = len(rows) > limit
            rows = rows[:limit]
            roles = self._roles_of_participations(session, [r[0] for r in rows])
        items = [
            AuditLine(section=section, key=pid, kind=kind, record_id=rid, title=title,
                      client_name=client, owner_name=owner, contact_id=cid,
                      contact_name=contact, roles=roles.get(pid, ()), since=when)
            for pid, kind, rid, title, client, owner, cid, contact, when in rows
        ]
        return Page(items=items, after=(rows[-1][0],) if more and rows else None)

    def _no_primary_page(self, session: Session, owner_id: int | None, after: tuple | None,
                         limit: int) -> Page[AuditLine]:
        conditions = self._section_conditions("no_primary", owner_id)
        if after:
            conditions.append(Deal.id > after[0])
        anyone = exists().where(Participation.deal_id == Deal.id)
        primary = exists().where(Participation.deal_id == Deal.id,
                                 Participation.is_primary.is_(True))
        reason = case((~anyone, literal("no_participants")),
                      (~primary, literal("no_primary")),
                      else_=literal("primary_left"))
        rows = session.execute(
            select(Deal.id, Deal.title, Client.name, User.display_name, reason)
            .join(Client, Client.id == Deal.client_id)
            .outerjoin(User, User.id == Deal.owner_id)
            .where(*conditions)
            .order_by(Deal.id)
            .limit(limit + 1)
        ).all()
        more = len(rows) > limit
        rows = rows[:limit]
        items = [
            AuditLine(section="no_primary", key=deal_id, kind="deal", record_id=deal_id,
                      title=title, client_name=client, owner_name=owner, reason=why)
            for deal_id, title, client, owner, why in rows
        ]
        return Page(items=items, after=(rows[-1][0],) if more and rows else None)

    @staticmethod
    def _roles_of_participations(session: Session, ids: list[int]) -> dict[int, tuple[str, ...]]:
        found: dict[int, list[str]] = {}
        if ids:
            for pid, code in session.execute(
                select(RoleAssignment.participation_id, ContactRole.code)
                .join(ContactRole, ContactRole.id == RoleAssignment.role_id)
                .where(RoleAssignment.participation_id.in_(ids))
                .order_by(RoleAssignment.id)
            ):
                found.setdefault(pid, []).append(code)
        return {pid: tuple(codes) for pid, codes in found.items()}
