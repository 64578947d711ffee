"""What a user does in one run of the app, timed through the pty: one sample of every figure.

Each repeat is a fresh `crm-tui` process (so every screen is opened, not resumed):
cold start, a no-op key and a cursor move, the search box (echo, then a name prefix, an INN
and a phone, each typed as one burst from an empty box, so "results" cannot be the previous
query's; a name shows results from the indexed prefixes first, then completes them with the
later-word pass, and both times are kept), the busiest client's card, the task inbox, the
deal board with one refused and one allowed move, then every other screen, and the peak RSS.

A figure is the time from writing the key to the last change of the screen's characters,
once the text that proves the screen is complete is there and no bytes came for the quiet
period. The proof includes the footer of the new screen, which Textual shows once the
screen has focus and its keys work: a card whose data is drawn but whose keys do not answer
yet is not open, nor is one with a loading indicator left (a busy UI thread can fall silent
for longer than the quiet period while its lists still wait for rows). Timing starts once the app's first change poll has reloaded the first
screen (`Session.outwait_first_poll`).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from benchmarks.floors import BoardPlan
from benchmarks.pty_driver import AppSession, ScreenTimeout, Until, contains, lacks
from crm_tui.config import Settings

SEARCH_PLACEHOLDER = "Name, INN, OGRN, phone or e-mail"
SEARCH_EMPTY = "Type to search."
SEARCH_DONE = "Enter opens the highlighted record."
# Titles of the app's task reminders (crm_tui.screens.reminders), which show as toasts.
_TOAST_TITLE = re.compile(r"Your tasks|Task due: ")
LOADING = "● ● ●"  # Textual's loading indicator: a list still waiting for its rows
BOARD_IDLE_SECONDS = 0.3
NOOP_KEY = b"z"  # bound nowhere on the client list
_COUNT = re.compile(r"\d[\d,  ]* clients?\b")
_STAGE_SUMMARY = re.compile(r"\d+ · ")
_HIT_LINE = re.compile(r"█ {4}\S[^\n]*  ·  ")  # a found record inside the search box
_REFUSAL = re.compile(r"«[^»\n]*» cannot move to «[^»\n]*»")
_GROUP_COUNT = re.compile(r"(Overdue|Today|Tomorrow|This week|Later) · \d")


@dataclass(frozen=True)
class Queries:
    """What the user searches for: a prefix of a name, an INN, a phone, the big client."""

    name_prefix: str
    inn: str
    phone: str
    client_name: str


@dataclass
class SessionResult:
    samples: dict[str, float] = field(default_factory=dict)
    rss_kib: int | None = None
    problems: list[str] = field(default_factory=list)


def all_of(*tests: Until) -> Until:
    return lambda screen: all(test(screen) for test in tests)


def matches(pattern: re.Pattern[str]) -> Until:
    return lambda screen: pattern.search(screen) is not None


def format_phone(e164: str) -> str:
    """+79161234567 as a person types it: +7 916 123-45-67."""
    if e164.startswith("+7") and len(e164) == 12:
        d = e164[2:]
        return f"+7 {d[:3]} {d[3:6]}-{d[6:8]}-{d[8:]}"
    return e164


class Session:
    """One app run: `press` times a key, `go` gets somewhere untimed, `record` keeps a sample."""

    def __init__(self, app: AppSession, result: SessionResult, quiet: float,
                 timeout: float) -> None:
        self.app = app
        self.result = result
        self.quiet = quiet
        self.timeout = timeout

    def press(self, key: str | bytes, until: Until | None = None) -> float:
        """Write a key, wait for `until` and quiet; seconds to the last change of text."""
        return self.app.press(key, until, quiet=self.quiet, timeout=self.timeout).settled

    def go(self, key: str | bytes, until: Until | None = None) -> None:
        """Get somewhere, untimed."""
        self.app.press(key, until, quiet=self.quiet, timeout=self.timeout)

    def record(self, name: str, seconds: float) -> None:
        self.result.samples[name] = seconds

    def board_idle(self) -> None:
        """Wait out a board reload: the board reloads every column whenever it is shown
        again (after any dialog too), and a column still loading takes no focus, so keys
        meant to move between columns would go astray."""
        self.app.wait(lacks(LOADING), quiet=max(self.quiet, BOARD_IDLE_SECONDS),
                      timeout=self.timeout)

    def outwait_first_poll(self, mounted_at: float) -> None:
        """The app's first change poll, a poll interval after mount, reloads the shown
        screen (it starts from marker 0, so any audit entry counts as news); wait until it
        has passed before timing anything."""
        grace = mounted_at + Settings().process.change_poll_seconds + 1.0
        remaining = grace - time.perf_counter()
        if remaining > 0:
            self.app.wait(None, quiet=remaining, timeout=remaining + self.timeout)
        self.app.wait(None, quiet=self.quiet, timeout=self.timeout)

    def dismiss_toasts(self) -> None:
        """Click away the task reminders on screen: the start-up greeting and any task that
        fell due since. Textual draws a toast again on every screen opened while it shows,
        a frame after the screen's own; left there, it would be timed as part of whichever
        screen opened next (seen: a board open at 1M counted 40 ms late this way)."""
        for _attempt in range(6):
            found = [(row, match.start())
                     for row, line in enumerate(self.app.screen.display)
                     if (match := _TOAST_TITLE.search(line))]
            if not found:
                return
            row, column = found[0]
            x, y = column + 2, row + 1  # 1-based cell inside the toast
            try:
                self.app.press(f"\x1b[<0;{x};{y}M\x1b[<0;{x};{y}m".encode(), None,
                               quiet=self.quiet, timeout=5)
            except ScreenTimeout:
                continue


def run_session(argv: list[str], env: dict[str, str], queries: Queries, plan: BoardPlan,
                wanted: Callable[[str], bool], *, quiet: float, timeout: float,
                size: tuple[int, int] = (120, 40)) -> SessionResult:
    """One app run; samples are keyed by the row names of `benchmarks.report`."""
    result = SessionResult()
    app = AppSession(argv, env=env, columns=size[0], lines=size[1])
    session = Session(app, result, quiet, timeout)
    step = "start"
    try:
        app.start()
        first = contains("Clients", "Filter the list")
        timing = app.wait(first, since=app.started, quiet=quiet, timeout=timeout)
        session.record("start.first_frame", timing.appeared)
        filled = app.wait(all_of(first, matches(_COUNT)), since=app.started, quiet=quiet,
                          timeout=timeout)
        session.record("start.list_filled", filled.settled)
        # By then the start-up greeting has come (at 1M it could come after the list).
        session.outwait_first_poll(app.started + timing.appeared)
        if wanted("keys"):
            step = "keys"
            session.dismiss_toasts()
            _keys(session)
        if wanted("search"):
            step = "search"
            session.dismiss_toasts()
            _search(session, queries)
        if wanted("card"):
            step = "card"
            session.dismiss_toasts()
            _card(session, queries)
        if wanted("inbox"):
            step = "inbox"
            session.dismiss_toasts()
            session.record("inbox.open", session.press("f5", all_of(
                contains("Task inbox", "Complete"), matches(_GROUP_COUNT), lacks(LOADING))))
        if wanted("board"):  # last: a move makes the app reload whatever screen is shown
            step = "board"
            session.dismiss_toasts()
            _board(session, plan)
        if wanted("memory"):
            step = "memory"
            _every_screen(session, queries)
            result.rss_kib = app.peak_rss_kib()
    except (ScreenTimeout, OSError) as exc:
        result.problems.append(f"{step}: {exc}")
    finally:
        app.close()
    return result


def _keys(session: Session) -> None:
    """The app's own floor: a key nothing is bound to, and moving the cursor one row."""
    app = session.app
    session.record("key.noop", app.press(NOOP_KEY, None, quiet=session.quiet).last_output)
    session.record("key.cursor", app.press("down", None, quiet=session.quiet).last_output)
    session.go("up")


