"""Deals in the store, on SQLite and PostgreSQL: every stage change goes through the checker.

A refused move changes nothing; an accepted one writes its history, timeline entry and the
target stage's triggers in the same transaction, once.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from crm_tui.rules.config import PipelineConfig, SetFieldTrigger, StageConfig
from crm_tui.schemas.deals import DealUpdate, MoveRequest
from crm_tui.store import triggers
from crm_tui.store.errors import ConflictError, InvalidInput, PermissionDenied, RuleViolations
from crm_tui.store.models import Activity, Notification, Task
from tests.support.deals import add_contact, database_picture, make_deal, walk


def _tasks(store, deal_id: int) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    with store.ctx.db.read() as session:
        rows = session.execute(
            select(Task.title, Task.assignee_id).where(Task.deal_id == deal_id).order_by(Task.id)
        ).all()
    names = {u.id: u.login for u in store.users.list()}
    return [(title, names[assignee]) for title, assignee in rows]


def _notifications(store, deal_id: int) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    with store.ctx.db.read() as session:
        rows = session.execute(
            select(Notification.user_id, Notification.body)
            .where(Notification.deal_id == deal_id).order_by(Notification.id)
        ).all()
    names = {u.id: u.login for u in store.users.list()}
    return [(names[user_id], body) for user_id, body in rows]


def _ready_for_approval(store):  # type: ignore[no-untyped-def]
    """A deal at "proposal" whose proposal is sent: everything "on approval" asks for is in."""
    deal = make_deal(store)
    add_contact(store, deal, roles=("decision_maker",))
    walk(store, deal.id, "qualification", "proposal")
    return deal


def test_new_deal_starts_in_the_first_stage_with_its_history(team, clock) -> None:
    boris = team["boris"]
    deal = make_deal(boris)
    assert (deal.pipeline, deal.stage, deal.owner_name) == ("sales", "new", "Boris Manager")
    assert deal.stage_entered_at == clock.now
    [entry] = boris.deals.history(deal.id)
    assert (entry.from_stage, entry.to_stage, entry.user_name) == (None, "new", "Boris Manager")


def test_unknown_pipeline_is_refused_as_input(team) -> None:
    with pytest.raises(InvalidInput, match="nowhere"):
        make_deal(team["boris"], pipeline="nowhere")


def test_refused_move_lists_every_rule_and_changes_nothing(team) -> None:
    boris = team["boris"]
    deal = make_deal(boris)
    before = database_picture(boris, deal.id)
    with pytest.raises(RuleViolations) as refused:
        boris.deals.move(deal.id, MoveRequest(target_stage="qualification"))
    assert [(v.rule, v.fix.kind) for v in refused.value.violations] == [
        ("min_contacts_with_roles", "roles"),
        ("primary_contact", "roles"),
    ]
    assert database_picture(boris, deal.id) == before
    assert boris.deals.get(deal.id).stage == "new"


def test_accepted_move_writes_history_timeline_and_runs_triggers_once(team, clock) -> None:
    boris = team["boris"]
    deal = _ready_for_approval(boris)
    assert _tasks(boris, deal.id) == [("Send the proposal", "boris")]
    clock.advance(days=2)
    moved = boris.deals.move(deal.id, MoveRequest(target_stage="on_approval"))
    assert (moved.stage, moved.stage_entered_at) == ("on_approval", clock.now)
    assert _tasks(boris, deal.id) == [
        ("Send the proposal", "boris"),
        ("Approve the deal", "hanna"),
    ]
    assert _notifications(boris, deal.id) == [
        ("boris", "The deal is waiting for approval by the head of sales: Поставка оборудования")
    ]
    history = boris.deals.history(deal.id)
    assert [(h.from_stage, h.to_stage) for h in history] == [
        (None, "new"), ("new", "qualification"), ("qualification", "proposal"),
        ("proposal", "on_approval"),
    ]
    assert history[-1].at == clock.now
    timeline = boris.activities.timeline("deal", deal.id).items
    assert timeline[0].body == "Proposal → On approval"
    assert timeline[0].kind == "stage_change"


def test_a_failing_trigger_undoes_the_whole_move(team, monkeypatch) -> None:
    boris = team["boris"]
    deal = _ready_for_approval(boris)
    before = database_picture(boris, deal.id)

    def broken_notification(**_values):  # type: ignore[no-untyped-def]
        raise RuntimeError("notification service down")

    # "on approval" first creates the head's task, then notifies: fail in the second trigger.
    monkeypatch.setattr(triggers, "Notification", broken_notification)
    with pytest.raises(RuntimeError, match="notification service down"):
        boris.deals.move(deal.id, MoveRequest(target_stage="on_approval"))
    assert database_picture(boris, deal.id) == before
    assert [title for title, _who in _tasks(boris, deal.id)] == ["Send the proposal"]
    assert boris.deals.get(deal.id).stage == "proposal"


def test_moving_back_runs_no_triggers_and_forward_again_runs_them_again(team) -> None:
    boris = team["boris"]
    deal = _ready_for_approval(boris)
    walk(boris, deal.id, "qualification")
    assert [t for t, _who in _tasks(boris, deal.id)] == ["Send the proposal"]
    walk(boris, deal.id, "proposal")
    assert [t for t, _who in _tasks(boris, deal.id)] == ["Send the proposal"] * 2


def test_closing_needs_an_outcome_and_a_configured_lost_reason(team, clock) -> None:
    boris = team["boris"]
    deal = make_deal(boris)
    for request, fix_target in [
        (MoveRequest(target_stage="closed"), "outcome"),
        (MoveRequest(target_stage="closed", outcome="lost"), "lost_reason"),
        (MoveRequest(target_stage="closed", outcome="lost", lost_reason="whim"), "lost_reason"),
    ]:
        with pytest.raises(RuleViolations) as refused:
            boris.deals.move(deal.id, request)
        assert ("outcome", fix_target) in [(v.fix.kind, v.fix.target)
                                           for v in refused.value.violations]
    assert boris.deals.get(deal.id).stage == "new"

    closed = boris.deals.move(
        deal.id, MoveRequest(target_stage="closed", outcome="lost", lost_reason="competitor",
                             note="Competitor is 20% cheaper")
    )
    assert (closed.stage, closed.outcome, closed.lost_reason, closed.closed_at) == (
        "closed", "lost", "competitor", clock.now)
    body = boris.activities.timeline("deal", deal.id).items[0].body
    assert body == "New → Closed: lost (Chose a competitor)\nCompetitor is 20% cheaper"

    reopened = boris.deals.move(deal.id, MoveRequest(target_stage="new"))
    assert (reopened.outcome, reopened.lost_reason, reopened.closed_at) == (None, None, None)


def test_won_is_an_ordinary_forward_move_checked_by_the_rules(team) -> None:
    boris = team["boris"]
    deal = make_deal(boris)
    with pytest.raises(RuleViolations) as refused:
        boris.deals.move(deal.id, MoveRequest(target_stage="closed", outcome="won"))
    assert refused.value.violations[0].rule == "transition"


def test_managers_change_only_their_own_deals(team) -> None:
    boris, vera, hanna = team["boris"], team["vera"], team["hanna"]
    deal = make_deal(boris)
    add_contact(boris, deal)
    before = database_picture(boris, deal.id)
    with pytest.raises(PermissionDenied, match="another manager's deal"):
        vera.deals.move(deal.id, MoveRequest(target_stage="qualification"))
    with pytest.raises(PermissionDenied):
        vera.deals.update(deal.id, deal.version, DealUpdate(title="Чужая"))
    assert database_picture(boris, deal.id) == before
    moved = hanna.deals.move(deal.id, MoveRequest(target_stage="qualification"))
    assert moved.stage == "qualification"
    assert hanna.deals.history(deal.id)[-1].user_name == "Hanna Head"


def test_a_move_on_a_stale_view_is_a_conflict(team) -> None:
    boris, hanna = team["boris"], team["hanna"]
    deal = make_deal(boris)
    add_contact(boris, deal)
    hanna.deals.update(deal.id, deal.version, DealUpdate(title="Поставка (уточнено)",
                                                        counterparty_id=deal.counterparty_id,
                                                        amount=Decimal(900_000)))
    with pytest.raises(ConflictError) as conflict:
        boris.deals.move(deal.id, MoveRequest(target_stage="qualification"), version=deal.version)
    assert conflict.value.changed_by == "Hanna Head"
    with pytest.raises(ConflictError):
        boris.deals.update(deal.id, deal.version, DealUpdate(title="Моя версия"))
    fresh = boris.deals.get(deal.id)
    assert fresh.stage == "new" and fresh.title == "Поставка (уточнено)"
    assert boris.deals.move(deal.id, MoveRequest(target_stage="qualification"),
                            version=fresh.version).stage == "qualification"


def test_board_columns_count_and_sum_in_sql_and_page_by_keyset(team, clock) -> None:
    boris, vera, hanna = team["boris"], team["vera"], team["hanna"]
    ids = []
    for number in range(5):
        clock.advance(minutes=1)
        ids.append(make_deal(boris, client_name=f"Клиент {number}", amount=100 * (number + 1)).id)
    make_deal(vera, client_name="Клиент Веры", amount=None)
    summaries = {s.stage: (s.count, s.total) for s in hanna.deals.stage_summaries("sales")}
    assert summaries["new"] == (6, Decimal(1500))
    assert summaries["proposal"] == (0, Decimal(0))
    mine = {s.stage: s.count for s in boris.deals.stage_summaries("sales", owner_id=boris.user.id)}
    assert mine["new"] == 5

    seen, after = [], None
    while True:
        page = boris.deals.board_page("sales", "new", owner_id=boris.user.id, after=after, limit=2)
        seen.extend(card.id for card in page.items)
        after = page.after
        if after is None:
            break
    assert seen == list(reversed(ids))  # newest in the stage first, each exactly once
    card = boris.deals.board_page("sales", "new", limit=1).items[0]
    assert card.missing_key_roles == ("decision_maker", "finance")
    assert (card.owner_name, card.stage_entered_at) == ("Vera Manager", clock.now)


def test_set_field_trigger_stores_the_value_in_the_column_type(open_as, settings) -> None:
    pipeline = PipelineConfig(
        code="quick", name_en="Quick", name_ru="Быстрая",
        stages=[
            StageConfig(code="new", name_en="New", name_ru="Новая"),
            StageConfig(code="agreed", name_en="Agreed", name_ru="Согласовано",
                        on_enter=[SetFieldTrigger(field="expected_close", value="2026-04-30"),
                                  SetFieldTrigger(field="discount", value=5)]),
            StageConfig(code="closed", name_en="Closed", name_ru="Закрыта", final=True),
        ],
    )
    custom = settings.model_copy(update={"pipelines": [*settings.pipelines, pipeline]})
    store = open_as("anna", settings=custom)
    deal = make_deal(store, pipeline="quick")
    moved = walk(store, deal.id, "agreed")
    assert moved.expected_close == dt.date(2026, 4, 30)
    assert moved.discount == Decimal(5)


def test_timeline_entry_of_a_move_is_written_once(team) -> None:
    boris = team["boris"]
    deal = make_deal(boris)
    add_contact(boris, deal)
    walk(boris, deal.id, "qualification")
    with boris.ctx.db.read() as session:
        kinds = session.scalars(
            select(Activity.kind).where(Activity.deal_id == deal.id)
        ).all()
    assert kinds == ["stage_change"]
