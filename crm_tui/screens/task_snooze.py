"""Snooze: move a task to later with one key (an hour, tomorrow morning, next week) or to a
typed date and time. The reminder fires again at the new time."""

from __future__ import annotations

import datetime as dt

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from crm_tui.due_times import QUICK_SNOOZE, format_due, format_due_input, parse_due, quick_due
from crm_tui.i18n import _
from crm_tui.schemas.work import TaskOut
from crm_tui.screens.base import CrmModal
from crm_tui.widgets.form_rows import FieldErrors
from crm_tui.widgets.text import plain

CUSTOM = "custom"


class TaskSnoozeDialog(CrmModal):
    """Reschedules one task; dismisses with the moved `TaskOut` (None when cancelled)."""

    CSS_PATH = "task_dialogs.tcss"
    HELP = _(
        "Move the task to a later time: choose one of the offered times, or choose "
        "“Another time…” and type a date and time such as 05.03.2026 14:30."
    )
    AUTO_FOCUS = "#snooze-choices"

    def __init__(self, task: TaskOut) -> None:
        super().__init__()
        self.target_task = task
        self.errors = FieldErrors(self, "snooze")

    @property
    def _tz(self) -> str:
        return self.store.settings.timezone

    def compose(self) -> ComposeResult:
        now = self.store.ctx.now()
        with Vertical(classes="task-dialog"):
            yield Label(_("Snooze the task"), classes="dialog-title")
            yield Label(plain(self.target_task.title, style="bold"))
            yield Label(_("Due: {when}", when=format_due(self.target_task.due_at, now, self._tz)),
                        classes="dialog-hint")
            options = [
                Option(f"{_(q.title)} · "
                       f"{format_due(quick_due(q.code, now, self._tz, self.target_task.due_at), now, self._tz)}",
                       id=q.code)
                for q in QUICK_SNOOZE
            ]
            options.append(Option(_("Another time…"), id=CUSTOM))
            yield OptionList(*options, id="snooze-choices")
            custom = Input(format_due_input(max(now, self.target_task.due_at), self._tz),
                           placeholder="05.03.2026 14:30", id="snooze-custom")
            custom.display = False
            yield custom
            yield from self.errors.slot("due_at")
            yield from self.errors.slot("")
            yield Label(_("Enter chooses · Escape cancels"), classes="dialog-hint")

    @on(OptionList.OptionSelected, "#snooze-choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == CUSTOM:
            custom = self.query_one("#snooze-custom", Input)
            custom.display = True
            custom.focus()
            return
        now = self.store.ctx.now()
        self._move(quick_due(str(event.option.id), now, self._tz, self.target_task.due_at))

    @on(Input.Submitted, "#snooze-custom")
    def _typed(self, event: Input.Submitted) -> None:
        self.errors.clear()
        try:
            due = parse_due(event.value, self.store.ctx.now(), self._tz)
        except ValueError as exc:
            self.errors.show({"due_at": str(exc)})
            return
        self._move(due)

    def _move(self, due_at: dt.datetime) -> None:
        self.errors.clear()
        self.call_store(self.store.tasks.reschedule, self.target_task.id, due_at, self.target_task.version,
                        done=self.dismiss, on_error=self.errors.refused, group="save")
