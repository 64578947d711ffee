"""`python -m benchmarks.run`: build (or reuse) each scale's database, measure, print the table.

Progress goes to stderr, the tables to stdout; the Markdown version with the machine and
the date goes to `benchmarks/RESULTS.md` (or `--results`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shlex
import signal
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from benchmarks import datasets, floors
from benchmarks.concurrency import ConcurrencyResult, run_concurrency
from benchmarks.report import (
    ROWS,
    Row,
    ScaleReport,
    concurrency_rows,
    machine,
    markdown_document,
    text_table,
)
from benchmarks.scenarios import Queries, format_phone, run_session

GROUPS = ("start", "keys", "search", "card", "board", "inbox", "memory", "concurrency")
UI_GROUPS = GROUPS[:-1]
DEFAULT_SCALES = (10_000, 100_000, 1_000_000)
QUICK_SCALES = (1_000, 10_000)
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
NOTES = (
    "Latency is measured through a real pseudo-terminal (120×40, TERM=xterm-256color): from "
    "writing the key's bytes to the last output that changed the characters on screen, once "
    "the text proving the screen complete (including its footer, i.e. its keys work) is "
    "there and the output has been quiet for the quiet period. Each repeat is a fresh "
    "`crm-tui` process, so screens are opened, not resumed.",
    "Search queries are typed as one burst into an empty box (a fast typist), so the "
    "results on screen cannot be an earlier query's.",
    "Floor: SQL is the median time of the store calls that screen makes, called directly in "
    "one process with no UI; key is the median time for the app to redraw after a key with "
    "no store work (the cursor moving one row). A key bound to nothing produces no output "
    "at all, hence the no-op row's 0 ms.",
    "The card is the client with 50 contacts, 20 counterparties, 200 deals and 1,000 "
    "activities, reached from search results; the inbox is the manager with 5,000 tasks, "
    "who is also the signed-in user (below about 50,000 contacts the seed shrinks both to "
    "a fifth of the totals).",
    "Board moves: `]` on the top card of a column whose card the stage rules refuse "
    "(check, rolled back, the dialog listing the failed rules), then on one they let move "
    "(check, history, triggers, commit, the board reloaded); each run moves another card.",
    "Timing starts about 6 s after the first frame: the app's first change poll (every 5 s) "
    "reloads the shown screen once whatever happened. Task reminders on screen (the "
    "start-up greeting, a task falling due) are clicked away before each timed step: "
    "Textual draws a toast again, a frame late, on every screen opened while it shows.",
    "Concurrency: 8 processes increment the amounts of 16 shared deals through "
    "`store.deals.update` with optimistic versions, re-reading and retrying on a "
    "conflict; commit time is the `update` call (waiting for the write lock included).",
    "The issue sets no separate target for the task inbox; it is held to the screen-open "
    "one (150 ms).",
)

Log = Callable[[str], None]


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__)
    parser.add_argument("--scales", help="contacts per database, comma-separated "
                        f"(default {','.join(map(str, DEFAULT_SCALES))})")
    parser.add_argument("--quick", action="store_true",
                        help=f"small scales ({','.join(map(str, QUICK_SCALES))}), 3 repeats, "
                             "5 s of concurrency")
    parser.add_argument("--repeat", type=int, help="app runs per scale (default 7)")
    parser.add_argument("--only", help=f"measure only these, comma-separated: {', '.join(GROUPS)}")
    parser.add_argument("--concurrency-seconds", type=float, help="default 30")
    parser.add_argument("--pg", action="store_true",
                        help="also run the concurrency test on a throwaway PostgreSQL server")
    parser.add_argument("--cache-dir", type=Path, default=datasets.CACHE_DIR)
    parser.add_argument("--results", type=Path, default=RESULTS,
                        help="where to write the Markdown table (default benchmarks/RESULTS.md)")
    parser.add_argument("--no-results", action="store_true", help="do not write the Markdown")
    parser.add_argument("--quiet-ms", type=float, default=100,
                        help="output silence that counts as a settled screen (default 100)")
    parser.add_argument("--timeout", type=float, default=120,
                        help="seconds to wait for any one screen before giving up")
    args = parser.parse_args(argv)
    args.scales = (tuple(int(s.replace("_", "")) for s in args.scales.split(","))
                   if args.scales else QUICK_SCALES if args.quick else DEFAULT_SCALES)
    args.repeat = args.repeat or (3 if args.quick else 7)
    args.concurrency_seconds = args.concurrency_seconds or (5.0 if args.quick else 30.0)
    only = set(args.only.split(",")) if args.only else set(GROUPS)
    unknown = only - set(GROUPS)
    if unknown:
        parser.error(f"unknown --only {', '.join(sorted(unknown))}; choose from {GROUPS}")
    args.groups = only
    return args


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    # A plain `kill` then still stops the app under test and removes the working copy.
    signal.signal(signal.SIGTERM, lambda _signum, _frame: sys.exit(143))
    started = dt.datetime.now(dt.UTC)
    info = machine()
    reports = measure(args, print_table=True)
    if not args.no_results:
        command = "python -m benchmarks.run " + shlex.join(argv if argv is not None
                                                            else sys.argv[1:])
        args.results.write_text(markdown_document(reports, info, command.strip(), NOTES,
                                                  started), encoding="utf-8")
        log(f"wrote {args.results}")
    return 0


def measure(args: argparse.Namespace, *, print_table: bool = False) -> list[ScaleReport]:
    """Every scale in turn; each table is printed as soon as its scale is done."""
    reports = []
    pg_server = None
    try:
        if args.pg and "concurrency" in args.groups:
            from tests.support.postgres import PostgresServer

            log("starting a throwaway PostgreSQL server")
            pg_server = PostgresServer()
            pg_server.start()
        for scale in args.scales:
            log(f"scale {scale:,}")
            report = bench_scale(scale, args, pg_server, log)
            reports.append(report)
            if print_table:
                print(text_table(report), flush=True)
                print(flush=True)
            if report.problems:
                _keep_problems(args.cache_dir, report)
    finally:
        if pg_server is not None:
            pg_server.stop()
    return reports


def _keep_problems(cache_dir: Path, report: ScaleReport) -> None:
    """The whole of each problem (with the screen it stopped on), for a closer look."""
    path = cache_dir / f"problems-{report.scale}.log"
    path.write_text("\n\n".join(report.problems) + "\n", encoding="utf-8")
    log(f"{len(report.problems)} problem(s) at {report.scale:,}; screens in {path}")


def bench_scale(scale: int, args: argparse.Namespace, pg_server, log: Log) -> ScaleReport:  # type: ignore[no-untyped-def]
    from crm_tui.config import Settings
    from crm_tui.seed.landmarks import scale_landmarks

    cached = datasets.cached_database(scale, args.cache_dir, log)
    work = datasets.working_copy(cached, args.cache_dir / f"work-{scale}.db")
    url = datasets.sqlite_url(work)
    env = datasets.app_env(args.cache_dir)
    settings = Settings()
    report = ScaleReport(scale, [])
    manager = scale_landmarks(url)["manager_login"]
    seconds, made = floors.first_start(url, settings, manager)
    report.facts.append(f"First start after seeding made {made:,} role-reminder tasks in "
                        f"{seconds:.1f} s (done before timing; later starts make none).")
    marks = scale_landmarks(url)
    rows = {spec.key: Row(spec) for spec in ROWS if spec.group in args.groups}
    try:
        if args.groups & set(UI_GROUPS):
            rows.update({spec.key: Row(spec) for spec in ROWS if spec.group == "start"})
            queries = _queries(url, settings, marks)
            report.facts += _facts(marks, queries)
            _measure_ui(url, settings, marks, queries, args, env, rows, report, log)
        if "concurrency" in args.groups:
            log(f"8 writers for {args.concurrency_seconds:g} s on SQLite")
            _concurrency_rows(rows, "sqlite", run_concurrency(
                url, args.concurrency_seconds, env=env), report)
            if pg_server is not None:
                _measure_pg(scale, args, pg_server, env, rows, report, log)
    finally:
        datasets.remove_database(work)
    report.facts.append("Load average after this scale: "
                        + " ".join(f"{x:.2f}" for x in os.getloadavg())
                        + f" on {len(os.sched_getaffinity(0))} CPUs (the machine is shared).")
    report.rows = [row for spec in (*ROWS, *concurrency_rows("sqlite"),
                                    *concurrency_rows("postgresql"))
                   if (row := rows.get(spec.key)) is not None]
    return report


def _queries(url: str, settings, marks: dict) -> Queries:  # type: ignore[no-untyped-def]
    store = floors.open_as(url, settings, marks["manager_login"])
    try:
        counterparties = store.counterparties.of_client(marks["client_id"])
    finally:
        store.close()
    inns = sorted((cp.inn for cp in counterparties if cp.inn and len(cp.inn) == 10),
                  key=lambda inn: inn)
    name = marks["client_name"]
    return Queries(name_prefix=name[:4], inn=inns[0] if inns else counterparties[0].inn,
                   phone=format_phone(marks["contact_phone"]), client_name=name)


def _facts(marks: dict, queries: Queries) -> list[str]:
    return [
        f"Card: client «{marks['client_name']}» with {marks['client_contacts']} contacts, "
        f"{marks['client_counterparties']} counterparties, {marks['client_deals']} deals, "
        f"{marks['client_activities']:,} activities; signed in as manager "
        f"{marks['manager_login']} with {marks['manager_tasks']:,} tasks "
        f"({marks['manager_open_tasks']:,} open).",
        f"Searches typed: name prefix «{queries.name_prefix}», INN {queries.inn}, "
        f"phone «{queries.phone}».",
    ]


def _measure_ui(url, settings, marks, queries, args, env, rows, report, log) -> None:  # type: ignore[no-untyped-def]
    """Floors first (no app running), then `--repeat` app runs."""
    login = marks["manager_login"]
    argv = [str(datasets.CRM_TUI), "--db", url, "--user", login, "--lang", "en"]
    store = floors.open_as(url, settings, login)
    try:
        log(f"store floors ×{args.repeat}")
        plan = floors.board_plan(store, settings)
        sql: dict[str, list[float]] = {}

        def add(key: str, seconds: float | None) -> None:
            if seconds is not None:
                sql.setdefault(key, []).append(seconds)

        for _ in range(args.repeat):
            add("start.first_frame", floors.start_floor(url, settings, login))
            add("search.name", floors.search_floor(store, queries.name_prefix, words=False))
            add("search.name_words", floors.search_floor(store, queries.name_prefix))
            add("search.inn", floors.search_floor(store, queries.inn))
            add("search.phone", floors.search_floor(store, queries.phone))
            add("card.open", floors.card_floor(store, marks["client_id"]))
            add("board.open", floors.board_floor(store, plan))
            add("inbox.open", floors.inbox_floor(store))
            plan = floors.board_plan(store, settings)
            add("board.move", floors.move_floor(store, plan))
            add("board.refused", floors.refusal_floor(store, plan))
        wanted = args.groups.__contains__
        rss = []
        for number in range(1, args.repeat + 1):
            plan = floors.board_plan(store, settings)
            log(f"app run {number}/{args.repeat}")
            result = run_session(argv, env, queries, plan, wanted,
                                 quiet=args.quiet_ms / 1000, timeout=args.timeout)
            for key, seconds in result.samples.items():
                if key in rows:
                    rows[key].samples.append(seconds)
            if result.rss_kib is not None:
                rss.append(result.rss_kib / 1024)
            report.problems += [f"run {number}: {p}" for p in result.problems]
            for problem in result.problems:
                log(f"problem in run {number}: {problem.splitlines()[0]}")
        if plan.allowed is None:
            report.problems.append("no top card on the board may move on: no allowed move timed")
        if plan.refused is None:
            report.problems.append("no top card on the board is refused: no refusal timed")
    finally:
        store.close()
    if "memory.rss" in rows:
        rows["memory.rss"].samples = rss
    key_floor = rows["key.cursor"].median if "key.cursor" in rows else None
    for key, row in rows.items():
        if key in sql:
            row.floor_sql = sorted(sql[key])[len(sql[key]) // 2]
        if row.spec.unit == "ms" and not key.startswith(("key.", "start.", "conc.")):
            row.floor_key = key_floor
    if "key.echo" in rows:
        rows["key.echo"].floor_key = key_floor


def _concurrency_rows(rows: dict[str, Row], database: str, result: ConcurrencyResult,
                      report: ScaleReport) -> None:
    specs = {spec.key.rsplit(".", 1)[1]: spec for spec in concurrency_rows(database)}
    figures = {"saves": result.saves_per_second, "commit": result.commit_p99,
               "conflicts": result.conflicts, "lost": result.lost_updates,
               "locked": result.locked, "errors": result.errors}
    for name, spec in specs.items():
        row = Row(spec, value=figures[name])
        if name == "commit":
            row.samples = list(result.commit_seconds)
        rows[spec.key] = row
    report.facts.append(
        f"{database}: {result.workers} writers × {result.seconds:g} s, {result.saves:,} saves, "
        f"{result.conflicts:,} conflicts retried.")
    report.problems += [f"{database}: {p}" for p in result.problems[:5]]


def _measure_pg(scale, args, server, env, rows, report, log) -> None:  # type: ignore[no-untyped-def]
    from tests.support.postgres import create_database, drop_database

    name = f"crm_bench_{scale}"
    drop_database(server.url, name)
    url = create_database(server.url, name)
    try:
        log(f"seeding {scale:,} contacts into PostgreSQL")
        datasets.seed(url, scale, env)
        log(f"8 writers for {args.concurrency_seconds:g} s on PostgreSQL")
        _concurrency_rows(rows, "postgresql", run_concurrency(
            url, args.concurrency_seconds, env=env), report)
    finally:
        drop_database(server.url, name)


if __name__ == "__main__":
    sys.exit(main())
