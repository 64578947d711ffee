"""The app shell and the client list, driven as a user does."""

from __future__ import annotations

import re

from crm_tui.schemas.clients import ClientIn, CounterpartyIn
from tests.support.ui import screen_text, settle

TRICKY = ["Smith [/Jones] Ltd", "[b]Bold[/b] [@click=app.quit]", "Evil \x1b]0;pwned\x07 \x1b[31mRed"]


def _fill(store) -> None:  # type: ignore[no-untyped-def]
    for name in ["ООО Альфа", "Бета Трейд", "Гамма", *TRICKY]:
        store.clients.create(ClientIn(name=name, segment="retail"))
    alpha = store.clients.page(search="ооо").items[0]
    store.counterparties.add(
        alpha.id,
        CounterpartyIn(name="ООО Альфа", legal_form="ООО", inn="7707083893",
                       kpp="773601001", ogrn="1027700132195"),
    )


async def test_client_list_filters_by_name_and_inn(app_store, make_test_app) -> None:
    _fill(app_store)
    app = make_test_app(app_store)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert app.screen.table.row_count == 6
        await pilot.press("ctrl+f", *"770708")
        await settle(pilot)
        assert [c.name for c in app.screen.table.items()] == ["ООО Альфа"]
        await pilot.press("ctrl+a", "ctrl+k", *"бета")
        await settle(pilot)
        assert [c.name for c in app.screen.table.items()] == ["Бета Трейд"]
        assert re.search(r"\b1 client\b(?!s)", screen_text(pilot))


async def test_stored_markup_and_escapes_show_literally(app_store, make_test_app) -> None:
    _fill(app_store)
    app = make_test_app(app_store)
    async with app.run_test(size=(140, 30)) as pilot:
        await settle(pilot)
        text = screen_text(pilot)
        assert "Smith [/Jones] Ltd" in text
        assert "[b]Bold[/b] [@click=app.quit]" in text
        assert "␛[31mRed" in text  # the escape sequence is shown, not obeyed
        assert app.is_running  # nothing was executed by the [@click] name


async def test_help_lists_the_screen_keys(app_store, make_test_app) -> None:
    app = make_test_app(app_store)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()
        text = screen_text(pilot)
        assert "New client" in text and "Filter the list" in text
        await pilot.press("escape")
        await pilot.pause()
        assert "Keys on this screen" not in screen_text(pilot)


def test_client_list_snapshot(snap_compare, app_store, make_test_app) -> None:
    _fill(app_store)

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)

    assert snap_compare(make_test_app(app_store), terminal_size=(120, 30), run_before=run_before)
