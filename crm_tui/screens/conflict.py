"""The save conflict: someone else saved the record after this form loaded it.

The dialog says who changed which fields and when, and offers the two honest ways on:
reload their version (the form shows it; the user's typing is dropped by their choice), or
keep editing (the form keeps every typed value and will save over their change). Escape
means "keep editing": a dialog dismissed in a hurry must never cost the user their typing.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, Static

from crm_tui.formatting import format_datetime
from crm_tui.i18n import N_, _
from crm_tui.screens.base import CrmModal
from crm_tui.store.errors import ConflictError
from crm_tui.widgets.actions import UserAction, bindings
from crm_tui.widgets.record_text import field_label
from crm_tui.widgets.text import plain

KIND_NAMES = {"client": N_("client"), "counterparty": N_("counterparty"),
              "contact": N_("contact"), "deal": N_("deal"), "task": N_("task"),
              "participant": N_("participant"), "lead": N_("lead")}
class ConflictDialog(CrmModal):
    """Dismisses with "reload" or "keep"; escape is "keep"."""

    CSS_PATH = "conflict.tcss"
    HELP = _(
        "Another user saved this record after you opened it. Reload shows their version "
        "(your changes in the form are dropped); Keep editing leaves your values in the form "
        "and your next save replaces their change."
    )
    ACTIONS: ClassVar[list[UserAction]] = [
        UserAction("conflict.reload", "r", "choose('reload')", N_("conflict"),
                   N_("Reload their version"), show=True),
        UserAction("conflict.keep", "k", "choose('keep')", N_("conflict"),
                   N_("Keep editing"), show=True),
    ]
    BINDINGS = [("escape", "choose('keep')", _("Keep editing")), *bindings(ACTIONS)]
    AUTO_FOCUS = "#conflict-keep"

    def __init__(self, error: ConflictError) -> None:
        super().__init__()
        self.error = error

    def compose(self) -> ComposeResult:
        with Vertical(id="conflict-box"):
            yield Label(self._title(), classes="section-title")
            yield Static(self._who(), id="conflict-who")
            yield Static(self._what(), id="conflict-what")
            yield Static(Text(_("What you typed is still in the form.")), id="conflict-hint")
            with Horizontal(classes="buttons"):
                yield Button(_("Reload their version") + " (r)", id="conflict-reload")
                yield Button(_("Keep editing") + " (k)", id="conflict-keep", variant="primary")

    def _title(self) -> str:
        kind = _(KIND_NAMES[self.error.kind]) if self.error.kind in KIND_NAMES else self.error.kind
        return _("Someone else saved this {kind} first", kind=kind)

    def _who(self) -> Text:
        who = self.error.changed_by or _("another user")
        when = format_datetime(self.error.changed_at, self.app.settings.timezone) \
            if self.error.changed_at else _("an unknown time")
        return plain(_("Changed by {who} at {when}.", who=who, when=when))

    def _what(self) -> Text:
        if not self.error.fields:
            return Text(_("Which fields changed is not known."))
        names = ", ".join(field_label(f) for f in self.error.fields)
        return plain(_("Changed fields: {fields}", fields=names))

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)

    @on(Button.Pressed, "#conflict-reload")
    def _reload(self) -> None:
        self.dismiss("reload")

    @on(Button.Pressed, "#conflict-keep")
    def _keep(self) -> None:
        self.dismiss("keep")
