"""Global search on SQLite and PostgreSQL: names, numbers, phones as typed, paging, speed."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from crm_tui.schemas.clients import ClientIn, ContactIn, CounterpartyIn
from crm_tui.schemas.deals import DealIn
from crm_tui.store.search import SearchCancelled, SearchQuery, sources_for


@pytest.fixture
def store(open_as):  # type: ignore[no-untyped-def]
    store = open_as("anna")
    alpha = store.clients.create(ClientIn(name="ООО Альфа", segment="retail"))
    store.counterparties.add(alpha.id, CounterpartyIn(
        name="ООО «Альфа-Снаб»", legal_form="ООО", inn="7707083893", kpp="773601001",
        ogrn="1027700132195"))
    beta = store.clients.create(ClientIn(name="Бета Трейд"))
    store.counterparties.add(beta.id, CounterpartyIn(
        name="АО Бета", legal_form="АО", inn="7728168971", ogrn="1027700067328"))
    store.clients.create(ClientIn(name="Ёлка и Ко"))
    store.clients.create(ClientIn(name="100% Sale_Shop"))
    store.contacts.create(ContactIn(full_name="Петров Иван", phones=["+7 916 123-45-67"],
                                    emails=["ivan.petrov@alfa.ru"]), client_id=alpha.id)
    store.contacts.create(ContactIn(full_name="Сидорова Анна", phones=["+7 495 111-22-33"]))
    store.deals.create(DealIn(title="Поставка бумаги", client_id=alpha.id))
    return store


def _titles(results, kind):  # type: ignore[no-untyped-def]
    return [hit.title for hit in results.group(kind).hits]


@pytest.mark.parametrize("typed", ["+7 (916) 123-45-67", "89161234567", "9161234567",
                                   "+79161234567", "916 123"])
def test_a_phone_in_any_format_finds_the_contact(store, typed) -> None:
    results = store.search.search(typed)
    contacts = results.group("contact").hits
    assert [c.title for c in contacts] == ["Петров Иван"]
    assert contacts[0].matched_field == "phone"
    assert contacts[0].phone == "+79161234567"


def test_an_inn_finds_the_client_and_its_counterparty(store) -> None:
    results = store.search.search("7707083893")
    assert _titles(results, "client") == ["ООО Альфа"]
    assert results.group("client").hits[0].matched == "7707083893"
    assert _titles(results, "counterparty") == ["ООО «Альфа-Снаб»"]
    assert _titles(store.search.search("77070"), "client") == ["ООО Альфа"]
    assert _titles(store.search.search("7707 083 893"), "client") == ["ООО Альфа"]


def test_an_ogrn_finds_the_counterparty(store) -> None:
    hits = store.search.search("1027700067328").group("counterparty").hits
    assert [(h.title, h.matched_field, h.client_name) for h in hits] == [
        ("АО Бета", "ogrn", "Бета Трейд")]


def test_names_match_by_prefix_in_any_case_and_by_a_later_word(store) -> None:
    assert _titles(store.search.search("ооо аль"), "client") == ["ООО Альфа"]
    assert _titles(store.search.search("БЕТА"), "client") == ["Бета Трейд"]
    assert _titles(store.search.search("трейд"), "client") == ["Бета Трейд"]
    assert _titles(store.search.search("елка"), "client") == ["Ёлка и Ко"]
    # a later word inside «quotes» and after a hyphen
    assert _titles(store.search.search("снаб"), "counterparty") == ["ООО «Альфа-Снаб»"]
    assert _titles(store.search.search("альфа"), "counterparty") == ["ООО «Альфа-Снаб»"]
    # two letters only match the start of a name, never a later word
    assert _titles(store.search.search("тр"), "client") == []


def test_contacts_by_name_and_email_and_deals_by_title(store) -> None:
    assert _titles(store.search.search("иван"), "contact") == ["Петров Иван"]
    hit = store.search.search("ivan.pe").group("contact").hits[0]
    assert (hit.title, hit.matched_field) == ("Петров Иван", "email")
    deal = store.search.search("бумаг").group("deal").hits
    assert [(d.title, d.client_name, d.stage) for d in deal] == [
        ("Поставка бумаги", "ООО Альфа", deal[0].stage)]
    assert deal[0].stage


def test_wildcards_in_the_query_are_text(store) -> None:
    assert _titles(store.search.search("100%"), "client") == ["100% Sale_Shop"]
    assert store.search.search("%").empty
    assert store.search.search("_").empty
    assert store.search.search("   ").empty


def test_groups_page_on_from_the_database_without_repeats(store) -> None:
    for n in range(12):
        store.contacts.create(ContactIn(full_name=f"Иванов {n:02d}",
                                        phones=[f"+7 916 000-00-{n:02d}"]))
    first = store.search.search("иванов", limit_per_kind=5).group("contact")
    assert len(first.hits) == 5 and first.after is not None
    seen = [h.id for h in first.hits]
    after = first.after
    while after is not None:
        page = store.search.page("contact", "иванов", after=after, limit=4)
        seen += [h.id for h in page.items]
        after = page.after
    assert len(seen) == len(set(seen)) == 12
    # the phone source pages the same way
    phones = store.search.page("contact", "+7916000", limit=5)
    more = store.search.page("contact", "+7916000", after=phones.after, limit=20)
    assert len({h.id for h in phones.items + more.items}) == 12


def test_the_fast_pass_skips_later_words(store) -> None:
    assert _titles(store.search.search("трейд", words=False), "client") == []
    assert store.search.needs_word_pass("трейд")
    assert not store.search.needs_word_pass("+7 916")


def test_a_cancelled_search_raises_instead_of_answering(store) -> None:
    with pytest.raises(SearchCancelled):
        store.search.search("альфа", cancelled=lambda: True)


QUERIES = ["альфа", "7707083893", "+7 (916) 123-45-67", "ivan.pe"]


def test_every_search_statement_uses_an_index(store) -> None:
    """EXPLAIN each source's statement: index searches, the word pass's included."""
    statements = []
    for typed in QUERIES:
        query = SearchQuery.parse(typed)
        for kind in ("client", "counterparty", "contact", "deal"):
            for source in sources_for(kind, query):
                statements.append(source.statement(None, 6))
                statements.append(source.statement(("a", 1), 6))
    assert len(statements) > 20
    with store.ctx.db.read() as session:
        dialect = session.bind.dialect
        if dialect.name == "postgresql":
            session.execute(text("SET LOCAL enable_seqscan = off"))
        for stmt in statements:
            sql = str(stmt.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))
            if dialect.name == "sqlite":
                plan = " ".join(r[3] for r in session.execute(text("EXPLAIN QUERY PLAN " + sql)))
                assert "USING" in plan and "INDEX" in plan, (sql, plan)
                assert "TEMP B-TREE" not in plan, (sql, plan)
            else:  # tiny tables: only ask that an index can answer (seq scans turned off)
                plan = " ".join(r[0] for r in session.execute(text("EXPLAIN " + sql)))
                assert "Index" in plan, (sql, plan)
