"""Deal approvals on SQLite and PostgreSQL: managers ask, the head of sales decides.

A discount above what a manager may give blocks the contract until it is approved; a
rejection can close the deal as lost in the same transaction.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from crm_tui.schemas.deals import DealUpdate, MoveRequest
from crm_tui.store.errors import InvalidInput, PermissionDenied, RuleViolations
from crm_tui.store.models import Notification
from tests.support.deals import add_contact, database_picture, make_deal, walk


def _at_approval(store, discount: int = 15):  # type: ignore[no-untyped-def]
    """A deal "on approval" with every rule of "contract" met but the discount approval."""
    deal = make_deal(store, discount=discount)
    add_contact(store, deal, roles=("decision_maker", "contract_approver"))
    walk(store, deal.id, "qualification", "proposal")
    proposal = store.tasks.open_for(deal_id=deal.id)[0]
    store.tasks.complete(proposal.id, "Отправлено")
    walk(store, deal.id, "on_approval")
    return store.deals.get(deal.id)


def _notified(store) -> list[str]:  # type: ignore[no-untyped-def]
    names = {u.id: u.login for u in store.users.list()}
    with store.ctx.db.read() as session:
        return [names[u] for u in session.scalars(select(Notification.user_id)
                                                  .order_by(Notification.id))]


def test_discount_needs_approval_before_the_contract(team) -> None:
    boris, hanna = team["boris"], team["hanna"]
    deal = _at_approval(boris)
    with pytest.raises(RuleViolations) as refused:
        boris.deals.move(deal.id, MoveRequest(target_stage="contract"))
    [violation] = refused.value.violations
    assert (violation.fix.kind, violation.fix.target) == ("approval", "discount")
    assert "15%" in violation.message

    asked = boris.approvals.request(deal.id, reason="Крупный заказ")
    assert (asked.status, asked.requested_by, asked.reason) == (
        "pending", "Boris Manager", "Крупный заказ")
    assert "hanna" in _notified(boris)
    with pytest.raises(RuleViolations, match="still pending"):
        boris.deals.move(deal.id, MoveRequest(target_stage="contract"))

    granted = hanna.approvals.approve(asked.id, comment="Согласовано")
    assert (granted.status, granted.decided_by) == ("approved", "Hanna Head")
    assert boris.deals.move(deal.id, MoveRequest(target_stage="contract")).stage == "contract"
    bodies = [a.body for a in boris.activities.timeline("deal", deal.id).items]
    assert "Discount approval granted by Hanna Head\nСогласовано" in bodies


def test_only_the_head_of_sales_or_an_admin_decides(team) -> None:
    boris, vera, anna = team["boris"], team["vera"], team["anna"]
    deal = _at_approval(boris)
    asked = boris.approvals.request(deal.id)
    for manager in (boris, vera):
        with pytest.raises(PermissionDenied):
            manager.approvals.approve(asked.id)
    assert boris.approvals.list(deal.id)[0].status == "pending"
    assert anna.approvals.reject(asked.id, comment="Слишком много").status == "rejected"


def test_asking_is_refused_when_nothing_needs_approval(team) -> None:
    boris, vera = team["boris"], team["vera"]
    small = make_deal(boris, discount=5)
    with pytest.raises(InvalidInput, match="needs no approval"):
        boris.approvals.request(small.id)
    deal = _at_approval(boris)
    with pytest.raises(PermissionDenied):
        vera.approvals.request(deal.id)
    boris.approvals.request(deal.id)
    with pytest.raises(InvalidInput, match="already waiting"):
        boris.approvals.request(deal.id)
    with pytest.raises(InvalidInput, match="no approval «bribe»"):
        boris.approvals.request(deal.id, kind="bribe")


def test_rejection_can_close_the_deal_as_lost(team, clock) -> None:
    boris, hanna = team["boris"], team["hanna"]
    deal = _at_approval(boris)
    asked = boris.approvals.request(deal.id)
    with pytest.raises(InvalidInput, match="Say why"):
        hanna.approvals.reject(asked.id, comment="  ")
    hanna.approvals.reject(asked.id, comment="Цена ниже себестоимости", lost_reason="price")
    closed = boris.deals.get(deal.id)
    assert (closed.stage, closed.outcome, closed.lost_reason, closed.closed_at) == (
        "closed", "lost", "price", clock.now)
    assert boris.deals.history(deal.id)[-1].user_name == "Hanna Head"


def test_a_rejection_whose_closing_is_refused_changes_nothing(team) -> None:
    boris, hanna = team["boris"], team["hanna"]
    deal = _at_approval(boris)
    asked = boris.approvals.request(deal.id)
    before = database_picture(boris, deal.id)
    with pytest.raises(RuleViolations, match="not one of the configured lost reasons"):
        hanna.approvals.reject(asked.id, comment="Нет", lost_reason="whim")
    assert database_picture(boris, deal.id) == before
    assert boris.approvals.list(deal.id)[0].status == "pending"


def test_raising_an_approved_discount_asks_again(team) -> None:
    boris, hanna = team["boris"], team["hanna"]
    deal = _at_approval(boris)
    hanna.approvals.approve(boris.approvals.request(deal.id).id)
    deal = boris.deals.get(deal.id)
    boris.deals.update(deal.id, deal.version, DealUpdate(
        title=deal.title, counterparty_id=deal.counterparty_id, amount=deal.amount,
        discount=Decimal(25)))
    approvals = boris.approvals.list(deal.id)
    assert [a.status for a in approvals] == ["approved", "pending"]
    assert approvals[-1].reason == "The discount was raised from 15% to 25% after it was approved"
    with pytest.raises(RuleViolations, match="still pending"):
        boris.deals.move(deal.id, MoveRequest(target_stage="contract"))

    deal = boris.deals.get(deal.id)
    boris.deals.update(deal.id, deal.version, DealUpdate(
        title=deal.title, counterparty_id=deal.counterparty_id, amount=deal.amount,
        discount=Decimal(20)))
    assert len(boris.approvals.list(deal.id)) == 2  # lowering it asks nothing
