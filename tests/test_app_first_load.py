"""A new screen is shown with the data of its first frame: the app makes its store calls
first, while the current screen stays (`CrmApp.show_when_loaded`).

Tests that check the data is there at the first drawing let the app wait as long as it
takes (`first_load_wait`), so a busy test machine cannot make them show the screen first.
"""

from __future__ import annotations

import threading
import time

from crm_tui.screens.client_card import ClientCardScreen
from crm_tui.screens.deal_board import DealBoardScreen
from crm_tui.screens.navigation import open_record
from crm_tui.screens.task_inbox import TaskInboxScreen
from tests.support.deals import make_deal
from tests.support.ui import screen_text, settle, wait_for_text


def _cards_at_first_draw(monkeypatch, screen_class, measure):  # type: ignore[no-untyped-def]
    """What `measure(screen)` says when the screen draws what it has, just after mounting
    and before its first frame."""
    seen: list = []
    real = screen_class.draw_waiting

    def draw_waiting(self) -> None:  # type: ignore[no-untyped-def]
        real(self)
        seen.append(measure(self))

    monkeypatch.setattr(screen_class, "draw_waiting", draw_waiting)
    return seen


def _hold_board_totals(monkeypatch, store, calls: int = 0) -> threading.Event:  # type: ignore[no-untyped-def]
    """Make the board's stage totals wait for the returned event: every call, or only the
    first `calls` of them."""
    release, real = threading.Event(), store.deals.stage_summaries
    made: list[int] = []

    def held(*args, **kwargs):  # type: ignore[no-untyped-def]
        made.append(1)
        if not calls or len(made) <= calls:
            release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(store.deals, "stage_summaries", held)
    return release


async def test_the_board_mounts_with_its_cards_already_there(
    app_store, make_test_app, monkeypatch
) -> None:
    make_deal(app_store, client_name="ООО Альфа")
    seen = _cards_at_first_draw(monkeypatch, DealBoardScreen,
                                lambda board: board.column("new").card_count)
    app = make_test_app(app_store, first_load_wait=30)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        assert isinstance(app.screen, DealBoardScreen)
        assert seen == [1]  # drawn before the first frame, not after it
        assert "ООО Альфа" in screen_text(pilot)


async def test_a_client_card_mounts_with_its_client_already_there(
    app_store, make_test_app, monkeypatch
) -> None:
    deal = make_deal(app_store, client_name="ООО Альфа")
    seen = _cards_at_first_draw(monkeypatch, ClientCardScreen,
                                lambda card: card.client.name if card.client else None)
    real = app_store.clients.get

    def slow(*args, **kwargs):  # type: ignore[no-untyped-def]
        time.sleep(0.3)  # longer than mounting the card takes
        return real(*args, **kwargs)

    monkeypatch.setattr(app_store.clients, "get", slow)
    app = make_test_app(app_store, first_load_wait=30)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        open_record(app, "client", deal.client_id)
        await settle(pilot)
        assert isinstance(app.screen, ClientCardScreen)
        assert seen == ["ООО Альфа"]


async def test_a_slow_first_load_shows_the_screen_and_fills_it_when_it_comes(
    app_store, make_test_app, monkeypatch
) -> None:
    make_deal(app_store, client_name="ООО Альфа")
    release = _hold_board_totals(monkeypatch, app_store)
    app = make_test_app(app_store, first_load_wait=0.2)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await pilot.pause(0.6)  # longer than the app waits for a first load
        assert isinstance(app.screen, DealBoardScreen)  # shown, still empty
        assert "ООО Альфа" not in screen_text(pilot)
        release.set()
        await wait_for_text(pilot, "ООО Альфа", "1 · RUB1,200,000.00")


async def test_a_screen_opened_while_another_loads_is_the_one_shown(
    app_store, make_test_app, monkeypatch
) -> None:
    make_deal(app_store, client_name="ООО Альфа")
    release = _hold_board_totals(monkeypatch, app_store, calls=1)
    app = make_test_app(app_store)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f4")  # the board's data is on its way...
        await pilot.pause()
        await pilot.press("f5")  # ...when the user asks for the inbox instead
        await pilot.pause()
        release.set()
        await settle(pilot)
        assert isinstance(app.screen, TaskInboxScreen)
        assert app.current_mode == "tasks"
        await pilot.press("f4")  # the board still opens, with its cards
        await settle(pilot)
        assert isinstance(app.screen, DealBoardScreen)
        assert "ООО Альфа" in screen_text(pilot)


async def test_a_dialog_opened_while_a_screen_loads_keeps_it_from_showing(
    app_store, make_test_app, monkeypatch
) -> None:
    from crm_tui.screens.search import SearchScreen

    make_deal(app_store, client_name="ООО Альфа")
    release = _hold_board_totals(monkeypatch, app_store)
    app = make_test_app(app_store, first_load_wait=30)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f4")  # the board's data is on its way...
        await pilot.pause()
        await pilot.press("slash")  # ...when the user starts a search
        await pilot.pause()
        release.set()
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)  # not swept away by the board
        assert app.current_mode == "clients"


async def test_a_card_draws_its_tab_underline_in_its_first_frame(
    app_store, make_test_app, monkeypatch
) -> None:
    """Textual places the underline after the tabs' layout (a frame later); the card puts it
    in place on mount, where the layout then finds it, for whichever tab opens first."""
    from textual.widgets._tabs import Underline

    deal = make_deal(app_store, client_name="ООО Альфа")

    def underline(card):  # type: ignore[no-untyped-def]
        bar = card.query_one(Underline)
        return bar.highlight_start, bar.highlight_end

    seen = _cards_at_first_draw(monkeypatch, ClientCardScreen, underline)
    app = make_test_app(app_store)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        for tab in ("counterparties", "deals", "timeline"):
            open_record(app, "client", deal.client_id, tab=tab)
            await settle(pilot)
            laid_out = underline(app.screen)
            assert seen[-1] == laid_out  # where the layout put it, already at the mount
            assert laid_out[1] > laid_out[0]
            await pilot.press("escape")
            await settle(pilot)


async def test_a_card_closed_before_its_slow_data_comes_is_left_alone(
    app_store, make_test_app, monkeypatch
) -> None:
    """Shown without its data (the wait ran out) and closed with Escape: the data arriving
    later must not be drawn into the closed card (that was an error with a traceback)."""
    deal = make_deal(app_store, client_name="ООО Альфа")
    release, real = threading.Event(), app_store.clients.get

    def held(*args, **kwargs):  # type: ignore[no-untyped-def]
        release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(app_store.clients, "get", held)
    app = make_test_app(app_store, first_load_wait=0.1)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        open_record(app, "client", deal.client_id)
        await pilot.pause(0.4)
        assert isinstance(app.screen, ClientCardScreen)  # shown without its client
        await pilot.press("escape")
        await pilot.pause(0.2)
        assert not isinstance(app.screen, ClientCardScreen)
        release.set()
        await settle(pilot)
        assert app.is_running and app.return_code is None
        assert "ООО Альфа" in screen_text(pilot)  # the client list, still working
