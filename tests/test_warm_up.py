"""The app's warm-up (`CrmScreen.warm_up`) makes the store calls a screen's first opening
makes, so that opening finds every statement already compiled by SQLAlchemy.

Each test opens the screen as a user does after the warm-up and records the statements that
SQLAlchemy had to compile then: none, or the warm-up has drifted from the screen's loading.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import event
from sqlalchemy.engine.default import CACHE_MISS

from crm_tui.app import CrmApp
from crm_tui.schemas.work import TaskIn
from crm_tui.screens.client_card import ClientCardScreen
from crm_tui.screens.deal_board import DealBoardScreen
from crm_tui.screens.navigation import open_record
from crm_tui.screens.task_inbox import TaskInboxScreen
from tests.support.deals import make_deal
from tests.support.ui import settle, wait_for_text


class CompiledStatements:
    """The SQL statements the store's engine compiles (cache misses) while recording."""

    def __init__(self, store) -> None:  # type: ignore[no-untyped-def]
        self.engine = store.ctx.db.engine
        self.recording = False
        self.compiled: list[str] = []

    def __enter__(self) -> CompiledStatements:
        event.listen(self.engine, "after_cursor_execute", self._executed)
        return self

    def __exit__(self, *exc: object) -> None:
        event.remove(self.engine, "after_cursor_execute", self._executed)

    def _executed(self, conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        if self.recording and getattr(context, "cache_hit", None) is CACHE_MISS:
            self.compiled.append(statement)


def _fill(store) -> int:  # type: ignore[no-untyped-def]
    deal = make_deal(store, client_name="ООО Альфа")
    due = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)
    store.tasks.create(TaskIn(title="Call back", due_at=due, deal_id=deal.id))
    return deal.client_id


async def _compiled_on_opening(app_store, make_test_app, screen_class, open_screen,  # type: ignore[no-untyped-def]
                               warm: bool) -> list[str]:
    app = make_test_app(app_store)
    with CompiledStatements(app_store) as statements:
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            if warm:
                screen_class.warm_up(app)
            statements.recording = True
            await open_screen(pilot)
            await settle(pilot)
            assert isinstance(app.screen, screen_class)
            statements.recording = False
    return statements.compiled


def _press(key: str, shown: str):  # type: ignore[no-untyped-def]
    async def open_screen(pilot, _client_id: int) -> None:  # type: ignore[no-untyped-def]
        await pilot.press(key)
        await wait_for_text(pilot, shown)
    return open_screen


async def _open_card(pilot, client_id: int) -> None:  # type: ignore[no-untyped-def]
    open_record(pilot.app, "client", client_id)
    await wait_for_text(pilot, "ООО Альфа", "Client card")


@pytest.mark.parametrize("warm", [True, False], ids=["warm", "cold"])
@pytest.mark.parametrize(("screen_class", "open_screen"), [
    pytest.param(DealBoardScreen, _press("f4", "ООО Альфа"), id="board"),
    pytest.param(TaskInboxScreen, _press("f5", "Call back"), id="inbox"),
    pytest.param(ClientCardScreen, _open_card, id="card"),
])
async def test_after_the_warm_up_a_first_opening_compiles_nothing(
    app_store, make_test_app, screen_class, open_screen, warm: bool
) -> None:
    # Cold, the other side: what the test watches for does happen without the warm-up.
    client_id = _fill(app_store)
    compiled = await _compiled_on_opening(
        app_store, make_test_app, screen_class,
        lambda pilot: open_screen(pilot, client_id), warm=warm)
    if warm:
        assert compiled == []
    else:
        assert compiled


async def test_a_failing_warm_up_leaves_the_app_running(app_store, make_test_app,
                                                         monkeypatch) -> None:
    # Only a head start: a store error in the warm-up thread is logged, not shown, and the
    # screen works when opened.
    _fill(app_store)

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("database went away")

    monkeypatch.setattr(TaskInboxScreen, "warm_up", classmethod(broken))
    finished: list[bool] = []  # instead of gc.freeze(), which would outlive this test
    monkeypatch.setattr(CrmApp, "_freeze_startup_objects",
                        staticmethod(lambda: finished.append(True)))
    app = make_test_app(app_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app._warm_up()
        await settle(pilot)
        assert finished == [True]  # the other screens were warmed after the failure
        await pilot.press("f5")
        await wait_for_text(pilot, "Call back")
        assert isinstance(app.screen, TaskInboxScreen)
