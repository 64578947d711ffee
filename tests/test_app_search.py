"""Global search (`/`): as-you-type results from every kind of record, enter opens one."""

from __future__ import annotations

import pytest

from crm_tui.schemas.clients import ContactIn
from crm_tui.screens.client_card import ClientCardScreen
from crm_tui.screens.contact_card import ContactCardScreen
from crm_tui.screens.search import SearchScreen
from tests.support.client_cards import ALPHA_INN, BRACKETS, MARKUP, build_demo
from tests.support.ui import screen_text, settle

SIZE = (120, 36)


@pytest.fixture
def demo(app_store):  # type: ignore[no-untyped-def]
    return build_demo(app_store)


async def search_for(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    if not isinstance(pilot.app.screen, SearchScreen):
        await pilot.press("slash")
        await settle(pilot)
    assert isinstance(pilot.app.screen, SearchScreen)
    pilot.app.screen.input.value = ""
    await pilot.press(*text)
    await settle(pilot)


async def test_find_a_client_by_inn_and_open_its_card(app_store, make_test_app, demo) -> None:
    app = make_test_app(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await search_for(pilot, ALPHA_INN)
        text = screen_text(pilot)
        assert "Clients" in text and "ООО Альфа" in text and f"INN {ALPHA_INN}" in text
        assert "Counterparties" in text and "ООО «Альфа-Снаб»" in text
        await pilot.press("enter")  # into the results, on the first hit
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ClientCardScreen)
        assert app.screen.client_id == demo.alpha
        assert "Ключевой клиент" in screen_text(pilot)


@pytest.mark.parametrize("typed", ["+7 (916) 123-45-67", "89161234567", "9161234567"])
async def test_a_phone_in_any_format_finds_the_contact(app_store, make_test_app, demo,
                                                       typed) -> None:
    app = make_test_app(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await search_for(pilot, typed)
        hits = [h.title for h in app.screen.results.hits.values()]
        assert hits == ["Петров Иван"]
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ContactCardScreen)
        assert app.screen.contact_id == demo.ivan


async def test_results_follow_the_last_keystroke(app_store, make_test_app, demo) -> None:
    app = make_test_app(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await settle(pilot)
        await pilot.press(*"бет", "backspace", "backspace", *"ооо")  # no waiting in between
        await settle(pilot)
        assert app.screen.input.value == "бооо"
        assert app.screen.results.hits == {}
        assert "Nothing found for “бооо”." in screen_text(pilot)
        await pilot.press("ctrl+a", "ctrl+k", *"бет")
        await settle(pilot)
        assert [h.title for h in app.screen.results.hits.values()] == ["Бета Трейд", "АО Бета"]
        await pilot.press("ctrl+a", "ctrl+k")
        await settle(pilot)
        assert app.screen.results.hits == {} and "Type to search." in screen_text(pilot)


async def test_a_later_word_of_a_name_is_found(app_store, make_test_app, demo) -> None:
    app = make_test_app(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await search_for(pilot, "трейд")
        assert [h.title for h in app.screen.results.hits.values()] == ["Бета Трейд"]


async def test_more_pages_a_group_from_the_database(app_store, make_test_app, demo) -> None:
    for n in range(9):
        app_store.contacts.create(ContactIn(full_name=f"Иванов {n}"))
    app = make_test_app(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await search_for(pilot, "иванов")
        assert len(app.screen.results.hits) == 5
        assert "More…" in screen_text(pilot)
        results = app.screen.results
        results.focus()
        results.highlighted = results.get_option_index("more:contact")
        await pilot.press("enter")
        await settle(pilot)
        assert sorted(h.title for h in results.hits.values()) == [f"Иванов {n}"
                                                                   for n in range(9)]
        assert "More…" not in screen_text(pilot)


async def test_search_opens_from_a_card_and_escape_returns(app_store, make_test_app,
                                                          demo) -> None:
    from crm_tui.screens.navigation import open_record

    app = make_test_app(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        open_record(app, "client", demo.beta)
        await settle(pilot)
        await search_for(pilot, "поставка")
        assert "Поставка бумаги" in screen_text(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ClientCardScreen)


async def test_stored_markup_shows_literally_in_results(app_store, make_test_app,
                                                       demo) -> None:
    app = make_test_app(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await search_for(pilot, "smith")
        assert BRACKETS in screen_text(pilot)
        await search_for(pilot, "[b]")
        assert MARKUP in screen_text(pilot)
        await search_for(pilot, "evil")
        assert "Evil ␛]0;pwned␇ ␛[31mRed" in screen_text(pilot)
        assert app.is_running


def test_search_results_snapshot(snap_compare, app_store, make_test_app, demo) -> None:
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await search_for(pilot, "альфа")

    assert snap_compare(make_test_app(app_store), terminal_size=SIZE, run_before=run_before)
