"""Why a deal may not move: every rule the checker failed, each with the way to fix it.

The store decides (`RuleViolations`); this dialog only explains. Choosing a line dismisses
with its `Fix`, and the screen underneath opens the place that mends it: the deal form at
the field, the role panel, the approvals or tasks of the deal.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from crm_tui.formatting import plural
from crm_tui.i18n import _
from crm_tui.rules.checker import PRIMARY, Fix, Violation, field_name
from crm_tui.screens.base import CrmModal
from crm_tui.widgets.text import plain

ACTIONABLE = ("field", "roles", "approval", "tasks")


def fix_label(fix: Fix, role_name) -> str:  # type: ignore[no-untyped-def]
    """What choosing this fix does, in the user's words."""
    if fix.kind == "field":
        return _("Fill in «{field}» on the deal form", field=field_name(fix.target or ""))
    if fix.kind == "roles":
        if fix.target == PRIMARY:
            return _("Mark the primary contact in the role panel")
        if fix.target:
            return _("Give a contact the role «{role}» in the role panel",
                     role=role_name(fix.target))
        return _("Give contacts roles in the role panel")
    if fix.kind == "approval":
        return _("Ask for the approval on the deal screen")
    if fix.kind == "tasks":
        return _("Close the tasks on the deal screen")
    if fix.kind == "transition":
        return _("Move the deal one stage at a time")
    return _("Answer how the deal ended")


class RefusalDialog(CrmModal):
    """Dismisses with the chosen `Fix`, or None (escape): the deal stays where it is."""

    CSS_PATH = "deal_dialogs.tcss"
    HELP = _(
        "The deal cannot move yet: every line is a rule of the target stage that the deal "
        "does not meet. Choose a line to go where it is fixed; Escape leaves the deal as it is."
    )
    AUTO_FOCUS = "#refusal-rules"

    def __init__(self, deal_title: str, stage_title: str, violations: Sequence[Violation],
                 role_name) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.deal_title = deal_title
        self.stage_title = stage_title
        self.violations = list(violations)
        self.role_name = role_name

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(
                plain(_("«{deal}» cannot move to «{stage}» yet", deal=self.deal_title,
                        stage=self.stage_title), style="bold"),
                classes="dialog-title",
            )
            yield Label(plural(len(self.violations),
                               _("{count} rule is not met:|{count} rules are not met:")))
            yield OptionList(*self._options(), id="refusal-rules")
            yield Label(_("Enter opens the fix · Escape keeps the deal where it is"),
                        classes="dialog-hint")

    def _options(self) -> list[Option]:
        options = []
        for index, violation in enumerate(self.violations):
            prompt = Text()
            prompt.append("✗ ", style="bold red")
            prompt.append_text(plain(violation.message))
            prompt.append("\n  → ", style="dim")
            prompt.append(fix_label(violation.fix, self.role_name),
                          style="underline" if violation.fix.kind in ACTIONABLE else "dim")
            options.append(Option(prompt, id=str(index)))
        return options

    @on(OptionList.OptionSelected, "#refusal-rules")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        fix = self.violations[int(event.option.id or 0)].fix
        if fix.kind in ACTIONABLE:
            self.dismiss(fix)
        else:
            self.notify(_("Close this dialog and do that first."), severity="information")
