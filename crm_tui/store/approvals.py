"""Deal approvals: a manager asks, the head of sales decides (seed 004, "deal approval").

Some conditions, above all a discount larger than a manager may give, need a decision by the
head of sales before the deal moves on; the stage rules read the latest approval of each kind.
A rejection can end the deal: it is then closed as lost through the same checked move as any
other stage change, in the same transaction as the rejection.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from crm_tui.formatting import format_percent
from crm_tui.i18n import _
from crm_tui.rules.checker import APPROVAL_KINDS
from crm_tui.rules.config import ApprovalGrantedRule
from crm_tui.schemas.deals import ApprovalOut, MoveRequest
from crm_tui.store.base import Repository, StoreContext
from crm_tui.store.deal_moves import apply_move, pipeline_of
from crm_tui.store.errors import InvalidInput, NotFound
from crm_tui.store.models import Activity, Approval, Deal, Notification, Pipeline, User
from crm_tui.validation import clean_text

DISCOUNT = "discount"


def approval_label(kind: str) -> str:
    """The approval's name in the current language, as the stage rules name it."""
    if kind in APPROVAL_KINDS:
        return _(APPROVAL_KINDS[kind])
    return _("Approval «{kind}»", kind=kind)


def _deciders(session: Session) -> list[int]:
    """Who is asked: every active head of sales, or the admins when a team has none."""
    for role in ("head_of_sales", "admin"):
        found = list(
            session.scalars(
                select(User.id).where(User.role == role, User.active.is_(True)).order_by(User.id)
            )
        )
        if found:
            return found
    return []


def _latest(session: Session, deal_id: int, kind: str) -> Approval | None:
    return session.scalars(
        select(Approval)
        .where(Approval.deal_id == deal_id, Approval.kind == kind)
        .order_by(Approval.id.desc())
        .limit(1)
    ).first()


def _open_request(
    session: Session, ctx: StoreContext, deal: Deal, kind: str, reason: str | None
) -> Approval:
    """A pending approval, its timeline entry and a notification for each decider."""
    now = ctx.now()
    user_id = ctx.user.id if ctx.user else None
    approval = Approval(
        deal_id=deal.id, kind=kind, status="pending", reason=reason,
        requested_by_id=user_id, created_at=now,
    )
    session.add(approval)
    body = _("{approval} requested", approval=approval_label(kind))
    session.add(
        Activity(
            kind="system", at=now, author_id=user_id, client_id=deal.client_id,
            deal_id=deal.id, body=f"{body}\n{reason}" if reason else body,
        )
    )
    for decider in _deciders(session):
        if decider != user_id:
            session.add(
                Notification(user_id=decider, body=f"{body}: {deal.title}", deal_id=deal.id,
                             created_at=now)
            )
    session.flush()
    return approval


def discount_raised(session: Session, ctx: StoreContext, deal: Deal, old: Decimal | None) -> None:
    """An approval covers the discount it was granted for: raising it asks again.

    Called by the deal form's save in its own transaction, so the deal cannot slip through
    a stage rule with a bigger discount than the head of sales agreed to.
    """
    new = deal.discount
    if new is None or (old is not None and new <= old):
        return
    if new <= Decimal(str(ctx.settings.process.discount_approval_threshold)):
        return
    latest = _latest(session, deal.id, DISCOUNT)
    if latest is None or latest.status != "approved":
        return
    reason = _(
        "The discount was raised from {old} to {new} after it was approved",
        old=format_percent(old) if old is not None else "—",
        new=format_percent(new),
    )
    _open_request(session, ctx, deal, DISCOUNT, reason)


