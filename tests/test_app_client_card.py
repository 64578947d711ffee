"""The client card and its flows, driven as a user does: tabs, counterparties, people."""

from __future__ import annotations

import pytest

from crm_tui.screens.client_card import ClientCardScreen
from crm_tui.screens.confirm import ConfirmDialog
from crm_tui.screens.contact_picker import ContactPicker
from crm_tui.screens.counterparty_form import CounterpartyForm
from tests.support.client_cards import BRACKETS, ESCAPES, MARKUP, build_demo
from tests.support.ui import screen_text, settle, wait_for_text

SIZE = (140, 36)


@pytest.fixture
def demo(app_store):  # type: ignore[no-untyped-def]
    return build_demo(app_store)


async def open_client(pilot, client_id: int, tab: str | None = None) -> None:  # type: ignore[no-untyped-def]
    from crm_tui.screens.navigation import open_record

    await settle(pilot)
    open_record(pilot.app, "client", client_id, **({"tab": tab} if tab else {}))
    await settle(pilot)


async def test_the_card_shows_fields_and_every_tab(app_store, make_test_app, demo) -> None:
    app = make_test_app(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_client(pilot, demo.alpha)
        text = screen_text(pilot)
        assert "ООО Альфа" in text and "Ключевой клиент" in text
        assert "Card complete" in text
        assert "7707083893" in text and "044525225" in text  # requisites
        expected = {"2": ["Петров Иван", "Директор", "+7 916 123-45-67", "Бета Трейд"],
                    "3": ["Поставка бумаги", "New"],
                    "4": ["Позвонить Ивану", "03/03/2026"],
                    "5": ["Обсудили объёмы на весну", "Call"]}
        for key, shown in expected.items():
            await pilot.press(key)
            await settle(pilot)
            text = screen_text(pilot)
            assert all(s in text for s in shown), (key, text)


async def test_help_lists_the_keys_of_the_shown_tab(app_store, make_test_app, demo) -> None:
    app = make_test_app(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_client(pilot, demo.alpha, tab="contacts")
        await pilot.press("f1")
        await settle(pilot)
        text = screen_text(pilot)
        assert "Link an existing contact" in text and "Left the company" in text
        assert "Add counterparty" not in text  # a key of another tab


async def test_completeness_names_the_empty_important_fields(app_store, make_test_app,
                                                             demo) -> None:
    app = make_test_app(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_client(pilot, demo.beta)
        assert "Missing on this card: Industry, Legal address" in screen_text(pilot)


async def test_wrong_then_right_inn(app_store, make_test_app, demo) -> None:
    app = make_test_app(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_client(pilot, demo.beta)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, CounterpartyForm)
        await pilot.press(*"ООО Бета-2")
        app.screen.control("inn").focus()
        await pilot.press(*"7707083894", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CounterpartyForm)  # not saved, still editing
        error = app.screen.query_one("#error-inn")
        assert error.display and "check digit" in str(error.render())
        assert "check digit" in screen_text(pilot)
        assert len(app_store.counterparties.of_client(demo.beta)) == 1
        await pilot.press("backspace", "3", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ClientCardScreen), screen_text(pilot)
        saved = {cp.name: cp.inn for cp in app_store.counterparties.of_client(demo.beta)}
        assert saved == {"АО Бета": "7728168971", "ООО Бета-2": "7707083893"}
        assert "ООО Бета-2" in screen_text(pilot)


async def test_leaving_a_wrong_field_flags_it_before_saving(app_store, make_test_app,
                                                            demo) -> None:
    app = make_test_app(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_client(pilot, demo.beta)
        await pilot.press("a")
        await settle(pilot)
        app.screen.control("kpp").focus()
        await pilot.press(*"77360100", "tab")
        await settle(pilot)
        assert "KPP 77360100: must be 9 characters" in screen_text(pilot)


async def test_link_an_existing_contact(app_store, make_test_app, demo) -> None:
    app = make_test_app(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_client(pilot, demo.beta, tab="contacts")
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, ContactPicker)
        await pilot.press(*"+7 495 111", "down")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("ctrl+a", "ctrl+k", *"Главбух", "ctrl+s")
        await settle(pilot, rounds=8)  # link, then reload the people: a chain of workers
        assert isinstance(app.screen, ClientCardScreen), screen_text(pilot)
        people = {p.full_name: p.position for p in app_store.people.of_client(demo.beta).items}
        assert people == {"Петров Иван": "Консультант", "Сидорова Анна": "Главбух"}
        await wait_for_text(pilot, "Сидорова Анна", "Главбух")


async def test_end_a_link_keeps_the_history(app_store, make_test_app, demo, clock) -> None:
    app = make_test_app(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_client(pilot, demo.alpha, tab="contacts")
        rows = [p.full_name for p in app.screen.people.items()]
        await pilot.press(*["down"] * rows.index("Сидорова Анна"), "x")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert "Сидорова Анна left ООО Альфа?" in screen_text(pilot)
        await pilot.press("y")
        await settle(pilot)
        [link] = [a for a in app_store.contacts.affiliations_of_contact(demo.anna)]
        assert link.ended_on == clock.now.date()
        people = app.screen.people.items()
        assert [p.full_name for p in people][-1] == "Сидорова Анна"  # kept, listed last
        assert "02/03/2026" in screen_text(pilot)


async def test_a_new_contact_from_the_card_works_for_the_client(app_store, make_test_app,
                                                                demo) -> None:
    app = make_test_app(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_client(pilot, demo.beta, tab="contacts")
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"Орлова Ольга")
        app.screen.control("phones").focus()
        await pilot.press(*"8 (916) 765-43-21")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ClientCardScreen), screen_text(pilot)
        [olga] = [p for p in app_store.people.of_client(demo.beta).items
                  if p.full_name == "Орлова Ольга"]
        assert olga.phone == "+79167654321"


async def test_archive_a_counterparty(app_store, make_test_app, demo) -> None:
    app = make_test_app(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_client(pilot, demo.beta)
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        [cp] = app_store.counterparties.of_client(demo.beta, include_archived=True)
        assert cp.archived
        assert "archived" in screen_text(pilot)


async def test_stored_names_show_literally_on_the_card(app_store, make_test_app,
                                                      demo) -> None:
    app = make_test_app(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_client(pilot, demo.brackets)
        text = screen_text(pilot)
        assert BRACKETS in text and MARKUP in text  # client name, counterparty name
        app.pop_screen()
        await open_client(pilot, demo.alpha, tab="timeline")
        assert "Evil ␛]0;pwned␇ ␛[31mRed" in screen_text(pilot)
        assert ESCAPES not in screen_text(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert BRACKETS in screen_text(pilot) and MARKUP in screen_text(pilot)
        assert app.is_running


def _card_snapshot(snap_compare, app_store, make_test_app, demo, tab: str) -> bool:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await open_client(pilot, demo.alpha, tab=tab)

    return snap_compare(make_test_app(app_store), terminal_size=SIZE, run_before=run_before)


@pytest.mark.parametrize("tab", ["counterparties", "contacts", "deals", "tasks", "timeline"])
def test_client_card_snapshot(snap_compare, app_store, make_test_app, demo, tab) -> None:
    assert _card_snapshot(snap_compare, app_store, make_test_app, demo, tab)
