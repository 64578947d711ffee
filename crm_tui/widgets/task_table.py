"""Open tasks of one record, soonest first: a handful, so one table without paging."""

from __future__ import annotations

from collections.abc import Sequence

from crm_tui.i18n import _
from crm_tui.schemas.work import TaskOut
from crm_tui.widgets.record_text import TASK_NAMES, moment, named
from crm_tui.widgets.table import Table
from crm_tui.widgets.text import plain


class TaskTable(Table):
    """The open tasks linked to this card, with their due time and who does them."""

    HELP = _("Open tasks linked to this card, the soonest due first.")

    DEFAULT_CSS = """
    TaskTable { height: 1fr; }
    """

    def __init__(self, settings, *, id: str | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._settings = settings
        self.tasks: list[TaskOut] = []

    def on_mount(self) -> None:
        self.add_columns(_("Due"), _("Type"), _("Task"), _("Assignee"), _("About"))

    def show(self, tasks: Sequence[TaskOut]) -> None:
        self.tasks = list(tasks)
        self.clear()
        for task in tasks:
            about = task.deal_title or task.contact_name or task.client_name
            self.add_row(moment(self._settings, task.due_at), named(TASK_NAMES, task.kind),
                         plain(task.title), plain(task.assignee_name), plain(about),
                         key=str(task.id))
        self.measure_now()
