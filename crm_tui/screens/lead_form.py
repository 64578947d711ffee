"""The new-lead form (`FORMS["lead"]`): who wrote in, from which company, how to reach them,
and where they came from.

The store scores the lead, checks it against known contacts and open leads, and picks the
responsible by the team's strategy; the form only validates what was typed. The head of
sales may name the responsible straight away.
"""

from __future__ import annotations

from typing import ClassVar

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Select

from crm_tui.i18n import N_, _
from crm_tui.leads.scoring import SOURCE_NAMES
from crm_tui.schemas.common import UserOut
from crm_tui.schemas.leads import LeadIn
from crm_tui.screens.base import CrmModal
from crm_tui.validation import PHONE_REGION_KEY, errors_by_field
from crm_tui.widgets.actions import UserAction, bindings
from crm_tui.widgets.form_rows import FieldErrors, field_row

FIELDS = ("name", "company", "phone", "email")


class LeadForm(CrmModal):
    """Create a lead; dismisses with the store's `LeadCreated` (None when cancelled)."""

    CSS_PATH = "lead_dialogs.tcss"
    HELP = _(
        "A new lead. The name is required; a company, a phone and an e-mail make the lead "
        "score higher. Enter moves to the next field; Ctrl+S saves. Possible duplicates are "
        "reported after saving, never refused."
    )
    ACTIONS: ClassVar[list[UserAction]] = [
        UserAction("lead_form.save", "ctrl+s", "save", N_("lead"), N_("Save the lead"),
                   show=True, priority=True),
    ]
    BINDINGS = [*CrmModal.BINDINGS, *bindings(ACTIONS)]
    AUTO_FOCUS = "#lead-name"

    def __init__(self, **initial: str) -> None:
        super().__init__()
        self._initial = initial
        self.errors = FieldErrors(self, "lead")

    def compose(self) -> ComposeResult:
        labels = {"name": _("Full name"), "company": _("Company"), "phone": _("Phone"),
                  "email": _("E-mail")}
        hints = {"name": _("Who wrote in"), "company": _("Company, if any"),
                 "phone": "+7 916 123-45-67", "email": "name@example.ru"}
        user = self.store.user
        with Vertical(classes="lead-dialog"):
            yield Label(_("New lead"), classes="dialog-title")
            with VerticalScroll():
                for name in FIELDS:
                    yield from field_row(
                        labels[name],
                        Input(self._initial.get(name, ""), placeholder=hints[name],
                              id=f"lead-{name}", compact=True),
                        self.errors, name,
                    )
                yield from field_row(
                    _("Source"),
                    Select([(_(title), code) for code, title in SOURCE_NAMES.items()],
                           prompt=_("Not known"), id="lead-source", compact=True),
                    self.errors, "source",
                )
                if user is not None and user.is_head:
                    yield from field_row(
                        _("Responsible"),
                        Select([], prompt=_("By the team's rule"), id="lead-owner",
                               compact=True),
                        self.errors, "owner_id",
                    )
                yield from self.errors.slot("")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Save"), variant="primary", id="save", compact=True)
                yield Button(_("Cancel"), id="cancel", compact=True)

    def on_mount(self) -> None:
        user = self.store.user
        if user is not None and user.is_head:
            self.call_store(self.store.users.list, done=self._fill_owners, group="users")

    def _fill_owners(self, users: list[UserOut]) -> None:
        self.query_one("#lead-owner", Select).set_options([(u.display_name, u.id)
                                                          for u in users])

    @on(Input.Submitted)
    def _next_field(self) -> None:
        self.focus_next()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        self.errors.clear()
        source = self.query_one("#lead-source", Select)
        values = {name: self.query_one(f"#lead-{name}", Input).value for name in FIELDS}
        values["source"] = None if source.is_blank() else source.value
        for owner in self.query("#lead-owner").results(Select):  # shown to the head only
            values["owner_id"] = None if owner.is_blank() else owner.value
        try:
            data = LeadIn.model_validate(
                values, context={PHONE_REGION_KEY: self.store.settings.phone_region}
            )
        except ValidationError as exc:
            self.errors.show(errors_by_field(exc))
            return
        self.call_store(self.store.leads.create, data, done=self.dismiss,
                        on_error=self.errors.refused, group="save")

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
