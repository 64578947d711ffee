"""Snapshots of the dialogs and forms no other test pictures, each reached as a user reaches it.

The data is the deterministic demo of tests/support (frozen clock, fixed names), so every
picture is the same on every run; focused inputs have a steady cursor.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from crm_tui.schemas.contracts import ContractIn
from crm_tui.schemas.leads import LeadIn
from crm_tui.schemas.work import TaskIn
from crm_tui.screens.activity_form import ActivityForm
from crm_tui.screens.approval_dialogs import ApprovalDecisionDialog, ApprovalRequestDialog
from crm_tui.screens.client_form import ClientForm
from crm_tui.screens.confirm import ConfirmDialog
from crm_tui.screens.contact_picker import ContactPicker
from crm_tui.screens.contract_form import ContractForm, TicketForm
from crm_tui.screens.counterparty_form import CounterpartyForm
from crm_tui.screens.deal_form import DealFormScreen
from crm_tui.screens.help import HelpScreen
from crm_tui.screens.lead_dialogs import AssignLeadDialog, RefuseLeadDialog
from crm_tui.screens.lead_form import LeadForm
from crm_tui.screens.navigation import open_record
from crm_tui.screens.role_dialogs import ChoiceDialog
from crm_tui.screens.role_form import RoleFormDialog
from tests.support.client_cards import build_demo
from tests.support.deals import add_contact, make_deal
from tests.support.ui import settle

SIZE = (120, 34)


@pytest.fixture
def demo(app_store):  # type: ignore[no-untyped-def]
    return build_demo(app_store)


@pytest.fixture
def config_path(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    """The settings screen shows its config file as ~/…, whatever the temp directory."""
    monkeypatch.setenv("HOME", str(tmp_path))
    return tmp_path / ".config" / "crm-tui" / "config.toml"


async def steady(pilot) -> None:  # type: ignore[no-untyped-def]
    """A blinking cursor would make the picture depend on the moment it is taken."""
    for widget in pilot.app.screen.query("Input, TextArea"):
        widget.cursor_blink = False
    await settle(pilot)


async def press(pilot, *keys: str) -> None:  # type: ignore[no-untyped-def]
    """Key by key, letting each one's work finish: a key pressed while the screen still moves
    its focus would make the picture depend on timing."""
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def type_in(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press(*text)
    await settle(pilot)


async def open_card(pilot, kind: str, record_id: int) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    open_record(pilot.app, kind, record_id)
    await settle(pilot)


def expect(pilot, screen_type: type) -> None:  # type: ignore[no-untyped-def]
    """The picture is of the dialog the test means, not of whatever happened instead."""
    assert isinstance(pilot.app.screen, screen_type), pilot.app.screen


# -- from the client list and the client card ----------------------------------------------------
def test_help_screen_snapshot(snap_compare, app_store, make_test_app, demo) -> None:
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        await press(pilot, "f1")
        expect(pilot, HelpScreen)

    assert snap_compare(make_test_app(app_store), terminal_size=(120, 40),
                        run_before=run_before)


def test_new_client_form_snapshot(snap_compare, app_store, make_test_app, demo) -> None:
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        await press(pilot, "n")
        expect(pilot, ClientForm)
        await steady(pilot)
        await type_in(pilot, "ООО Гамма")

    assert snap_compare(make_test_app(app_store), terminal_size=(120, 40),
                        run_before=run_before)


def test_client_edit_form_snapshot(snap_compare, app_store, make_test_app, demo) -> None:
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await open_card(pilot, "client", demo.alpha)
        await press(pilot, "e")
        expect(pilot, ClientForm)
        await steady(pilot)

    assert snap_compare(make_test_app(app_store), terminal_size=(120, 40),
                        run_before=run_before)


def test_counterparty_edit_form_snapshot(snap_compare, app_store, make_test_app, demo) -> None:
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await open_card(pilot, "client", demo.alpha)
        await press(pilot, "1", "enter")
        expect(pilot, CounterpartyForm)
        await steady(pilot)

    assert snap_compare(make_test_app(app_store), terminal_size=(130, 44),
                        run_before=run_before)


def test_link_contact_picker_snapshot(snap_compare, app_store, make_test_app, demo) -> None:
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await open_card(pilot, "client", demo.beta)
        await press(pilot, "2", "l")
        expect(pilot, ContactPicker)
        await steady(pilot)
        await type_in(pilot, "сидор")

    assert snap_compare(make_test_app(app_store), terminal_size=SIZE, run_before=run_before)


def test_end_link_confirm_snapshot(snap_compare, app_store, make_test_app, demo) -> None:
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await open_card(pilot, "client", demo.alpha)
        await press(pilot, "2", "x")
        expect(pilot, ConfirmDialog)

    assert snap_compare(make_test_app(app_store), terminal_size=SIZE, run_before=run_before)


def test_activity_form_snapshot(snap_compare, app_store, make_test_app, demo) -> None:
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await open_card(pilot, "client", demo.alpha)
        await press(pilot, "g")
        expect(pilot, ActivityForm)
        await steady(pilot)
        await type_in(pilot, "Договорились о встрече")

    assert snap_compare(make_test_app(app_store), terminal_size=SIZE, run_before=run_before)


# -- the start of the app --------------------------------------------------------------------------
def test_demo_offer_snapshot(snap_compare, app_store, make_test_app) -> None:
    """An empty database: the app offers the demo data before anything else."""
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        expect(pilot, ConfirmDialog)

    assert snap_compare(make_test_app(app_store, offer_demo=True), terminal_size=SIZE,
                        run_before=run_before)


def test_start_up_task_reminder_snapshot(snap_compare, app_store, make_test_app, demo,
                                         clock) -> None:
    """The greeting with the overdue and today's task counts, over the client list."""
    now = clock.now
    app_store.tasks.create(TaskIn(kind="call", title="Перезвонить по счёту",
                                  due_at=now - dt.timedelta(days=2), client_id=demo.alpha))
    app_store.tasks.create(TaskIn(kind="email", title="Отправить КП",
                                  due_at=now + dt.timedelta(hours=3), client_id=demo.beta))

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)

    assert snap_compare(make_test_app(app_store), terminal_size=SIZE, run_before=run_before)


