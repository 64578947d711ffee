"""A page of a list costs the same number of SQL statements whether it holds 5 rows or 50.

At a million contacts every statement is a round trip the user waits for: a card that
looked up each row's client, legal entity, owner and stage one by one took seconds to open.
Each related record here is different on every row (its own legal entity, contact, deal),
so a lookup per row would show up as a count that grows with the page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
from sqlalchemy import event

from crm_tui.schemas.clients import ClientIn, ContactIn, CounterpartyIn
from crm_tui.schemas.contracts import ContractIn
from crm_tui.schemas.deals import DealIn
from crm_tui.schemas.work import TaskIn
from tests.conftest import FROZEN_NOW

ROWS = 50
FEW = 5


@contextmanager
def counted(store) -> Iterator[list[str]]:  # type: ignore[no-untyped-def]
    """The SQL statements the store sends to its database while the block runs."""
    statements: list[str] = []

    def _seen(_conn, _cursor, statement, _params, _context, _many):  # type: ignore[no-untyped-def]
        statements.append(statement)

    engine = store.ctx.db.engine
    event.listen(engine, "before_cursor_execute", _seen)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", _seen)


def statements_for(store, call: Callable[[int], object]) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """Statements for a page of FEW rows and for a page of ROWS rows of the same list."""
    with counted(store) as few:
        call(FEW)
    with counted(store) as many:
        call(ROWS)
    return len(few), len(many)


@dataclass
class BusyClient:
    client_id: int
    contact_id: int
    deal_ids: list[int]  # oldest first
    counterparty_names: list[str]  # of the deals, oldest first


def busy_client(store) -> BusyClient:  # type: ignore[no-untyped-def]
    """A client with ROWS deals, each on its own legal entity, one contact in all of them,
    and an open task and a contract for every deal, each naming its own contact."""
    client = store.clients.create(ClientIn(name="ООО Омега"))
    contact = store.contacts.create(ContactIn(full_name="Иван Петров"), client_id=client.id)
    deal_ids, names = [], []
    for i in range(ROWS):
        name = f"ООО Омега-{i:02}"
        cp = store.counterparties.add(client.id, CounterpartyIn(name=name))
        deal = store.deals.create(
            DealIn(title=f"Сделка {i:02}", client_id=client.id, counterparty_id=cp.id)
        )
        store.participants.add("deal", deal.id, contact.id, ("decision_maker",))
        person = store.contacts.create(ContactIn(full_name=f"Контакт {i:02}"),
                                       client_id=client.id)
        store.tasks.create(TaskIn(title=f"Позвонить {i:02}", client_id=client.id,
                                  contact_id=person.id, deal_id=deal.id,
                                  due_at=FROZEN_NOW + dt.timedelta(hours=1, minutes=i)))
        store.contracts.create(ContractIn(client_id=client.id, counterparty_id=cp.id,
                                          deal_id=deal.id, number=f"Д-{i:02}"))
        deal_ids.append(deal.id)
        names.append(name)
    return BusyClient(client.id, contact.id, deal_ids, names)


@pytest.fixture
def boris_and_client(team):  # type: ignore[no-untyped-def]
    boris = team["boris"]
    return boris, busy_client(boris)


def test_a_page_of_a_clients_deals_costs_the_same_for_5_or_50_deals(boris_and_client) -> None:
    boris, busy = boris_and_client
    few, many = statements_for(boris, lambda n: boris.deals.of_client(busy.client_id, limit=n))
    assert few == many

    page = boris.deals.of_client(busy.client_id, limit=ROWS)
    assert [d.id for d in page.items] == busy.deal_ids[::-1]
    assert [d.counterparty_name for d in page.items] == busy.counterparty_names[::-1]
    assert {(d.client_name, d.owner_name, d.stage, d.pipeline) for d in page.items} == {
        ("ООО Омега", "Boris Manager", "new", "sales")
    }


def test_the_next_page_of_deals_continues_where_the_first_ended(boris_and_client) -> None:
    boris, busy = boris_and_client
    first = boris.deals.of_client(busy.client_id, limit=30)
    rest = boris.deals.of_client(busy.client_id, after=first.after, limit=30)
    assert [d.id for d in first.items + rest.items] == busy.deal_ids[::-1]
    assert rest.after is None
    assert boris.deals.get(busy.deal_ids[0]) == rest.items[-1]


def test_an_inbox_page_costs_the_same_for_5_or_50_tasks(boris_and_client) -> None:
    boris, _busy = boris_and_client
    few, many = statements_for(boris, lambda n: boris.tasks.inbox_page("today", limit=n))
    assert few == many
    page = boris.tasks.inbox_page("today", limit=ROWS)
    assert [t.contact_name for t in page.items] == [f"Контакт {i:02}" for i in range(ROWS)]
    assert [t.deal_title for t in page.items] == [f"Сделка {i:02}" for i in range(ROWS)]


def test_a_cards_open_tasks_cost_the_same_for_5_or_50_tasks(boris_and_client) -> None:
    boris, busy = boris_and_client
    few, many = statements_for(
        boris, lambda n: boris.tasks.open_for(client_id=busy.client_id, limit=n)
    )
    assert few == many
    tasks = boris.tasks.open_for(client_id=busy.client_id, limit=ROWS)
    assert [t.contact_name for t in tasks] == [f"Контакт {i:02}" for i in range(ROWS)]
    assert [t.deal_title for t in tasks] == [f"Сделка {i:02}" for i in range(ROWS)]
    assert {(t.assignee_name, t.client_name) for t in tasks} == {("Boris Manager", "ООО Омега")}
    assert boris.tasks.get(tasks[0].id) == tasks[0]


def test_a_page_of_contracts_costs_the_same_for_5_or_50_contracts(boris_and_client) -> None:
    boris, busy = boris_and_client
    few, many = statements_for(
        boris, lambda n: boris.contracts.page(client_id=busy.client_id, limit=n)
    )
    assert few == many
    page = boris.contracts.page(client_id=busy.client_id, limit=ROWS)
    assert [c.deal_title for c in page.items] == [f"Сделка {i:02}" for i in range(ROWS)][::-1]
    assert [c.counterparty_name for c in page.items] == busy.counterparty_names[::-1]
    assert boris.contracts.get(page.items[0].id) == page.items[0]


def test_a_contacts_deals_cost_the_same_for_5_or_50_deals(team) -> None:
    boris = team["boris"]
    client = boris.clients.create(ClientIn(name="ООО Омега"))
    contact = boris.contacts.create(ContactIn(full_name="Иван Петров"), client_id=client.id)
    other = boris.contacts.create(ContactIn(full_name="Пётр Иванов"), client_id=client.id)

    def take_part_in(count: int) -> None:
        for i in range(count):
            deal = boris.deals.create(DealIn(title=f"Сделка {i:02}", client_id=client.id))
            boris.participants.add("deal", deal.id, contact.id, ("decision_maker",))
            boris.participants.add("deal", deal.id, other.id, ("decision_maker",))

    take_part_in(FEW)
    with counted(boris) as few:
        assert len(boris.people.participations_of(contact.id)) == FEW
    take_part_in(ROWS - FEW)
    with counted(boris) as many:
        found = boris.people.participations_of(contact.id)
    assert len(few) == len(many)
    assert [p.title for p in found] == [f"Сделка {i:02}" for i in range(ROWS - FEW)][::-1] + [
        f"Сделка {i:02}" for i in range(FEW)
    ][::-1]
    assert {(p.kind, p.client_name, p.stage, p.roles) for p in found} == {
        ("deal", "ООО Омега", "new", ("decision_maker",))
    }
