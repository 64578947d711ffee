"""Snapshots of the screens no other test pictures: contracts and tickets (F9), the ticket card
and the people-and-roles panels of a contract and a ticket, each reached with the keys.

The data is the deterministic demo of tests/support plus a few contracts and tickets, so every
picture is the same on every run.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from crm_tui.schemas.contracts import ContractIn, TicketIn
from crm_tui.screens.contract_card import ContractCardScreen, TicketCardScreen
from crm_tui.screens.contracts import ContractsScreen
from crm_tui.screens.role_panel import ContractRolePanel, TicketRolePanel
from tests.support.client_cards import BRACKETS, MARKUP, build_demo
from tests.support.ui import settle

SIZE = (130, 30)


@dataclass
class Records:
    contract: int
    ticket: int


@pytest.fixture
def records(app_store) -> Records:  # type: ignore[no-untyped-def]
    """Contracts and tickets of the demo clients, some with people in roles."""
    store = app_store
    demo = build_demo(store)
    [alpha_entity] = store.counterparties.of_client(demo.alpha)
    contract = store.contracts.create(ContractIn(
        client_id=demo.alpha, counterparty_id=alpha_entity.id, deal_id=demo.deal,
        number="Д-15/2026", status="active", signed_on="02.03.2026", valid_until="31.12.2026"))
    store.contracts.create(ContractIn(client_id=demo.beta, number="Б-7", signed_on="20.02.2026"))
    store.contracts.create(ContractIn(client_id=demo.brackets, number=MARKUP))
    store.participants.add("contract", contract.id, demo.ivan, ["decision_maker"])
    store.participants.add("contract", contract.id, demo.anna, ["contract_approver", "finance"])
    ticket = store.tickets.create(TicketIn(client_id=demo.alpha, subject="Не печатает касса",
                                           counterparty_id=alpha_entity.id))
    store.tickets.create(TicketIn(client_id=demo.beta, subject=BRACKETS, status="closed",
                                  opened_on="16.02.2026", closed_on="27.02.2026"))
    store.participants.add("ticket", ticket.id, demo.anna, ["technical_specialist"])
    return Records(contract=contract.id, ticket=ticket.id)


async def press(pilot, *keys: str) -> None:  # type: ignore[no-untyped-def]
    """Key by key, letting each one's work finish: a key pressed while the screen still moves
    its focus would make the picture depend on timing."""
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def contracts(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await press(pilot, "f9")
    assert isinstance(pilot.app.screen, ContractsScreen)


async def highlight(pilot, record_id: int) -> None:  # type: ignore[no-untyped-def]
    """Arrow down the visible list to the record, as a user would."""
    for _ in range(10):
        current = pilot.app.screen.table().current
        if current is not None and current.id == record_id:
            return
        await press(pilot, "down")
    raise AssertionError(f"record {record_id} is not in the list")


def test_contract_list_snapshot(snap_compare, app_store, make_test_app, records) -> None:
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await contracts(pilot)

    assert snap_compare(make_test_app(app_store), terminal_size=SIZE, run_before=run_before)


def test_ticket_list_snapshot(snap_compare, app_store, make_test_app, records) -> None:
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await contracts(pilot)
        await press(pilot, "2")

    assert snap_compare(make_test_app(app_store), terminal_size=SIZE, run_before=run_before)


def test_ticket_card_snapshot(snap_compare, app_store, make_test_app, records) -> None:
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await contracts(pilot)
        await press(pilot, "2")
        await highlight(pilot, records.ticket)
        await press(pilot, "enter")
        assert isinstance(pilot.app.screen, TicketCardScreen)

    assert snap_compare(make_test_app(app_store), terminal_size=SIZE, run_before=run_before)


def test_contract_role_panel_snapshot(snap_compare, app_store, make_test_app, records) -> None:
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await contracts(pilot)
        await highlight(pilot, records.contract)
        await press(pilot, "enter")
        assert isinstance(pilot.app.screen, ContractCardScreen)
        await press(pilot, "r")
        assert isinstance(pilot.app.screen, ContractRolePanel)

    assert snap_compare(make_test_app(app_store), terminal_size=SIZE, run_before=run_before)


def test_ticket_role_panel_snapshot(snap_compare, app_store, make_test_app, records) -> None:
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await contracts(pilot)
        await press(pilot, "2")
        await highlight(pilot, records.ticket)
        await press(pilot, "enter", "r")
        assert isinstance(pilot.app.screen, TicketRolePanel)

    assert snap_compare(make_test_app(app_store), terminal_size=SIZE, run_before=run_before)


async def test_f9_gives_the_keys_to_the_contract_list(app_store, make_test_app, records) -> None:
    """Enter right after F9 opens the highlighted contract (not a key lost on the tab strip)."""
    app = make_test_app(app_store)
    async with app.run_test(size=SIZE) as pilot:
        await contracts(pilot)
        await highlight(pilot, records.contract)
        await press(pilot, "enter")
        assert isinstance(app.screen, ContractCardScreen)
        assert app.screen.record_id == records.contract