def test_task_fell_due_reminder_snapshot(snap_compare, app_store, make_test_app, demo,
                                         clock) -> None:
    """A task falls due while the app runs: its reminder names the task and its record."""
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        clock.advance(days=1, minutes=1)  # the demo's call to Ivan is due now
        pilot.app.reminders.poll()
        await settle(pilot)

    assert snap_compare(make_test_app(app_store), terminal_size=SIZE, run_before=run_before)


# -- deals -------------------------------------------------------------------------------------
def test_deal_edit_form_snapshot(snap_compare, app_store, make_test_app, demo) -> None:
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await open_card(pilot, "deal", demo.deal)
        await press(pilot, "e")
        expect(pilot, DealFormScreen)
        await steady(pilot)

    assert snap_compare(make_test_app(app_store), terminal_size=(130, 40),
                        run_before=run_before)


def test_approval_request_dialog_snapshot(snap_compare, app_store, make_test_app) -> None:
    deal = make_deal(app_store, discount=15)

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await open_card(pilot, "deal", deal.id)
        await press(pilot, "a")
        expect(pilot, ApprovalRequestDialog)
        await steady(pilot)
        await type_in(pilot, "Конкурент даёт 12%")

    assert snap_compare(make_test_app(app_store), terminal_size=SIZE, run_before=run_before)


def test_approval_decision_dialog_snapshot(snap_compare, app_store, make_test_app) -> None:
    deal = make_deal(app_store, discount=Decimal(15))
    app_store.approvals.request(deal.id, reason="Конкурент даёт 12%")

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await open_card(pilot, "deal", deal.id)
        await press(pilot, "d")
        expect(pilot, ApprovalDecisionDialog)
        await steady(pilot)

    assert snap_compare(make_test_app(app_store), terminal_size=SIZE, run_before=run_before)


