"""The table: every measured row with its target, median, p95, floor and PASS/MISS.

Targets are the issue's, set for 1,000,000 contacts; smaller scales are judged against the
same numbers so a regression shows up early. Latency targets say which statistic they judge
(p95 where the issue says so, the median otherwise); counts must be exactly zero.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field

from benchmarks.stats import median, p95

MS = "ms"
MB = "MB"
COUNT = "count"
RATE = "/s"


@dataclass(frozen=True)
class Target:
    limit: float
    judged_on: str  # "median", "p95", "p99", "max", "value"
    exact_zero: bool = False

    def describe(self, unit: str) -> str:
        if self.exact_zero:
            return "= 0"
        value = f"{self.limit:g} {unit}" if unit != MS else _ms(self.limit)
        prefix = "" if self.judged_on in ("value", "max") else f"{self.judged_on} "
        return f"{prefix}< {value}"


@dataclass(frozen=True)
class RowSpec:
    key: str
    group: str  # what --only selects
    title: str
    unit: str
    target: Target | None = None


ROWS: tuple[RowSpec, ...] = (
    RowSpec("start.first_frame", "start", "Cold start → first interactive frame", MS,
            Target(1.0, "median")),
    RowSpec("start.list_filled", "start", "Cold start → client list filled", MS),
    RowSpec("key.noop", "keys", "No-op key (unbound) → output settled", MS),
    RowSpec("key.cursor", "keys", "Cursor down one row → output settled", MS),
    RowSpec("key.echo", "search", "Keystroke → echo in the search box", MS,
            Target(0.050, "p95")),
    RowSpec("search.name", "search", "Search: name prefix → first results", MS,
            Target(0.100, "p95")),
    RowSpec("search.name_words", "search", "Search: name prefix → complete (word pass)", MS,
            Target(0.100, "p95")),
    RowSpec("search.inn", "search", "Search: INN → results", MS, Target(0.100, "p95")),
    RowSpec("search.phone", "search", "Search: phone → results", MS, Target(0.100, "p95")),
    RowSpec("card.open", "card", "Client card (50/20/200/1,000) open", MS,
            Target(0.150, "median")),
    RowSpec("board.open", "board", "Deal board open", MS, Target(0.150, "median")),
    RowSpec("board.move", "board", "Board: move one stage (allowed, committed)", MS),
    RowSpec("board.refused", "board", "Board: move refused → rule dialog", MS),
    RowSpec("inbox.open", "inbox", "Task inbox (5,000 tasks) open", MS,
            Target(0.150, "median")),
    RowSpec("memory.rss", "memory", "Peak RSS after every screen", MB, Target(200, "max")),
)


def concurrency_rows(database: str) -> tuple[RowSpec, ...]:
    prefix = f"conc.{database}"
    label = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}[database]
    return (
        RowSpec(f"{prefix}.saves", "concurrency", f"{label}: 8 writers, saves", RATE),
        RowSpec(f"{prefix}.commit", "concurrency", f"{label}: commit time", MS,
                Target(0.050, "p99")),
        RowSpec(f"{prefix}.conflicts", "concurrency", f"{label}: conflicts (retried)", COUNT),
        RowSpec(f"{prefix}.lost", "concurrency", f"{label}: lost updates", COUNT,
                Target(0, "value", exact_zero=True)),
        RowSpec(f"{prefix}.locked", "concurrency", f"{label}: 'database is locked' errors",
                COUNT, Target(0, "value", exact_zero=True)),
        RowSpec(f"{prefix}.errors", "concurrency", f"{label}: other errors", COUNT,
                Target(0, "value", exact_zero=True)),
    )


@dataclass
class Row:
    spec: RowSpec
    samples: list[float] = field(default_factory=list)
    value: float | None = None  # a single figure (RSS peak, a count, a rate, a p99)
    floor_sql: float | None = None
    floor_key: float | None = None

    @property
    def median(self) -> float | None:
        return median(self.samples)

    @property
    def p95(self) -> float | None:
        return p95(self.samples)

    @property
    def judged(self) -> float | None:
        target = self.spec.target
        if target is None or target.judged_on in ("value", "max", "p99"):
            return self.value if self.value is not None else (
                max(self.samples) if self.samples else None)
        return self.median if target.judged_on == "median" else self.p95

    @property
    def verdict(self) -> str:
        target, judged = self.spec.target, self.judged
        if target is None:
            return ""
        if judged is None:
            return "n/a"
        ok = judged == 0 if target.exact_zero else judged < target.limit
        return "PASS" if ok else "MISS"


@dataclass
class ScaleReport:
    scale: int
    rows: list[Row]
    facts: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


HEADERS = ("Measure", "Target", "Median", "p95", "Judged", "Floor: SQL · key", "Result")


def _ms(seconds: float) -> str:
    ms = seconds * 1000
    return f"{ms:.0f} ms" if ms >= 10 else f"{ms:.1f} ms"


def _figure(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == MS:
        return _ms(value)
    if unit == MB:
        return f"{value:.0f} MB"
    if unit == RATE:
        return f"{value:.0f}/s"
    return f"{value:.0f}"


def cells(row: Row) -> tuple[str, ...]:
    spec = row.spec
    target = spec.target.describe(spec.unit) if spec.target else "—"
    if row.samples:
        med, p95_text = _figure(row.median, spec.unit), _figure(row.p95, spec.unit)
    else:
        med, p95_text = _figure(row.value, spec.unit), ""
    judged = ""
    if spec.target is not None:
        judged = _figure(row.judged, spec.unit)
        if spec.target.judged_on != "value":
            judged = f"{spec.target.judged_on} {judged}"
    floors = []
    if row.floor_sql is not None:
        floors.append(f"SQL {_ms(row.floor_sql)}")
    if row.floor_key is not None:
        floors.append(f"key {_ms(row.floor_key)}")
    return (spec.title, target, med, p95_text, judged, " · ".join(floors), row.verdict)


def text_table(report: ScaleReport) -> str:
    rows = [HEADERS, *(cells(row) for row in report.rows)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(HEADERS))]
    lines = [f"{report.scale:,} contacts", ""]
    lines += ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(r)).rstrip()
              for r in rows[:1]]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(r)).rstrip()
              for r in rows[1:]]
    lines += [f"  {fact}" for fact in report.facts]
    lines += [f"  problem: {first_line(problem)}" for problem in report.problems]
    return "\n".join(lines)


def first_line(problem: str) -> str:
    """Problems may carry the whole screen; tables show their first line."""
    return problem.strip().splitlines()[0] if problem.strip() else ""


def markdown_table(report: ScaleReport) -> str:
    lines = [f"### {report.scale:,} contacts", ""]
    lines.append("| " + " | ".join(HEADERS) + " |")
    lines.append("|" + "|".join("---" for _ in HEADERS) + "|")
    for row in report.rows:
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells(row)) + " |")
    if report.facts:
        lines += ["", *(f"- {fact}" for fact in report.facts)]
    if report.problems:
        lines += ["", *(f"- problem: {first_line(p)}" for p in report.problems)]
    return "\n".join(lines)


def machine() -> dict[str, str]:
    """What the figures came from: they mean little without it."""
    def first(path: str, key: str) -> str:
        try:
            with open(path) as source:
                for line in source:
                    if line.startswith(key):
                        return line.split(":", 1)[1].strip()
        except OSError:
            pass
        return "unknown"

    mem_kib = first("/proc/meminfo", "MemTotal").split()[0]
    ram = f"{int(mem_kib) / 1024 / 1024:.1f} GiB" if mem_kib.isdigit() else "unknown"
    try:
        load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        load = "unknown"
    return {
        "CPUs (nproc)": str(len(os.sched_getaffinity(0))),
        "CPU": first("/proc/cpuinfo", "model name"),
        "RAM": ram,
        "Python": platform.python_version(),
        "SQLite": sqlite3.sqlite_version,
        "OS": f"{platform.system()} {platform.release()}",
        "Load average at start": load,
        "Niceness of the run": str(os.nice(0)),
    }


def markdown_document(reports: Sequence[ScaleReport], info: dict[str, str], command: str,
                      notes: Sequence[str], started: dt.datetime) -> str:
    lines = [
        "# Benchmark results",
        "",
        f"Run {started:%Y-%m-%d %H:%M} UTC with `{command}`. Targets apply at 1,000,000 "
        "contacts; smaller scales are judged against the same numbers.",
        "",
        "| Machine | |",
        "|---|---|",
        *(f"| {key} | {value} |" for key, value in info.items()),
        "",
    ]
    for report in reports:
        lines += [markdown_table(report), ""]
    if notes:
        lines += ["## How to read it", "", *(f"- {note}" for note in notes), ""]
    return "\n".join(lines)
