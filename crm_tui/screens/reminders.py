"""Task reminders while the app runs, and the task counts on every status line.

At start the user hears how many tasks are overdue and due today. Then, every
`REMINDER_POLL_SECONDS`, one cheap indexed query asks the store for the user's tasks that
fell due since the app started and were not yet reminded of; each becomes a notification.
The counts are re-read on the same poll (an hour passing turns "today" into "overdue") and
whenever the app's change poll sees someone else's change (a task assigned by the head of
sales), never by reloading a screen. Time comes from the store's clock, so tests move a
frozen clock on and call `poll()` instead of sleeping.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

from crm_tui.due_times import format_due
from crm_tui.i18n import _
from crm_tui.schemas.inbox import primary_link
from crm_tui.schemas.work import TaskOut
from crm_tui.widgets.text import joined

if TYPE_CHECKING:
    import datetime as dt

    from crm_tui.app import CrmApp

REMINDER_POLL_SECONDS = 15.0
REMINDER_TIMEOUT = 30.0


class TasksFellDue(Message):
    """Posted to the current screen when reminders fired: task groups have shifted."""


class TaskReminders:
    """The app's watch over the signed-in user's tasks; `app.task_counts` is its output."""

    def __init__(self, app: CrmApp, poll_seconds: float = REMINDER_POLL_SECONDS) -> None:
        self.app = app
        self.poll_seconds = poll_seconds
        self.started_at: dt.datetime | None = None

    @property
    def _active(self) -> bool:
        store = self.app.store
        return store.user is not None and not store.ctx.readonly

    def start(self, *, poll: bool = True) -> None:
        """Greet with the counts and, when `poll`, start watching the clock."""
        if not self._active:
            return
        self.started_at = self.app.store.ctx.now()
        self._run(self._read_counts, self._greet, group="task-counts")
        if poll:
            self.app.set_interval(self.poll_seconds, self.poll)

    def poll(self) -> None:
        """Remind of the tasks that fell due since the last look; refresh the counts."""
        if self.started_at is None:
            return
        started = self.started_at
        tasks = self.app.store.tasks

        def look() -> tuple[list[TaskOut], tuple[int, int]]:
            due = tasks.due_between(started, self.app.store.ctx.now())
            return due, tasks.due_counts()

        self._run(look, self._remind, group="task-reminders")

    def refresh_counts(self) -> None:
        """Someone changed something: the counts may have moved (one small query)."""
        if self.started_at is not None:
            self._run(self._read_counts, self._set_counts, group="task-counts")

    # -- on the UI thread --------------------------------------------------------------------
    def _greet(self, counts: tuple[int, int]) -> None:
        self._set_counts(counts)
        overdue, today = counts
        if overdue or today:
            self.app.notify(
                _("Overdue tasks: {overdue}; due today: {today}. F5 opens the task inbox.",
                  overdue=overdue, today=today),
                title=_("Your tasks"),
                severity="warning" if overdue else "information",
                timeout=REMINDER_TIMEOUT,
            )

    def _remind(self, found: tuple[list[TaskOut], tuple[int, int]]) -> None:
        due, counts = found
        self._set_counts(counts)
        if due:
            self.app.screen.post_message(TasksFellDue())
        now = self.app.store.ctx.now()
        tz = self.app.store.settings.timezone
        for task in due:
            about = joined(task.deal_title, task.contact_name, task.client_name).plain
            lines = [task.title, about] if primary_link(task) else [task.title]
            self.app.notify(
                "\n".join(lines),
                title=_("Task due: {when}", when=format_due(task.due_at, now, tz)),
                severity="warning",
                timeout=REMINDER_TIMEOUT,
                markup=False,
            )

    def _set_counts(self, counts: tuple[int, int]) -> None:
        self.app.task_counts = counts

    # -- off the UI thread -------------------------------------------------------------------
    def _read_counts(self) -> tuple[int, int]:
        return self.app.store.tasks.due_counts()

    def _run(self, job, done, *, group: str) -> None:  # type: ignore[no-untyped-def]
        app = self.app

        def work() -> None:
            result = job()
            app.call_from_thread(done, result)

        # A failed background look is logged, not raised: the next poll tries again.
        app.run_worker(work, thread=True, group=group, exclusive=True, exit_on_error=False)
