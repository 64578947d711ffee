"""The client and contact lists (and the pickers built on them) find a later word of a name.

Users type "альфа" for "ООО «Альфа»" and the given name of "Петров Иван"; the lists find
them through the word index while keeping their order, filters and keyset pages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from sqlalchemy import event

from crm_tui.schemas.clients import ClientIn, ContactIn, CounterpartyIn


def _all_pages(page: Callable[..., object], limit: int) -> Iterator[list[str]]:
    """Every page of a list, as names, following the cursors to the end."""
    after = None
    while True:
        result = page(after=after, limit=limit)
        yield [getattr(item, "name", None) or item.full_name for item in result.items]
        after = result.after
        if after is None:
            return


def test_a_client_is_found_by_a_later_word_of_its_name(open_as) -> None:
    store = open_as("anna")
    store.clients.create(ClientIn(name="ООО «Альфа»"))
    store.clients.create(ClientIn(name="Альфа-Строй"))
    store.clients.create(ClientIn(name="ИП Бетонов"))
    store.clients.create(ClientIn(name="ООО «Северный Ветер»"))
    names = [c.name for c in store.clients.page(search="альфа").items]
    assert names == ["Альфа-Строй", "ООО «Альфа»"]  # in the list's order: by name
    assert store.clients.count(search="альфа") == 2
    assert [c.name for c in store.clients.page(search="СТРОЙ").items] == ["Альфа-Строй"]
    # several typed words: the later ones continue the name
    assert [c.name for c in store.clients.page(search="северный ве").items] == [
        "ООО «Северный Ветер»"]
    assert store.clients.page(search="северный бе").items == []
    # only a word's beginning, not any inner text
    assert store.clients.page(search="верный").items == []


def test_the_other_client_matches_and_filters_still_hold(team) -> None:
    boris, vera = team["boris"], team["vera"]
    mine = boris.clients.create(ClientIn(name="ООО «Альфа»"))
    boris.counterparties.add(mine.id, CounterpartyIn(name="ООО «Альфа»", legal_form="ООО",
                                                     inn="7707083893"))
    theirs = vera.clients.create(ClientIn(name="АО «Альфа Плюс»"))
    archived = boris.clients.create(ClientIn(name="ЗАО Альфатех"))
    boris.clients.set_archived(archived.id, archived.version)
    assert [c.name for c in boris.clients.page(search="7707").items] == ["ООО «Альфа»"]
    assert [c.name for c in boris.clients.page(search="альфа").items] == [
        "АО «Альфа Плюс»", "ООО «Альфа»"]
    assert [c.name for c in boris.clients.page(search="альфа", owner_id=mine.owner_id)
            .items] == ["ООО «Альфа»"]
    assert [c.name for c in boris.clients.page(search="альфа", include_archived=True)
            .items] == ["АО «Альфа Плюс»", "ЗАО Альфатех", "ООО «Альфа»"]
    assert boris.clients.count(search="альфа", owner_id=theirs.owner_id) == 1


def test_a_contact_is_found_by_the_name_typed_second(open_as) -> None:
    store = open_as("anna")
    store.contacts.create(ContactIn(full_name="Петров Иван"))
    store.contacts.create(ContactIn(full_name="Иванов Пётр", emails=["petr@x.ru"]))
    store.contacts.create(ContactIn(full_name="Сидорова Анна Ивановна"))
    store.contacts.create(ContactIn(full_name="Кузнецов Олег"))
    assert [c.full_name for c in store.contacts.page(search="иван").items] == [
        "Иванов Пётр", "Петров Иван", "Сидорова Анна Ивановна"]
    assert [c.full_name for c in store.contacts.page(search="Анна Ив").items] == [
        "Сидорова Анна Ивановна"]
    assert [c.full_name for c in store.contacts.page(search="petr").items] == ["Иванов Пётр"]
    assert store.contacts.page(search="олегович").items == []


def test_clients_found_by_words_page_on_without_gaps_or_repeats(open_as) -> None:
    store = open_as("anna")
    names = [f"ООО «Альфа {n:02}»" for n in range(7)] + [
        f"Альфа-{n}" for n in range(3)] + ["ТД «Альфа Альфасервис»", "ООО «Бета»"]
    for name in names:
        store.clients.create(ClientIn(name=name))
    expected = sorted((n for n in names if "Альфа" in n), key=str.casefold)
    for sort in ("name", "recent"):
        pages = list(_all_pages(
            lambda after, limit, sort=sort: store.clients.page(search="альф", sort=sort,
                                                               after=after, limit=limit), 4))
        found = [name for page in pages for name in page]
        assert [len(page) for page in pages] == [4, 4, 3]
        assert sorted(found, key=str.casefold) == expected  # each once
        if sort == "name":
            assert found == expected


def test_contacts_found_by_words_page_on_in_name_order(open_as) -> None:
    store = open_as("anna")
    for n in range(5):
        store.contacts.create(ContactIn(full_name=f"Петров{n} Иван"))
        store.contacts.create(ContactIn(full_name=f"Иванов{n} Пётр"))
    store.contacts.create(ContactIn(full_name="Орлова Мария"))
    pages = list(_all_pages(
        lambda after, limit: store.contacts.page(search="иван", after=after, limit=limit), 3))
    assert [len(page) for page in pages] == [3, 3, 3, 1]
    assert [name for page in pages for name in page] == (
        [f"Иванов{n} Пётр" for n in range(5)] + [f"Петров{n} Иван" for n in range(5)])


def test_the_list_searches_read_indexes_only(open_as) -> None:
    """No list search walks a whole table: each part of it is an index range or lookup."""
    store = open_as("anna")
    store.clients.create(ClientIn(name="ООО «Альфа»"))
    store.contacts.create(ContactIn(full_name="Петров Иван"))
    statements: list[tuple[str, object]] = []

    def grab(_conn, _cursor, statement, parameters, _context, _many) -> None:  # type: ignore[no-untyped-def]
        if "search_words" in statement:
            statements.append((statement, parameters))

    engine = store.ctx.db.engine
    event.listen(engine, "before_cursor_execute", grab)
    try:
        store.clients.page(search="альфа")
        store.clients.page(search="альфа", after=("а", 1))
        store.clients.count(search="альфа")
        store.contacts.page(search="иван")
        store.contacts.page(search="иван", after=("а", 1))
    finally:
        event.remove(engine, "before_cursor_execute", grab)
    assert len(statements) == 5
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            conn.exec_driver_sql("SET enable_seqscan = off")
        for statement, parameters in statements:
            if engine.dialect.name == "sqlite":
                rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)
                plan = [row[3] for row in rows]
                scans = [step for step in plan if step.startswith("SCAN")]
                assert scans == [], (statement, plan)
                assert any("search_words USING PRIMARY KEY" in step for step in plan), plan
            else:  # tiny tables: only ask that indexes can answer it
                rows = conn.exec_driver_sql("EXPLAIN " + statement, parameters)
                plan = " ".join(row[0] for row in rows)
                assert "Seq Scan" not in plan, (statement, plan)