def test_remove_participant_question_snapshot(snap_compare, app_store, make_test_app) -> None:
    deal = make_deal(app_store)
    add_contact(app_store, deal, "Иван Петров", ("decision_maker",))
    add_contact(app_store, deal, "Анна [b]Смирнова[/b]", ("finance",))

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await open_card(pilot, "deal", deal.id)
        await press(pilot, "r")
        await press(pilot, "delete")
        expect(pilot, ChoiceDialog)

    assert snap_compare(make_test_app(app_store), terminal_size=SIZE, run_before=run_before)


# -- leads ---------------------------------------------------------------------------------------
def _leads(store) -> None:  # type: ignore[no-untyped-def]
    store.users.add("hanna", "Hanna Head", "head_of_sales")
    store.users.add("boris", "Boris Manager", "manager")
    me = store.user.id
    store.leads.create(LeadIn(name="Иван Петров", company="Ромашка", phone="+79161234567",
                              email="ivan@romashka.ru", source="referral", owner_id=me))
    store.leads.create(LeadIn(name="[b]Bold[/b] [@click=app.quit]",
                              company="Smith [/Jones] Ltd", source="exhibition", owner_id=me))


async def _open_leads(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await press(pilot, "f6")


def test_new_lead_form_snapshot(snap_compare, app_store, make_test_app) -> None:
    _leads(app_store)

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _open_leads(pilot)
        await press(pilot, "n")
        expect(pilot, LeadForm)
        await steady(pilot)
        await type_in(pilot, "Ольга Новикова")

    assert snap_compare(make_test_app(app_store), terminal_size=SIZE, run_before=run_before)


def test_refuse_lead_dialog_snapshot(snap_compare, app_store, make_test_app) -> None:
    _leads(app_store)

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _open_leads(pilot)
        await press(pilot, "r")
        expect(pilot, RefuseLeadDialog)
        await steady(pilot)
        await type_in(pilot, "Нет бюджета")

    assert snap_compare(make_test_app(app_store), terminal_size=SIZE, run_before=run_before)


def test_assign_lead_dialog_snapshot(snap_compare, app_store, make_test_app) -> None:
    _leads(app_store)

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _open_leads(pilot)
        await press(pilot, "a")
        expect(pilot, AssignLeadDialog)

    assert snap_compare(make_test_app(app_store), terminal_size=SIZE, run_before=run_before)


# -- settings, contracts and tickets ---------------------------------------------------------------
def test_new_role_form_snapshot(snap_compare, app_store, make_test_app, config_path) -> None:
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        await press(pilot, "f8", "n")
        expect(pilot, RoleFormDialog)
        await steady(pilot)
        await type_in(pilot, "lawyer")

    assert snap_compare(make_test_app(app_store, config_path=config_path),
                        terminal_size=SIZE, run_before=run_before)


def test_new_contract_form_snapshot(snap_compare, app_store, make_test_app, demo) -> None:
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        await press(pilot, "f9", "n")
        expect(pilot, ContractForm)
        await steady(pilot)
        await type_in(pilot, "ооо")  # client names are found by their beginning

    assert snap_compare(make_test_app(app_store), terminal_size=SIZE, run_before=run_before)


def test_new_ticket_form_snapshot(snap_compare, app_store, make_test_app, demo) -> None:
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        await press(pilot, "f9", "2", "n")
        expect(pilot, TicketForm)
        await steady(pilot)

    assert snap_compare(make_test_app(app_store), terminal_size=SIZE, run_before=run_before)


def test_contract_edit_form_snapshot(snap_compare, app_store, make_test_app, demo) -> None:
    """The form of an existing contract: the client fixed, its legal entity and deal chosen."""
    [entity] = app_store.counterparties.of_client(demo.alpha)
    contract = app_store.contracts.create(ContractIn(
        client_id=demo.alpha, counterparty_id=entity.id, deal_id=demo.deal, number="Д-15/2026",
        status="active", signed_on="02.03.2026", valid_until="31.12.2026"))

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await open_card(pilot, "contract", contract.id)
        await press(pilot, "e")
        expect(pilot, ContractForm)
        await steady(pilot)

    assert snap_compare(make_test_app(app_store), terminal_size=SIZE, run_before=run_before)
