"""The repository foundation on SQLite and PostgreSQL: create, edit, link, conflicts, audit."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from crm_tui.schemas.clients import AffiliationIn, ClientIn, ContactIn, CounterpartyIn
from crm_tui.store.errors import ConflictError, InvalidInput, NotFound, PermissionDenied
from crm_tui.store.models import AuditEntry, Client, Contact


def _client(store, name="ООО Ромашка", **extra):  # type: ignore[no-untyped-def]
    return store.clients.create(ClientIn(name=name, **extra))


def test_first_login_becomes_admin_and_unknown_login_is_refused(open_as) -> None:
    from crm_tui.store.users import UnknownUser

    first = open_as("anna")
    assert first.user.role == "admin"
    with pytest.raises(UnknownUser, match="not a user of this CRM"):
        open_as("mallory")


def test_unknown_login_gets_read_only_when_configured(open_as, settings) -> None:
    open_as("anna")
    guest = open_as("mallory", settings=settings.model_copy(update={"readonly_unknown_users": True}))
    assert guest.user is None and guest.ctx.readonly
    assert guest.clients.page().items == []
    with pytest.raises(PermissionDenied):
        _client(guest)


def test_create_and_edit_client_writes_audit_rows(team) -> None:
    boris = team["boris"]
    client = _client(boris, segment="retail")
    assert client.owner_name == "Boris Manager"
    edited = boris.clients.update(
        client.id, client.version, ClientIn(name="ООО Ромашка+", segment="wholesale",
                                            owner_id=client.owner_id)
    )
    assert edited.version == client.version + 1
    with boris.ctx.db.read() as session:
        rows = session.scalars(
            select(AuditEntry).where(AuditEntry.table_name == "clients",
                                     AuditEntry.record_id == client.id)
            .order_by(AuditEntry.id)
        ).all()
    assert rows[0].action == "create"
    changes = {(r.field, r.old_value, r.new_value) for r in rows if r.action == "update"}
    assert ("name", "ООО Ромашка", "ООО Ромашка+") in changes
    assert ("segment", "retail", "wholesale") in changes
    assert all(r.user_id == boris.user.id for r in rows)


def test_stale_save_names_who_changed_the_record(team) -> None:
    boris, vera = team["boris"], team["vera"]
    client = _client(boris)
    seen_by_vera = vera.clients.get(client.id)
    boris.clients.update(client.id, client.version,
                         ClientIn(name="Renamed by Boris", owner_id=client.owner_id))
    with pytest.raises(ConflictError) as caught:
        vera.clients.update(client.id, seen_by_vera.version,
                            ClientIn(name="Renamed by Vera", owner_id=client.owner_id))
    assert caught.value.changed_by == "Boris Manager"
    assert "name" in caught.value.fields
    assert "Boris Manager" in str(caught.value)
    assert boris.clients.get(client.id).name == "Renamed by Boris"


def test_manager_cannot_give_a_client_away_but_head_can(team) -> None:
    boris, vera, hanna = team["boris"], team["vera"], team["hanna"]
    with pytest.raises(PermissionDenied):
        _client(boris, owner_id=vera.user.id)
    given = _client(hanna, owner_id=vera.user.id)
    assert given.owner_id == vera.user.id


def test_failed_action_leaves_nothing_behind(team) -> None:
    boris = team["boris"]
    with pytest.raises(NotFound):
        boris.contacts.create(ContactIn(full_name="Пётр Сидоров"), client_id=9999)
    with boris.ctx.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Contact)) == 0
        assert session.scalar(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.table_name == "contacts")
        ) == 0


def test_counterparty_requisites_are_validated_and_stored(team) -> None:
    boris = team["boris"]
    client = _client(boris)
    with pytest.raises(ValueError, match="check digit"):
        CounterpartyIn(name="ООО Ромашка", legal_form="ООО", inn="7707083894")
    cp = boris.counterparties.add(
        client.id,
        CounterpartyIn(name="ООО Ромашка", legal_form="ООО", inn="7707083893",
                       kpp="773601001", ogrn="1027700132195", bik="044525225",
                       correspondent_account="30101810400000000225"),
    )
    assert [c.inn for c in boris.counterparties.of_client(client.id)] == ["7707083893"]
    assert boris.clients.page(search="77070838").items[0].id == client.id
    archived = boris.counterparties.set_archived(cp.id, cp.version)
    assert archived.archived and boris.counterparties.of_client(client.id) == []


def test_contact_moves_from_one_client_to_another_and_keeps_history(team, clock) -> None:
    boris = team["boris"]
    alpha, beta = _client(boris, "Альфа"), _client(boris, "Бета")
    ivan = boris.contacts.create(
        ContactIn(full_name="Иван Петров", phones=["8 (916) 123-45-67"],
                  emails=["Ivan@Example.COM"]),
        client_id=alpha.id, position="Закупщик",
    )
    assert ivan.phones == ["+79161234567"]
    link = boris.contacts.affiliations_of_contact(ivan.id)[0]
    clock.advance(days=30)
    ended = boris.contacts.end_link(link.id, link.version)
    assert ended.ended_on == clock.now.date()
    boris.contacts.link(AffiliationIn(client_id=beta.id, contact_id=ivan.id, position="Директор"))
    history = boris.contacts.affiliations_of_contact(ivan.id)
    assert [(a.client_name, a.current) for a in history] == [("Бета", True), ("Альфа", False)]
    alpha_people = boris.contacts.contacts_of_client(alpha.id).items
    assert [(p.contact_name, p.current) for p in alpha_people] == [("Иван Петров", False)]
    with pytest.raises(InvalidInput):
        boris.contacts.end_link(ended.id, ended.version)


def test_one_contact_works_for_two_clients(team) -> None:
    boris = team["boris"]
    alpha, beta = _client(boris, "Альфа"), _client(boris, "Бета")
    accountant = boris.contacts.create(ContactIn(full_name="Мария Бух"), client_id=alpha.id)
    boris.contacts.link(AffiliationIn(client_id=beta.id, contact_id=accountant.id))
    for client in (alpha, beta):
        names = [p.contact_name for p in boris.contacts.contacts_of_client(client.id).items]
        assert names == ["Мария Бух"]
    with pytest.raises(InvalidInput, match="already works"):
        boris.contacts.link(AffiliationIn(client_id=beta.id, contact_id=accountant.id))


def test_client_list_is_paged_by_keyset_in_name_order(team) -> None:
    boris = team["boris"]
    names = [f"Клиент {i:03d}" for i in range(25)]
    for name in reversed(names):
        _client(boris, name)
    seen, after = [], None
    while True:
        page = boris.clients.page(after=after, limit=10)
        seen += [c.name for c in page.items]
        if page.after is None:
            break
        after = page.after
    assert seen == names
    assert boris.clients.count() == 25
    assert boris.clients.count(search="клиент 00") == 10


def test_search_keys_fold_case_for_cyrillic(team) -> None:
    boris = team["boris"]
    _client(boris, "ЁЛКА Трейд")
    assert [c.name for c in boris.clients.page(search="елка").items] == ["ЁЛКА Трейд"]


def test_deleted_record_is_reported_not_crashed(team) -> None:
    with pytest.raises(NotFound):
        team["boris"].clients.get(12345)


def test_change_marker_grows_with_every_change(team) -> None:
    boris = team["boris"]
    before = boris.change_marker()
    _client(boris)
    assert team["vera"].change_marker() > before


def test_dates_are_stored_as_aware_utc(team) -> None:
    boris = team["boris"]
    client = _client(boris)
    with boris.ctx.db.read() as session:
        stored = session.get(Client, client.id)
        assert stored.created_at.tzinfo is not None
        assert stored.created_at.utcoffset() == dt.timedelta(0)