class ApprovalRepository(Repository):
    kind_name = "approval"

    def _out(self, session: Session, approval: Approval) -> ApprovalOut:
        requester = session.get(User, approval.requested_by_id) if approval.requested_by_id else None
        decider = session.get(User, approval.decided_by_id) if approval.decided_by_id else None
        return ApprovalOut(
            id=approval.id, deal_id=approval.deal_id, kind=approval.kind,
            status=approval.status, reason=approval.reason,
            requested_by=requester.display_name if requester else None,
            requested_at=approval.created_at,
            decided_by=decider.display_name if decider else None,
            decided_at=approval.decided_at, version=approval.version,
        )

    def list(self, deal_id: int) -> list[ApprovalOut]:
        """Every approval of the deal, oldest first: the last of each kind is the current one."""
        requester, decider = aliased(User), aliased(User)
        with self.read() as session:
            rows = session.execute(
                select(Approval, requester.display_name, decider.display_name)
                .outerjoin(requester, requester.id == Approval.requested_by_id)
                .outerjoin(decider, decider.id == Approval.decided_by_id)
                .where(Approval.deal_id == deal_id)
                .order_by(Approval.id)
                .limit(500)
            ).all()
        return [
            ApprovalOut(
                id=a.id, deal_id=a.deal_id, kind=a.kind, status=a.status, reason=a.reason,
                requested_by=asked, requested_at=a.created_at, decided_by=decided,
                decided_at=a.decided_at, version=a.version,
            )
            for a, asked, decided in rows
        ]

    def kinds(self, deal_id: int) -> list[str]:
        """The approval kinds the deal's pipeline asks for (the discount one always)."""
        with self.read() as session:
            deal = session.get(Deal, deal_id)
            if deal is None:
                raise NotFound("deal", deal_id)
            return self._kinds(session, deal)

    def _kinds(self, session: Session, deal: Deal) -> list[str]:
        pipeline = pipeline_of(self.ctx, session.get(Pipeline, deal.pipeline_id).code)
        kinds = [DISCOUNT]
        for stage in pipeline.stages:
            for rule in stage.rules:
                if isinstance(rule, ApprovalGrantedRule) and rule.kind not in kinds:
                    kinds.append(rule.kind)
        return kinds

    def request(self, deal_id: int, kind: str = DISCOUNT, reason: str | None = None) -> ApprovalOut:
        """Ask the head of sales to approve; the deal's owner (or the head) may ask.

        A discount approval is only asked for a discount above the configured threshold,
        and a kind is never asked twice while a request of it is pending or granted.
        """
        reason = clean_text(reason or "", multiline=True) or None
        with self.write() as session:
            deal = session.scalars(select(Deal).where(Deal.id == deal_id)).first()
            if deal is None:
                raise NotFound("deal", deal_id)
            if deal.owner_id != self.user.id:
                self.require_head(_("ask for approvals on another manager's deal"))
            if kind not in self._kinds(session, deal):
                raise InvalidInput("kind", _("This pipeline has no approval «{kind}».", kind=kind))
            if kind == DISCOUNT:
                limit = Decimal(str(self.ctx.settings.process.discount_approval_threshold))
                if deal.discount is None or deal.discount <= limit:
                    raise InvalidInput(
                        "discount",
                        _(
                            "A discount of {discount} needs no approval: managers give up to {limit} themselves.",
                            discount=format_percent(deal.discount or 0),
                            limit=format_percent(limit),
                        ),
                    )
            latest = _latest(session, deal.id, kind)
            if latest is not None and latest.status == "pending":
                raise InvalidInput(None, _("This approval is already waiting for a decision."))
            if latest is not None and latest.status == "approved":
                raise InvalidInput(None, _("This approval has already been granted."))
            return self._out(session, _open_request(session, self.ctx, deal, kind, reason))

    def approve(
        self, approval_id: int, *, comment: str | None = None, version: int | None = None
    ) -> ApprovalOut:
        """Grant a pending approval (head of sales or admin only)."""
        return self._decide(approval_id, "approved", comment, version, None)

    def reject(
        self,
        approval_id: int,
        *,
        comment: str,
        version: int | None = None,
        lost_reason: str | None = None,
    ) -> ApprovalOut:
        """Refuse a pending approval with a comment; with `lost_reason`, close the deal as lost.

        The rejection and the closing are one transaction: if the closing is refused (an
        unknown reason, say) the approval stays pending.
        """
        if not clean_text(comment or "", multiline=True):
            raise InvalidInput("comment", _("Say why the approval is rejected."))
        return self._decide(approval_id, "rejected", comment, version, lost_reason)

    def _decide(
        self,
        approval_id: int,
        status: str,
        comment: str | None,
        version: int | None,
        lost_reason: str | None,
    ) -> ApprovalOut:
        self.require_head(_("decide on approvals"))
        comment = clean_text(comment or "", multiline=True) or None
        with self.write() as session:
            approval = self.load(session, Approval, approval_id, lock=True)
            self.check_version(session, approval, version)
            if approval.status != "pending":
                raise InvalidInput(None, _("This approval has already been decided."))
            now = self.ctx.now()
            approval.status = status
            approval.decided_by_id = self.user.id
            approval.decided_at = now
            deal = session.scalars(
                select(Deal).where(Deal.id == approval.deal_id).with_for_update()
                if self.ctx.db.dialect == "postgresql"
                else select(Deal).where(Deal.id == approval.deal_id)
            ).one()
            label = approval_label(approval.kind)
            if status == "approved":
                body = _("{approval} granted by {name}", approval=label,
                         name=self.user.display_name)
            else:
                body = _("{approval} rejected by {name}", approval=label,
                         name=self.user.display_name)
            session.add(
                Activity(
                    kind="system", at=now, author_id=self.user.id, client_id=deal.client_id,
                    deal_id=deal.id, body=f"{body}\n{comment}" if comment else body,
                )
            )
            if approval.requested_by_id and approval.requested_by_id != self.user.id:
                session.add(
                    Notification(user_id=approval.requested_by_id, body=f"{body}: {deal.title}",
                                 deal_id=deal.id, created_at=now)
                )
            session.flush()
            if lost_reason is not None:
                final = pipeline_of(self.ctx, session.get(Pipeline, deal.pipeline_id).code)
                apply_move(
                    session, self.ctx, deal,
                    MoveRequest(target_stage=final.final_stage.code, outcome="lost",
                                lost_reason=lost_reason, note=comment),
                )
            return self._out(session, approval)
