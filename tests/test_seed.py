"""`crm-tui seed`: the demo shows every feature with valid data; the scale seed is in proportion.

The read-only demo checks share one seeded database per backend (seeding through the
repositories takes seconds); everything else gets a fresh database from `db_url`.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import uuid
import zoneinfo
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Executable, func, select

from crm_tui.config import Settings
from crm_tui.rules.checker import unmet_requirements
from crm_tui.rules.defaults import DISCOUNT_LIMIT
from crm_tui.seed import run_seed, scale_landmarks, seed_demo, seed_scale
from crm_tui.store.models import (
    Activity,
    Affiliation,
    Approval,
    Base,
    Client,
    Contact,
    ContactEmail,
    ContactPhone,
    Contract,
    Counterparty,
    Deal,
    Lead,
    Notification,
    Participation,
    Task,
    Ticket,
    User,
)
from crm_tui.store.store import Store, open_store
from crm_tui.validation import (
    normalize_email,
    normalize_phone,
    validate_correspondent_account,
    validate_requisites,
    validate_settlement_account,
)
from tests.conftest import FROZEN_NOW
from tests.support.postgres import create_database, drop_database

SCALE = 2_000


# -- fixtures ---------------------------------------------------------------------------------
@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def demo_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A database holding the seed-1 demo, once per backend for the read-only checks."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'crm.db'}"
        seed_demo(url, Settings(), seed=1, now=FROZEN_NOW)
        yield url
        return
    server = request.getfixturevalue("pg_server")
    name = f"demo_{uuid.uuid4().hex[:12]}"
    url = create_database(server, name)
    seed_demo(url, Settings(), seed=1, now=FROZEN_NOW)
    yield url
    drop_database(server, name)


@pytest.fixture
def demo(demo_url: str) -> Iterator[Store]:
    store = open_store(demo_url, Settings(), sign_in=False)
    yield store
    store.close()


@pytest.fixture(scope="module")
def reference_demo(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The seed-1 demo again, on a separate SQLite file."""
    url = f"sqlite:///{tmp_path_factory.mktemp('reference') / 'crm.db'}"
    seed_demo(url, Settings(), seed=1, now=FROZEN_NOW)
    return url


def rows(store: Store, stmt: Executable) -> list:
    with store.ctx.db.read() as session:
        return list(session.execute(stmt).all())


def scalar(store: Store, stmt: Executable) -> Any:
    with store.ctx.db.read() as session:
        return session.scalar(stmt)


def fingerprint(url: str) -> dict[str, list]:
    """What "the same data" means: names, requisites and phones in creation order."""
    store = open_store(url, Settings(), sign_in=False)
    try:
        return {
            "clients": [n for (n,) in rows(store, select(Client.name).order_by(Client.id))],
            "inns": [i for (i,) in rows(store, select(Counterparty.inn).order_by(Counterparty.id))],
            "phones": [
                p for (p,) in rows(store, select(ContactPhone.e164).order_by(ContactPhone.id))
            ],
            "deals": [t for (t,) in rows(store, select(Deal.title).order_by(Deal.id))],
        }
    finally:
        store.close()


def broken_stage_rules(store: Store, settings: Settings) -> list[str]:
    """Every open or won deal must meet the entry rules of each stage up to its own."""
    problems = []
    for (deal_id,) in rows(store, select(Deal.id).order_by(Deal.id)):
        state = store.deals.state(deal_id)
        if state.outcome == "lost":
            continue
        pipeline = settings.pipeline(state.pipeline)
        for stage in pipeline.stages[1 : pipeline.index(state.stage) + 1]:
            for violation in unmet_requirements(pipeline, stage.code, state):
                problems.append(f"deal {deal_id} in {state.stage}: {violation.message}")
    return problems


def check_counterparty(cp: Counterparty) -> None:
    validate_requisites(cp.legal_form, cp.inn, cp.kpp, cp.ogrn)
    validate_settlement_account(cp.settlement_account, cp.bik)
    validate_correspondent_account(cp.correspondent_account, cp.bik)


