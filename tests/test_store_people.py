"""The people of a client, a contact's participations and card completeness, on both DBs."""

from __future__ import annotations

from crm_tui.schemas.clients import AffiliationIn, ClientIn, ContactIn
from crm_tui.schemas.deals import DealIn


def test_people_of_a_client_show_who_left_and_where_else_they_work(open_as, clock) -> None:
    store = open_as("anna")
    alpha = store.clients.create(ClientIn(name="Альфа"))
    beta = store.clients.create(ClientIn(name="Бета"))
    ivan = store.contacts.create(ContactIn(full_name="Иван", phones=["+7 916 123-45-67"],
                                           emails=["ivan@alfa.ru"]), client_id=alpha.id)
    store.contacts.link(AffiliationIn(client_id=beta.id, contact_id=ivan.id))
    olga = store.contacts.create(ContactIn(full_name="Ольга"), client_id=alpha.id)
    link = store.people.of_client(alpha.id).items[1]
    assert link.full_name == "Ольга"
    clock.advance(days=3)
    store.contacts.end_link(link.affiliation_id, link.affiliation_version)

    people = store.people.of_client(alpha.id).items
    assert [(p.full_name, p.current) for p in people] == [("Иван", True), ("Ольга", False)]
    assert people[0].phone == "+79161234567" and people[0].email == "ivan@alfa.ru"
    assert people[0].other_clients == ("Бета",)
    assert people[1].ended_on == clock.now.date()
    assert [p.full_name for p in store.people.of_client(beta.id).items] == ["Иван"]
    assert olga.id == people[1].contact_id


def test_people_page_on(open_as) -> None:
    store = open_as("anna")
    client = store.clients.create(ClientIn(name="Альфа"))
    for n in range(7):
        store.contacts.create(ContactIn(full_name=f"Контакт {n}"), client_id=client.id)
    first = store.people.of_client(client.id, limit=4)
    rest = store.people.of_client(client.id, after=first.after, limit=4)
    names = [p.full_name for p in first.items + rest.items]
    assert names == [f"Контакт {n}" for n in range(7)] and rest.after is None


def test_a_contacts_participations_name_the_record_and_roles(open_as) -> None:
    store = open_as("anna")
    client = store.clients.create(ClientIn(name="Альфа"))
    ivan = store.contacts.create(ContactIn(full_name="Иван"), client_id=client.id)
    deal = store.deals.create(DealIn(title="Поставка", client_id=client.id))
    store.participants.add("deal", deal.id, ivan.id, ["decision_maker", "finance"])
    [part] = store.people.participations_of(ivan.id)
    assert (part.kind, part.record_id, part.title, part.client_name) == (
        "deal", deal.id, "Поставка", "Альфа")
    assert part.roles == ("decision_maker", "finance") and part.primary
    assert part.stage == deal.stage and part.pipeline == deal.pipeline


def test_contact_completeness_names_the_empty_important_fields(open_as) -> None:
    store = open_as("anna")
    bare = store.contacts.create(ContactIn(full_name="Иван"))
    assert store.contacts.missing_important_fields(bare.id) == [
        "position", "phones", "emails", "preferred_channel"]
    full = store.contacts.create(ContactIn(full_name="Олег", position="CEO",
                                           phones=["+7 916 123-45-67"],
                                           emails=["o@x.ru"], preferred_channel="email"))
    assert store.contacts.missing_important_fields(full.id) == []


def test_the_contact_list_search_finds_name_and_email_prefixes(open_as) -> None:
    store = open_as("anna")
    store.contacts.create(ContactIn(full_name="Иванов Пётр", emails=["petr@x.ru"]))
    store.contacts.create(ContactIn(full_name="Сидоров", emails=["sid_100%@x.ru"]))
    assert [c.full_name for c in store.contacts.page(search="ИВА").items] == ["Иванов Пётр"]
    assert [c.full_name for c in store.contacts.page(search="petr").items] == ["Иванов Пётр"]
    assert [c.full_name for c in store.contacts.page(search="sid_100%").items] == ["Сидоров"]
    assert store.contacts.page(search="%").items == []
