"""The convert dialog: which client the lead becomes (new or existing), which contact, and
whether a deal opens in the first stage of a pipeline.

The store does the conversion in one transaction (`LeadRepository.convert`); the dialog
only gathers the choices. Contacts with the lead's phone or e-mail are offered (and the
first is chosen), so a known person is not entered twice; clients with a similar name are
named under the picker, for the user to choose if it is the same company.
"""

from __future__ import annotations

from typing import ClassVar

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Label, Select

from crm_tui.i18n import N_, _
from crm_tui.schemas.leads import ConvertRequest, LeadCard, LeadOut
from crm_tui.screens.base import CrmModal
from crm_tui.screens.lead_dialogs import LeadDialog
from crm_tui.validation import errors_by_field
from crm_tui.widgets.actions import UserAction, bindings
from crm_tui.widgets.form_rows import FieldErrors, field_row
from crm_tui.widgets.record_picker import RecordPicker
from crm_tui.widgets.text import plain

NEW_CONTACT = "new"
SEARCH_LIMIT = 8


class ConvertLeadDialog(LeadDialog):
    """Dismisses with the `Conversion` (None when cancelled, "reload" after a conflict)."""

    HELP = _(
        "Convert the lead. Leave the client picker empty to create a client with the name "
        "above, or find an existing client. Choose a known contact or a new one, and whether "
        "to open a deal. Everything is saved at once (Ctrl+S), or nothing is."
    )
    ACTIONS: ClassVar[list[UserAction]] = [
        UserAction("lead_convert.save", "ctrl+s", "save", N_("lead"), N_("Convert the lead"),
                   show=True, priority=True),
    ]
    BINDINGS = [*CrmModal.BINDINGS, *bindings(ACTIONS)]
    AUTO_FOCUS = "#convert-client-name"

    def __init__(self, lead: LeadOut) -> None:
        super().__init__(lead)
        self.errors = FieldErrors(self, "convert")

    def compose(self) -> ComposeResult:
        lead = self.lead
        default_name = lead.company or lead.name
        pipelines = self.store.settings.pipelines
        with Vertical(classes="lead-dialog convert-dialog"):
            yield Label(plain(_("Convert lead «{name}»", name=lead.name)), classes="dialog-title")
            with VerticalScroll():
                yield from field_row(
                    _("New client"),
                    Input(default_name, id="convert-client-name", compact=True),
                    self.errors, "client_name",
                )
                yield from field_row(
                    _("Or existing"),
                    RecordPicker(self._find_clients, placeholder=_("Search clients…"),
                                 id="convert-client"),
                    self.errors, "client_id",
                )
                yield Label("", id="convert-similar", classes="form-hint")
                yield from field_row(
                    _("Contact"),
                    Select([(_("New contact from the lead"), NEW_CONTACT)], value=NEW_CONTACT,
                           allow_blank=False, id="convert-contact", compact=True),
                    self.errors, "contact_id",
                )
                yield Checkbox(_("Open a deal"), value=True, id="convert-deal", compact=True)
                yield from field_row(
                    _("Pipeline"),
                    Select([(p.name, p.code) for p in pipelines], value=pipelines[0].code,
                           allow_blank=False, id="convert-pipeline", compact=True),
                    self.errors, "pipeline",
                )
                yield from field_row(
                    _("Deal title"),
                    Input(default_name, id="convert-deal-title", compact=True),
                    self.errors, "deal_title",
                )
                yield from self.errors.slot("")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Convert"), variant="primary", id="convert", compact=True)
                yield Button(_("Cancel"), id="cancel", compact=True)

    # -- widgets -----------------------------------------------------------------------------
    @property
    def client_picker(self) -> RecordPicker:
        return self.query_one("#convert-client", RecordPicker)

    @property
    def contact_select(self) -> Select:
        return self.query_one("#convert-contact", Select)

    @property
    def deal_box(self) -> Checkbox:
        return self.query_one("#convert-deal", Checkbox)

    # -- loading -----------------------------------------------------------------------------
    def on_mount(self) -> None:
        self.call_store(self.store.leads.card, self.lead.id, done=self._show_matches,
                        group="card")

    def _show_matches(self, card: LeadCard) -> None:
        known = [d for d in card.duplicates if d.kind == "contact" and d.reason in
                 ("phone", "email")]
        if known:
            select = self.contact_select
            select.set_options([
                (_("New contact from the lead"), NEW_CONTACT),
                *((plain(d.name), d.id) for d in known),
            ])
            select.value = known[0].id
        similar = [d.name for d in card.duplicates if d.kind == "client"]
        if similar:
            self.query_one("#convert-similar", Label).update(
                plain(_("Similar clients: {names}", names=", ".join(similar)))
            )

    def _find_clients(self, text: str) -> list[tuple[int, str]]:
        return [(c.id, c.name) for c in self.store.clients.page(search=text,
                                                                limit=SEARCH_LIMIT).items]

    @on(RecordPicker.Picked, "#convert-client")
    def _client_picked(self, event: RecordPicker.Picked) -> None:
        self.query_one("#convert-client-name", Input).disabled = event.record_id is not None

    @on(Checkbox.Changed, "#convert-deal")
    def _deal_toggled(self, event: Checkbox.Changed) -> None:
        self.query_one("#convert-pipeline", Select).disabled = not event.value
        self.query_one("#convert-deal-title", Input).disabled = not event.value

    # -- saving ------------------------------------------------------------------------------
    @on(Button.Pressed, "#convert")
    def action_save(self) -> None:
        self.errors.clear()
        contact = self.contact_select.value
        client_id = self.client_picker.record_id
        try:
            request = ConvertRequest(
                client_id=client_id,
                client_name=None if client_id else self.query_one("#convert-client-name",
                                                                   Input).value,
                contact_id=None if contact == NEW_CONTACT else contact,
                create_deal=self.deal_box.value,
                pipeline=self.query_one("#convert-pipeline", Select).value,
                deal_title=self.query_one("#convert-deal-title", Input).value,
            )
        except ValidationError as exc:
            self.errors.show(errors_by_field(exc))
            return
        self.call_store(self.store.leads.convert, self.lead.id, request, self.version,
                        done=self.dismiss, on_error=self.refused, group="save")

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
