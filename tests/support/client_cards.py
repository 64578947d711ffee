"""A small deterministic CRM for the card, search and form tests, built through the store.

With the frozen clock every date on screen is fixed; names include the ones that must be
shown literally (markup-like brackets, ESC and OSC sequences).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from crm_tui.schemas.clients import AffiliationIn, ClientIn, ContactIn, CounterpartyIn
from crm_tui.schemas.deals import DealIn
from crm_tui.schemas.work import ActivityIn, TaskIn

BRACKETS = "Smith [/Jones] Ltd"
MARKUP = "[b]Bold[/b] [@click=app.quit]"
ESCAPES = "Evil \x1b]0;pwned\x07 \x1b[31mRed"
ALPHA_INN = "7707083893"


@dataclass
class Demo:
    alpha: int
    beta: int
    brackets: int
    markup: int
    escapes: int
    ivan: int
    anna: int
    deal: int


def build_demo(store) -> Demo:  # type: ignore[no-untyped-def]
    """Clients with legal entities, people (one working for two clients, one who left),
    a deal with roles, a task and a timeline."""
    alpha = store.clients.create(ClientIn(
        name="ООО Альфа", segment="retail", industry="Бумага", priority="high",
        legal_address="Москва, ул. Тверская, 1", notes="Ключевой клиент"))
    store.counterparties.add(alpha.id, CounterpartyIn(
        name="ООО «Альфа-Снаб»", legal_form="ООО", inn=ALPHA_INN, kpp="773601001",
        ogrn="1027700132195", bank_name="ПАО Сбербанк", bik="044525225",
        settlement_account="40702810938000000001"))
    beta = store.clients.create(ClientIn(name="Бета Трейд", segment="wholesale"))
    store.counterparties.add(beta.id, CounterpartyIn(
        name="АО Бета", legal_form="АО", inn="7728168971", ogrn="1027700067328"))
    brackets = store.clients.create(ClientIn(name=BRACKETS, segment="retail"))
    markup = store.clients.create(ClientIn(name=MARKUP, segment="retail"))
    escapes = store.clients.create(ClientIn(name=ESCAPES, segment="retail"))
    store.counterparties.add(brackets.id, CounterpartyIn(
        name=MARKUP, legal_form="ООО", inn="7702070139"))

    ivan = store.contacts.create(
        ContactIn(full_name="Петров Иван", position="Директор", phones=["+7 916 123-45-67"],
                  emails=["ivan@alfa.ru"], preferred_channel="phone"),
        client_id=alpha.id)
    store.contacts.link(AffiliationIn(client_id=beta.id, contact_id=ivan.id,
                                      position="Консультант"))
    anna = store.contacts.create(
        ContactIn(full_name="Сидорова Анна", position="Бухгалтер",
                  phones=["+7 495 111-22-33"]), client_id=alpha.id)
    store.contacts.create(ContactIn(full_name=BRACKETS, position=MARKUP),
                          client_id=alpha.id)
    oleg = store.contacts.create(ContactIn(full_name="Орлов Олег", position="Снабженец"),
                                 client_id=alpha.id)
    [left] = store.contacts.affiliations_of_contact(oleg.id)
    store.contacts.end_link(left.id, left.version)
    deal = store.deals.create(DealIn(title="Поставка бумаги", client_id=alpha.id,
                                     amount=Decimal("1200000")))
    store.participants.add("deal", deal.id, ivan.id, ["decision_maker"])
    now = store.ctx.now()
    store.tasks.create(TaskIn(kind="call", title="Позвонить Ивану",
                              due_at=now + dt.timedelta(days=1), client_id=alpha.id,
                              contact_id=ivan.id))
    store.activities.log(ActivityIn(kind="call", body="Обсудили объёмы на весну",
                                    client_id=alpha.id, contact_id=ivan.id,
                                    at=now - dt.timedelta(hours=2)))
    store.activities.log(ActivityIn(kind="note", body=ESCAPES, client_id=alpha.id,
                                    at=now - dt.timedelta(hours=1)))
    return Demo(alpha=alpha.id, beta=beta.id, brackets=brackets.id, markup=markup.id,
                escapes=escapes.id, ivan=ivan.id, anna=anna.id, deal=deal.id)
