"""Eight processes saving deals at once through the repository, as eight users would.

Every worker increments the amount of a deal picked from a small shared set: it reads the
deal, adds 1 and saves with the version it read (`store.deals.update`), and on a
`ConflictError` reads again and retries, as a user reloads and redoes. Afterwards each
deal's amount must have grown by exactly the increments the workers say they saved: any
shortfall is a lost update. Any "database is locked" error that reaches the caller is
counted too; the store is meant to queue writers, not fail them.

Run as `python -m benchmarks.concurrency URL LOGIN DEALS START SECONDS SEED` it is one
worker, printing a JSON report; `run_concurrency` starts and judges them.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from benchmarks.stats import median, p95, p99

ROOT = Path(__file__).resolve().parent.parent
WORKERS = 8
SHARED_DEALS = 16
START_GRACE_SECONDS = 3.0


@dataclass
class ConcurrencyResult:
    workers: int
    seconds: float
    saves: int = 0
    conflicts: int = 0
    locked: int = 0
    errors: int = 0
    lost_updates: int = 0
    commit_seconds: list[float] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def saves_per_second(self) -> float:
        return self.saves / self.seconds if self.seconds else 0.0

    @property
    def commit_median(self) -> float | None:
        return median(self.commit_seconds)

    @property
    def commit_p95(self) -> float | None:
        return p95(self.commit_seconds)

    @property
    def commit_p99(self) -> float | None:
        return p99(self.commit_seconds)


def worker(url: str, login: str, deal_ids: list[int], start_at: float, seconds: float,
           seed: int) -> dict:
    """Save increments until the time is up; what was saved, refused and failed."""
    from crm_tui.config import Settings
    from crm_tui.schemas.deals import DealUpdate
    from crm_tui.store.errors import ConflictError
    from crm_tui.store.store import open_store

    store = open_store(url, Settings(), login=login)
    rng = random.Random(seed)
    report: dict = {"saves": 0, "conflicts": 0, "locked": 0, "errors": 0, "error": None,
                    "commit_seconds": [], "increments": {}}
    fields = list(DealUpdate.model_fields)
    delay = start_at - time.time()
    if delay > 0:
        time.sleep(delay)
    stop_at = start_at + seconds
    try:
        while time.time() < stop_at:
            deal_id = rng.choice(deal_ids)
            while time.time() < stop_at:  # this deal until it is saved: reload and redo
                try:
                    deal = store.deals.get(deal_id)
                    values = {name: getattr(deal, name) for name in fields}
                    values["amount"] = (deal.amount or Decimal(0)) + 1
                    update = DealUpdate(**values)
                    started = time.perf_counter()
                    store.deals.update(deal_id, deal.version, update)
                    report["commit_seconds"].append(time.perf_counter() - started)
                except ConflictError:
                    report["conflicts"] += 1
                    continue
                except Exception as exc:  # counted and shown, never hidden
                    if "locked" in str(exc).lower():
                        report["locked"] += 1
                    else:
                        report["errors"] += 1
                        report["error"] = report["error"] or f"{type(exc).__name__}: {exc}"
                    continue
                report["saves"] += 1
                key = str(deal_id)
                report["increments"][key] = report["increments"].get(key, 0) + 1
                break
    finally:
        store.close()
    return report


def shared_deals(url: str) -> tuple[str, dict[int, Decimal]]:
    """A head of sales (who may edit any deal) and the deals everyone fights over, with
    their amounts before the run."""
    from sqlalchemy import select

    from crm_tui.store.db import Database, create_store_engine
    from crm_tui.store.models import Deal, User

    engine = create_store_engine(url)
    try:
        with Database(engine).read() as session:
            login = session.scalars(
                select(User.login).where(User.role == "head_of_sales", User.active.is_(True))
                .order_by(User.id).limit(1)).first()
            rows = session.execute(
                select(Deal.id, Deal.amount).where(Deal.closed_at.is_(None))
                .order_by(Deal.id).limit(SHARED_DEALS)).all()
    finally:
        engine.dispose()
    if login is None or not rows:
        raise RuntimeError("the database has no head of sales or no open deals")
    return login, {deal_id: amount or Decimal(0) for deal_id, amount in rows}


def amounts(url: str, deal_ids: list[int]) -> dict[int, Decimal]:
    from sqlalchemy import select

    from crm_tui.store.db import Database, create_store_engine
    from crm_tui.store.models import Deal

    engine = create_store_engine(url)
    try:
        with Database(engine).read() as session:
            rows = session.execute(select(Deal.id, Deal.amount).where(Deal.id.in_(deal_ids)))
            return {deal_id: amount or Decimal(0) for deal_id, amount in rows}
    finally:
        engine.dispose()


def run_concurrency(url: str, seconds: float, workers: int = WORKERS,
                    env: dict[str, str] | None = None) -> ConcurrencyResult:
    """Start `workers` processes on `url` for `seconds`, then count what was lost."""
    login, before = shared_deals(url)
    ids = sorted(before)
    start_at = time.time() + START_GRACE_SECONDS + 0.5 * workers  # after every import
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "benchmarks.concurrency", url, login,
             ",".join(map(str, ids)), repr(start_at), repr(seconds), str(number)],
            cwd=ROOT, env=env or dict(os.environ), stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True,
        )
        for number in range(workers)
    ]
    result = ConcurrencyResult(workers=workers, seconds=seconds)
    increments: dict[int, int] = {}
    for proc in procs:
        out, err = proc.communicate(timeout=seconds + 300)
        if proc.returncode != 0:
            result.problems.append(f"worker exited {proc.returncode}: {err.strip()[-2000:]}")
            continue
        report = json.loads(out.strip().splitlines()[-1])
        result.saves += report["saves"]
        result.conflicts += report["conflicts"]
        result.locked += report["locked"]
        result.errors += report["errors"]
        result.commit_seconds += report["commit_seconds"]
        if report["error"]:
            result.problems.append(report["error"])
        for deal_id, count in report["increments"].items():
            increments[int(deal_id)] = increments.get(int(deal_id), 0) + count
    after = amounts(url, ids)
    result.lost_updates = sum(
        abs(increments.get(deal_id, 0) - int(after[deal_id] - before[deal_id]))
        for deal_id in ids)
    return result


def main(argv: list[str]) -> None:
    url, login, deals, start_at, seconds, seed = argv
    report = worker(url, login, [int(d) for d in deals.split(",")], float(start_at),
                    float(seconds), int(seed))
    print(json.dumps(report))


if __name__ == "__main__":
    main(sys.argv[1:])
