"""`seed_scale`: N contacts with proportional data, fast enough for N = 1,000,000.

Rows are built in Python from pools and serials and written with bulk core inserts in one
transaction (all or nothing), bypassing the ORM and the audit log: this is load for
benchmarks, not a history anyone made. Deterministic for a seed: the same seed and `now`
give the same rows on a fresh database.

On SQLite the load runs with a rollback journal instead of WAL (new pages are then written
once, not once to the log and again to the file), a larger page cache and no foreign-key
checks (every reference is to an id the seed itself just assigned; PostgreSQL, which always
checks, and `PRAGMA foreign_key_check` in the tests vouch for them), all set on the loading
connection only and undone afterwards.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine

from crm_tui.config import Settings
from crm_tui.seed.bulk import BulkWriter, reset_sequences
from crm_tui.seed.scale_deals import write_deals
from crm_tui.seed.scale_people import write_clients, write_contacts, write_users
from crm_tui.seed.scale_state import ScaleSizes, ScaleState
from crm_tui.seed.scale_words import write_search_words
from crm_tui.seed.scale_work import write_activities, write_leads, write_tasks
from crm_tui.store.db import create_store_engine
from crm_tui.store.models import Base
from crm_tui.store.store import open_store
from crm_tui.store.types import utcnow

SQLITE_LOAD_CACHE_KIB = 256 * 1024


def seed_scale(
    url: str,
    settings: Settings,
    contacts: int,
    seed: int = 1,
    now: dt.datetime | None = None,
) -> dict[str, int]:
    """Write the dataset for `contacts` contacts; returns the rows written per table."""
    if contacts < 1:
        raise ValueError("contacts must be positive")
    open_store(url, settings, sign_in=False).close()  # the schema and the stage catalogue
    engine = create_store_engine(url)
    try:
        with _loading_connection(engine) as connection, connection.begin():
            state = ScaleState(
                sizes=ScaleSizes(contacts), rng=random.Random(seed), now=now or utcnow(),
                writer=BulkWriter(connection),
            )
            write_users(state, connection)
            write_clients(state, connection)
            write_contacts(state, connection)
            write_deals(state, connection, settings)
            write_search_words(state, connection)
            write_tasks(state, connection, settings)
            write_activities(state, connection)
            write_leads(state, connection)
            reset_sequences(connection, Base.metadata.sorted_tables)
            return dict(state.writer.written)
    finally:
        engine.dispose()


@contextmanager
def _loading_connection(engine: Engine) -> Iterator[Connection]:
    with engine.connect() as connection:
        if engine.dialect.name != "sqlite":
            yield connection
            return
        raw = connection.connection.driver_connection
        raw.execute("PRAGMA journal_mode = DELETE")
        raw.execute(f"PRAGMA cache_size = -{SQLITE_LOAD_CACHE_KIB}")
        raw.execute("PRAGMA foreign_keys = OFF")
        try:
            yield connection
        finally:
            raw.execute("PRAGMA foreign_keys = ON")
            raw.execute("PRAGMA cache_size = -2000")
            raw.execute("PRAGMA journal_mode = WAL")
