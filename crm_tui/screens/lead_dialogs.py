"""Small lead dialogs: refuse with a reason, and choose the responsible.

Both call the store themselves and dismiss with the changed `LeadOut`, so a refusal (a
missing reason, no right to give the lead away) is shown in the dialog beside what the user
typed; "reload" means the lead changed elsewhere and the screen below should read it again.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, OptionList, TextArea
from textual.widgets.option_list import Option

from crm_tui.i18n import N_, _
from crm_tui.schemas.common import UserOut
from crm_tui.schemas.leads import LeadOut
from crm_tui.screens.base import CrmModal
from crm_tui.store.errors import ConflictError
from crm_tui.widgets.actions import UserAction, bindings
from crm_tui.widgets.form_rows import FieldErrors
from crm_tui.widgets.text import plain


class LeadDialog(CrmModal):
    """A lead dialog that saves over a conflict only when the user says so."""

    CSS_PATH = "lead_dialogs.tcss"

    def __init__(self, lead: LeadOut) -> None:
        super().__init__()
        self.lead = lead
        self.version: int | None = lead.version

    def refused(self, exc: Exception) -> None:
        from crm_tui.screens.conflict import ConflictDialog

        if isinstance(exc, ConflictError):
            self.app.push_screen(ConflictDialog(exc), self._conflict_answered)
            return
        self.errors.refused(exc)  # type: ignore[attr-defined]

    def _conflict_answered(self, choice: str | None) -> None:
        if choice == "reload":
            self.dismiss("reload")
        else:
            self.version = None  # keep: the next save goes over their change


class RefuseLeadDialog(LeadDialog):
    """Refuse a lead; the reason is required (the store says so if it is missing)."""

    HELP = _(
        "The person declined. Write why: the reason is kept on the lead, the heads of sales "
        "see it, and the owner gets a task to send a farewell letter with a survey. Save with "
        "Ctrl+S."
    )
    ACTIONS: ClassVar[list[UserAction]] = [
        UserAction("lead_refuse.save", "ctrl+s", "save", N_("lead"), N_("Refuse the lead"),
                   show=True, priority=True),
    ]
    BINDINGS = [*CrmModal.BINDINGS, *bindings(ACTIONS)]
    AUTO_FOCUS = "#refuse-reason"

    def __init__(self, lead: LeadOut) -> None:
        super().__init__(lead)
        self.errors = FieldErrors(self, "refuse")

    def compose(self) -> ComposeResult:
        with Vertical(classes="lead-dialog"):
            yield Label(plain(_("Refuse lead «{name}»", name=self.lead.name)),
                        classes="dialog-title")
            yield Label(_("Why did they refuse? The owner will get a task to send a farewell "
                          "letter with a survey."), classes="dialog-hint")
            yield TextArea(id="refuse-reason")
            yield from self.errors.slot("reason")
            yield from self.errors.slot("")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Refuse"), variant="error", id="refuse", compact=True)
                yield Button(_("Cancel"), id="cancel", compact=True)

    @on(Button.Pressed, "#refuse")
    def action_save(self) -> None:
        self.errors.clear()
        reason = self.query_one("#refuse-reason", TextArea).text
        self.call_store(self.store.leads.refuse, self.lead.id, reason, self.version,
                        done=self.dismiss, on_error=self.refused, group="save")

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


class AssignLeadDialog(LeadDialog):
    """Choose who answers for the lead: the head of sales picks anyone, a manager takes it."""

    HELP = _(
        "Choose the responsible for this lead and press Enter. The head of sales may give "
        "any lead to anyone; a manager may take a lead that nobody has yet."
    )
    AUTO_FOCUS = "#assign-users"

    def __init__(self, lead: LeadOut) -> None:
        super().__init__(lead)
        self.errors = FieldErrors(self, "assign")

    def compose(self) -> ComposeResult:
        with Vertical(classes="lead-dialog"):
            yield Label(plain(_("Responsible for «{name}»", name=self.lead.name)),
                        classes="dialog-title")
            yield OptionList(id="assign-users")
            yield from self.errors.slot("")

    def on_mount(self) -> None:
        user = self.store.user
        if user is not None and user.is_head:
            self.call_store(self.store.users.list, done=self._fill, group="users")
        elif user is not None:
            self._fill([user])

    def _fill(self, users: list[UserOut]) -> None:
        options = self.query_one("#assign-users", OptionList)
        options.set_options(
            Option(plain(u.display_name + (" ✓" if u.id == self.lead.owner_id else "")),
                   id=str(u.id))
            for u in users
        )
        options.highlighted = 0 if users else None

    @on(OptionList.OptionSelected, "#assign-users")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.errors.clear()
        self.call_store(self.store.leads.assign, self.lead.id, int(event.option.id or 0),
                        self.version, done=self.dismiss, on_error=self.refused, group="save")
