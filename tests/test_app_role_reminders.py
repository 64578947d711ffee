"""The start-up sweep of role reminders runs behind the first screen, not before it."""

from __future__ import annotations

import threading

from crm_tui.schemas.clients import ClientIn
from crm_tui.schemas.deals import DealIn
from tests.support.ui import screen_text, wait_for_text

SIZE = (120, 36)
TITLE = "Assign contact roles: who decides, who pays?"


def _toasts(app) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(f"{n.title}\n{n.message}" for n in app._notifications)


async def _until_shown(pilot, text: str) -> str:  # type: ignore[no-untyped-def]
    """`settle` for every worker but the held sweep, until `text` shows."""
    for _ in range(100):
        await pilot.pause()
        others = [w for w in pilot.app.workers if w.group != "role-reminders"]
        if others:  # (an empty list would mean "all of them", the held sweep too)
            await pilot.app.workers.wait_for_complete(others)
        await pilot.pause()
        screen = screen_text(pilot)
        if text in screen:
            return screen
    raise AssertionError(f"{text!r} never appeared on the screen:\n{screen_text(pilot)}")


async def test_the_reminder_sweep_runs_while_the_user_already_works(
        app_store, make_test_app, clock) -> None:
    client = app_store.clients.create(ClientIn(name="ООО Альфа"))
    deal = app_store.deals.create(DealIn(title="Поставка станков", client_id=client.id))
    clock.advance(days=3)
    release = threading.Event()
    sweep = app_store.role_reminders.create_role_reminders

    def held_sweep(now=None):  # type: ignore[no-untyped-def]
        release.wait(timeout=60)  # a sweep over a million contacts, still running
        return sweep(now)

    app_store.role_reminders.create_role_reminders = held_sweep
    app = make_test_app(app_store, sweep_reminders=True)
    async with app.run_test(size=SIZE) as pilot:
        try:
            await _until_shown(pilot, "ООО Альфа")  # the first screen, with its data
            await pilot.press("f5")
            await _until_shown(pilot, "Task inbox")  # keys work meanwhile
            assert app_store.tasks.open_for(deal_id=deal.id) == []
        finally:
            release.set()
        screen = await wait_for_text(pilot, "Today: 1", "Assign contact roles")  # inbox reloaded
        assert "Поставка станков" in screen
        assert "due today: 1" in _toasts(app)  # the greeting counts the new reminder
    [task] = app_store.tasks.open_for(deal_id=deal.id)
    assert (task.title, task.assignee_id) == (TITLE, app_store.user.id)


async def test_a_start_with_nothing_to_remind_of_reloads_nothing(
        app_store, make_test_app, clock) -> None:
    app_store.clients.create(ClientIn(name="ООО Альфа"))
    app = make_test_app(app_store, sweep_reminders=True)
    reloads: list[int] = []
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_text(pilot, "ООО Альфа", "Today: 0")
        app._broadcast_change = reloads.append  # type: ignore[method-assign]
        app._poll_changes()  # what the change poll's timer does
        await wait_for_text(pilot, "ООО Альфа")
        assert reloads == []  # the data the app started with is no change
        app_store.clients.create(ClientIn(name="ООО Бета"))
        app._poll_changes()
        await wait_for_text(pilot, "ООО Альфа")
        assert len(reloads) == 1
