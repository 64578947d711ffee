"""The contact list (F3) and the contact card: clients over time, deals and roles."""

from __future__ import annotations

import pytest

from crm_tui.screens.client_card import ClientCardScreen
from crm_tui.screens.contact_card import ContactCardScreen
from crm_tui.screens.contact_form import ContactForm
from tests.support.client_cards import BRACKETS, MARKUP, build_demo
from tests.support.ui import screen_text, settle

SIZE = (130, 34)


@pytest.fixture
def demo(app_store):  # type: ignore[no-untyped-def]
    return build_demo(app_store)


async def test_f3_lists_contacts_and_filters_them(app_store, make_test_app, demo) -> None:
    app = make_test_app(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        names = [c.full_name for c in app.screen.table.items()]
        assert names == [BRACKETS, "Орлов Олег", "Петров Иван", "Сидорова Анна"]
        text = screen_text(pilot)
        assert BRACKETS in text and "+7 916 123-45-67" in text and "ivan@alfa.ru" in text
        await pilot.press("ctrl+f", *"сид")
        await settle(pilot)
        assert [c.full_name for c in app.screen.table.items()] == ["Сидорова Анна"]
        await pilot.press("enter", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ContactCardScreen)
        assert app.screen.contact_id == demo.anna


async def test_new_contact_from_the_list(app_store, make_test_app, demo) -> None:
    app = make_test_app(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, ContactForm)
        await pilot.press(*"Козлов Кирилл")
        app.screen.control("emails").focus()
        await pilot.press(*"kirill@example.ru, bad@", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ContactForm)
        assert "bad@" in str(app.screen.query_one("#error-emails").render())
        await pilot.press(*["backspace"] * 6, "ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ContactForm)
        [kirill] = app_store.contacts.page(search="козлов").items
        assert kirill.emails == ["kirill@example.ru"]
        assert "Козлов Кирилл" in screen_text(pilot)


async def test_contact_card_shows_clients_with_dates_and_roles(app_store, make_test_app,
                                                               demo) -> None:
    from crm_tui.screens.navigation import open_record

    app = make_test_app(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        open_record(app, "contact", demo.ivan)
        await settle(pilot)
        text = screen_text(pilot)
        assert "Петров Иван" in text and "+7 916 123-45-67" in text
        assert "ООО Альфа" in text and "Бета Трейд" in text and "Консультант" in text
        assert "Card complete" in text
        await pilot.press("2")
        await settle(pilot)
        text = screen_text(pilot)
        assert "Поставка бумаги" in text and "Decision maker" in text and "yes" in text
        await pilot.press("1", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ClientCardScreen)


async def test_who_left_shows_the_end_date_and_missing_fields(app_store, make_test_app,
                                                              demo) -> None:
    from crm_tui.screens.navigation import open_record

    oleg = next(c for c in app_store.contacts.page(search="орлов").items)
    app = make_test_app(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        open_record(app, "contact", oleg.id)
        await settle(pilot)
        text = screen_text(pilot)
        assert "02/03/2026  02/03/2026" in text  # since and left
        assert "Missing on this card: Phones, E-mails, Preferred channel" in text


async def test_markup_in_a_contact_shows_literally(app_store, make_test_app, demo) -> None:
    from crm_tui.screens.navigation import open_record

    tricky = app_store.contacts.page(search="smith").items[0]
    app = make_test_app(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        open_record(app, "contact", tricky.id)
        await settle(pilot)
        text = screen_text(pilot)
        assert BRACKETS in text and MARKUP in text and app.is_running


def test_contact_list_snapshot(snap_compare, app_store, make_test_app, demo) -> None:
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)

    assert snap_compare(make_test_app(app_store), terminal_size=SIZE, run_before=run_before)


@pytest.mark.parametrize("tab", ["clients", "deals"])
def test_contact_card_snapshot(snap_compare, app_store, make_test_app, demo, tab) -> None:
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        from crm_tui.screens.navigation import open_record

        await settle(pilot)
        open_record(pilot.app, "contact", demo.ivan, tab=tab)
        await settle(pilot)

    assert snap_compare(make_test_app(app_store), terminal_size=SIZE, run_before=run_before)


def test_contact_form_snapshot_with_a_bad_phone(snap_compare, app_store, make_test_app,
                                                demo) -> None:
    """The edit form of a contact, the phone refused beside its field, the mark at the end."""
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        from crm_tui.screens.navigation import open_record

        await settle(pilot)
        open_record(pilot.app, "contact", demo.ivan)
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        phones = pilot.app.screen.control("phones")
        phones.cursor_blink = False  # a blinking cursor would make the picture random
        phones.focus()
        await pilot.press("end", *", 12345", "ctrl+s")
        await settle(pilot)

    assert snap_compare(make_test_app(app_store), terminal_size=(130, 44),
                        run_before=run_before)


async def test_marking_a_contact_as_competitor_zeroes_their_leads(app_store, make_test_app,
                                                                  demo) -> None:
    """The mark is set in the contact's form; a lead from that phone then needs no time."""
    from crm_tui.schemas.leads import LeadIn
    from crm_tui.screens.navigation import open_record

    app = make_test_app(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        open_record(app, "contact", demo.anna)
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ContactForm)
        app.screen.control("status").focus()
        await pilot.press("enter", "down", "down", "enter", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ContactCardScreen), screen_text(pilot)
        assert "competitor" in screen_text(pilot)
    assert app_store.contacts.get(demo.anna).status == "competitor"
    created = app_store.leads.create(LeadIn(name="Сидорова", phone="84951112233",
                                            source="website"))
    assert created.lead.status == "junk" and created.lead.score == 0
