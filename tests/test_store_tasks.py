"""The task store: inbox groups on the user's own calendar, rights, completion and reminders."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from crm_tui.config import Settings
from crm_tui.schemas.clients import ClientIn, ContactIn
from crm_tui.schemas.deals import DealIn
from crm_tui.schemas.inbox import INBOX_GROUPS, InboxFilter
from crm_tui.schemas.work import TaskIn
from crm_tui.store.errors import InvalidInput, PermissionDenied
from tests.conftest import FROZEN_NOW

UTC = dt.UTC


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


def add(store, title: str, due_at: dt.datetime, **kwargs):  # type: ignore[no-untyped-def]
    return store.tasks.create(TaskIn(title=title, due_at=due_at, **kwargs))


def grouped(store, which: InboxFilter | None = None) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    return {g: [t.title for t in store.tasks.inbox_page(g, which).items] for g in INBOX_GROUPS}


# -- grouping on the user's calendar -----------------------------------------------------------
def test_groups_follow_the_moscow_calendar_not_utc(team, clock) -> None:
    boris = team["boris"]
    # FROZEN_NOW is Monday 2 March 2026, 09:00 UTC = 12:00 in Moscow.
    add(boris, "missed yesterday", at(2026, 3, 1, 20, 0))
    add(boris, "missed this morning", at(2026, 3, 2, 8, 0))
    add(boris, "late tonight", at(2026, 3, 2, 20, 30))  # 23:30 Monday in Moscow
    add(boris, "just after midnight", at(2026, 3, 2, 21, 30))  # 00:30 Tuesday in Moscow
    add(boris, "wednesday", at(2026, 3, 4, 7, 0))
    add(boris, "sunday night", at(2026, 3, 8, 20, 30))  # 23:30 Sunday in Moscow
    add(boris, "sunday after midnight", at(2026, 3, 8, 21, 30))  # 00:30 next Monday
    finished = add(boris, "finished", at(2026, 3, 2, 7, 0))
    boris.tasks.complete(finished.id, "Done and dusted")

    assert grouped(boris) == {
        "overdue": ["missed yesterday", "missed this morning"],
        "today": ["late tonight"],
        "tomorrow": ["just after midnight"],
        "week": ["wednesday", "sunday night"],
        "later": ["sunday after midnight"],
        "done": ["finished"],
    }
    assert boris.tasks.inbox_counts() == {
        "overdue": 2, "today": 1, "tomorrow": 1, "week": 2, "later": 1, "done": 1,
    }
    assert boris.tasks.due_counts(boris.user.id) == (2, 1)


def test_after_moscow_midnight_the_utc_evening_is_already_today(team, clock) -> None:
    boris = team["boris"]
    clock.now = at(2026, 3, 2, 22, 0)  # Tuesday 01:00 in Moscow, still Monday in UTC
    add(boris, "tuesday 23:30", at(2026, 3, 3, 20, 30))  # UTC calls that "tomorrow"
    add(boris, "tuesday 00:30", at(2026, 3, 2, 21, 30))  # UTC calls that "today"
    add(boris, "wednesday 02:00", at(2026, 3, 3, 23, 0))  # UTC calls that "tomorrow"

    groups = grouped(boris)
    assert groups["today"] == ["tuesday 23:30"]
    assert groups["overdue"] == ["tuesday 00:30"]
    assert groups["tomorrow"] == ["wednesday 02:00"]


def test_grouping_uses_the_configured_zone_whatever_the_server_zone(
    open_as, clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "Asia/Tokyo")  # the server's own zone must not matter
    time.tzset()
    try:
        store = open_as("anna", settings=Settings(timezone="America/New_York"))
        clock.now = at(2026, 3, 2, 3, 0)  # Sunday 22:00 in New York, Monday noon in Tokyo
        add(store, "sunday 23:30 new york", at(2026, 3, 2, 4, 30))
        add(store, "monday 01:00 new york", at(2026, 3, 2, 6, 0))
        groups = grouped(store)
    finally:
        monkeypatch.undo()
        time.tzset()
    assert groups["today"] == ["sunday 23:30 new york"]
    assert groups["tomorrow"] == ["monday 01:00 new york"]


def test_week_boundary_moves_with_daylight_saving_time(open_as, clock) -> None:
    store = open_as("anna", settings=Settings(timezone="America/New_York"))
    clock.now = at(2026, 3, 6, 15, 0)  # Friday; clocks go forward on Sunday 8 March
    add(store, "sunday 23:30 edt", at(2026, 3, 9, 3, 30))
    add(store, "monday 00:30 edt", at(2026, 3, 9, 4, 30))  # a fixed -05:00 would say Sunday
    groups = grouped(store)
    assert groups["week"] == ["sunday 23:30 edt"]
    assert groups["later"] == ["monday 00:30 edt"]


def test_on_sunday_this_week_is_empty_and_monday_is_tomorrow(team, clock) -> None:
    boris = team["boris"]
    clock.now = at(2026, 3, 8, 9, 0)  # Sunday noon in Moscow
    add(boris, "monday", at(2026, 3, 9, 7, 0))
    add(boris, "tuesday", at(2026, 3, 10, 7, 0))
    groups = grouped(boris)
    assert groups["tomorrow"] == ["monday"]
    assert groups["week"] == []
    assert groups["later"] == ["tuesday"]


def test_done_shows_only_the_last_seven_days(team, clock) -> None:
    boris = team["boris"]
    old = add(boris, "long ago", FROZEN_NOW)
    boris.tasks.complete(old.id, "ok")
    clock.advance(days=8)
    recent = add(boris, "recent", clock.now)
    boris.tasks.complete(recent.id, "ok")
    assert grouped(boris)["done"] == ["recent"]
    assert boris.tasks.inbox_counts()["done"] == 1


# -- paging and filters --------------------------------------------------------------------------
def test_each_group_pages_by_due_time_then_id(team) -> None:
    boris = team["boris"]
    due = at(2026, 3, 2, 15, 0)
    titles = [f"call {n}" for n in range(5)]
    for title in titles:
        add(boris, title, due)
    add(boris, "first of all", at(2026, 3, 2, 14, 0))
    seen, after = [], None
    while True:
        page = boris.tasks.inbox_page("today", after=after, limit=2)
        seen += [t.title for t in page.items]
        if page.after is None:
            break
        after = page.after
    assert seen == ["first of all", *titles]


def test_done_group_pages_latest_first(team, clock) -> None:
    boris = team["boris"]
    for n in range(3):
        task = add(boris, f"done {n}", FROZEN_NOW)
        boris.tasks.complete(task.id, "ok")
        clock.advance(minutes=10)
    first = boris.tasks.inbox_page("done", limit=2)
    rest = boris.tasks.inbox_page("done", after=first.after, limit=2)
    assert [t.title for t in first.items + rest.items] == ["done 2", "done 1", "done 0"]
    assert rest.after is None


def test_filters_by_type_and_by_the_linked_record(team) -> None:
    boris = team["boris"]
    client = boris.clients.create(ClientIn(name="Альфа"))
    contact = boris.contacts.create(ContactIn(full_name="Иван Петров"), client_id=client.id)
    deal = boris.deals.create(DealIn(title="Поставка", client_id=client.id))
    due = at(2026, 3, 2, 15, 0)
    add(boris, "client call", due, client_id=client.id)
    add(boris, "contact mail", due, kind="email", contact_id=contact.id)
    add(boris, "deal call", due, deal_id=deal.id)
    add(boris, "unlinked", due, kind="other")

    def titles(**which) -> list[str]:  # type: ignore[no-untyped-def]
        return [t.title for t in boris.tasks.inbox_page("today", InboxFilter(**which)).items]

    assert titles(link="client") == ["client call"]  # the deal's task is about the deal
    assert titles(link="contact") == ["contact mail"]
    assert titles(link="deal") == ["deal call"]
    assert titles(kind="call") == ["client call", "deal call"]
    assert boris.tasks.inbox_counts(InboxFilter(kind="call"))["today"] == 2
    deal_task = boris.tasks.inbox_page("today", InboxFilter(link="deal")).items[0]
    assert (deal_task.deal_title, deal_task.client_name) == ("Поставка", "Альфа")


# -- rights ------------------------------------------------------------------------------------
def test_a_manager_cannot_assign_tasks_to_others_the_head_can(team) -> None:
    boris, vera, hanna = team["boris"], team["vera"], team["hanna"]
    with pytest.raises(PermissionDenied):
        add(boris, "for vera", FROZEN_NOW, assignee_id=vera.user.id)
    task = add(hanna, "for vera", at(2026, 3, 2, 15, 0), assignee_id=vera.user.id)
    assert task.assignee_name == "Vera Manager"
    assert [t.title for t in vera.tasks.inbox_page("today").items] == ["for vera"]
    assert boris.tasks.inbox_page("today").items == []
    assert vera.tasks.due_counts(vera.user.id) == (0, 1)


def test_only_the_head_sees_other_inboxes_and_the_team(team) -> None:
    boris, vera, hanna = team["boris"], team["vera"], team["hanna"]
    add(boris, "boris task", at(2026, 3, 2, 15, 0))
    add(vera, "vera task", at(2026, 3, 2, 16, 0))
    with pytest.raises(PermissionDenied):
        boris.tasks.inbox_page("today", InboxFilter(assignee_id=vera.user.id))
    with pytest.raises(PermissionDenied):
        boris.tasks.inbox_counts(InboxFilter(everyone=True))
    with pytest.raises(PermissionDenied):
        boris.tasks.due_counts(vera.user.id)
    team_view = hanna.tasks.inbox_page("today", InboxFilter(everyone=True)).items
    assert [(t.title, t.assignee_name) for t in team_view] == [
        ("boris task", "Boris Manager"), ("vera task", "Vera Manager"),
    ]
    vera_view = hanna.tasks.inbox_page("today", InboxFilter(assignee_id=vera.user.id)).items
    assert [t.title for t in vera_view] == ["vera task"]


def test_a_manager_cannot_complete_or_snooze_a_colleagues_task(team) -> None:
    boris, vera = team["boris"], team["vera"]
    task = add(vera, "vera's call", at(2026, 3, 2, 15, 0))
    with pytest.raises(PermissionDenied):
        boris.tasks.complete(task.id, "not mine")
    with pytest.raises(PermissionDenied):
        boris.tasks.reschedule(task.id, at(2026, 3, 3, 7, 0))
    assert vera.tasks.get(task.id).done_at is None


# -- completion ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("task_kind", "activity_kind"),
    [("call", "call"), ("meeting", "meeting"), ("email", "email"), ("proposal", "email"),
     ("other", "note")],
)
def test_completing_leaves_an_activity_on_every_linked_timeline(
    team, task_kind: str, activity_kind: str
) -> None:
    boris = team["boris"]
    client = boris.clients.create(ClientIn(name="Альфа"))
    contact = boris.contacts.create(ContactIn(full_name="Иван Петров"), client_id=client.id)
    deal = boris.deals.create(DealIn(title="Поставка", client_id=client.id))
    task = add(boris, "Обсудить цену", FROZEN_NOW, kind=task_kind, deal_id=deal.id,
               contact_id=contact.id)
    done = boris.tasks.complete(task.id, "Согласны на 5% скидку", task.version)
    assert done.done_at == FROZEN_NOW and done.outcome == "Согласны на 5% скидку"
    for of, record_id in (("deal", deal.id), ("client", client.id), ("contact", contact.id)):
        entries = boris.activities.timeline(of, record_id).items
        logged = [e for e in entries if e.task_id == task.id]
        assert [(e.kind, e.body) for e in logged] == [
            (activity_kind, "Обсудить цену\nСогласны на 5% скидку")
        ], of
    assert boris.tasks.inbox_counts()["done"] == 1
    assert boris.tasks.inbox_counts()["overdue"] == 0


def test_completion_needs_an_outcome_and_happens_once(team) -> None:
    boris = team["boris"]
    task = add(boris, "call", FROZEN_NOW)
    with pytest.raises(InvalidInput) as refused:
        boris.tasks.complete(task.id, "   ")
    assert refused.value.field == "outcome"
    boris.tasks.complete(task.id, "ok")
    with pytest.raises(InvalidInput):
        boris.tasks.complete(task.id, "again")


# -- snooze and reminders ------------------------------------------------------------------------
def test_snooze_moves_the_task_to_its_new_group(team) -> None:
    boris = team["boris"]
    task = add(boris, "call back", at(2026, 3, 2, 8, 0))
    assert grouped(boris)["overdue"] == ["call back"]
    moved = boris.tasks.reschedule(task.id, at(2026, 3, 3, 7, 0), task.version)
    assert moved.due_at == at(2026, 3, 3, 7, 0)
    assert grouped(boris)["tomorrow"] == ["call back"]
    boris.tasks.complete(task.id, "ok")
    with pytest.raises(InvalidInput):
        boris.tasks.reschedule(task.id, at(2026, 3, 4, 7, 0))


def test_due_between_hands_each_falling_due_task_out_once(team, clock) -> None:
    boris, vera = team["boris"], team["vera"]
    started = clock.now
    soon = add(boris, "soon", at(2026, 3, 2, 9, 30))
    add(boris, "later today", at(2026, 3, 2, 15, 0))
    add(boris, "already overdue at start", at(2026, 3, 2, 8, 0))
    add(vera, "vera's", at(2026, 3, 2, 9, 20))
    finished = add(boris, "finished early", at(2026, 3, 2, 9, 10))
    boris.tasks.complete(finished.id, "ok")
    marker = boris.change_marker()

    assert boris.tasks.due_between(started, clock.now) == []
    clock.advance(minutes=45)
    assert [t.title for t in boris.tasks.due_between(started, clock.now)] == ["soon"]
    assert boris.tasks.due_between(started, clock.now) == []  # handed out once
    # Marking is not an edit: no new version, nothing in the audit log for others to reload.
    assert boris.tasks.get(soon.id).version == soon.version
    assert boris.change_marker() == marker
    assert [t.title for t in vera.tasks.due_between(started, clock.now)] == ["vera's"]


def test_a_snoozed_task_reminds_again_at_its_new_time(team, clock) -> None:
    boris = team["boris"]
    started = clock.now
    task = add(boris, "call back", at(2026, 3, 2, 9, 5))
    clock.advance(minutes=10)
    assert [t.title for t in boris.tasks.due_between(started, clock.now)] == ["call back"]
    boris.tasks.reschedule(task.id, clock.now + dt.timedelta(hours=1))
    assert boris.tasks.due_between(started, clock.now) == []
    clock.advance(hours=1)
    assert [t.title for t in boris.tasks.due_between(started, clock.now)] == ["call back"]
