"""Ask before a change that is awkward to undo (ending a link, archiving an entity)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, Static

from crm_tui.i18n import N_, _
from crm_tui.screens.base import CrmModal
from crm_tui.widgets.actions import UserAction, bindings


class ConfirmDialog(CrmModal):
    """Dismisses with True (y / enter on "Yes") or False (n / escape)."""

    DEFAULT_CSS = """
    ConfirmDialog { align: center middle; }
    ConfirmDialog > Vertical {
        width: 64; max-width: 95%; height: auto;
        border: thick $warning; background: $surface; padding: 0 1;
    }
    ConfirmDialog .buttons { height: auto; align-horizontal: right; margin-top: 1; }
    ConfirmDialog .buttons > Button { margin-left: 1; }
    """
    HELP = _("Confirm or cancel the change described in the dialog.")
    ACTIONS: ClassVar[list[UserAction]] = [
        UserAction("confirm.yes", "y", "answer(True)", N_("confirm"), N_("Yes"), show=True),
        UserAction("confirm.no", "n", "answer(False)", N_("confirm"), N_("No"), show=True),
    ]
    BINDINGS = [("escape", "answer(False)", _("No")), *bindings(ACTIONS)]
    AUTO_FOCUS = "#confirm-no"

    def __init__(self, title: str, question: Text) -> None:
        super().__init__()
        self.title_text = title
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text, classes="section-title")
            yield Static(self.question)
            with Horizontal(classes="buttons"):
                yield Button(_("Yes") + " (y)", id="confirm-yes", variant="warning")
                yield Button(_("No") + " (n)", id="confirm-no")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")
