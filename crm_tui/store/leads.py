"""Leads: create (scored, checked for duplicates, assigned), page, qualify, junk, refuse,
assign and convert.

Lead handling follows seed 004: a lead is scored by its value as it arrives, and a lead from
a person already marked junk or competitor is junk at once; a responsible is chosen by the
team's strategy; a refusal needs a reason and leaves the owner a task to send a farewell
letter with a survey; conversion makes the client, contact and deal in one transaction and
links them back to the lead for good.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import and_, func, or_, select, text, tuple_
from sqlalchemy.orm import Session

from crm_tui.i18n import _
from crm_tui.leads import status as lead_status
from crm_tui.leads.assignment import Assignment, choose_owner
from crm_tui.leads.scoring import LeadFacts, score_lead
from crm_tui.leads.status import STATUSES, LeadAction
from crm_tui.schemas.common import Page
from crm_tui.schemas.leads import (
    Conversion,
    ConvertRequest,
    LeadCard,
    LeadCreated,
    LeadIn,
    LeadLink,
    LeadOut,
    ScoreLine,
)
from crm_tui.store import lead_conversion, lead_matching
from crm_tui.store.base import PAGE_SIZE, Repository, like_contains, text_key
from crm_tui.store.errors import InvalidInput
from crm_tui.store.models import (
    Activity,
    Client,
    Contact,
    Deal,
    Lead,
    Notification,
    Task,
    User,
)
from crm_tui.validation import FieldError, clean_text

#: Any constant shared by every crm-tui process: serialises round-robin turns on PostgreSQL
#: (SQLite writers are serialised by BEGIN IMMEDIATE already).
ROUND_ROBIN_LOCK = 0x4C454144  # "LEAD"
FAREWELL_DUE = dt.timedelta(days=1)


def lead_out(session: Session, lead: Lead) -> LeadOut:
    owner = session.get(User, lead.owner_id) if lead.owner_id else None
    data = {c.key: getattr(lead, c.key) for c in Lead.__mapper__.column_attrs}
    return LeadOut.model_validate({**data, "owner_name": owner.display_name if owner else None})


class LeadRepository(Repository):
    kind_name = "lead"

    # -- reading -------------------------------------------------------------------------
    def get(self, lead_id: int) -> LeadOut:
        with self.read() as session:
            return lead_out(session, self.load(session, Lead, lead_id))

    def _conditions(self, search: str | None, owner_id: int | None, unassigned: bool) -> list:
        conditions: list = []
        if owner_id is not None:
            conditions.append(Lead.owner_id == owner_id)
        if unassigned:
            conditions.append(Lead.owner_id.is_(None))
        if search and search.strip():
            term = search.strip()
            matches = [Lead.name_key.like(like_contains(text_key(term)), escape="\\")]
            digits = "".join(ch for ch in term if ch.isdigit())
            if len(digits) >= 3:
                matches.append(Lead.phone.like(like_contains(digits), escape="\\"))
            if "@" in term or "." in term:
                matches.append(func.lower(Lead.email).like(like_contains(term.lower()),
                                                           escape="\\"))
            conditions.append(or_(*matches))
        return conditions

    def page(
        self,
        *,
        status: str | None = None,
        search: str | None = None,
        owner_id: int | None = None,
        unassigned: bool = False,
        after: tuple | None = None,
        limit: int = PAGE_SIZE,
    ) -> Page[LeadOut]:
        """Best leads first: by score, then newest, paged by (score, id).

        `unassigned` keeps the leads nobody answers for yet (the head of sales' queue).
        """
        conditions = self._conditions(search, owner_id, unassigned)
        if status is not None:
            conditions.append(Lead.status == status)
        if after:
            conditions.append(tuple_(Lead.score, Lead.id) < tuple_(*after))
        stmt = (
            select(Lead, User.display_name)
            .outerjoin(User, User.id == Lead.owner_id)
            .where(and_(True, *conditions))
            .order_by(Lead.score.desc(), Lead.id.desc())
            .limit(limit + 1)
        )
        with self.read() as session:
            rows = session.execute(stmt).all()
        more = len(rows) > limit
        rows = rows[:limit]
        items = [
            LeadOut.model_validate(
                {**{c.key: getattr(lead, c.key) for c in Lead.__mapper__.column_attrs},
                 "owner_name": owner}
            )
            for lead, owner in rows
        ]
        cursor = (rows[-1][0].score, rows[-1][0].id) if more and rows else None
        return Page(items=items, after=cursor)

    def counts(
        self, *, search: str | None = None, owner_id: int | None = None,
        unassigned: bool = False,
    ) -> dict[str, int]:
        """How many leads have each status (every status present, zero or not)."""
        conditions = self._conditions(search, owner_id, unassigned)
        with self.read() as session:
            rows = session.execute(
                select(Lead.status, func.count(Lead.id))
                .where(and_(True, *conditions))
                .group_by(Lead.status)
            ).all()
        found = dict(rows)
        return {status: found.get(status, 0) for status in STATUSES}

    def card(self, lead_id: int) -> LeadCard:
        """The lead, how its score is made up, its possible duplicates and what it became."""
        with self.read() as session:
            lead = self.load(session, Lead, lead_id)
            junk = None
            if lead.status == "junk":
                junk = lead_matching.known_junk(session, lead.phone, lead.email, lead.id)
            score = score_lead(LeadFacts(lead.source, lead.company, lead.phone, lead.email, junk))
            own = {("client", lead.client_id), ("contact", lead.contact_id)}
            dups = [
                d for d in lead_matching.duplicates(
                    session, name=lead.name, company=lead.company, phone=lead.phone,
                    email=lead.email, exclude_lead=lead.id,
                )
                if (d.kind, d.id) not in own  # what the lead became is no duplicate of it
            ]
            return LeadCard(
                lead=lead_out(session, lead),
                score_lines=[ScoreLine(points=p.points, label=p.label) for p in score.parts],
                duplicates=dups,
                links=self._links(session, lead),
            )

    @staticmethod
    def _links(session: Session, lead: Lead) -> list[LeadLink]:
        links: list[LeadLink] = []
        if lead.client_id and (client := session.get(Client, lead.client_id)):
            links.append(LeadLink(kind="client", id=client.id, title=client.name))
        if lead.contact_id and (contact := session.get(Contact, lead.contact_id)):
            links.append(LeadLink(kind="contact", id=contact.id, title=contact.full_name))
        if lead.deal_id and (deal := session.get(Deal, lead.deal_id)):
            links.append(LeadLink(kind="deal", id=deal.id, title=deal.title))
        return links

    def of_client(self, client_id: int) -> list[LeadOut]:
        """The leads a client came from (the link back, for the client card)."""
        with self.read() as session:
            leads = session.scalars(
                select(Lead).where(Lead.client_id == client_id).order_by(Lead.id).limit(200)
            ).all()
            return [lead_out(session, lead) for lead in leads]

    # -- creating ------------------------------------------------------------------------
    def create(self, data: LeadIn) -> LeadCreated:
        """Save a lead scored by value; a known junk or competitor contact makes it junk.

        Possible duplicates are reported with the result, never refused: two people from
        one company may both write in. Unless the form names the responsible, the team's
        strategy picks one; if it leaves the choice to the head of sales, they are notified.
        """
        if data.owner_id is not None and data.owner_id != self.user.id:
            self.require_head(_("give a lead to another manager"))
        with self.write() as session:
            junk = lead_matching.known_junk(session, data.phone, data.email)
            score = score_lead(LeadFacts(data.source, data.company, data.phone, data.email, junk))
            if score.junk:
                assignment = Assignment(None)  # needs no time at all: nobody is given it
            elif data.owner_id is not None:
                self._check_assignee(session, data.owner_id)
                assignment = Assignment(data.owner_id)
            else:
                assignment = self._assign(session, data)
            now = self.ctx.now()
            lead = Lead(
                name=data.name, name_key=text_key(data.name), company=data.company,
                phone=data.phone, email=data.email, source=data.source,
                status="junk" if score.junk else "new", score=score.score,
                owner_id=assignment.owner_id, created_at=now, updated_at=now,
            )
            session.add(lead)
            session.flush()
            if assignment.owner_id is None and assignment.reason:
                self._notify_heads(
                    session,
                    _("Lead {name} needs a responsible: {reason}", name=lead.name,
                      reason=assignment.reason),
                )
            dups = lead_matching.duplicates(
                session, name=lead.name, company=lead.company, phone=lead.phone,
                email=lead.email, exclude_lead=lead.id,
            )
            return LeadCreated(lead=lead_out(session, lead), duplicates=dups,
                               assignment_note=assignment.reason)

    def _assign(self, session: Session, data: LeadIn) -> Assignment:
        process = self.ctx.settings.process
        strategy = process.assignment_strategy
        if strategy == "round_robin":
            if self.ctx.db.dialect == "postgresql":
                session.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                                {"key": ROUND_ROBIN_LOCK})
            return choose_owner(strategy, managers=lead_matching.active_managers(session),
                                last_assigned=lead_matching.last_assigned(session))
        if strategy == "usual_manager":
            return choose_owner(
                strategy,
                usual=lead_matching.usual_manager(session, data.phone, data.email),
                max_open_deals=process.usual_manager_max_open_deals,
            )
        return choose_owner(strategy)

    def _check_assignee(self, session: Session, user_id: int) -> None:
        user = session.get(User, user_id)
        if user is None or not user.active:
            raise InvalidInput("owner_id", _("There is no active user to assign to."))

    def _notify_heads(self, session: Session, body: str) -> None:
        """Tell every active head of sales (but the one acting) that a lead needs them."""
        heads = session.scalars(
            select(User.id).where(User.role == "head_of_sales", User.active.is_(True))
            .order_by(User.id)
        ).all()
        now = self.ctx.now()
        for head in heads:
            if head != self.user.id:
                session.add(Notification(user_id=head, body=body, created_at=now))

    # -- changing status -----------------------------------------------------------------
    @contextmanager
    def _changing(self, lead_id: int, version: int | None, action: LeadAction) -> Iterator[
        tuple[Session, Lead]
    ]:
        """Load the lead for `action`: fresh, allowed in its status, and ours to change."""
        with self.write() as session:
            lead = self.load(session, Lead, lead_id, lock=True)
            self.check_version(session, lead, version)
            refusal = lead_status.refusal(action, lead.status)
            if refusal:
                raise InvalidInput(None, refusal)
            if lead.owner_id is not None and lead.owner_id != self.user.id:
                self.require_head(_("handle another manager's lead"))
            if lead.owner_id is None:
                # Every record but a fresh lead has an owner: whoever takes it on.
                lead.owner_id = self.user.id
            yield session, lead
            session.flush()

    def qualify(self, lead_id: int, version: int | None = None) -> LeadOut:
        """Ready to contact. A lead marked junk by mistake is scored afresh."""
        with self._changing(lead_id, version, "qualify") as (session, lead):
            if lead.status == "junk":
                lead.score = score_lead(
                    LeadFacts(lead.source, lead.company, lead.phone, lead.email)
                ).score
            lead.status = "qualified"
            session.flush()
            return lead_out(session, lead)

    def mark_junk(self, lead_id: int, version: int | None = None) -> LeadOut:
        """Not a lead (spam, a competitor probing prices): score 0, off every list of work."""
        with self._changing(lead_id, version, "junk") as (session, lead):
            lead.status = "junk"
            lead.score = 0
            session.flush()
            return lead_out(session, lead)

    def refuse(self, lead_id: int, reason: str, version: int | None = None) -> LeadOut:
        """The person declined: the reason is required, and the owner gets a task to send a
        farewell letter with a survey ("lost lead"); the heads of sales are told, as a check
        on the quality of the work."""
        try:
            reason = clean_text(reason or "", multiline=True, max_length=2000, field="reason")
        except FieldError as exc:
            raise InvalidInput("reason", exc.message) from None
        if not reason:
            raise InvalidInput("reason", _("Say why the lead refused: the reason is required."))
        with self._changing(lead_id, version, "refuse") as (session, lead):
            lead.status = "refused"
            lead.refusal_reason = reason
            now = self.ctx.now()
            contact_id = lead.contact_id or next(
                iter(lead_matching.matching_contacts(session, lead.phone, lead.email)), None
            )
            reach = ", ".join(v for v in (lead.email, lead.phone) if v)
            title = _("Send farewell letter with survey: {name}", name=lead.name)
            if reach:
                title = f"{title} ({reach})"
            session.add(
                Task(kind="email", title=title[:300], due_at=now + FAREWELL_DUE,
                     assignee_id=lead.owner_id, author_id=self.user.id,
                     client_id=lead.client_id, contact_id=contact_id)
            )
            if lead.client_id or contact_id:
                session.add(
                    Activity(kind="system", at=now, author_id=self.user.id,
                             client_id=lead.client_id, contact_id=contact_id,
                             body=_("Lead {name} refused: {reason}", name=lead.name,
                                    reason=reason))
                )
            self._notify_heads(
                session, _("Lead {name} refused: {reason}", name=lead.name, reason=reason)
            )
            session.flush()
            return lead_out(session, lead)

    def assign(self, lead_id: int, owner_id: int, version: int | None = None) -> LeadOut:
        """Give the lead a responsible: the head of sales gives any lead to anyone; a
        manager may only take a lead nobody has yet."""
        with self.write() as session:
            lead = self.load(session, Lead, lead_id, lock=True)
            self.check_version(session, lead, version)
            taking_free_lead = lead.owner_id is None and owner_id == self.user.id
            if not taking_free_lead:
                self.require_head(_("give a lead to another manager"))
            if lead.status == "converted":
                raise InvalidInput(
                    None, _("A converted lead keeps its owner; change the client's owner.")
                )
            self._check_assignee(session, owner_id)
            lead.owner_id = owner_id
            session.flush()
            return lead_out(session, lead)

    def convert(
        self, lead_id: int, request: ConvertRequest, version: int | None = None
    ) -> Conversion:
        """Client, contact and (if asked) a deal in the first stage, all in one transaction.

        Everything made keeps a link to the lead (`lead_id` on the client and the deal, the
        lead's `client_id`, `contact_id` and `deal_id`), so the negotiation history stays
        reachable. A failure at any step leaves the database as it was.
        """
        with self._changing(lead_id, version, "convert") as (session, lead):
            done = lead_conversion.convert(session, self.ctx, lead, request, lead.owner_id)
            return Conversion(
                lead=lead_out(session, lead),
                client_id=done.client.id,
                client_created=done.client_created,
                contact_id=done.contact.id,
                contact_created=done.contact_created,
                deal_id=done.deal.id if done.deal else None,
            )
