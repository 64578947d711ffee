"""Leads in the store, on SQLite and PostgreSQL: scoring, duplicates, the responsible,
refusal, and conversion as one all-or-nothing transaction with links back to the lead."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from crm_tui.config import ProcessConfig
from crm_tui.schemas.clients import ClientIn, ContactIn
from crm_tui.schemas.deals import DealIn
from crm_tui.schemas.leads import ConvertRequest, LeadIn
from crm_tui.store import lead_conversion
from crm_tui.store.errors import ConflictError, InvalidInput, NotFound, PermissionDenied
from crm_tui.store.models import (
    Affiliation,
    Client,
    Contact,
    Deal,
    Notification,
    Participation,
    Task,
)

PHONE = "+79161234567"


def _with_process(settings, **process):  # type: ignore[no-untyped-def]
    return settings.model_copy(update={"process": ProcessConfig(**process)})


def _count(store, model) -> int:  # type: ignore[no-untyped-def]
    with store.ctx.db.read() as session:
        return session.scalar(select(func.count()).select_from(model))


def _mark_contact(store, contact_id: int, mark: str) -> None:  # type: ignore[no-untyped-def]
    """Contacts are marked junk/competitor by their own screen; here straight in the table."""
    with store.ctx.db.write() as session:
        session.get(Contact, contact_id).status = mark


def _notifications(store, user_id: int) -> list[str]:  # type: ignore[no-untyped-def]
    with store.ctx.db.read() as session:
        return list(session.scalars(select(Notification.body)
                                    .where(Notification.user_id == user_id)))


# -- creating ----------------------------------------------------------------------------------
def test_create_normalises_contact_data_and_scores_by_value(team) -> None:
    boris = team["boris"]
    made = boris.leads.create(LeadIn(name=" Иван Петров ", company="ООО Ромашка",
                                     phone="8 (916) 123-45-67", email="Ivan@Romashka.RU",
                                     source="referral", owner_id=boris.user.id))
    lead = made.lead
    assert (lead.name, lead.phone, lead.email) == ("Иван Петров", PHONE, "Ivan@romashka.ru")
    assert lead.status == "new" and lead.score == 100
    thin = boris.leads.create(LeadIn(name="Аноним", source="cold")).lead
    assert thin.score < lead.score
    assert [x.id for x in boris.leads.page(status="new").items] == [lead.id, thin.id]


def test_a_lead_from_a_contact_marked_competitor_is_junk_at_once(team) -> None:
    boris = team["boris"]
    spy = boris.contacts.create(ContactIn(full_name="Пётр Шпионов", phones=[PHONE]))
    _mark_contact(boris, spy.id, "competitor")
    lead = boris.leads.create(LeadIn(name="Пётр", phone="+7 916 123 45 67", company="Конкурент",
                                     source="referral")).lead
    assert lead.status == "junk" and lead.score == 0 and lead.owner_id is None
    card = boris.leads.card(lead.id)
    assert "a competitor" in card.score_lines[0].label
    assert "Пётр Шпионов" in card.score_lines[0].label


def test_a_lead_with_the_email_of_an_earlier_junk_lead_is_junk(team) -> None:
    boris = team["boris"]
    spam = boris.leads.create(LeadIn(name="Spam", email="win@prize.example.com",
                                     owner_id=boris.user.id)).lead
    boris.leads.mark_junk(spam.id, spam.version)
    again = boris.leads.create(LeadIn(name="Другое имя", email="WIN@prize.example.com",
                                      source="website")).lead
    assert again.status == "junk" and again.score == 0


def test_duplicates_are_reported_not_refused(team) -> None:
    boris = team["boris"]
    client = boris.clients.create(ClientIn(name="ООО «Ромашка»"))
    known = boris.contacts.create(ContactIn(full_name="Иван Петров", emails=["ivan@romashka.ru"]),
                                  client_id=client.id)
    first = boris.leads.create(LeadIn(name="Мария Сидорова", phone=PHONE)).lead
    made = boris.leads.create(LeadIn(name="Петров Иван", company="Ромашка ООО", phone=PHONE,
                                     email="ivan@romashka.ru"))
    assert made.lead.id  # saved despite the duplicates
    found = {(d.kind, d.id, d.reason) for d in made.duplicates}
    assert ("contact", known.id, "email") in found
    assert ("lead", first.id, "phone") in found
    assert ("client", client.id, "company") in found
    card = boris.leads.card(made.lead.id)
    assert {(d.kind, d.id) for d in card.duplicates} == {(k, i) for k, i, _r in found}


def test_invalid_phone_is_refused_by_the_schema() -> None:
    from pydantic import ValidationError

    from crm_tui.validation import errors_by_field

    with pytest.raises(ValidationError) as caught:
        LeadIn(name="X", phone="12")
    assert "phone" in errors_by_field(caught.value)
    assert LeadIn(name="X", phone="", email=" ").phone is None


# -- the responsible ---------------------------------------------------------------------------
def test_usual_manager_gets_the_lead_of_a_person_from_their_client(team) -> None:
    boris, vera = team["boris"], team["vera"]
    client = boris.clients.create(ClientIn(name="ООО Ромашка"))
    boris.contacts.create(ContactIn(full_name="Иван Петров", phones=[PHONE]), client_id=client.id)
    lead = vera.leads.create(LeadIn(name="Иван", phone=PHONE)).lead
    assert lead.owner_id == boris.user.id and lead.owner_name == "Boris Manager"


def test_an_overloaded_usual_manager_leaves_the_lead_to_the_head(team, open_as, settings) -> None:
    boris, hanna = team["boris"], team["hanna"]
    client = boris.clients.create(ClientIn(name="ООО Ромашка"))
    boris.contacts.create(ContactIn(full_name="Иван Петров", phones=[PHONE]), client_id=client.id)
    for title in ("Поставка 1", "Поставка 2"):
        boris.deals.create(DealIn(title=title, client_id=client.id))
    strict = open_as("vera", settings=_with_process(settings, usual_manager_max_open_deals=1))
    made = strict.leads.create(LeadIn(name="Иван", phone=PHONE))
    assert made.lead.owner_id is None
    assert "Boris Manager" in made.assignment_note and "2 open deals" in made.assignment_note
    assert any("needs a responsible" in body for body in _notifications(hanna, hanna.user.id))


def test_round_robin_cycles_through_the_active_managers(team, open_as, settings) -> None:
    anna, boris, vera = team["anna"], team["boris"], team["vera"]
    head = open_as("hanna", settings=_with_process(settings, assignment_strategy="round_robin"))
    owners = [head.leads.create(LeadIn(name=f"Лид {i}")).lead.owner_id for i in range(4)]
    assert owners == [boris.user.id, vera.user.id, boris.user.id, vera.user.id]
    anna.users.set_active(vera.user.id, False)
    assert head.leads.create(LeadIn(name="Лид 5")).lead.owner_id == boris.user.id
    assert head.leads.create(LeadIn(name="Лид 6")).lead.owner_id == boris.user.id


def test_manual_assignment_by_the_head_only(team, open_as, settings) -> None:
    boris, vera, hanna = team["boris"], team["vera"], team["hanna"]
    manual = open_as("boris", settings=_with_process(settings, assignment_strategy="manual"))
    lead = manual.leads.create(LeadIn(name="Новый клиент")).lead
    assert lead.owner_id is None
    assert [x.id for x in hanna.leads.page(unassigned=True).items] == [lead.id]
    assert hanna.leads.counts(unassigned=True)["new"] == 1
    with pytest.raises(PermissionDenied):
        boris.leads.assign(lead.id, vera.user.id, lead.version)
    given = hanna.leads.assign(lead.id, vera.user.id, lead.version)
    assert given.owner_id == vera.user.id
    assert hanna.leads.page(unassigned=True).items == []
    assert [x.id for x in hanna.leads.page(owner_id=vera.user.id).items] == [lead.id]
    with pytest.raises(PermissionDenied):
        boris.leads.create(LeadIn(name="Чужой", owner_id=vera.user.id))


def test_a_manager_may_take_a_free_lead_but_not_anothers(team, open_as, settings) -> None:
    boris, vera = team["boris"], team["vera"]
    manual = open_as("boris", settings=_with_process(settings, assignment_strategy="manual"))
    lead = manual.leads.create(LeadIn(name="Ничей")).lead
    taken = vera.leads.assign(lead.id, vera.user.id, lead.version)
    assert taken.owner_id == vera.user.id
    with pytest.raises(PermissionDenied):
        boris.leads.qualify(lead.id, taken.version)
    assert team["hanna"].leads.qualify(lead.id, taken.version).status == "qualified"


# -- status changes --------------------------------------------------------------------------------
def test_qualifying_a_free_lead_makes_the_actor_its_owner(team, open_as, settings) -> None:
    manual = open_as("vera", settings=_with_process(settings, assignment_strategy="manual"))
    lead = manual.leads.create(LeadIn(name="Ничей")).lead
    qualified = team["vera"].leads.qualify(lead.id, lead.version)
    assert qualified.status == "qualified" and qualified.owner_id == team["vera"].user.id


def test_refusal_needs_a_reason_and_leaves_a_farewell_task(team) -> None:
    boris, hanna = team["boris"], team["hanna"]
    lead = boris.leads.create(LeadIn(name="Иван Петров", email="ivan@romashka.ru",
                                     owner_id=boris.user.id)).lead
    with pytest.raises(InvalidInput) as caught:
        boris.leads.refuse(lead.id, "   ", lead.version)
    assert caught.value.field == "reason"
    assert boris.leads.get(lead.id).status == "new"
    refused = boris.leads.refuse(lead.id, "Дорого, ушли к конкуренту", lead.version)
    assert refused.status == "refused" and refused.refusal_reason == "Дорого, ушли к конкуренту"
    with boris.ctx.db.read() as session:
        task = session.scalars(select(Task)).one()
    assert task.title.startswith("Send farewell letter with survey: Иван Петров")
    assert task.assignee_id == boris.user.id and task.done_at is None
    assert any("Дорого" in body for body in _notifications(hanna, hanna.user.id))
    with pytest.raises(InvalidInput):
        boris.leads.qualify(lead.id, refused.version)


def test_a_manager_cannot_handle_anothers_lead(team) -> None:
    boris, vera = team["boris"], team["vera"]
    lead = boris.leads.create(LeadIn(name="Иван", owner_id=boris.user.id)).lead
    with pytest.raises(PermissionDenied):
        vera.leads.mark_junk(lead.id, lead.version)
    assert boris.leads.get(lead.id).status == "new"


def test_a_stale_change_is_refused(team) -> None:
    boris = team["boris"]
    lead = boris.leads.create(LeadIn(name="Иван", owner_id=boris.user.id)).lead
    boris.leads.qualify(lead.id, lead.version)
    with pytest.raises(ConflictError):
        boris.leads.mark_junk(lead.id, lead.version)


def test_a_junk_lead_qualified_after_all_is_scored_afresh(team) -> None:
    boris = team["boris"]
    lead = boris.leads.create(LeadIn(name="Иван", company="Альфа", source="website",
                                     owner_id=boris.user.id)).lead
    junk = boris.leads.mark_junk(lead.id, lead.version)
    assert junk.score == 0
    assert boris.leads.qualify(lead.id, junk.version).score == lead.score


# -- paging and counts --------------------------------------------------------------------------------
def test_pages_by_status_best_first_with_counts_from_sql(team) -> None:
    boris = team["boris"]
    mine = boris.user.id
    made = [boris.leads.create(LeadIn(name=f"Лид {i:02}", source=source, owner_id=mine)).lead
            for i, source in enumerate(["cold", "referral", "website", "referral", "email"])]
    boris.leads.mark_junk(made[0].id, made[0].version)
    boris.leads.qualify(made[4].id, made[4].version)
    first = boris.leads.page(status="new", limit=2)
    second = boris.leads.page(status="new", limit=2, after=first.after)
    assert [x.name for x in first.items] == ["Лид 03", "Лид 01"]  # equal scores: newest first
    assert [x.name for x in second.items] == ["Лид 02"] and second.after is None
    counts = boris.leads.counts()
    assert counts == {"new": 3, "qualified": 1, "junk": 1, "refused": 0, "converted": 0}
    assert boris.leads.counts(search="лид 0")["new"] == 3
    assert [x.name for x in boris.leads.page(search="лид 04").items] == ["Лид 04"]


# -- conversion ------------------------------------------------------------------------------------
def test_conversion_makes_client_contact_and_deal_linked_back_to_the_lead(team) -> None:
    boris = team["boris"]
    lead = boris.leads.create(LeadIn(name="Иван Петров", company="ООО Ромашка", phone=PHONE,
                                     email="ivan@romashka.ru", source="website",
                                     owner_id=boris.user.id)).lead
    lead = boris.leads.qualify(lead.id, lead.version)
    done = boris.leads.convert(lead.id, ConvertRequest(create_deal=True, deal_title="Поставка"),
                               lead.version)
    assert done.client_created and done.contact_created and done.deal_id
    assert done.lead.status == "converted"
    assert (done.lead.client_id, done.lead.contact_id, done.lead.deal_id) == (
        done.client_id, done.contact_id, done.deal_id)
    client = boris.clients.get(done.client_id)
    assert client.name == "ООО Ромашка" and client.owner_id == boris.user.id
    contact = boris.contacts.get(done.contact_id)
    assert contact.phones == [PHONE] and contact.emails == ["ivan@romashka.ru"]
    deal = boris.deals.get(done.deal_id)
    assert deal.lead_id == lead.id and deal.stage == "new" and deal.title == "Поставка"
    with boris.ctx.db.read() as session:
        assert session.get(Client, done.client_id).lead_id == lead.id
        assert session.scalars(select(Affiliation.contact_id)
                               .where(Affiliation.client_id == done.client_id)).all() == [
            done.contact_id]
        primary = session.scalars(select(Participation).where(
            Participation.deal_id == done.deal_id)).one()
        assert primary.contact_id == done.contact_id and primary.is_primary
    assert [x.id for x in boris.leads.of_client(done.client_id)] == [lead.id]
    links = {(link.kind, link.id) for link in boris.leads.card(lead.id).links}
    assert links == {("client", done.client_id), ("contact", done.contact_id),
                     ("deal", done.deal_id)}
    with pytest.raises(InvalidInput, match="cannot be converted"):
        boris.leads.convert(lead.id, ConvertRequest(), done.lead.version)


def test_conversion_into_an_existing_client_and_contact(team) -> None:
    boris = team["boris"]
    client = boris.clients.create(ClientIn(name="ООО Ромашка"))
    known = boris.contacts.create(ContactIn(full_name="Иван Петров", phones=[PHONE]))
    lead = boris.leads.create(LeadIn(name="Иван", phone=PHONE, email="ivan@romashka.ru",
                                     owner_id=boris.user.id)).lead
    done = boris.leads.convert(
        lead.id, ConvertRequest(client_id=client.id, contact_id=known.id), lead.version
    )
    assert not done.client_created and not done.contact_created and done.deal_id is None
    assert (done.client_id, done.contact_id) == (client.id, known.id)
    assert boris.contacts.get(known.id).emails == ["ivan@romashka.ru"]  # kept from the lead
    assert [a.client_id for a in boris.contacts.affiliations_of_contact(known.id)] == [client.id]
    assert _count(boris, Client) == 1 and _count(boris, Contact) == 1
    with boris.ctx.db.read() as session:
        assert session.get(Client, client.id).lead_id == lead.id


def test_conversion_failing_midway_leaves_nothing_behind(team, monkeypatch) -> None:
    boris = team["boris"]
    lead = boris.leads.create(LeadIn(name="Иван Петров", company="ООО Ромашка", phone=PHONE,
                                     owner_id=boris.user.id)).lead
    lead = boris.leads.qualify(lead.id, lead.version)
    before = {m: _count(boris, m) for m in (Client, Contact, Affiliation, Deal, Participation)}
    reached: list[str] = []

    def broken_deal(session, ctx, lead_row, request, client, contact, owner_id):  # type: ignore[no-untyped-def]
        session.flush()
        reached.append(client.name)  # the client and contact were written by now
        raise InvalidInput("pipeline", "the pipeline broke")

    monkeypatch.setattr(lead_conversion, "_open_deal", broken_deal)
    with pytest.raises(InvalidInput, match="pipeline broke"):
        boris.leads.convert(lead.id, ConvertRequest(create_deal=True), lead.version)
    assert reached == ["ООО Ромашка"]
    assert {m: _count(boris, m) for m in before} == before
    after = boris.leads.get(lead.id)
    assert after.status == "qualified" and after.client_id is None
    assert after.version == lead.version


def test_conversion_with_a_contact_that_vanished_keeps_no_new_client(team) -> None:
    boris = team["boris"]
    ghost = boris.contacts.create(ContactIn(full_name="Призрак"))
    with boris.ctx.db.write() as session:
        session.delete(session.get(Contact, ghost.id))
    lead = boris.leads.create(LeadIn(name="Иван", company="ООО Новая",
                                     owner_id=boris.user.id)).lead
    with pytest.raises(NotFound):
        boris.leads.convert(lead.id, ConvertRequest(contact_id=ghost.id), lead.version)
    assert _count(boris, Client) == 0
    assert boris.leads.get(lead.id).status == "new"

