"""Reports (F7): deals missing key roles, and the quarterly role audit."""

from __future__ import annotations

from crm_tui.schemas.clients import ClientIn, ContactIn
from crm_tui.schemas.contracts import ContractIn
from crm_tui.schemas.deals import DealIn, MoveRequest
from crm_tui.screens.role_audit import RoleAuditScreen
from crm_tui.screens.role_panel import RolePanelScreen
from tests.support.ui import screen_text, settle


def _fill(store, clock) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Deals of two managers at two stages, a contract, a leaver and a silent decision maker."""
    anna = store
    anna.users.add("boris", "Борис Менеджеров", "manager")
    boris_id = next(u.id for u in anna.users.list() if u.login == "boris")
    client = anna.clients.create(ClientIn(name="ООО Альфа"))
    people = {name: anna.contacts.create(ContactIn(full_name=name, position=pos),
                                         client_id=client.id)
              for name, pos in [("Иванов Иван", "Директор"), ("Петрова Анна", "Бухгалтер"),
                                ("Ушедший Пётр", "Снабженец")]}
    full = anna.deals.create(DealIn(title="Полностью укомплектована", client_id=client.id))
    anna.participants.add("deal", full.id, people["Иванов Иван"].id, ["decision_maker"])
    anna.participants.add("deal", full.id, people["Петрова Анна"].id, ["finance"])
    anna.deals.move(full.id, MoveRequest(target_stage="qualification"))
    half = anna.deals.create(DealIn(title="Без финансиста", client_id=client.id))
    anna.participants.add("deal", half.id, people["Иванов Иван"].id, ["decision_maker"])
    anna.participants.add("deal", half.id, people["Ушедший Пётр"].id, ["influencer"])
    anna.deals.move(half.id, MoveRequest(target_stage="qualification"))
    empty = anna.deals.create(DealIn(title="Пустая сделка", client_id=client.id,
                                     owner_id=boris_id))
    contract = anna.contracts.create(ContractIn(client_id=client.id, number="Д-15/2026"))
    anna.participants.add("contract", contract.id, people["Ушедший Пётр"].id,
                          ["contract_approver"])
    peter = next(a for a in anna.contacts.contacts_of_client(client.id).items
                 if a.contact_id == people["Ушедший Пётр"].id)
    clock.advance(days=100)
    anna.contacts.end_link(peter.id, peter.version)
    return {"full": full.id, "half": half.id, "empty": empty.id, "contract": contract.id}


async def _reports(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("f7")
    await settle(pilot)


async def test_the_report_counts_by_manager_and_stage_and_narrows_the_list(
        app_store, make_test_app, clock) -> None:
    ids = _fill(app_store, clock)
    app = make_test_app(app_store)
    async with app.run_test(size=(130, 34)) as pilot:
        await _reports(pilot)
        text = screen_text(pilot)
        assert "Key roles: Decision maker, Finance / payment" in text
        assert "Deals missing key roles: 2" in text
        assert [d.id for d in app.screen.deals.items()] == [ids["half"], ids["empty"]]
        # The summary: anna (1 in qualification), Борис (1 new), then the total.
        await pilot.press("down", "right", "enter")  # Борис · New
        await settle(pilot)
        assert [d.title for d in app.screen.deals.items()] == ["Пустая сделка"]
        assert "Deals missing key roles: 1" in screen_text(pilot)
        assert app.screen.deals.has_focus
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, RolePanelScreen) and app.screen.record_id == ids["empty"]


async def test_the_audit_lists_each_problem_and_enter_opens_the_fix(
        app_store, make_test_app, clock) -> None:
    ids = _fill(app_store, clock)
    app = make_test_app(app_store)
    async with app.run_test(size=(130, 34)) as pilot:
        await _reports(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, RoleAuditScreen)
        text = screen_text(pilot)
        assert "Left the client · 2" in text
        assert "No activity · 5" in text  # nobody in a role has been called in 100 days
        assert "No primary contact · 1" in text
        lines = app.screen.table("left_client").items()
        assert [(line.kind, line.contact_name) for line in lines] == [
            ("deal", "Ушедший Пётр"), ("contract", "Ушедший Пётр")]
        await pilot.press("3")
        await settle(pilot)
        assert "nobody takes part" in screen_text(pilot)
        await pilot.press("1", "down", "enter")  # fix the contract's line
        await settle(pilot)
        assert isinstance(app.screen, RolePanelScreen)
        assert (app.screen.kind, app.screen.record_id) == ("contract", ids["contract"])
        await pilot.press("delete", "enter")  # remove Peter from the contract
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert "Left the client · 1" in screen_text(pilot)


async def test_the_audit_is_in_the_palette_everywhere(app_store, make_test_app) -> None:
    app = make_test_app(app_store)
    async with app.run_test(size=(130, 34)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"role audit")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, RoleAuditScreen)


def test_missing_roles_report_snapshot(snap_compare, app_store, make_test_app, clock) -> None:
    _fill(app_store, clock)

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _reports(pilot)

    assert snap_compare(make_test_app(app_store), terminal_size=(130, 30),
                        run_before=run_before)


def test_role_audit_snapshot(snap_compare, app_store, make_test_app, clock) -> None:
    _fill(app_store, clock)

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _reports(pilot)
        await pilot.press("a")
        await settle(pilot)

    assert snap_compare(make_test_app(app_store), terminal_size=(130, 30),
                        run_before=run_before)
