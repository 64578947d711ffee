"""Demo clients with their legal entities and people.

Organisations, sole traders and one private person across segments and industries; each
organisation has one to three counterparties with valid requisites; its people include
accountants shared by two firms and people who moved from one client to another, so every
part of the contact history has something to show. Three clients carry names that test
safe rendering: markup brackets, a Textual action link, and an ESC sequence as `clean_text`
stores it.
"""

from __future__ import annotations

import datetime as dt

from crm_tui.schemas.clients import AffiliationIn, ClientIn, ContactIn, CounterpartyIn
from crm_tui.schemas.common import UserOut
from crm_tui.seed import requisites
from crm_tui.seed.demo_context import DemoClient, DemoContact, DemoContext
from crm_tui.seed.names import (
    City,
    PersonName,
    company_name,
    latin,
    person_name,
    pick_city,
    street_address,
)
from crm_tui.seed.texts import INDUSTRIES, POSITIONS, SEGMENTS

ORGANISATIONS = 30
SOLE_TRADERS = 6
RENDERING_TRAPS = (
    "Smith [/Jones] Ltd",
    "[b]Bold[/b] [@click=app.quit]",
    "Escape \x1b[31mRed\x1b[0m Trading",
)
"""Client names a screen must show as text: markup, an action link, a terminal escape."""

INTERESTS = (
    "Складская техника, лизинг", "Скидки за объём", "Быстрая доставка в регионы",
    "Отсрочка платежа", "Сертификаты соответствия", None, None,
)  # fmt: skip
CHANNELS = ("phone", "email", "messenger", "meeting", "any", None)


def create_clients(ctx: DemoContext) -> list[DemoClient]:
    """Clients with counterparties and contacts; shared and moved contacts last."""
    used: set[str] = set()
    for _ in range(ORGANISATIONS):
        brand = company_name(ctx.rng)
        while brand in used:
            brand = company_name(ctx.rng)
        used.add(brand)
        _organisation(ctx, brand)
    for name in RENDERING_TRAPS:
        _organisation(ctx, name, trap=True)
    for _ in range(SOLE_TRADERS):
        _sole_trader(ctx)
    _private_person(ctx)
    _share_accountants(ctx)
    _move_contacts(ctx)
    return ctx.clients


def _owner(ctx: DemoContext) -> UserOut:
    team = ctx.members
    return team.head if ctx.rng.random() < 0.1 else ctx.rng.choice(team.managers)


def _client(ctx: DemoContext, name: str, kind: str, city: City) -> DemoClient:
    owner = _owner(ctx)
    ctx.act(owner)
    rng = ctx.rng
    address = street_address(rng, city)
    out = ctx.store.clients.create(
        ClientIn(
            name=name,
            kind=kind,
            segment=rng.choice(SEGMENTS) if kind != "person" else None,
            industry=rng.choice(INDUSTRIES) if kind != "person" else None,
            priority=rng.choices(("low", "normal", "high"), weights=(2, 5, 3))[0],
            legal_address=address,
            delivery_address=street_address(rng, city) if rng.random() < 0.4 else address,
            notes=ctx.fake.sentence(nb_words=8) if rng.random() < 0.3 else None,
        )
    )
    client = DemoClient(id=out.id, name=out.name, kind=kind, owner=owner, city=city)
    ctx.clients.append(client)
    return client


def _organisation(ctx: DemoContext, brand: str, *, trap: bool = False) -> None:
    rng = ctx.rng
    city = pick_city(rng)
    client = _client(ctx, brand, "organisation", city)
    forms = ["ООО"] if trap else rng.choices((["ООО"], ["ООО", "АО"], ["ООО", "ИП", "ИП"]),
                                             weights=(6, 3, 1))[0]
    for form in forms:
        if form == "ИП":
            _sole_trader_counterparty(ctx, client, person_name(rng))
        else:
            _company_counterparty(ctx, client, form, brand)
    domain = (latin(brand) or "firma") + ".ru"
    count = 2 if trap else rng.choices((2, 3, 4, 5), weights=(2, 4, 4, 2))[0]
    positions = [POSITIONS[0], *rng.sample(POSITIONS[2:], count - 1)]
    for position, role in positions:
        _contact(ctx, client, position, role, domain)


def _sole_trader(ctx: DemoContext) -> None:
    rng = ctx.rng
    name = person_name(rng)
    client = _client(ctx, f"ИП {name.short}", "sole_trader", pick_city(rng))
    _sole_trader_counterparty(ctx, client, name)
    _contact(ctx, client, "Индивидуальный предприниматель", "decision_maker", "mail.ru", name)
    if rng.random() < 0.5:
        _contact(ctx, client, "Бухгалтер", "finance", "mail.ru")


def _private_person(ctx: DemoContext) -> None:
    name = person_name(ctx.rng)
    client = _client(ctx, name.full, "person", pick_city(ctx.rng))
    _contact(ctx, client, "Частное лицо", "decision_maker", "gmail.com", name)


# -- counterparties ------------------------------------------------------------------------------
def _company_counterparty(ctx: DemoContext, client: DemoClient, form: str, brand: str) -> None:
    rng = ctx.rng
    serial = rng.randrange(requisites.ORGANISATION_SERIALS)
    inn = requisites.organisation_inn(client.city.region, serial)
    suffix = "" if form == "ООО" else "-Холдинг"
    _add_counterparty(
        ctx, client, form, f"{form} «{brand}{suffix}»", inn, requisites.kpp_for(inn),
        requisites.ogrn(rng.randrange(2002, 2024), client.city.region, rng.randrange(10**7)),
        sole_trader=False,
    )