def _open_search(session: Session) -> None:
    session.go("/", contains(SEARCH_EMPTY, SEARCH_PLACEHOLDER))


def _close_search(session: Session) -> None:
    session.go("escape", lacks(SEARCH_PLACEHOLDER))


def _search(session: Session, queries: Queries) -> None:
    _open_search(session)
    first = queries.name_prefix[0]
    session.record("key.echo", session.app.press(
        first, lacks(SEARCH_PLACEHOLDER), quiet=session.quiet, timeout=session.timeout).appeared)
    session.go("ctrl+u", contains(SEARCH_EMPTY))
    hit_line = matches(_HIT_LINE)
    name = session.app.press(queries.name_prefix.encode(), all_of(contains(SEARCH_DONE), hit_line),
                             quiet=session.quiet, timeout=session.timeout,
                             milestones={"first": hit_line})
    session.record("search.name", name.milestones["first"])
    session.record("search.name_words", name.settled)
    session.go("ctrl+u", contains(SEARCH_EMPTY))
    for key, text, proof in (
        ("search.inn", queries.inn, contains(f"INN {queries.inn}")),
        ("search.phone", queries.phone, lambda screen: screen.count(queries.phone) >= 2),
    ):
        session.record(key, session.press(text.encode(), all_of(contains(SEARCH_DONE), proof)))
        session.go("ctrl+u", contains(SEARCH_EMPTY))
    _close_search(session)