# -- the demo ---------------------------------------------------------------------------------
def test_demo_creates_every_kind_of_record(demo: Store) -> None:
    roles = Counter(r for (r,) in rows(demo, select(User.role)))
    assert roles == {"admin": 1, "head_of_sales": 1, "manager": 3}
    kinds = Counter(k for (k,) in rows(demo, select(Client.kind)))
    assert set(kinds) == {"organisation", "sole_trader", "person"}
    assert 35 <= sum(kinds.values()) <= 45
    assert 100 <= scalar(demo, select(func.count()).select_from(Contact)) <= 140
    statuses = {s for (s,) in rows(demo, select(Lead.status))}
    assert statuses == {"new", "qualified", "junk", "converted", "refused"}
    activity_kinds = {k for (k,) in rows(demo, select(Activity.kind))}
    assert {"call", "meeting", "email", "note", "stage_change"} <= activity_kinds
    for model in (Counterparty, Deal, Task, Notification, Contract, Ticket):
        assert scalar(demo, select(func.count()).select_from(model)) > 0, model.__name__
    converted = rows(demo, select(Lead.client_id, Lead.deal_id).where(Lead.status == "converted"))
    assert converted and all(client and deal for client, deal in converted)


def test_demo_has_deals_in_every_stage_each_meeting_its_rules(demo: Store) -> None:
    settings = Settings()
    for pipeline in settings.pipelines:
        summaries = demo.deals.stage_summaries(pipeline.code)
        assert all(s.count > 0 for s in summaries), (pipeline.code, summaries)
    outcomes = rows(demo, select(Deal.outcome, Deal.lost_reason).where(Deal.outcome.is_not(None)))
    assert {o for o, _r in outcomes} == {"won", "lost"}
    assert all(reason for outcome, reason in outcomes if outcome == "lost")
    assert broken_stage_rules(demo, settings) == []


def test_demo_shows_missing_roles_and_a_pending_discount_approval(demo: Store) -> None:
    cards = [
        card
        for stage in Settings().pipeline("sales").stages
        for card in demo.deals.board_page("sales", stage.code).items
    ]
    assert any(card.missing_key_roles for card in cards)
    assert any(not card.missing_key_roles for card in cards)
    assert any(
        rows(demo, select(Participation.id).where(Participation.deal_id == c.id)) == []
        for c in cards
    ), "some deals have no participants at all"
    approvals = rows(demo, select(Approval.status, Deal.discount, Deal.outcome, Deal.lost_reason)
                     .join(Deal, Deal.id == Approval.deal_id))
    assert {status for status, *_rest in approvals} == {"pending", "approved", "rejected"}
    assert all(discount > DISCOUNT_LIMIT for _s, discount, _o, _r in approvals)
    rejected = [(outcome, reason) for status, _d, outcome, reason in approvals
                if status == "rejected"]
    assert rejected == [("lost", "price")], "a rejection closed its deal as lost"


def test_demo_requisites_pass_the_validators(demo: Store) -> None:
    counterparties = [cp for (cp,) in rows(demo, select(Counterparty))]
    for cp in counterparties:
        check_counterparty(cp)
    sole_traders = [cp for cp in counterparties if cp.legal_form == "ИП"]
    assert sole_traders
    assert all(len(cp.inn) == 12 and cp.kpp is None and len(cp.ogrn) == 15 for cp in sole_traders)
    assert all(len(cp.inn) == 10 and cp.kpp for cp in counterparties if cp.legal_form != "ИП")


def test_demo_phones_and_emails_are_valid(demo: Store) -> None:
    phones = [p for (p,) in rows(demo, select(ContactPhone.e164))]
    assert phones
    assert all(normalize_phone(p) == p and p.startswith("+79") for p in phones)
    emails = [e for (e,) in rows(demo, select(ContactEmail.email))]
    assert emails and all(normalize_email(e) == e for e in emails)


def test_demo_contacts_keep_history_across_clients(demo: Store) -> None:
    links = rows(demo, select(Affiliation.contact_id).where(Affiliation.ended_on.is_(None)))
    current = Counter(c for (c,) in links)
    assert any(n >= 2 for n in current.values()), "an accountant working for two firms"
    ended = [c for (c,) in rows(demo, select(Affiliation.contact_id)
                                .where(Affiliation.ended_on.is_not(None)))]
    assert ended and all(current[c] >= 1 for c in ended), "a mover has a current link elsewhere"
    mover = demo.contacts.affiliations_of_contact(ended[0])
    assert mover[0].current and not mover[-1].current


