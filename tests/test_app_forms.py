"""The record forms: refusals beside the field, and the save conflict between two users."""

from __future__ import annotations

import datetime as dt

import pytest

from crm_tui.schemas.clients import ClientIn
from crm_tui.screens.client_card import ClientCardScreen
from crm_tui.screens.client_form import ClientForm
from crm_tui.screens.conflict import ConflictDialog
from crm_tui.screens.counterparty_form import CounterpartyForm
from crm_tui.store.errors import ConflictError
from tests.support.client_cards import build_demo
from tests.support.ui import screen_text, settle

SIZE = (120, 36)


@pytest.fixture
def demo(app_store):  # type: ignore[no-untyped-def]
    return build_demo(app_store)


@pytest.fixture
def boris_store(app_store, sqlite_url, settings, clock):  # type: ignore[no-untyped-def]
    """A second user's store on the same database file: another running crm-tui."""
    from crm_tui.store.store import open_store

    app_store.users.add("boris", "Boris Manager", "head_of_sales")
    store = open_store(sqlite_url, settings, login="boris", clock=clock)
    yield store
    store.close()


async def open_client(pilot, client_id: int) -> None:  # type: ignore[no-untyped-def]
    from crm_tui.screens.navigation import open_record

    await settle(pilot)
    open_record(pilot.app, "client", client_id)
    await settle(pilot)


async def test_a_new_client_needs_a_name(app_store, make_test_app, demo) -> None:
    app = make_test_app(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, ClientForm)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Fill in this field" in screen_text(pilot)
        await pilot.press(*"ООО Гамма", "ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ClientForm)
        [gamma] = app_store.clients.page(search="ооо гамма").items
        assert gamma.owner_name == "anna"
        assert "ООО Гамма" in screen_text(pilot)


async def test_second_save_gets_the_conflict_dialog_and_keeps_the_typing(
        app_store, boris_store, make_test_app, settings, demo) -> None:
    anna_app = make_test_app(app_store)
    boris_app = make_test_app(boris_store)
    async with anna_app.run_test(size=SIZE) as anna, boris_app.run_test(size=SIZE) as boris:
        for pilot in (anna, boris):
            await open_client(pilot, demo.beta)
            await pilot.press("e")
            await settle(pilot)
            assert isinstance(pilot.app.screen, ClientForm)
        # Both edit the same client; Boris saves first.
        boris_app.screen.control("segment").focus()
        await boris.press("ctrl+a", "ctrl+k", *"опт", "ctrl+s")
        await settle(boris)
        assert isinstance(boris_app.screen, ClientCardScreen)
        anna_app.screen.control("industry").focus()
        await anna.press(*"Бумага", "ctrl+s")
        await settle(anna)
        assert isinstance(anna_app.screen, ConflictDialog)
        text = screen_text(anna)
        assert "Someone else saved this client first" in text
        assert "Boris Manager" in text and "Segment" in text
        assert app_store.clients.get(demo.beta).industry is None  # nothing saved
        await anna.press("k")  # keep editing
        await settle(anna)
        assert isinstance(anna_app.screen, ClientForm)
        assert anna_app.screen.control("industry").value == "Бумага"
        assert "saving now replaces" in screen_text(anna)
        await anna.press("ctrl+s")
        await settle(anna)
        assert isinstance(anna_app.screen, ClientCardScreen)
        saved = app_store.clients.get(demo.beta)
        assert (saved.industry, saved.segment) == ("Бумага", "wholesale")


async def test_reload_after_a_conflict_shows_their_version(
        app_store, boris_store, make_test_app, demo) -> None:
    app = make_test_app(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_client(pilot, demo.beta)
        await pilot.press("e")
        await settle(pilot)
        current = boris_store.clients.get(demo.beta)
        boris_store.clients.update(demo.beta, current.version, ClientIn(
            name="Бета Трейд", segment="опт", owner_id=current.owner_id))
        app.screen.control("notes").focus()
        await pilot.press(*"мои заметки", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConflictDialog)
        await pilot.press("r")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ClientForm)
        assert form.control("segment").value == "опт"
        assert form.control("notes").text == ""
        assert app_store.clients.get(demo.beta).notes is None


def test_validation_error_snapshot(snap_compare, app_store, make_test_app, demo) -> None:
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await open_client(pilot, demo.beta)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"ООО Бета-2")
        pilot.app.screen.control("inn").focus()
        await pilot.press(*"7707083894", "ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, CounterpartyForm)

    assert snap_compare(make_test_app(app_store), terminal_size=SIZE, run_before=run_before)


def test_conflict_dialog_snapshot(snap_compare, app_store, make_test_app, demo) -> None:
    error = ConflictError("client", demo.beta, "Boris Manager",
                          dt.datetime(2026, 3, 2, 8, 30, tzinfo=dt.UTC), ["segment", "notes"])

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await open_client(pilot, demo.beta)
        pilot.app.push_screen(ConflictDialog(error))
        await settle(pilot)

    assert snap_compare(make_test_app(app_store), terminal_size=SIZE, run_before=run_before)
