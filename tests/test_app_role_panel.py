"""The role panel, the contact picker and the roles dialog, driven from the keyboard."""

from __future__ import annotations

from textual.widgets import OptionList

from crm_tui.schemas.clients import ClientIn, ContactIn
from crm_tui.schemas.deals import DealIn, MoveRequest
from crm_tui.screens.navigation import open_record
from tests.support.ui import screen_text, settle

ROLE_ORDER = ["decision_maker", "influencer", "technical_specialist", "contract_approver",
              "finance", "security_officer", "tender_specialist"]


def _fill(store):  # type: ignore[no-untyped-def]
    """A client with three current people, one former one, a stranger, and a new deal."""
    client = store.clients.create(ClientIn(name="ООО Альфа"))
    people = {}
    for name, position in [("Иванов Иван", "Генеральный директор"),
                           ("Петрова Анна", "Главный бухгалтер"),
                           ("Сидоров Олег", "Инженер"),
                           ("Ушедший Пётр", "Снабженец")]:
        people[name] = store.contacts.create(ContactIn(full_name=name, position=position),
                                             client_id=client.id)
    people["Консультант [b]Марк[/b]"] = store.contacts.create(
        ContactIn(full_name="Консультант [b]Марк[/b]", position="Внешний эксперт"))
    deal = store.deals.create(DealIn(title="Поставка кассовых терминалов", client_id=client.id))
    return client, people, deal


async def _open_panel(pilot, deal_id: int) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    open_record(pilot.app, "roles", deal_id)
    await settle(pilot)


async def test_a_deal_is_staffed_with_the_keyboard_alone(app_store, make_test_app) -> None:
    _client, people, deal = _fill(app_store)
    app = make_test_app(app_store)
    async with app.run_test(size=(130, 34)) as pilot:
        await _open_panel(pilot, deal.id)
        assert "Nobody takes part yet" in screen_text(pilot)
        # Ivan: typed into the picker, decision maker.
        await pilot.press("a")
        await settle(pilot)
        assert "People of ООО Альфа now" in screen_text(pilot)
        await pilot.press(*"иван", "enter")
        await settle(pilot)
        assert "Roles of Иванов Иван" in screen_text(pilot)
        await pilot.press("space", "enter")  # the first role is the decision maker
        await settle(pilot)
        # Anna: down to her in the picker, finance and influencer.
        await pilot.press("a")
        await settle(pilot)
        options = app.screen.query_one("#picker-options")
        assert options.option_count == 3  # Ivan takes part already; Anna, Oleg and Peter
        await pilot.press(*"петр", "enter")
        await settle(pilot)
        await pilot.press("down", "space", *["down"] * 3, "space", "enter")
        await settle(pilot)
        text = screen_text(pilot)
        assert "Иванов Иван" in text and "Петрова Анна" in text
        assert "Every key role is taken." in text
        # Make Anna primary: she is the second row (the primary is listed first).
        await pilot.press("down", "p")
        await settle(pilot)
    people_now = {p.contact_name: p for p in app_store.participants.list("deal", deal.id)}
    assert people_now["Петрова Анна"].primary and not people_now["Иванов Иван"].primary
    assert people_now["Иванов Иван"].roles == ("decision_maker",)
    assert set(people_now["Петрова Анна"].roles) == {"influencer", "finance"}
    moved = app_store.deals.move(deal.id, MoveRequest(target_stage="qualification"))
    assert moved.stage == "qualification"