def test_every_manager_has_overdue_today_and_upcoming_tasks(demo: Store) -> None:
    zone = zoneinfo.ZoneInfo(Settings().timezone)
    today = FROZEN_NOW.astimezone(zone).date()
    managers = [u for (u,) in rows(demo, select(User.id).where(User.role == "manager"))]
    for manager in managers:
        due = [d for (d,) in rows(demo, select(Task.due_at)
                                  .where(Task.assignee_id == manager, Task.done_at.is_(None)))]
        assert any(d < FROZEN_NOW for d in due), "overdue"
        assert any(d >= FROZEN_NOW and d.astimezone(zone).date() == today for d in due), "today"
        assert any(d.astimezone(zone).date() > today for d in due), "upcoming"
        done = scalar(demo, select(func.count()).select_from(Task)
                      .where(Task.assignee_id == manager, Task.done_at.is_not(None)))
        assert done > 0


def test_demo_names_that_test_safe_rendering_are_stored_as_text(demo: Store) -> None:
    names = {n for (n,) in rows(demo, select(Client.name))}
    assert "Smith [/Jones] Ltd" in names
    assert "[b]Bold[/b] [@click=app.quit]" in names
    escaped = [n for n in names if "␛" in n]
    assert escaped == ["Escape ␛[31mRed␛[0m Trading"]
    assert not any("\x1b" in n for n in names)


def test_demo_is_deterministic_for_a_seed(demo_url: str, reference_demo: str) -> None:
    # The same seed gives the same data on a fresh SQLite file as on either backend.
    assert fingerprint(demo_url) == fingerprint(reference_demo)


def test_demo_differs_for_another_seed(reference_demo: str, sqlite_url: str) -> None:
    seed_demo(sqlite_url, Settings(), seed=2, now=FROZEN_NOW)
    ours, theirs = fingerprint(sqlite_url), fingerprint(reference_demo)
    assert ours["clients"] != theirs["clients"]
    assert ours["inns"] != theirs["inns"]


