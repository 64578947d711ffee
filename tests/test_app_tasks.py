"""The task inbox, the task dialogs, activities and reminders, driven as a user does."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.screen import Screen
from textual.widgets import OptionList, Select

from crm_tui.schemas.clients import ClientIn, ContactIn
from crm_tui.schemas.deals import DealIn
from crm_tui.schemas.work import TaskIn
from crm_tui.screens.role_dialogs import ChoiceDialog
from crm_tui.store.store import open_store
from tests.conftest import FROZEN_NOW
from tests.support.ui import screen_text, settle

SIZE = (120, 36)


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=dt.UTC)


def _links(store):  # type: ignore[no-untyped-def]
    client = store.clients.create(ClientIn(name="ООО Альфа"))
    contact = store.contacts.create(ContactIn(full_name="Иван Петров"), client_id=client.id)
    deal = store.deals.create(DealIn(title="Поставка станков", client_id=client.id))
    return client, contact, deal


def _fill_inbox(store):  # type: ignore[no-untyped-def]
    """One or two tasks in every group around FROZEN_NOW (Monday 12:00 in Moscow)."""
    client, contact, deal = _links(store)

    def task(title: str, due: dt.datetime, **kwargs):  # type: ignore[no-untyped-def]
        return store.tasks.create(TaskIn(title=title, due_at=due, **kwargs))

    task("Call back about the invoice", at(2026, 3, 1, 8, 0), client_id=client.id)
    task("Send the price list [b]not bold[/b]", at(2026, 3, 2, 8, 0), kind="email",
         contact_id=contact.id)
    task("Meeting at the warehouse", at(2026, 3, 2, 15, 0), kind="meeting", deal_id=deal.id)
    task("Prepare the proposal", at(2026, 3, 3, 7, 0), kind="proposal", deal_id=deal.id)
    task("Check the delivery", at(2026, 3, 5, 7, 0), kind="other")
    task("Quarterly review", at(2026, 3, 16, 7, 0), kind="meeting", client_id=client.id)
    first = task("First call", at(2026, 3, 2, 6, 0), client_id=client.id)
    store.tasks.complete(first.id, "Interested, wants a quote")
    return client, contact, deal


async def _open_inbox(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("f5")
    await settle(pilot)


def _snap_inbox(then: tuple[str, ...] = ()):  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _open_inbox(pilot)
        pilot.app.clear_notifications()  # the start-up greeting has a test of its own
        for key in then:
            await pilot.press(key)
            await settle(pilot)

    return run_before


# -- snapshots -----------------------------------------------------------------------------------
def test_inbox_snapshot_every_group(snap_compare, app_store, make_test_app) -> None:
    _fill_inbox(app_store)
    assert snap_compare(make_test_app(app_store), terminal_size=SIZE,
                        run_before=_snap_inbox())


def test_inbox_snapshot_empty(snap_compare, app_store, make_test_app) -> None:
    assert snap_compare(make_test_app(app_store), terminal_size=SIZE,
                        run_before=_snap_inbox())


def test_new_task_form_snapshot(snap_compare, app_store, make_test_app) -> None:
    _fill_inbox(app_store)
    assert snap_compare(make_test_app(app_store), terminal_size=SIZE,
                        run_before=_snap_inbox(("n",)))


def test_complete_dialog_snapshot(snap_compare, app_store, make_test_app) -> None:
    _fill_inbox(app_store)
    assert snap_compare(make_test_app(app_store), terminal_size=SIZE,
                        run_before=_snap_inbox(("d",)))


def test_snooze_dialog_snapshot(snap_compare, app_store, make_test_app) -> None:
    _fill_inbox(app_store)
    assert snap_compare(make_test_app(app_store), terminal_size=SIZE,
                        run_before=_snap_inbox(("s",)))


# -- the inbox -----------------------------------------------------------------------------------
async def test_inbox_shows_groups_with_counts_and_stored_text_literally(
    app_store, make_test_app
) -> None:
    _fill_inbox(app_store)
    app = make_test_app(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await _open_inbox(pilot)
        text = screen_text(pilot)
        for header in ("Overdue · 2", "Today · 1", "Tomorrow · 1", "This week · 1",
                       "Later · 1", "Done in the last 7 days · 1"):
            assert header in text
        assert "Send the price list [b]not bold[/b]" in text
        assert "Поставка станков · ООО" in text  # the deal, then its client
        # The cursor starts on the oldest overdue task.
        assert app.screen.current_task().title == "Call back about the invoice"
        await pilot.press("down", "down")
        assert app.screen.current_task().title == "Meeting at the warehouse"


def _long_overdue_group(store, count: int = 45) -> None:  # type: ignore[no-untyped-def]
    """More overdue tasks than a first page: «Задача 00» … «Задача 44»."""
    for number in range(count):
        store.tasks.create(TaskIn(title=f"Задача {number:02}",
                                  due_at=at(2026, 2, 1, 8, 0) + dt.timedelta(minutes=number)))


async def test_a_long_group_loads_a_short_page_then_more_as_the_cursor_goes_down(
        app_store, make_test_app) -> None:
    from crm_tui.screens.task_inbox import FIRST_PAGE

    _long_overdue_group(app_store)
    app = make_test_app(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await _open_inbox(pilot)
        table = app.screen.table("overdue")
        assert "Overdue · 45" in screen_text(pilot)  # the count is the database's
        assert table.row_count == FIRST_PAGE
        for _row in range(44):
            await pilot.press("down")
        await settle(pilot)
        assert table.row_count == 45
        assert "Задача 44" in screen_text(pilot)


async def test_help_lists_the_inbox_keys(app_store, make_test_app) -> None:
    _fill_inbox(app_store)
    app = make_test_app(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await _open_inbox(pilot)
        await pilot.press("f1")
        await settle(pilot)
        text = screen_text(pilot)
        assert "Snooze / reschedule" in text and "d/space" in text
        assert "Filter by what the task is linked to" in text
        await pilot.press("end")  # what the screen is about, under the keys
        await settle(pilot)
        assert "grouped by when they are due on your own calendar" in screen_text(pilot)


async def _choose(pilot, key: str, value: str) -> None:  # type: ignore[no-untyped-def]
    """Open a filter's dialog with its key and choose the answer `value`."""
    await pilot.press(key)
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, ChoiceDialog)
    options = dialog.query_one(OptionList)
    options.highlighted = options.get_option_index(value)
    await pilot.press("enter")
    await settle(pilot)


