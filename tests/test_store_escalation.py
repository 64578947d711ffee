"""A deal lost for price or terms climbs the ladder manager → head of sales → admin."""

from __future__ import annotations

from sqlalchemy import select

from crm_tui.schemas.deals import MoveRequest
from crm_tui.store.models import Notification, Task
from tests.support.deals import make_deal


def _lose(store, deal_id: int, reason: str):  # type: ignore[no-untyped-def]
    return store.deals.move(deal_id, MoveRequest(target_stage="closed", outcome="lost",
                                                 lost_reason=reason))


def test_lost_for_price_goes_to_the_head_with_a_review_task(team) -> None:
    boris, hanna = team["boris"], team["hanna"]
    deal = make_deal(boris)
    closed = _lose(boris, deal.id, "price")
    assert closed.owner_name == "Hanna Head"
    with boris.ctx.db.read() as session:
        tasks = session.execute(
            select(Task.title, Task.assignee_id).where(Task.deal_id == deal.id)
        ).all()
        notes = session.scalars(
            select(Notification.user_id).where(Notification.deal_id == deal.id)
        ).all()
    assert [(t, a) for t, a in tasks if "escalated" in t] == [
        ("Review the lost deal (escalated: Price)", hanna.user.id)]
    assert boris.user.id in notes
    timeline = [a.body for a in boris.activities.timeline("deal", deal.id).items]
    assert "Escalated to Hanna Head: lost for Price" in timeline


def test_lost_again_by_the_head_goes_to_the_admin(team) -> None:
    boris, hanna = team["boris"], team["hanna"]
    deal = make_deal(boris)
    _lose(boris, deal.id, "terms")
    hanna.deals.move(deal.id, MoveRequest(target_stage="new"))
    assert _lose(hanna, deal.id, "terms").owner_name == team["anna"].user.display_name


def test_other_reasons_keep_the_owner(team) -> None:
    boris = team["boris"]
    deal = make_deal(boris)
    assert _lose(boris, deal.id, "no_budget").owner_name == "Boris Manager"
