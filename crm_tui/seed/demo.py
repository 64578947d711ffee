"""`seed_demo`: a realistic Russian B2B dataset that shows every feature of the app.

Deterministic for a seed (Faker ru_RU and `random.Random`, both seeded): the same seed gives
the same clients, people, requisites and deals on any fresh database. Everything is written
through the store's repositories, acting as the team member who would have done it, so the
audit log, stage history and stage rules are exactly what the app itself produces.
"""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from faker import Faker
from sqlalchemy import Engine, event

from crm_tui.config import Settings
from crm_tui.i18n import get_language, set_language
from crm_tui.seed.demo_clients import create_clients
from crm_tui.seed.demo_context import DemoClock, DemoContext
from crm_tui.seed.demo_deals import create_deals
from crm_tui.seed.demo_team import create_team
from crm_tui.seed.demo_work import (
    create_activities,
    create_contracts_and_tickets,
    create_leads,
    create_tasks,
)
from crm_tui.store.store import Store, open_store
from crm_tui.store.types import utcnow


def seed_demo(
    store: Store | str,
    settings: Settings | None = None,
    seed: int = 1,
    now: dt.datetime | None = None,
) -> None:
    """Fill `store` (or the database at a URL, opened with `settings`) with the demo data.

    `now` anchors the data in time: tasks fall overdue, due today and upcoming relative to
    it. The store's clock and signed-in user are restored afterwards.
    """
    if isinstance(store, str):
        opened = open_store(store, settings, sign_in=False)
        try:
            seed_demo(opened, settings, seed, now)
        finally:
            opened.close()
        return
    with _in_russian(), _relaxed_sqlite_sync(store.ctx.db.engine):
        _seed(store, seed, now or utcnow())


@contextmanager
def _relaxed_sqlite_sync(engine: Engine) -> Iterator[None]:
    """On SQLite, commit without waiting for the disk (WAL with `synchronous = NORMAL`).

    The demo is a thousand small transactions, each one fsync'ed under the store's
    `synchronous = FULL`; a seed can simply be run again, so that durability buys nothing
    here and halves the wait. The pool is emptied before and after, so every connection
    the seed uses is relaxed and every later one is strict again.
    """
    if engine.dialect.name != "sqlite":
        yield
        return

    def relax(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.execute("PRAGMA synchronous = NORMAL")

    engine.dispose()
    event.listen(engine, "connect", relax)
    try:
        yield
    finally:
        event.remove(engine, "connect", relax)
        engine.dispose()


@contextmanager
def _in_russian() -> Iterator[None]:
    """The demo team works in Russian: texts the store writes itself (trigger tasks, stage
    changes on the timeline) are stored in Russian like the rest of the data."""
    before = get_language()
    set_language("ru")
    try:
        yield
    finally:
        set_language(before)


def _seed(store: Store, seed: int, now: dt.datetime) -> None:
    fake = Faker("ru_RU")
    fake.seed_instance(seed)
    clock = DemoClock(now)
    saved = store.ctx.clock, store.ctx.user
    store.ctx.clock = clock
    try:
        ctx = DemoContext(store=store, rng=random.Random(seed), fake=fake, now=now, clock=clock)
        create_team(ctx)
        create_clients(ctx)
        create_deals(ctx)
        create_tasks(ctx)
        create_activities(ctx)
        create_leads(ctx)
        create_contracts_and_tickets(ctx)
    finally:
        store.ctx.clock, store.ctx.user = saved
