"""Scale phases 1–3: the team, clients with their counterparties, and the contacts.

Every value is built from pools and random indices (see `names`), and every number that
must be unique (INN, OGRN, phone, account) comes from a serial, so a million contacts cost
seconds of Python before the database's share.
"""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import Connection, select

from crm_tui.seed import requisites
from crm_tui.seed.bulk import next_id
from crm_tui.seed.names import (
    CITIES,
    CITY_WEIGHTS,
    ENDINGS,
    FEMALE_FIRST,
    MALE_FIRST,
    PATRONYMICS,
    ROOTS,
    SURNAMES,
    WORD_ENDINGS,
    WORDS,
    City,
    latin,
    street_address,
)
from crm_tui.seed.scale_state import HEADS, LANDMARK_COUNTERPARTIES, MANAGERS, ScaleState
from crm_tui.seed.texts import INDUSTRIES, POSITIONS, SEGMENTS
from crm_tui.store.base import text_key
from crm_tui.store.models import (
    Affiliation,
    Client,
    Contact,
    ContactEmail,
    ContactPhone,
    Counterparty,
    CounterpartyContact,
    User,
)
from crm_tui.store.users import os_display_name, os_login

CHUNK = 10_000
LANDMARK_NAME = "Гигантснаб"
"""The benchmark's big client, easy to find by name."""
PERSON_POSITION = "Частное лицо"

USER_COLUMNS = ("id", "login", "display_name", "role", "active", "version", "created_at",
                "updated_at")
CLIENT_COLUMNS = ("id", "name", "name_key", "kind", "segment", "industry", "priority", "owner_id",
                  "legal_address", "delivery_address", "archived", "version", "created_at",
                  "updated_at")
COUNTERPARTY_COLUMNS = ("id", "client_id", "name", "name_key", "legal_form", "inn", "kpp", "ogrn",
                        "legal_address", "bank_name", "bik", "settlement_account",
                        "correspondent_account", "archived", "version", "created_at",
                        "updated_at")
CONTACT_COLUMNS = ("id", "full_name", "name_key", "position", "relationship", "priority",
                   "preferred_channel", "owner_id", "status", "version", "created_at",
                   "updated_at")
AFFILIATION_COLUMNS = ("id", "client_id", "contact_id", "position", "started_on", "ended_on",
                       "version", "created_at", "updated_at")


# -- the team ----------------------------------------------------------------------------------
def write_users(state: ScaleState, connection: Connection) -> None:
    """The admin (the OS login running the seed), two heads of sales and fifty managers."""
    table = User.__table__
    existing = {login: (uid, role) for uid, login, role in connection.execute(
        select(table.c.id, table.c.login, table.c.role))}
    ident = next_id(connection, table)
    rows = []
    stamp = state.days_ago(400)

    def add(login: str, name: str, role: str) -> int:
        nonlocal ident
        base, n = login, 1
        while login in existing:
            n += 1
            login = f"{base}{n}"
        existing[login] = (ident, role)
        rows.append((ident, login, name, role, True, 1, stamp, stamp))
        ident += 1
        return ident - 1

    admin = os_login()
    state.admin_id = existing[admin][0] if admin in existing else add(
        admin, os_display_name(admin), "admin")
    rng = state.rng
    for number, surname in enumerate(rng.sample(range(len(SURNAMES)), HEADS + MANAGERS)):
        female = rng.random() < 0.5
        last = SURNAMES[surname][1 if female else 0]
        first = rng.choice(FEMALE_FIRST if female else MALE_FIRST)
        role = "head_of_sales" if number < HEADS else "manager"
        user_id = add(latin(last), f"{first} {last}", role)
        (state.head_ids if number < HEADS else state.manager_ids).append(user_id)
    state.writer.write(table, USER_COLUMNS, rows)


# -- clients and counterparties ------------------------------------------------------------------
def _brand(rng: random.Random) -> str:
    draw = rng.random()
    if draw < 0.45:
        return rng.choice(ROOTS) + rng.choice(ENDINGS)
    if draw < 0.75:
        return f"{rng.choice(WORDS)}-{rng.choice(WORD_ENDINGS)}"
    surname = rng.choice(SURNAMES)[0]
    return f"ТД «{surname}»" if draw < 0.88 else f"{surname} и партнёры"


