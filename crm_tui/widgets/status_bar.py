"""The top line: who is signed in, with which role, on which database, and their task counts."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from crm_tui.i18n import N_, _

ROLE_NAMES = {"manager": N_("Manager"), "head_of_sales": N_("Head of sales"),
              "admin": N_("Admin")}


class StatusBar(Widget):
    """Shows the CRM user, role, database and the overdue/today task counts."""

    DEFAULT_CSS = """
    StatusBar { height: 1; background: $panel; color: $foreground; padding: 0 1; }
    """

    user_name: reactive[str] = reactive("")
    role: reactive[str] = reactive("")
    database: reactive[str] = reactive("")
    readonly: reactive[bool] = reactive(False)
    overdue: reactive[int] = reactive(0)
    due_today: reactive[int] = reactive(0)
    screen_title: reactive[str] = reactive("")

    def __init__(self, title: str = "", **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(**kwargs)
        self.set_reactive(StatusBar.screen_title, title)

    def on_mount(self) -> None:
        store = getattr(self.app, "store", None)
        if store is not None:
            user = store.user
            self.user_name = user.display_name if user else ""
            self.role = user.role if user else ""
            self.readonly = store.ctx.readonly
            self.database = store.display_name
        # The app keeps the signed-in user's task counts current (crm_tui.screens.reminders).
        if hasattr(self.app, "task_counts"):
            self.watch(self.app, "task_counts", self._show_task_counts)

    def _show_task_counts(self, counts: tuple[int, int]) -> None:
        self.overdue, self.due_today = counts

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append("crm-tui", style="bold")
        if self.screen_title:
            text.append("  ")
            text.append(self.screen_title, style="bold")
        text.append("  │  ")
        text.append(self.user_name or _("read-only guest"))
        if self.role:
            text.append(f" ({_(ROLE_NAMES.get(self.role, self.role))})", style="italic")
        if self.readonly:
            text.append(" " + _("read-only"), style="bold reverse")
        text.append("  │  ")
        text.append(_("Overdue: {count}", count=self.overdue),
                    style="bold red" if self.overdue else "")
        text.append("  ")
        text.append(_("Today: {count}", count=self.due_today))
        text.append("  │  ")
        text.append(self.database, style="dim")
        return text