async def test_filters_by_type_and_linked_record(app_store, make_test_app) -> None:
    _fill_inbox(app_store)
    app = make_test_app(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await _open_inbox(pilot)
        await _choose(pilot, "t", "meeting")
        text = screen_text(pilot)
        assert "Type: Meeting" in text
        assert "Meeting at the warehouse" in text and "Quarterly review" in text
        assert "Call back about the invoice" not in text
        await _choose(pilot, "l", "deal")
        text = screen_text(pilot)
        assert "Linked to: Deals" in text
        assert "Meeting at the warehouse" in text and "Quarterly review" not in text


async def test_head_of_sales_switches_to_a_manager_and_the_team(
    app_store, make_test_app, sqlite_url, settings, clock
) -> None:
    boris = app_store.users.add("boris", "Boris Manager", "manager")
    app_store.users.add("hanna", "Hanna Head", "head_of_sales")
    boris_store = open_store(sqlite_url, settings, login="boris", clock=clock)
    hanna_store = open_store(sqlite_url, settings, login="hanna", clock=clock)
    try:
        boris_store.tasks.create(TaskIn(title="Boris calls", due_at=at(2026, 3, 2, 15, 0)))
        hanna_store.tasks.create(TaskIn(title="Hanna reviews", due_at=at(2026, 3, 2, 16, 0)))
        app = make_test_app(hanna_store)
        async with app.run_test(size=SIZE) as pilot:
            await _open_inbox(pilot)
            assert "Hanna reviews" in screen_text(pilot)
            assert "Boris calls" not in screen_text(pilot)
            await _choose(pilot, "w", str(boris.id))
            assert "Boris calls" in screen_text(pilot)
            assert "Hanna reviews" not in screen_text(pilot)
            await _choose(pilot, "w", "team")
            text = screen_text(pilot)
            assert "Boris calls" in text and "Hanna reviews" in text and "Boris Manager" in text
    finally:
        boris_store.close()
        hanna_store.close()


async def test_a_manager_sees_no_team_filter_and_cannot_pick_an_assignee(
    app_store, make_test_app, sqlite_url, settings, clock
) -> None:
    app_store.users.add("boris", "Boris Manager", "manager")
    boris_store = open_store(sqlite_url, settings, login="boris", clock=clock)
    try:
        app = make_test_app(boris_store)
        async with app.run_test(size=SIZE) as pilot:
            await _open_inbox(pilot)
            assert "Whose:" not in screen_text(pilot)  # no "whose tasks" filter at all
            await pilot.press("w")
            await settle(pilot)
            assert not isinstance(app.screen, ChoiceDialog)
            assert "Nothing to do here" in screen_text(pilot)
            await pilot.press("n")
            await settle(pilot)
            assert app.screen.query_one("#task-assignee", Select).disabled
    finally:
        boris_store.close()


class _FakeCard(Screen):
    """Stands in for a record card: remembers what it was asked to open."""

    opened: list[int] = []

    def __init__(self, record_id: int) -> None:
        super().__init__()
        _FakeCard.opened.append(record_id)


async def test_enter_opens_the_linked_record(
    app_store, make_test_app, monkeypatch: pytest.MonkeyPatch
) -> None:
    from crm_tui.screens import navigation

    _client, _contact, deal = _fill_inbox(app_store)
    monkeypatch.setitem(navigation.CARDS, "deal", f"{__name__}:_FakeCard")
    _FakeCard.opened = []
    app = make_test_app(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await _open_inbox(pilot)
        await pilot.press("down", "down")  # the warehouse meeting, linked to the deal
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, _FakeCard)
        assert _FakeCard.opened == [deal.id]


# -- the flow: create, snooze, complete ----------------------------------------------------------
async def test_create_snooze_complete_with_the_keyboard(app_store, make_test_app) -> None:
    client = app_store.clients.create(ClientIn(name="ООО Альфа"))
    deal = app_store.deals.create(DealIn(title="Поставка станков", client_id=client.id))
    app = make_test_app(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await _open_inbox(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"Call Ivan about the contract")
        await pilot.press("tab", "tab")  # past the type, to the quick due choices
        await pilot.press("enter", "down", "enter")  # open the list: "This evening"
        await pilot.press("tab", "tab", "tab")  # the due box, the assignee, the client
        await pilot.press(*"альф")
        await settle(pilot)
        await pilot.press("enter")  # the first match
        await settle(pilot)
        await pilot.press("tab", "tab", *"станк")  # past the contact, to the deal
        await settle(pilot)
        await pilot.press("enter")
        await pilot.press("ctrl+s")
        await settle(pilot)

        [task] = app_store.tasks.inbox_page("today").items
        assert task.title == "Call Ivan about the contract"
        assert task.due_at == at(2026, 3, 2, 15, 0)  # 18:00 in Moscow
        assert (task.client_id, task.deal_id) == (client.id, deal.id)
        assert "Today · 1" in screen_text(pilot)
        assert app.screen.current_task().id == task.id

        await pilot.press("s")
        await settle(pilot)
        await pilot.press("down", "enter")  # tomorrow morning
        await settle(pilot)
        moved = app_store.tasks.get(task.id)
        assert moved.due_at == at(2026, 3, 3, 7, 0)
        assert "Tomorrow · 1" in screen_text(pilot)
        assert "Today · 0" in screen_text(pilot)

        await pilot.press("space")  # complete (so does d)
        await settle(pilot)
        await pilot.press("enter")  # an empty outcome is refused, nothing changes
        await settle(pilot)
        assert "the outcome is required" in screen_text(pilot)
        assert app_store.tasks.get(task.id).done_at is None
        await pilot.press(*"Agreed on the March delivery", "enter")
        await settle(pilot)
        done = app_store.tasks.get(task.id)
        assert done.done_at == FROZEN_NOW
        assert done.outcome == "Agreed on the March delivery"
        timeline = app_store.activities.timeline("deal", deal.id).items
        assert [(a.kind, a.task_id) for a in timeline if a.task_id] == [("call", task.id)]
        assert "Done in the last 7 days · 1" in screen_text(pilot)


async def test_a_typed_due_date_that_does_not_exist_is_refused(app_store, make_test_app) -> None:
    app = make_test_app(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await _open_inbox(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"Call", "tab", "tab", "tab", "ctrl+a", "ctrl+k", *"31.02.2026 10:00")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "There is no such date: 31.02.2026 10:00" in screen_text(pilot)
        assert app_store.tasks.inbox_counts() == dict.fromkeys(
            ("overdue", "today", "tomorrow", "week", "later", "done"), 0)
        await pilot.press("ctrl+a", "ctrl+k", *"05.03 14:30", "ctrl+s")
        await settle(pilot)
        [task] = app_store.tasks.inbox_page("week").items
        assert task.due_at == at(2026, 3, 5, 11, 30)


async def test_a_task_form_opened_from_a_card_has_the_link_filled_in(
    app_store, make_test_app
) -> None:
    from crm_tui.screens.navigation import new_record

    client, contact, deal = _links(app_store)
    saved = []
    app = make_test_app(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        new_record(app, "task", on_saved=saved.append, deal_id=deal.id, contact_id=contact.id)
        await settle(pilot)
        text = screen_text(pilot)
        assert "ООО Альфа" in text and "Иван Петров" in text and "Поставка станков" in text
        await pilot.press(*"Send the contract", "ctrl+s")
        await settle(pilot)
    [task] = saved
    assert (task.client_id, task.contact_id, task.deal_id) == (client.id, contact.id, deal.id)


# -- logging an activity -------------------------------------------------------------------------
async def test_log_an_activity_from_a_card(app_store, make_test_app) -> None:
    from crm_tui.screens.navigation import new_record

    client, contact, _deal = _links(app_store)
    app = make_test_app(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        new_record(app, "activity", contact_id=contact.id, client_id=client.id)
        await settle(pilot)
        assert "Иван Петров · ООО Альфа" in screen_text(pilot)
        await pilot.press(*"Talked about [red]prices[/red]")
        await pilot.press("shift+tab", "enter", "down", "enter")  # kind: the one after call
        await pilot.press("ctrl+s")
        await settle(pilot)
    [entry] = app_store.activities.timeline("contact", contact.id).items
    assert (entry.kind, entry.body, entry.at) == ("meeting", "Talked about [red]prices[/red]",
                                                  FROZEN_NOW)
    assert app_store.activities.timeline("client", client.id).items == [entry]


# -- reminders and counts ------------------------------------------------------------------------
async def test_start_says_how_many_tasks_are_overdue_and_due_today(
    app_store, make_test_app
) -> None:
    _fill_inbox(app_store)
    app = make_test_app(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Overdue tasks: 2; due today: 1." in _toasts(app)
        text = screen_text(pilot)
        assert "Overdue: 2" in text and "Today: 1" in text  # the clients screen's status line


async def test_a_reminder_fires_when_a_task_falls_due_while_the_app_runs(
    app_store, make_test_app, clock
) -> None:
    app_store.tasks.create(TaskIn(title="Call Ivan back", due_at=at(2026, 3, 2, 9, 30)))
    app = make_test_app(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await _open_inbox(pilot)
        app.reminders.poll()
        await settle(pilot)
        assert "Call Ivan back" not in _toasts(app)
        assert "Today: 1" in screen_text(pilot)

        clock.advance(minutes=29)
        app.reminders.poll()
        await settle(pilot)
        assert "Call Ivan back" not in _toasts(app)

        clock.advance(minutes=2)
        app.reminders.poll()
        await settle(pilot)
        assert _toasts(app).count("Call Ivan back") == 1
        text = screen_text(pilot)
        assert "Overdue: 1" in text and "Today: 0" in text
        assert "Overdue · 1" in text  # the open inbox moved the task along

        clock.advance(minutes=5)
        app.reminders.poll()
        await settle(pilot)
        assert _toasts(app).count("Call Ivan back") == 1  # once, not at every poll


async def test_counts_follow_a_task_another_user_assigns(
    app_store, make_test_app, sqlite_url, settings, clock
) -> None:
    boris = app_store.users.add("boris", "Boris Manager", "manager")
    app_store.users.add("hanna", "Hanna Head", "head_of_sales")
    boris_store = open_store(sqlite_url, settings, login="boris", clock=clock)
    hanna_store = open_store(sqlite_url, settings, login="hanna", clock=clock)
    try:
        app = make_test_app(boris_store)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            app._poll_changes()  # what the change poll's timer does
            await settle(pilot)
            assert "Today: 0" in screen_text(pilot)
            hanna_store.tasks.create(TaskIn(title="Visit the client", assignee_id=boris.id,
                                            due_at=at(2026, 3, 2, 14, 0)))
            app._poll_changes()
            await settle(pilot)
            assert "Today: 1" in screen_text(pilot)
            await pilot.press("f5")
            await settle(pilot)
            assert "Today: 1" in screen_text(pilot)  # every screen's status line agrees
            assert "Visit the client" in screen_text(pilot)
    finally:
        boris_store.close()
        hanna_store.close()


def _toasts(app) -> str:  # type: ignore[no-untyped-def]
    """The notifications raised (run_test keeps toasts off the screen)."""
    return "\n".join(f"{n.title}\n{n.message}" for n in app._notifications)


async def test_a_reload_arriving_after_the_user_scrolled_keeps_their_place(
        app_store, make_test_app, monkeypatch) -> None:
    """A reload (another user's change) that lands while the user is scrolling a long group
    must not send the cursor back to the top nor stop the next pages from coming."""
    import threading

    from crm_tui.screens.task_inbox import FIRST_PAGE

    _long_overdue_group(app_store)
    app = make_test_app(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await _open_inbox(pilot)
        table = app.screen.table("overdue")
        release, real = threading.Event(), app_store.tasks.inbox_counts

        def held(*args, **kwargs):  # type: ignore[no-untyped-def]
            release.wait(10)
            return real(*args, **kwargs)

        monkeypatch.setattr(app_store.tasks, "inbox_counts", held)
        # A reload slower than this shows spinners, which take the keys; this one must not.
        monkeypatch.setattr("crm_tui.screens.task_inbox.LOADING_DELAY", 60)
        app.screen.reload()  # begun with the cursor on the first task
        for _row in range(44):
            await pilot.press("down")
        release.set()
        await settle(pilot)
        # Not back at the top: on the last task loaded when the reload began.
        assert table.cursor_row >= FIRST_PAGE - 1
        for _row in range(45):  # on to the end of the group
            await pilot.press("down")
        await settle(pilot)
        assert table.row_count == 45
        assert "Задача 44" in screen_text(pilot)