# -- refusing and the command line --------------------------------------------------------------
def test_seeding_a_database_with_contacts_is_refused(
    db_url: str, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_seed(db_url, settings, demo=False, scale=50, seed=1, now=FROZEN_NOW) == 0
    store = open_store(db_url, settings, sign_in=False)
    before = scalar(store, select(func.count()).select_from(Contact))
    capsys.readouterr()
    assert run_seed(db_url, settings, demo=True, scale=None, now=FROZEN_NOW) == 2
    assert run_seed(db_url, settings, demo=False, scale=50, now=FROZEN_NOW) == 2
    assert "already has contacts" in capsys.readouterr().err
    assert scalar(store, select(func.count()).select_from(Contact)) == before
    store.close()


def test_run_seed_refuses_a_non_positive_scale(
    sqlite_url: str, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_seed(sqlite_url, settings, demo=False, scale=0) == 2
    assert "positive number" in capsys.readouterr().err


def test_the_seed_command_reports_and_refuses_a_second_run(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    command = [sys.executable, "-m", "crm_tui", "--lang", "en", "--db", url, "seed", "--demo",
               "--seed", "3"]
    env = {**os.environ, "TZ": "UTC"}
    first = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    assert first.returncode == 0, first.stderr
    lines = first.stdout.strip().splitlines()
    assert len(lines) == 1
    assert re.fullmatch(
        r"Demo data created: users 5, clients \d+, counterparties \d+, contacts \d+, deals \d+, "
        r"tasks \d+, activities \d+, leads 15\.",
        lines[0],
    ), lines[0]
    second = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    assert second.returncode == 2
    assert "already has contacts" in second.stderr


# -- scale ----------------------------------------------------------------------------------------
@pytest.fixture
def scaled(db_url: str, settings: Settings) -> Iterator[Store]:
    seed_scale(db_url, settings, SCALE, seed=1, now=FROZEN_NOW)
    store = open_store(db_url, settings, sign_in=False)
    yield store
    store.close()


def count(store: Store, model: type[Base]) -> int:
    return scalar(store, select(func.count()).select_from(model))


def test_scale_creates_proportional_counts(scaled: Store) -> None:
    assert count(scaled, Contact) == SCALE
    assert count(scaled, Client) == SCALE // 5
    assert count(scaled, Deal) == SCALE // 2
    assert count(scaled, Task) == SCALE // 2
    assert count(scaled, Activity) == SCALE
    assert count(scaled, Lead) == SCALE // 10
    assert 1.1 <= count(scaled, Counterparty) / count(scaled, Client) <= 1.35
    without_client = scalar(scaled, select(func.count()).select_from(Contact).where(
        Contact.id.not_in(select(Affiliation.contact_id).where(Affiliation.ended_on.is_(None)))))
    assert without_client == 0
    assert count(scaled, Participation) > 0
    managers = select(func.count()).select_from(User).where(User.role == "manager")
    assert scalar(scaled, managers) == 50


def test_scale_rows_reference_existing_records_and_wal_is_back(scaled: Store) -> None:
    # SQLite loads without foreign-key checks; PostgreSQL always checks them.
    if scaled.ctx.db.dialect != "sqlite":
        pytest.skip("PostgreSQL checked every reference as the rows went in")
    with scaled.ctx.db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_scale_phones_are_distinct_valid_e164(scaled: Store) -> None:
    phones = [p for (p,) in rows(scaled, select(ContactPhone.e164))]
    assert len(phones) == SCALE == len(set(phones))
    assert all(normalize_phone(p) == p for p in phones)


def test_scale_requisites_are_valid_and_distinct(scaled: Store) -> None:
    counterparties = [cp for (cp,) in rows(scaled, select(Counterparty))]
    for cp in counterparties:
        check_counterparty(cp)
    inns = [cp.inn for cp in counterparties]
    assert len(set(inns)) == len(inns)


def test_scale_deals_meet_their_stage_rules(scaled: Store, settings: Settings) -> None:
    assert broken_stage_rules(scaled, settings) == []
    for pipeline in settings.pipelines:
        assert all(s.count > 0 for s in scaled.deals.stage_summaries(pipeline.code))


def test_scale_landmarks_name_the_heavy_records(scaled: Store, db_url: str) -> None:
    marks = scale_landmarks(db_url)
    assert marks["client_name"] == "Гигантснаб"
    assert marks["client_contacts"] == 50
    assert marks["client_counterparties"] == 20
    assert marks["client_deals"] == 200
    assert marks["client_activities"] == SCALE // 5
    assert marks["manager_tasks"] >= SCALE // 2 // 5
    assert scaled.users.by_login(marks["manager_login"]).role == "manager"
    timeline = scaled.activities.timeline("client", marks["client_id"], limit=50).items
    assert [a.at for a in timeline] == sorted((a.at for a in timeline), reverse=True)
    assert timeline[0].at <= FROZEN_NOW


def test_the_app_keeps_working_on_scale_data(scaled: Store) -> None:
    # New records get ids after the seeded ones (PostgreSQL sequences were moved on).
    from crm_tui.schemas.clients import ClientIn

    scaled.sign_in(scaled.users.list()[0].login)
    created = scaled.clients.create(ClientIn(name="Новый клиент"))
    assert created.id > SCALE // 5
    assert [c.id for c in scaled.clients.page(search="новый клиент").items] == [created.id]


def test_scale_is_deterministic_for_a_seed(tmp_path: Path, settings: Settings) -> None:
    first, second, other = (f"sqlite:///{tmp_path / name}" for name in ("a.db", "b.db", "c.db"))
    for url, seed in ((first, 7), (second, 7), (other, 8)):
        seed_scale(url, settings, 500, seed=seed, now=FROZEN_NOW)
    assert fingerprint(first) == fingerprint(second)
    assert fingerprint(first)["inns"] != fingerprint(other)["inns"]


def test_scale_dates_are_relative_to_now(scaled: Store) -> None:
    latest = scalar(scaled, select(func.max(Activity.at)))
    assert FROZEN_NOW - dt.timedelta(days=3) <= latest <= FROZEN_NOW
    open_due = [d for (d,) in rows(scaled, select(Task.due_at).where(Task.done_at.is_(None)))]
    assert any(d < FROZEN_NOW for d in open_due) and any(d > FROZEN_NOW for d in open_due)