def write_clients(state: ScaleState, connection: Connection) -> None:
    """N/5 clients (organisations, sole traders, a few people) and ~1.2 counterparties each."""
    rng = state.rng
    sizes = state.sizes
    client_ident = next_id(connection, Client.__table__)
    cp_ident = next_id(connection, Counterparty.__table__)
    seen: dict[str, int] = {}
    serials: dict[int, int] = {}
    inn_serial = requisites.Scatter(requisites.ORGANISATION_SERIALS, rng)
    managers, heads = state.manager_ids, state.head_ids
    for start in range(0, sizes.clients, CHUNK):
        clients, counterparties = [], []
        for index in range(start, min(start + CHUNK, sizes.clients)):
            draw = rng.random()
            kind = "organisation" if index == 0 or draw < 0.8 else (
                "sole_trader" if draw < 0.95 else "person")
            city = rng.choices(range(len(CITIES)), weights=CITY_WEIGHTS)[0]
            female = rng.random() < 0.45
            person = (
                rng.choice(SURNAMES)[female],
                rng.choice(FEMALE_FIRST if female else MALE_FIRST),
                rng.choice(PATRONYMICS)[female],
            )
            if kind == "organisation":
                base = LANDMARK_NAME if index == 0 else _brand(rng)
            elif kind == "sole_trader":
                base = f"ИП {person[0]} {person[1][0]}. {person[2][0]}."
            else:
                base = " ".join(person)
            repeat = seen.get(base, 0) + 1
            seen[base] = repeat
            name = base if repeat == 1 else f"{base} {repeat}"
            owner = managers[0] if index == 0 else (
                rng.choice(managers) if rng.random() < 0.95 else rng.choice(heads))
            created = state.days_ago(rng.uniform(30, 1500))
            address = street_address(rng, CITIES[city])
            ident = client_ident + index
            clients.append((
                ident, name, text_key(name), kind,
                rng.choice(SEGMENTS) if kind != "person" else None,
                rng.choice(INDUSTRIES) if kind != "person" else None,
                rng.choice(("low", "normal", "normal", "high")), owner, address,
                address if rng.random() < 0.6 else None, False, 1, created, created,
            ))
            state.client_ids.append(ident)
            state.client_owner.append(owner)
            state.client_kind.append(kind)
            state.client_name.append(name)
            state.client_city.append(city)
            state.client_domain.append(
                (latin(base) or "firma") + (str(repeat) if repeat > 1 else "") + ".ru")
            state.client_contacts.append([])
            state.client_deals.append([])
            forms = _legal_forms(rng, kind, index)
            state.client_counterparty.append(cp_ident if forms else 0)
            for number, form in enumerate(forms):
                region = CITIES[city].region
                serial = serials.get(region, 0)
                serials[region] = serial + 1
                counterparties.append(_counterparty(
                    rng, cp_ident, ident, form, name, person, number, region,
                    inn_serial(serial), created, CITIES[city]))
                cp_ident += 1
        state.writer.write(Client.__table__, CLIENT_COLUMNS, clients)
        state.writer.write(Counterparty.__table__, COUNTERPARTY_COLUMNS, counterparties)


