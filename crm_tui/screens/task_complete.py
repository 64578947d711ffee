"""The question a finished task asks: how did it go? The answer lands on the timelines.

Completing writes an activity of the task's kind (a call, a meeting, an e-mail...) on the
linked deal, client and contact, so the outcome is asked for here and never left empty.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label

from crm_tui.i18n import N_, _
from crm_tui.schemas.work import TaskOut
from crm_tui.screens.base import CrmModal
from crm_tui.widgets.actions import UserAction, bindings
from crm_tui.widgets.form_rows import FieldErrors
from crm_tui.widgets.text import joined, plain


class TaskCompleteDialog(CrmModal):
    """Completes one task with an outcome; dismisses with the done `TaskOut` (None: cancel)."""

    CSS_PATH = "task_dialogs.tcss"
    HELP = _(
        "Completing a task records its outcome on the timelines of the linked deal, client "
        "and contact. Type what happened and press Enter."
    )
    ACTIONS: ClassVar[list[UserAction]] = [
        UserAction("task_complete.save", "ctrl+s", "save", N_("task"),
                   N_("Complete with this outcome"), priority=True),
    ]
    BINDINGS = [*CrmModal.BINDINGS, *bindings(ACTIONS)]
    AUTO_FOCUS = "#task-outcome"

    def __init__(self, task: TaskOut) -> None:
        super().__init__()
        self.target_task = task
        self.errors = FieldErrors(self, "complete")

    def compose(self) -> ComposeResult:
        task = self.target_task
        with Vertical(classes="task-dialog"):
            yield Label(_("Complete the task"), classes="dialog-title")
            yield Label(plain(task.title, style="bold"))
            yield Label(joined(task.deal_title, task.contact_name, task.client_name),
                        classes="dialog-hint")
            yield Label(_("Outcome"), classes="field-caption")
            yield Input(placeholder=_("What happened, what was agreed"), id="task-outcome")
            yield from self.errors.slot("outcome")
            yield from self.errors.slot("")
            yield Label(_("Enter completes · Escape cancels"), classes="dialog-hint")

    @on(Input.Submitted, "#task-outcome")
    def action_save(self) -> None:
        self.errors.clear()
        outcome = self.query_one("#task-outcome", Input).value
        self.call_store(self.store.tasks.complete, self.target_task.id, outcome, self.target_task.version,
                        done=self.dismiss, on_error=self.errors.refused, group="save")
