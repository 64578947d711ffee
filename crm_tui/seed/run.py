"""`crm-tui seed`: fill an empty database with demo or scale data and say what was made."""

from __future__ import annotations

import datetime as dt
import time

from crm_tui.cli import fail
from crm_tui.config import Settings
from crm_tui.i18n import _
from crm_tui.seed.counts import count_records
from crm_tui.seed.demo import seed_demo
from crm_tui.seed.landmarks import scale_landmarks
from crm_tui.seed.scale import seed_scale
from crm_tui.store.store import open_store


def run_seed(
    url: str,
    settings: Settings,
    *,
    demo: bool,
    scale: int | None,
    seed: int = 1,
    now: dt.datetime | None = None,
) -> int:
    """Seed the database at `url`; the exit code: 0 done, 2 refused.

    A database that already has contacts is refused: seeding it again would double the
    data or mix invented records into real ones.
    """
    if demo == (scale is not None):
        return fail(_("Choose one: --demo or --scale N."))
    if scale is not None and scale < 1:
        return fail(_("--scale needs a positive number of contacts, not {count}.", count=scale))
    store = open_store(url, settings, sign_in=False)
    try:
        if not store.is_empty():
            return fail(
                _(
                    "The database {url} already has contacts; seeding it again would mix "
                    "invented records into them. Seed an empty database instead.",
                    url=store.url,
                )
            )
        if demo:
            seed_demo(store, settings, seed=seed, now=now)
            counts = count_records(store.ctx.db)
            print(_("Demo data created: users {users}, clients {clients}, counterparties "
                    "{counterparties}, contacts {contacts}, deals {deals}, tasks {tasks}, "
                    "activities {activities}, leads {leads}.", **counts))
            return 0
        url_shown = store.url
    finally:
        store.close()
    started = time.perf_counter()
    seed_scale(url, settings, scale, seed=seed, now=now)
    seconds = time.perf_counter() - started
    store = open_store(url, settings, sign_in=False)
    try:
        counts = count_records(store.ctx.db)
    finally:
        store.close()
    print(_("Scale data created in {seconds} s: users {users}, clients {clients}, "
            "counterparties {counterparties}, contacts {contacts}, deals {deals}, tasks {tasks}, "
            "activities {activities}, leads {leads}.", seconds=f"{seconds:.1f}", **counts))
    marks = scale_landmarks(url)
    if marks:
        print(_("Benchmark landmarks in {url}: client #{client_id} «{client_name}» (contacts: "
                "{contacts}, counterparties: {counterparties}, deals: {deals}, activities: "
                "{activities}); manager {login} (tasks: {tasks}).",
                url=url_shown, client_id=marks["client_id"], client_name=marks["client_name"],
                contacts=marks["client_contacts"], counterparties=marks["client_counterparties"],
                deals=marks["client_deals"], activities=marks["client_activities"],
                login=marks["manager_login"], tasks=marks["manager_tasks"]))
    return 0

