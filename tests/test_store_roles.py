"""Contact roles in the store, on SQLite and PostgreSQL: participants, the primary flag,
the role catalogue, reminders, and the reports and audit built on them."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from crm_tui.config import RoleConfig, load_settings
from crm_tui.schemas.clients import ClientIn, ContactIn, CounterpartyIn
from crm_tui.schemas.contracts import ContractIn, TicketIn
from crm_tui.schemas.deals import DealIn, MoveRequest
from crm_tui.schemas.work import ActivityIn, TaskIn
from crm_tui.store.errors import InvalidInput, PermissionDenied, RuleViolations
from crm_tui.store.models import Participation


def _client_with_people(store, name: str = "ООО Альфа", people=("Иванов Иван", "Петрова Анна")):  # type: ignore[no-untyped-def]
    client = store.clients.create(ClientIn(name=name))
    contacts = [store.contacts.create(ContactIn(full_name=p, position="Директор"),
                                      client_id=client.id) for p in people]
    return client, contacts


def _deal(store, client_id: int, title: str = "Поставка"):  # type: ignore[no-untyped-def]
    return store.deals.create(DealIn(title=title, client_id=client_id))


def _primaries(store, deal_id: int) -> int:  # type: ignore[no-untyped-def]
    with store.ctx.db.read() as session:
        return session.scalar(
            select(func.count()).select_from(Participation)
            .where(Participation.deal_id == deal_id, Participation.is_primary.is_(True))
        )


# -- participants and the primary flag ----------------------------------------------------------
def test_exactly_one_primary_and_marking_another_moves_the_flag(team) -> None:
    boris = team["boris"]
    client, (ivan, anna) = _client_with_people(boris)
    deal = _deal(boris, client.id)
    first = boris.participants.add("deal", deal.id, ivan.id, ["decision_maker"])
    assert [(p.contact_name, p.primary) for p in first] == [("Иванов Иван", True)]
    both = boris.participants.add("deal", deal.id, anna.id, ["finance"])
    assert _primaries(boris, deal.id) == 1
    anna_part = next(p for p in both if p.contact_id == anna.id)
    after = boris.participants.set_primary(anna_part.id)
    assert [p.contact_name for p in after if p.primary] == ["Петрова Анна"]
    assert _primaries(boris, deal.id) == 1
    left = boris.participants.remove(anna_part.id)
    assert [(p.contact_name, p.primary) for p in left] == [("Иванов Иван", True)]


def test_adding_as_primary_takes_the_flag_and_a_contact_takes_part_once(team) -> None:
    boris = team["boris"]
    client, (ivan, anna) = _client_with_people(boris)
    deal = _deal(boris, client.id)
    boris.participants.add("deal", deal.id, ivan.id)
    listed = boris.participants.add("deal", deal.id, anna.id, primary=True)
    assert [p.contact_name for p in listed if p.primary] == ["Петрова Анна"]
    with pytest.raises(InvalidInput):
        boris.participants.add("deal", deal.id, anna.id)
    assert _primaries(boris, deal.id) == 1


def test_roles_come_from_the_catalogue_only(team) -> None:
    boris = team["boris"]
    client, (ivan, _anna) = _client_with_people(boris)
    deal = _deal(boris, client.id)
    with pytest.raises(InvalidInput, match="astronaut"):
        boris.participants.add("deal", deal.id, ivan.id, ["astronaut"])
    assert boris.participants.list("deal", deal.id) == []
    [part] = boris.participants.add("deal", deal.id, ivan.id, ["influencer"])
    with pytest.raises(InvalidInput):
        boris.participants.set_roles(part.id, ["influencer", "astronaut"])
    assert boris.participants.list("deal", deal.id)[0].roles == ("influencer",)


def test_set_roles_and_remove_role_keep_the_participant(team) -> None:
    boris = team["boris"]
    client, (ivan, _anna) = _client_with_people(boris)
    deal = _deal(boris, client.id)
    [part] = boris.participants.add("deal", deal.id, ivan.id, ["influencer"])
    part = boris.participants.set_roles(part.id, ["decision_maker", "finance"], part.version)
    assert part.roles == ("decision_maker", "finance")
    part = boris.participants.remove_role(part.id, "decision_maker", part.version)
    assert part.roles == ("finance",)
    assert boris.deals.missing_roles(deal.id) == {"decision_maker"}
    with pytest.raises(InvalidInput):
        boris.participants.remove_role(part.id, "decision_maker")


def test_a_stale_version_of_a_participant_is_refused(team) -> None:
    from crm_tui.store.errors import ConflictError

    boris, vera = team["boris"], team["vera"]
    client, (ivan, _anna) = _client_with_people(boris)
    deal = _deal(boris, client.id)
    [part] = boris.participants.add("deal", deal.id, ivan.id, ["influencer"])
    vera.participants.set_roles(part.id, ["finance"], part.version)
    with pytest.raises(ConflictError):
        boris.participants.set_roles(part.id, ["decision_maker"], part.version)


def test_staffing_a_deal_lets_it_move_to_qualification(team) -> None:
    boris = team["boris"]
    client, (ivan, anna) = _client_with_people(boris)
    deal = _deal(boris, client.id)
    with pytest.raises(RuleViolations):
        boris.deals.move(deal.id, MoveRequest(target_stage="qualification"))
    boris.participants.add("deal", deal.id, ivan.id, ["decision_maker"])
    boris.participants.add("deal", deal.id, anna.id, ["finance"])
    assert boris.deals.move(deal.id, MoveRequest(target_stage="qualification")).stage == (
        "qualification"
    )


# -- contracts, tickets and a contact's roles everywhere --------------------------------------------
def test_contracts_and_tickets_take_participants_with_roles(team) -> None:
    boris = team["boris"]
    client, (ivan, anna) = _client_with_people(boris)
    deal = _deal(boris, client.id)
    contract = boris.contracts.create(ContractIn(client_id=client.id, number="Д-15/2026",
                                                 deal_id=deal.id, signed_on="05.03.2026"))
    assert contract.signed_on == dt.date(2026, 3, 5) and contract.deal_title == "Поставка"
    ticket = boris.tickets.create(TicketIn(client_id=client.id, subject="Не работает касса"))
    assert ticket.opened_on == boris.ctx.now().date()
    boris.participants.add("deal", deal.id, ivan.id, ["decision_maker"])
    boris.participants.add("contract", contract.id, ivan.id, ["contract_approver"])
    boris.participants.add("ticket", ticket.id, ivan.id, ["technical_specialist"])
    boris.participants.add("ticket", ticket.id, anna.id)
    holdings = boris.participants.roles_of_contact(ivan.id)
    assert [(h.kind, h.title, h.roles, h.primary) for h in holdings] == [
        ("deal", "Поставка", ("decision_maker",), True),
        ("contract", "Д-15/2026", ("contract_approver",), True),
        ("ticket", "Не работает касса", ("technical_specialist",), True),
    ]
    assert holdings[1].role_names == ("Contract approver",)
    assert holdings[0].client_name == "ООО Альфа" and holdings[0].status_name == "New"
    boris.tickets.update(ticket.id, ticket.version,
                         TicketIn(client_id=client.id, subject=ticket.subject, status="closed"))
    open_only = boris.participants.roles_of_contact(ivan.id, open_only=True)
    assert [h.kind for h in open_only] == ["deal", "contract"]


def test_contract_list_searches_number_and_client_and_keeps_the_client(team) -> None:
    boris = team["boris"]
    alpha, _people = _client_with_people(boris)
    beta, _others = _client_with_people(boris, "Бета Трейд", ("Сидоров",))
    foreign = boris.counterparties.add(beta.id, CounterpartyIn(name="ООО Бета", legal_form="ООО"))
    for number in ("ДОГ-1", "ДОГ-2", "СП-7"):
        boris.contracts.create(ContractIn(client_id=alpha.id, number=number))
    boris.contracts.create(ContractIn(client_id=beta.id, number="Б-1"))
    assert [c.number for c in boris.contracts.page(search="дог").items] == ["ДОГ-2", "ДОГ-1"]
    assert [c.number for c in boris.contracts.page(search="бета").items] == ["Б-1"]
    first = boris.contracts.page(limit=2)
    second = boris.contracts.page(after=first.after, limit=2)
    assert len(first.items) == 2 and len(second.items) == 2 and second.after is None
    assert boris.contracts.count(client_id=alpha.id) == 3
    with pytest.raises(InvalidInput):
        boris.contracts.create(ContractIn(client_id=alpha.id, number="X",
                                          counterparty_id=foreign.id))
    contract = boris.contracts.page(search="сп").items[0]
    with pytest.raises(InvalidInput):
        boris.contracts.update(contract.id, contract.version,
                               ContractIn(client_id=beta.id, number="СП-7"))


def test_contract_dates_must_be_in_order() -> None:
    from pydantic import ValidationError

    from crm_tui.validation import errors_by_field

    with pytest.raises(ValidationError) as caught:
        ContractIn(client_id=1, number="1", signed_on="2026-03-05", valid_until="01.03.2026")
    assert "valid_until" in errors_by_field(caught.value)
    with pytest.raises(ValidationError) as caught:
        TicketIn(client_id=1, subject="x", opened_on="32.01.2026")
    assert errors_by_field(caught.value)["opened_on"] == "Enter a date as DD.MM.YYYY"


# -- the audit -------------------------------------------------------------------------------
def test_a_contact_who_left_the_client_is_flagged_in_panel_and_audit(team, clock) -> None:
    boris = team["boris"]
    client, (ivan, anna) = _client_with_people(boris)
    deal = _deal(boris, client.id)
    boris.participants.add("deal", deal.id, ivan.id, ["decision_maker"])
    boris.participants.add("deal", deal.id, anna.id, ["finance"])
    assert boris.role_reports.audit_counts().left_client == 0
    [link] = boris.contacts.contacts_of_client(client.id).items[:1]
    assert link.contact_id == ivan.id
    clock.advance(days=10)
    boris.contacts.end_link(link.id, link.version)
    listed = {p.contact_name: p for p in boris.participants.list("deal", deal.id)}
    assert listed["Иванов Иван"].left_client and not listed["Иванов Иван"].current_at_client
    assert not listed["Петрова Анна"].left_client
    counts = boris.role_reports.audit_counts()
    assert counts.left_client == 1
    [line] = boris.role_reports.audit_page("left_client").items
    assert (line.kind, line.record_id, line.contact_name, line.roles) == (
        "deal", deal.id, "Иванов Иван", ("decision_maker",))
    assert line.since == clock.now.date()
    # The primary (Ivan) left: the deal has no usable primary contact any more.
    assert counts.no_primary == 1
    [missing] = boris.role_reports.audit_page("no_primary").items
    assert (missing.record_id, missing.reason) == (deal.id, "primary_left")


def test_audit_lists_deals_without_a_primary_and_ignores_closed_ones(team) -> None:
    boris = team["boris"]
    client, (ivan, _anna) = _client_with_people(boris)
    empty = _deal(boris, client.id, "Пустая")
    staffed = _deal(boris, client.id, "Укомплектована")
    boris.participants.add("deal", staffed.id, ivan.id, ["decision_maker"])
    lost = _deal(boris, client.id, "Проиграна")
    boris.deals.move(lost.id, MoveRequest(target_stage="closed", outcome="lost",
                                          lost_reason=boris.settings.lost_reasons[0].code))
    page = boris.role_reports.audit_page("no_primary")
    assert [(line.title, line.reason) for line in page.items] == [("Пустая", "no_participants")]
    assert boris.role_reports.audit_counts(owner_id=boris.user.id).no_primary == 1
    assert boris.role_reports.audit_counts(owner_id=team["vera"].user.id).no_primary == 0
    assert empty.id == page.items[0].record_id


def test_contacts_in_roles_without_activity_go_stale(team, clock) -> None:
    boris = team["boris"]
    client, (ivan, anna) = _client_with_people(boris)
    deal = _deal(boris, client.id)
    contract = boris.contracts.create(ContractIn(client_id=client.id, number="Д-1"))
    boris.participants.add("deal", deal.id, ivan.id, ["decision_maker"])
    boris.participants.add("contract", contract.id, anna.id, ["finance"])
    boris.participants.add("deal", deal.id, anna.id)  # no role: not audited as stale
    clock.advance(days=60)
    boris.activities.log(ActivityIn(kind="call", contact_id=anna.id, body="Созвонились"))
    clock.advance(days=31)
    page = boris.role_reports.audit_page("stale_contacts")
    assert [(line.contact_name, line.kind, line.since) for line in page.items] == [
        ("Иванов Иван", "deal", None)
    ]
    clock.advance(days=60)
    assert boris.role_reports.audit_counts().stale_contacts == 2


def test_audit_pages_are_keyset_pages(team) -> None:
    boris = team["boris"]
    client, _people = _client_with_people(boris)
    for n in range(5):
        _deal(boris, client.id, f"Сделка {n}")
    first = boris.role_reports.audit_page("no_primary", limit=3)
    second = boris.role_reports.audit_page("no_primary", after=first.after, limit=3)
    assert [d.title for d in first.items + second.items] == [f"Сделка {n}" for n in range(5)]
    assert second.after is None


# -- the missing-key-roles report ---------------------------------------------------------------
def test_missing_key_roles_are_counted_by_manager_and_stage(team) -> None:
    boris, vera = team["boris"], team["vera"]
    client, (ivan, anna) = _client_with_people(boris)
    complete = _deal(boris, client.id, "Полная")
    boris.participants.add("deal", complete.id, ivan.id, ["decision_maker"])
    boris.participants.add("deal", complete.id, anna.id, ["finance"])
    boris.deals.move(complete.id, MoveRequest(target_stage="qualification"))
    half = _deal(boris, client.id, "Половина")
    boris.participants.add("deal", half.id, ivan.id, ["decision_maker"])
    boris.deals.move(half.id, MoveRequest(target_stage="qualification"))
    _deal(boris, client.id, "Пустая Бориса")
    _deal(vera, client.id, "Пустая Веры")
    # A contract's participant has no deal: a role held there counts for no deal (and
    # the NULL deal of that participation must not empty the report, as NOT IN would).
    contract = boris.contracts.create(ContractIn(client_id=client.id, number="Д-1"))
    boris.participants.add("contract", contract.id, anna.id, ["finance", "decision_maker"])
    cells = {(c.owner_name, c.stage): c.count for c in boris.role_reports.missing_roles_summary()}
    assert cells == {("Boris Manager", "new"): 1, ("Boris Manager", "qualification"): 1,
                     ("Vera Manager", "new"): 1}
    rows = boris.role_reports.missing_roles_page(owner_id=boris.user.id)
    assert [(r.title, r.missing) for r in rows.items] == [
        ("Половина", ("finance",)), ("Пустая Бориса", ("decision_maker", "finance"))]
    assert boris.role_reports.missing_roles_count(stage="new") == 2
    board = boris.deals.board_page("sales", "qualification").items
    assert {c.title: c.missing_key_roles for c in board} == {"Половина": ("finance",),
                                                             "Полная": ()}


def test_without_key_roles_no_deal_is_missing_any(open_as, settings) -> None:
    roles = [r.model_copy(update={"key": False}) for r in settings.roles]
    store = open_as("anna", settings=settings.model_copy(update={"roles": roles}))
    client, _people = _client_with_people(store)
    _deal(store, client.id)
    assert store.role_reports.missing_roles_summary() == []
    assert store.role_reports.missing_roles_page().items == []


# -- reminders ---------------------------------------------------------------------------------
def test_a_deal_without_roles_gets_one_reminder_once(team, clock) -> None:
    boris, anna = team["boris"], team["anna"]
    client, (ivan, _anna) = _client_with_people(boris)
    bare = _deal(boris, client.id, "Без ролей")
    staffed = _deal(boris, client.id, "С ролями")
    boris.participants.add("deal", staffed.id, ivan.id, ["influencer"])
    assert anna.role_reminders.create_role_reminders() == 0  # not yet three days old
    clock.advance(days=3)
    assert anna.role_reminders.create_role_reminders() == 1
    assert team["hanna"].role_reminders.create_role_reminders() == 0  # another process
    [task] = boris.tasks.open_for(deal_id=bare.id)
    assert task.assignee_id == boris.user.id and task.due_at == clock.now
    assert boris.tasks.open_for(deal_id=staffed.id) == []
    boris.tasks.complete(task.id, "Назначил роли? Нет, позже")
    clock.advance(days=1)
    assert anna.role_reminders.create_role_reminders() == 0
    assert boris.tasks.open_for(deal_id=bare.id) == []


def test_the_database_refuses_a_second_reminder_for_a_deal(team, clock) -> None:
    boris = team["boris"]
    client, _people = _client_with_people(boris)
    deal = _deal(boris, client.id)
    clock.advance(days=5)
    assert boris.role_reminders.create_role_reminders() == 1
    from crm_tui.store.models import Task

    with pytest.raises(Exception, match="(?i)unique"):
        with boris.ctx.db.write() as session:
            session.add(Task(kind="other", title="again", due_at=clock.now,
                             assignee_id=boris.user.id, deal_id=deal.id, origin="no_roles"))
    boris.tasks.create(TaskIn(title="Позвонить", due_at=clock.now, deal_id=deal.id))
    assert len(boris.tasks.open_for(deal_id=deal.id)) == 2


# -- the catalogue -------------------------------------------------------------------------------
def _roles_without(settings, code: str) -> list[RoleConfig]:  # type: ignore[no-untyped-def]
    return [r for r in settings.roles if r.code != code]


def test_saving_the_catalogue_writes_toml_and_resyncs(team, tmp_path) -> None:
    anna = team["anna"]
    path = tmp_path / "config.toml"
    roles = [*anna.settings.roles,
             RoleConfig(code="lawyer", name_en="Lawyer", name_ru="Юрист", key=True)]
    settings, saved = anna.role_catalogue.save(roles, path)
    assert saved.removed_assignments == 0 and saved.deactivated == ()
    assert load_settings(path).roles[-1].name_ru == "Юрист"
    assert anna.settings is settings
    client, (ivan, _anna) = _client_with_people(anna)
    deal = _deal(anna, client.id)
    anna.participants.add("deal", deal.id, ivan.id, ["lawyer"])
    assert "lawyer" in anna.role_reports.key_roles()
    assert anna.role_catalogue.usage()["lawyer"].assignments == 1


def test_a_role_in_use_is_deactivated_or_loses_its_assignments(team, tmp_path) -> None:
    anna, boris = team["anna"], team["boris"]
    path = tmp_path / "config.toml"
    client, (ivan, anna_k) = _client_with_people(boris)
    deal = _deal(boris, client.id)
    contract = boris.contracts.create(ContractIn(client_id=client.id, number="1"))
    [ivan_part] = boris.participants.add("deal", deal.id, ivan.id, ["tender_specialist"])
    boris.participants.add("deal", deal.id, anna_k.id, ["tender_specialist", "finance"])
    boris.participants.add("contract", contract.id, ivan.id, ["security_officer"])
    usage = anna.role_catalogue.usage()
    assert (usage["tender_specialist"].assignments, usage["tender_specialist"].records) == (2, 1)
    # Keep the assignments: the role is deactivated, its holders keep it.
    _settings, saved = anna.role_catalogue.save(
        _roles_without(anna.settings, "tender_specialist"), path)
    assert saved == saved.model_copy(update={"removed_assignments": 0,
                                             "deactivated": ("tender_specialist",)})
    boris.ctx.settings = anna.settings  # another process restarts with the new file
    assert boris.participants.list("deal", deal.id)[0].roles == ("tender_specialist",)
    inactive = {r.code: r for r in boris.participants.catalogue(include_inactive=True)}
    assert not inactive["tender_specialist"].active
    assert "tender_specialist" not in {r.code for r in boris.participants.catalogue()
                                       if r.active}
    boris.participants.set_roles(ivan_part.id, ["tender_specialist", "influencer"])
    with pytest.raises(InvalidInput):
        boris.participants.add("contract", contract.id, anna_k.id, ["tender_specialist"])
    # Remove the assignments: every one goes, in one transaction, and is counted.
    _settings, saved = anna.role_catalogue.save(
        _roles_without(anna.settings, "security_officer"), path,
        drop_assignments_of=["security_officer"])
    assert saved.removed_assignments == 1
    assert boris.participants.list("contract", contract.id)[0].roles == ()
    assert "security_officer" not in anna.role_catalogue.usage()


def test_only_an_admin_changes_the_catalogue_and_stage_rules_keep_their_roles(
        team, tmp_path) -> None:
    path = tmp_path / "config.toml"
    with pytest.raises(PermissionDenied):
        team["hanna"].role_catalogue.save(team["hanna"].settings.roles, path)
    assert not path.exists()
    with pytest.raises(InvalidInput, match="decision_maker"):
        team["anna"].role_catalogue.save(_roles_without(team["anna"].settings,
                                                        "decision_maker"), path)
    assert not path.exists()
    with pytest.raises(InvalidInput):
        team["anna"].role_catalogue.save(team["anna"].settings.roles, None)


def test_reminders_at_start_are_skipped_quietly_for_a_read_only_guest(
        team, open_as, settings, clock) -> None:
    from crm_tui.store.role_reminders import remind_quietly

    boris = team["boris"]
    client, _people = _client_with_people(boris)
    deal = _deal(boris, client.id)
    clock.advance(days=4)
    guest = open_as("guest", settings=settings.model_copy(update={"readonly_unknown_users": True}))
    assert guest.ctx.readonly
    assert remind_quietly(guest.role_reminders) == 0
    assert boris.tasks.open_for(deal_id=deal.id) == []
    assert remind_quietly(boris.role_reminders) == 1
