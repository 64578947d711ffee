"""Contracts and tickets (F9): the lists, the forms, the cards and their people with roles."""

from __future__ import annotations

from crm_tui.schemas.clients import ClientIn, ContactIn, CounterpartyIn
from crm_tui.schemas.contracts import ContractIn, TicketIn
from crm_tui.screens.contract_card import ContractCardScreen, TicketCardScreen
from tests.support.ui import screen_text, settle


def _client(store):  # type: ignore[no-untyped-def]
    client = store.clients.create(ClientIn(name="ООО Альфа"))
    store.counterparties.add(client.id, CounterpartyIn(name="ООО «Альфа-Трейд»", legal_form="ООО"))
    store.contacts.create(ContactIn(full_name="Иванов Иван", position="Директор"),
                          client_id=client.id)
    store.contacts.create(ContactIn(full_name="Петрова Анна", position="Юрист"),
                          client_id=client.id)
    return client


async def _contracts(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("f9")
    await settle(pilot)


async def test_a_new_contract_gets_its_approver_from_the_keyboard(
        app_store, make_test_app) -> None:
    _client(app_store)
    app = make_test_app(app_store)
    async with app.run_test(size=(130, 34)) as pilot:
        await _contracts(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"ооо")
        await settle(pilot)
        await pilot.press("enter")  # the client; its only legal entity is filled in
        await settle(pilot)
        await pilot.press(*"Д-15/2026", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ContractCardScreen)
        text = screen_text(pilot)
        assert "Contract «Д-15/2026»" in text and "ООО «Альфа-Трейд»" in text
        assert "Nobody takes part yet" in text
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"петр", "enter")
        await settle(pilot)
        await pilot.press("down", "down", "down", "space", "enter")  # contract approver
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ContractCardScreen)
        assert "Contract approver" in screen_text(pilot)
    [contract] = app_store.contracts.page().items
    assert (contract.number, contract.status, contract.counterparty_name) == (
        "Д-15/2026", "draft", "ООО «Альфа-Трейд»")
    [person] = app_store.participants.list("contract", contract.id)
    assert (person.contact_name, person.roles, person.primary) == (
        "Петрова Анна", ("contract_approver",), True)


async def test_the_form_refuses_a_bad_date_beside_the_field(app_store, make_test_app) -> None:
    client = _client(app_store)
    app = make_test_app(app_store)
    async with app.run_test(size=(130, 34)) as pilot:
        await _contracts(pilot)
        from crm_tui.screens.navigation import new_record

        new_record(app, "contract", client_id=client.id)
        await settle(pilot)
        await pilot.press(*"Д-1", "tab", "tab", *"31.02.2026", "ctrl+s")
        await settle(pilot)
        assert "Enter a date as DD.MM.YYYY" in screen_text(pilot)
        assert app_store.contracts.count() == 0


async def test_tickets_have_their_own_tab_and_card(app_store, make_test_app) -> None:
    client = _client(app_store)
    app_store.tickets.create(TicketIn(client_id=client.id, subject="Не печатает касса"))
    app_store.contracts.create(ContractIn(client_id=client.id, number="Д-1"))
    app = make_test_app(app_store)
    async with app.run_test(size=(130, 34)) as pilot:
        await _contracts(pilot)
        assert "Contracts: 1" in screen_text(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert "Tickets: 1" in screen_text(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TicketCardScreen)
        assert "Ticket «Не печатает касса»" in screen_text(pilot)
        assert "02/03/2026" in screen_text(pilot)  # opened today


def test_contract_card_snapshot(snap_compare, app_store, make_test_app) -> None:
    client = _client(app_store)
    contract = app_store.contracts.create(ContractIn(
        client_id=client.id, number="Д-15/2026", status="active", signed_on="02.03.2026",
        valid_until="31.12.2026",
        counterparty_id=app_store.counterparties.of_client(client.id)[0].id))
    people = app_store.contacts.contacts_of_client(client.id).items
    app_store.participants.add("contract", contract.id, people[0].contact_id,
                               ["decision_maker"])
    app_store.participants.add("contract", contract.id, people[1].contact_id,
                               ["contract_approver", "finance"])

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _contracts(pilot)
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(make_test_app(app_store), terminal_size=(120, 28),
                        run_before=run_before)