async def test_all_contacts_are_one_key_away_and_roles_come_off_one_by_one(
        app_store, make_test_app) -> None:
    _client, people, deal = _fill(app_store)
    app = make_test_app(app_store)
    async with app.run_test(size=(130, 34)) as pilot:
        await _open_panel(pilot, deal.id)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"конс")
        await settle(pilot)
        assert "Nobody found" in screen_text(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert "All contacts" in screen_text(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("down", "down", "space", "enter")  # technical specialist
        await settle(pilot)
        text = screen_text(pilot)
        assert "Консультант [b]Марк[/b]" in text  # stored markup shown as typed
        assert "does not work for the client" in text
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("space", "enter")  # also the decision maker
        await settle(pilot)
        [marc] = app_store.participants.list("deal", deal.id)
        assert marc.roles == ("decision_maker", "technical_specialist")
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("down", "enter")  # take the technical specialist away
        await settle(pilot)
        [marc] = app_store.participants.list("deal", deal.id)
        assert marc.roles == ("decision_maker",)
        await pilot.press("delete")
        await settle(pilot)
        await pilot.press("down", "enter")  # "Keep": nothing happens
        await settle(pilot)
        assert len(app_store.participants.list("deal", deal.id)) == 1
        await pilot.press("delete")
        await settle(pilot)
        await pilot.press("enter")  # "Remove"
        await settle(pilot)
        assert app_store.participants.list("deal", deal.id) == []
        assert "Nobody takes part yet" in screen_text(pilot)


async def test_a_new_contact_is_created_inline_and_takes_part(app_store, make_test_app) -> None:
    _client, _people, deal = _fill(app_store)
    app = make_test_app(app_store)
    async with app.run_test(size=(130, 40)) as pilot:
        await _open_panel(pilot, deal.id)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"Новиков Николай")
        await settle(pilot)
        assert "Nobody found" in screen_text(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        await pilot.press("ctrl+s")  # the name typed in the picker is in the form already
        await settle(pilot)
        assert "Roles of Новиков Николай" in screen_text(pilot)
        await pilot.press("space", "enter")
        await settle(pilot)
    [newcomer] = app_store.participants.list("deal", deal.id)
    assert (newcomer.contact_name, newcomer.roles, newcomer.primary) == (
        "Новиков Николай", ("decision_maker",), True)
    assert newcomer.current_at_client  # created as one of the client's people


async def test_a_contact_who_left_is_marked_in_the_panel(app_store, make_test_app) -> None:
    client, people, deal = _fill(app_store)
    peter = people["Ушедший Пётр"]
    app_store.participants.add("deal", deal.id, peter.id, ["contract_approver"])
    link = next(a for a in app_store.contacts.contacts_of_client(client.id).items
                if a.contact_id == peter.id)
    app_store.contacts.end_link(link.id, link.version)
    app = make_test_app(app_store)
    async with app.run_test(size=(130, 34)) as pilot:
        await _open_panel(pilot, deal.id)
        text = screen_text(pilot)
        assert "⚠ left the client" in text
        assert "Key roles nobody holds yet: Decision maker, Finance / payment" in text
        await pilot.press("a")
        await settle(pilot)
        picker = pilot.app.screen.picker.query_one(OptionList)
        offered = [str(picker.get_option_at_index(i).prompt) for i in range(picker.option_count)]
        assert offered and not any("Ушедший Пётр" in name for name in offered)  # left


def _staffed(store):  # type: ignore[no-untyped-def]
    client, people, deal = _fill(store)
    store.participants.add("deal", deal.id, people["Иванов Иван"].id, ["decision_maker"])
    store.participants.add("deal", deal.id, people["Петрова Анна"].id,
                           ["finance", "contract_approver"])
    store.participants.add("deal", deal.id, people["Консультант [b]Марк[/b]"].id,
                           ["technical_specialist"])
    peter = people["Ушедший Пётр"]
    store.participants.add("deal", deal.id, peter.id, ["influencer"])
    link = next(a for a in store.contacts.contacts_of_client(client.id).items
                if a.contact_id == peter.id)
    store.contacts.end_link(link.id, link.version)
    return deal


def test_role_panel_snapshot(snap_compare, app_store, make_test_app) -> None:
    deal = _staffed(app_store)

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _open_panel(pilot, deal.id)

    assert snap_compare(make_test_app(app_store), terminal_size=(130, 30),
                        run_before=run_before)


def test_contact_picker_snapshot(snap_compare, app_store, make_test_app) -> None:
    deal = _staffed(app_store)
    app_store.contacts.create(ContactIn(full_name="Сидорова Мария", position="Юрист"),
                              client_id=app_store.participants.record("deal", deal.id).client_id)

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _open_panel(pilot, deal.id)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"сид")
        await settle(pilot)

    assert snap_compare(make_test_app(app_store), terminal_size=(130, 30),
                        run_before=run_before)


def test_roles_dialog_snapshot(snap_compare, app_store, make_test_app) -> None:
    deal = _staffed(app_store)

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _open_panel(pilot, deal.id)
        await pilot.press("down", "r")
        await settle(pilot)

    assert snap_compare(make_test_app(app_store), terminal_size=(130, 30),
                        run_before=run_before)


async def test_help_lists_the_panel_keys(app_store, make_test_app) -> None:
    deal = _staffed(app_store)
    app = make_test_app(app_store)
    async with app.run_test(size=(130, 40)) as pilot:
        await _open_panel(pilot, deal.id)
        await pilot.press("f1")
        await settle(pilot)
        text = screen_text(pilot)
        assert "Add person" in text and "Make primary" in text and "Drop a role" in text
        assert "Exactly one participant is the primary" in text