def _sole_trader_counterparty(ctx: DemoContext, client: DemoClient, name: PersonName) -> None:
    rng = ctx.rng
    region = client.city.region
    _add_counterparty(
        ctx, client, "ИП", f"ИП {name.full}",
        requisites.person_inn(region, rng.randrange(requisites.PERSON_SERIALS)), None,
        requisites.ogrnip(rng.randrange(2004, 2024), region, rng.randrange(10**8)),
        sole_trader=True,
    )


def _add_counterparty(
    ctx: DemoContext, client: DemoClient, form: str, name: str, inn: str, kpp: str | None,
    ogrn: str, *, sole_trader: bool,
) -> None:
    """A counterparty through the form's own schema, so its requisites meet every check."""
    rng = ctx.rng
    bank = rng.choice(requisites.BANKS)
    ctx.act(client.owner)
    out = ctx.store.counterparties.add(
        client.id,
        CounterpartyIn(
            name=name, legal_form=form, inn=inn, kpp=kpp, ogrn=ogrn,
            legal_address=street_address(rng, client.city), bank_name=bank.name, bik=bank.bik,
            settlement_account=requisites.settlement_account(
                bank.bik, rng.randrange(10**11), sole_trader=sole_trader),
            correspondent_account=bank.correspondent_account,
        ),
    )
    client.counterparties.append(out.id)


# -- contacts ------------------------------------------------------------------------------------
def _contact(
    ctx: DemoContext,
    client: DemoClient,
    position: str,
    role: str,
    domain: str,
    name: PersonName | None = None,
) -> DemoContact:
    rng = ctx.rng
    name = name or person_name(rng)
    phones = [requisites.mobile_phone(rng.randrange(requisites.PHONE_SPACE))]
    if rng.random() < 0.2:
        phones.append(requisites.mobile_phone(rng.randrange(requisites.PHONE_SPACE)))
    emails = []
    if rng.random() < 0.9:
        local = f"{latin(name.first)[:1]}.{latin(name.last)}"
        address, n = f"{local}@{domain}", 1
        while address in ctx.emails:
            n += 1
            address = f"{local}{n}@{domain}"
        ctx.emails.add(address)
        emails.append(address)
    ctx.act(client.owner)
    out = ctx.store.contacts.create(
        ContactIn(
            full_name=name.full,
            position=position,
            phones=phones,
            emails=emails,
            relationship=rng.choices(("client", "partner", "supplier"), weights=(18, 1, 1))[0],
            priority=rng.choices(("low", "normal", "high"), weights=(2, 6, 2))[0],
            interests=rng.choice(INTERESTS),
            preferred_channel=rng.choice(CHANNELS),
            notes=ctx.fake.sentence(nb_words=6) if rng.random() < 0.2 else None,
        ),
        client_id=client.id,
        position=position,
        started_on=(ctx.now - dt.timedelta(days=rng.randrange(200, 2000))).date(),
    )
    contact = DemoContact(id=out.id, name=out.full_name, position=position, role=role)
    client.contacts.append(contact)
    if client.counterparties and role in ("decision_maker", "finance"):
        ctx.store.counterparties.link_contact(client.counterparties[0], contact.id)
    return contact


def _organisations(ctx: DemoContext) -> list[DemoClient]:
    return [c for c in ctx.clients if c.kind == "organisation" and c.name not in RENDERING_TRAPS]


def _share_accountants(ctx: DemoContext, count: int = 3) -> None:
    """Accountants who keep the books of a second firm: two current links at once."""
    firms = _organisations(ctx)
    accountants = [(c, p) for c in firms for p in c.contacts if p.role == "finance"]
    for client, person in ctx.rng.sample(accountants, min(count, len(accountants))):
        other = ctx.rng.choice([c for c in firms if c is not client])
        ctx.act(other.owner)
        started = ctx.now - dt.timedelta(days=ctx.rng.randrange(60, 700))
        ctx.store.contacts.link(
            AffiliationIn(client_id=other.id, contact_id=person.id, position=person.position,
                          started_on=started.date())
        )
        other.contacts.append(person)


def _move_contacts(ctx: DemoContext, count: int = 3) -> None:
    """People who left one client for another: the old link ends, a new one starts."""
    firms = _organisations(ctx)
    movers = [(c, p) for c in firms for p in c.contacts[1:] if p.role != "finance"]
    for client, person in ctx.rng.sample(movers, min(count, len(movers))):
        other = ctx.rng.choice([c for c in firms if c is not client])
        left = (ctx.now - dt.timedelta(days=ctx.rng.randrange(20, 150))).date()
        ctx.act(client.owner)
        link = next(
            a for a in ctx.store.contacts.affiliations_of_contact(person.id)
            if a.client_id == client.id and a.current
        )
        ctx.store.contacts.end_link(link.id, link.version, ended_on=left)
        client.contacts.remove(person)
        ctx.act(other.owner)
        ctx.store.contacts.link(
            AffiliationIn(client_id=other.id, contact_id=person.id, position=person.position,
                          started_on=left + dt.timedelta(days=ctx.rng.randrange(1, 20)))
        )
        other.contacts.append(person)