def _card(session: Session, queries: Queries) -> None:
    """Find the busiest client by name and open its card from the results."""
    _open_search(session)
    session.go(queries.client_name.encode(), all_of(contains(SEARCH_DONE, queries.client_name)))
    session.go("enter")  # into the results, the first client highlighted
    session.record("card.open", session.press("enter", all_of(contains(
        "Client card", queries.client_name, "Edit client", "INN"), lacks(LOADING))))
    session.go("escape", contains("Clients", "Filter the list"))


def _board(session: Session, plan: BoardPlan) -> None:
    """Open the board, try a move the rules refuse, then one they allow (which stays done:
    the next run plans another card)."""
    session.record("board.open", session.press("f4", all_of(
        contains("Deal board", "Move to the next stage"), matches(_STAGE_SUMMARY),
        lacks(LOADING))))
    for column, allowed in ((plan.refused, False), (plan.allowed, True)):
        if column is None:
            continue
        session.board_idle()
        _to_column(session, column, len(plan.stages))
        try:
            _move(session, plan, column, allowed)
        except ScreenTimeout as exc:  # noted; the run goes on to the other screens
            session.result.problems.append(f"board: `]` in «{plan.names[column]}»: {exc}")
            session.go("escape")


def _move(session: Session, plan: BoardPlan, column: int, allowed: bool) -> None:
    """`]` on the column's top card; the figure goes to whichever answer the app gave."""
    # The toast wraps a long deal title, and "moved to" may end one line and «stage» begin
    # the next (the first run at 1M waited 120 s for a move the app had made): both parts,
    # wherever they are. Stage names appear in «» only in that toast.
    moved = contains("moved to", f"«{plan.names[column + 1]}»")
    refused = contains("cannot move to")
    seconds = session.press("]", lambda screen: refused(screen) or (
        moved(screen) and LOADING not in screen))
    dialog = session.app.text
    if refused(dialog):
        session.record("board.refused", seconds)
        session.go("escape", lacks("cannot move to"))
        if allowed:
            found = _REFUSAL.search(dialog)
            said = found.group(0) if found else "a refusal"
            session.result.problems.append(
                f"board: the plan expected deal {plan.allowed_deal} at the top of "
                f"«{plan.names[column]}» to move on, the app said: {said}")
    else:
        session.record("board.move", seconds)


def _to_column(session: Session, column: int, columns: int) -> None:
    """Focus a stage column counted from the first (left past the first stays there)."""
    for _step in range(columns):
        session.go("left")
    for _step in range(column):
        session.go("right")


def _every_screen(session: Session, queries: Queries) -> None:
    """Visit what the scenarios did not, so the peak RSS covers every screen."""
    for key, title in (("f3", "Contacts"), ("f6", "Leads"), ("f7", "Reports"),
                       ("f8", "Settings"), ("f9", "Contracts"), ("f2", "Clients")):
        session.go(key, contains(f"crm-tui  {title}"))
        time.sleep(session.quiet)