def _legal_forms(rng: random.Random, kind: str, index: int) -> list[str]:
    """The legal forms of a client's counterparties; the landmark client has twenty."""
    if kind == "person":
        return []
    if kind == "sole_trader":
        return ["ИП"]
    if index == 0:
        return ["ООО", "АО"] + ["ООО", "ИП"] * ((LANDMARK_COUNTERPARTIES - 2) // 2)
    draw = rng.random()
    return ["ООО"] if draw < 0.735 else (["ООО", "АО"] if draw < 0.955 else ["ООО", "ИП", "ИП"])


def _counterparty(
    rng: random.Random, ident: int, client_id: int, form: str, name: str,
    person: tuple[str, str, str], number: int, region: int, serial: int, created: dt.datetime,
    city: City,
) -> tuple:
    bank = rng.choice(requisites.BANKS)
    year = rng.randrange(2002, 2024)
    if form == "ИП":
        inn, kpp = requisites.person_inn(region, serial), None
        ogrn = requisites.ogrnip(year, region, serial)
        title = f"ИП {' '.join(person)}" if number == 0 else f"ИП {rng.choice(SURNAMES)[0]} " \
            f"{rng.choice(MALE_FIRST)} {rng.choice(PATRONYMICS)[0]}"
    else:
        inn = requisites.organisation_inn(region, serial)
        kpp, ogrn = requisites.kpp_for(inn), requisites.ogrn(year, region, serial)
        suffix = f"-{number + 1}" if number > 1 else ("" if number == 0 else "-Холдинг")
        title = f"{form} «{name}{suffix}»"
    account = requisites.settlement_account(bank.bik, ident, sole_trader=form == "ИП")
    return (ident, client_id, title, text_key(title), form, inn, kpp, ogrn,
            street_address(rng, city), bank.name, bank.bik, account, bank.correspondent_account,
            False, 1, created, created)


# -- contacts ----------------------------------------------------------------------------------
def write_contacts(state: ScaleState, connection: Connection) -> None:
    """N contacts, each with a mobile, most with an e-mail, all working for a client.

    5% moved here from another client (an ended link), 3% also keep another client's books
    (a second current link), 30% are linked to their client's main counterparty.
    """
    rng = state.rng
    random = rng.random
    sizes = state.sizes
    state.first_contact_id = next_id(connection, Contact.__table__)
    phone_ident = next_id(connection, ContactPhone.__table__)
    email_ident = next_id(connection, ContactEmail.__table__)
    aff_ident = next_id(connection, Affiliation.__table__)
    state.contact_role = bytearray(sizes.contacts)
    landmark = sizes.landmark_contacts
    first_latin = {n: latin(n)[:1] for n in (*MALE_FIRST, *FEMALE_FIRST)}
    last_latin = {n: latin(n) for pair in SURNAMES for n in pair}
    n_positions = len(POSITIONS)
    channels = ("phone", "email", "messenger", "meeting", "any", None)
    for start in range(0, sizes.contacts, CHUNK):
        contacts, phones, emails, links, cp_links = [], [], [], [], []
        for index in range(start, min(start + CHUNK, sizes.contacts)):
            client = 0 if index < landmark else state.other_client(rng)
            people = state.client_contacts[client]
            first_in_client = not people
            people.append(index)
            position = 0 if first_in_client else int(random() * n_positions)
            state.contact_role[index] = position
            title = (PERSON_POSITION if first_in_client and state.client_kind[client] == "person"
                     else POSITIONS[position][0])
            female = random() < 0.45
            last = SURNAMES[int(random() * len(SURNAMES))][female]
            firsts = FEMALE_FIRST if female else MALE_FIRST
            first = firsts[int(random() * len(firsts))]
            middle = PATRONYMICS[int(random() * len(PATRONYMICS))][female]
            full = f"{last} {first} {middle}"
            ident = state.first_contact_id + index
            started = state.days_ago(random() * 1800 + 30)
            contacts.append((
                ident, full, text_key(full), title,
                "client" if random() < 0.9 else ("partner" if random() < 0.5 else "supplier"),
                "normal" if random() < 0.6 else ("high" if random() < 0.5 else "low"),
                channels[int(random() * 6)], state.client_owner[client], "active", 1, started,
                started,
            ))
            phones.append((phone_ident, ident, requisites.mobile_phone(state.phones(index)),
                           "мобильный"))
            phone_ident += 1
            if random() < 0.9:
                email = f"{first_latin[first]}.{last_latin[last]}@{state.client_domain[client]}"
                emails.append((email_ident, ident, email, email))
                email_ident += 1
            start_day = started.date()
            links.append((aff_ident, state.client_ids[client], ident, title, start_day, None, 1,
                          started, started))
            aff_ident += 1
            draw = random()
            if draw < 0.05 and len(state.client_ids) > 1:
                other = state.other_client(rng)
                if other != client:
                    ended = start_day - dt.timedelta(days=1 + int(random() * 30))
                    links.append((aff_ident, state.client_ids[other], ident, title,
                                  ended - dt.timedelta(days=60 + int(random() * 900)), ended, 1,
                                  started, started))
                    aff_ident += 1
            elif draw < 0.08 and len(state.client_ids) > 1:
                other = state.other_client(rng)
                if other != client:
                    state.client_contacts[other].append(index)
                    links.append((aff_ident, state.client_ids[other], ident, title, start_day,
                                  None, 1, started, started))
                    aff_ident += 1
            if random() < 0.3 and state.client_counterparty[client]:
                cp_links.append((state.client_counterparty[client], ident))
        writer = state.writer
        writer.write(Contact.__table__, CONTACT_COLUMNS, contacts)
        writer.write(ContactPhone.__table__, ("id", "contact_id", "e164", "label"), phones)
        writer.write(ContactEmail.__table__, ("id", "contact_id", "email", "email_key"), emails)
        writer.write(Affiliation.__table__, AFFILIATION_COLUMNS, links)
        writer.write(CounterpartyContact.__table__, ("counterparty_id", "contact_id"), cp_links)
