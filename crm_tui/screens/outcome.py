"""The question a deal's closing asks: won, or lost and why (a reason from the config).

One list, so a keyboard user answers with arrows and Enter: "Won" first, then one "Lost"
line per configured lost reason. The answer is only a request; the store's checker decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from crm_tui.i18n import N_, _
from crm_tui.screens.base import CrmModal
from crm_tui.widgets.actions import UserAction, bindings
from crm_tui.widgets.text import plain

WON = "won"


@dataclass(frozen=True)
class OutcomeAnswer:
    outcome: str
    lost_reason: str | None = None
    note: str | None = None


class OutcomeDialog(CrmModal):
    """Dismisses with an `OutcomeAnswer`, or None when the user changes their mind."""

    CSS_PATH = "deal_dialogs.tcss"
    HELP = _(
        "Closing a deal records how it ended. Choose Won, or Lost with the reason; the "
        "comment is optional and goes to the deal's timeline."
    )
    ACTIONS: ClassVar[list[UserAction]] = [
        UserAction("outcome.comment", "ctrl+o", "focus_note", N_("deal"), N_("Write a comment")),
    ]
    BINDINGS = [*CrmModal.BINDINGS, *bindings(ACTIONS)]
    AUTO_FOCUS = "#outcome-choices"

    def __init__(self, deal_title: str, stage_title: str, reasons: list[tuple[str, str]],
                 *, lost_only: bool = False) -> None:
        super().__init__()
        self.deal_title = deal_title
        self.stage_title = stage_title
        self.reasons = reasons
        self.lost_only = lost_only

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(
                plain(_("Close the deal «{deal}» at «{stage}»", deal=self.deal_title,
                        stage=self.stage_title), style="bold"),
                classes="dialog-title",
            )
            yield Label(_("How did it end?"))
            options: list[Option | None] = []
            if not self.lost_only:
                options += [Option(Text(_("Won"), style="bold"), id=WON), None]
            options += [
                Option(Text(_("Lost: {reason}", reason=name)), id=f"lost:{code}")
                for code, name in self.reasons
            ]
            yield OptionList(*options, id="outcome-choices")
            yield Input(placeholder=_("Comment (optional)"), id="outcome-note")
            yield Label(_("Enter chooses · Escape cancels"), classes="dialog-hint")

    def action_focus_note(self) -> None:
        self.query_one("#outcome-note", Input).focus()

    @on(Input.Submitted, "#outcome-note")
    def _note_done(self) -> None:
        self.query_one("#outcome-choices", OptionList).focus()

    @on(OptionList.OptionSelected, "#outcome-choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        note = self.query_one("#outcome-note", Input).value.strip() or None
        choice = event.option.id or ""
        if choice == WON:
            self.dismiss(OutcomeAnswer(WON, None, note))
        else:
            self.dismiss(OutcomeAnswer("lost", choice.removeprefix("lost:"), note))
