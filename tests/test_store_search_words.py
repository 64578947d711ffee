"""The word index behind global search's later-word pass, on SQLite and PostgreSQL.

A later word of a name is found as soon as the record is saved, no longer found once renamed
away, gone with a deleted record; migration 0004 and the scale seed fill it for rows that
never passed the store's flush hook.
"""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, select, text

from crm_tui.config import Settings
from crm_tui.schemas.clients import ClientIn, ContactIn, CounterpartyIn
from crm_tui.schemas.deals import DealIn, DealUpdate
from crm_tui.seed import seed_scale
from crm_tui.store import schema
from crm_tui.store.db import create_store_engine
from crm_tui.store.models import Contact, Deal, SearchWord
from crm_tui.store.search import SearchQuery, sources_for
from crm_tui.store.search_words import INDEXED, later_words
from tests.conftest import FROZEN_NOW


def _titles(store, kind: str, typed: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [hit.title for hit in store.search.search(typed).group(kind).hits]


def _stored_words(store, kind: str, record_id: int) -> set[str]:  # type: ignore[no-untyped-def]
    with store.ctx.db.read() as session:
        return set(session.scalars(select(SearchWord.word).where(
            SearchWord.kind == kind, SearchWord.record_id == record_id)))


def test_a_later_word_is_found_once_the_record_is_saved(open_as) -> None:
    store = open_as("anna")
    client = store.clients.create(ClientIn(name="ООО «Северный Ветер»"))
    store.counterparties.add(client.id, CounterpartyIn(
        name="АО (Полярная Звезда)", legal_form="АО", inn="7707083893"))
    store.contacts.create(ContactIn(full_name="Петров-Водкин Кузьма"))
    store.deals.create(DealIn(title="Поставка турбин", client_id=client.id))
    assert _titles(store, "client", "ветер") == ["ООО «Северный Ветер»"]
    assert _titles(store, "client", "СЕВЕРН") == ["ООО «Северный Ветер»"]
    assert _titles(store, "counterparty", "звезд") == ["АО (Полярная Звезда)"]
    assert _titles(store, "counterparty", "полярная зв") == ["АО (Полярная Звезда)"]
    assert _titles(store, "contact", "водкин") == ["Петров-Водкин Кузьма"]
    assert _titles(store, "contact", "кузьм") == ["Петров-Водкин Кузьма"]
    assert _titles(store, "deal", "турбин") == ["Поставка турбин"]
    # only the words of the name, not any inner text
    assert _titles(store, "client", "верный") == []


def test_a_renamed_record_is_found_by_its_new_words_only(open_as) -> None:
    store = open_as("anna")
    client = store.clients.create(ClientIn(name="ООО Старое Имя"))
    contact = store.contacts.create(ContactIn(full_name="Смирнова Ольга"))
    deal = store.deals.create(DealIn(title="Поставка угля", client_id=client.id))
    store.clients.update(client.id, client.version, ClientIn(name="ООО Новое Имя"))
    store.contacts.update(contact.id, contact.version, ContactIn(full_name="Кузнецова Ольга"))
    store.deals.update(deal.id, deal.version, DealUpdate(title="Поставка кокса"))
    assert _titles(store, "client", "старое") == []
    assert _titles(store, "client", "новое") == ["ООО Новое Имя"]
    assert _titles(store, "contact", "ольга") == ["Кузнецова Ольга"]
    assert _titles(store, "deal", "угля") == []
    assert _titles(store, "deal", "кокс") == ["Поставка кокса"]
    assert _stored_words(store, "client", client.id) == {"новое", "имя"}


def test_a_deleted_record_leaves_the_results(open_as) -> None:
    store = open_as("anna")
    client = store.clients.create(ClientIn(name="ООО Альфа"))
    contact = store.contacts.create(ContactIn(full_name="Орлов Тимофей"))
    deal = store.deals.create(DealIn(title="Аренда склада", client_id=client.id))
    assert _titles(store, "contact", "тимоф") == ["Орлов Тимофей"]
    with store.ctx.db.write() as session:
        session.delete(session.get(Contact, contact.id))
        session.delete(session.get(Deal, deal.id))
    assert _titles(store, "contact", "тимоф") == []
    assert _titles(store, "deal", "склад") == []
    assert _stored_words(store, "contact", contact.id) == set()
    assert _stored_words(store, "deal", deal.id) == set()


def test_a_rolled_back_save_leaves_no_words(open_as) -> None:
    store = open_as("anna")
    with pytest.raises(RuntimeError), store.ctx.db.write() as session:
        session.add(Contact(full_name="Призрак Отменённый", name_key="призрак отмененный",
                            version=1))
        session.flush()
        raise RuntimeError("the user cancelled")
    assert _titles(store, "contact", "отмен") == []


def test_a_record_matching_by_two_words_comes_once_across_pages(open_as) -> None:
    store = open_as("anna")
    for n in range(7):
        store.contacts.create(ContactIn(full_name=f"Петров{n} Иван Иванович"))
    store.contacts.create(ContactIn(full_name="Сидоров Иван Петрович"))
    first = store.search.page("contact", "иван", limit=3)
    seen = [hit.id for hit in first.items]
    after = first.after
    while after is not None:
        page = store.search.page("contact", "иван", limit=3, after=after)
        seen += [hit.id for hit in page.items]
        after = page.after
    assert len(seen) == len(set(seen)) == 8
    # the whole typed text must follow a word start, not only its first word
    assert _titles(store, "contact", "иван петр") == ["Сидоров Иван Петрович"]


@pytest.mark.parametrize("typed", ["иван", "иван петр", "«альфа-"])
def test_the_word_pass_reads_a_range_of_the_word_index(open_as, typed: str) -> None:
    """EXPLAIN: a search of the word index in its own order, first page and later ones."""
    store = open_as("anna")
    query = SearchQuery.parse(typed)
    with store.ctx.db.read() as session:
        dialect = session.bind.dialect
        if dialect.name == "postgresql":
            session.execute(text("SET LOCAL enable_seqscan = off"))
        for kind in ("client", "counterparty", "contact", "deal"):
            source = sources_for(kind, query)[-1]
            for after in (None, ("иван", 1)):
                sql = str(source.statement(after, 6).compile(
                    dialect=dialect, compile_kwargs={"literal_binds": True}))
                if dialect.name == "sqlite":
                    plan = [r[3] for r in session.execute(text("EXPLAIN QUERY PLAN " + sql))]
                    seek = "SEARCH search_words USING PRIMARY KEY (kind=? AND"
                    assert plan[0].startswith(seek), plan
                    assert not any("TEMP B-TREE" in step for step in plan), plan
                else:
                    plan = " ".join(r[0] for r in session.execute(text("EXPLAIN " + sql)))
                    assert "pk_search_words" in plan and "Sort" not in plan, plan


# -- rows that never passed the flush hook --------------------------------------------------
STAMP = "'2026-01-01 00:00:00'"



def test_0004_fills_the_words_of_existing_names(empty_engine: Engine,
                                                settings: Settings) -> None:
    schema.upgrade(empty_engine, "0003")
    with empty_engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO clients (id, name, name_key, kind, priority, archived, created_at,"
            f" updated_at, version) VALUES (1, 'ООО «Ёлка»', 'ооо «елка»', 'organisation',"
            f" 'normal', false, {STAMP}, {STAMP}, 1)"))
        conn.execute(text(
            "INSERT INTO contacts (id, full_name, name_key, relationship, priority, status,"
            f" created_at, updated_at, version) VALUES (1, 'Петров Иван', 'петров иван',"
            f" 'client', 'normal', 'active', {STAMP}, {STAMP}, 1)"))
    schema.upgrade(empty_engine)
    with empty_engine.connect() as conn:
        rows = set(conn.execute(text("SELECT kind, word, record_id FROM search_words")))
    assert rows == {("client", "елка»", 1), ("contact", "иван", 1)}
    from crm_tui.store.store import open_store

    store = open_store(empty_engine.url.render_as_string(hide_password=False), settings,
                       sign_in=False)
    try:
        assert _titles(store, "client", "ёлк") == ["ООО «Ёлка»"]
        assert _titles(store, "contact", "иван") == ["Петров Иван"]
    finally:
        store.close()
    schema.downgrade(empty_engine, "0003")
    assert schema.current_revision(empty_engine) == "0003"


def test_the_scale_seed_indexes_every_later_word(db_url: str, settings: Settings) -> None:
    seed_scale(db_url, settings, 200, seed=1, now=FROZEN_NOW)
    engine = create_store_engine(db_url)
    try:
        with engine.connect() as conn:
            stored = set(conn.execute(select(SearchWord.kind, SearchWord.word,
                                             SearchWord.record_id)))
            expected = set()
            for kind, (model, key) in INDEXED.items():
                for record_id, value in conn.execute(select(model.id, getattr(model, key))):
                    expected |= {(kind, word, record_id) for word in later_words(value)}
    finally:
        engine.dispose()
    assert stored == expected
    assert {kind for kind, _word, _id in stored} == set(INDEXED)
