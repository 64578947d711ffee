"""The contract and ticket forms: new ones (from the list or a client's card) and edits.

`new_record(app, "contract", client_id=...)` opens the form with the client filled in;
without one the form asks for the client first, since a contract's counterparty and deal
must be that client's. A saved record never moves to another client.
"""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Select

from crm_tui.i18n import N_, _
from crm_tui.schemas.contracts import (
    CONTRACT_STATUSES,
    TICKET_STATUSES,
    ContractIn,
    ContractOut,
    TicketIn,
    TicketOut,
)
from crm_tui.screens.base import CrmModal
from crm_tui.validation import errors_by_field
from crm_tui.widgets.actions import UserAction, bindings
from crm_tui.widgets.form_rows import FieldErrors, field_row
from crm_tui.widgets.record_picker import RecordPicker
from crm_tui.widgets.text import plain

SEARCH_LIMIT = 8
DATE_HINT = "05.03.2026"


def typed_date(value: Any) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


class _ClientRecordForm(CrmModal):
    """What the contract and ticket forms share: the client, its legal entity, saving."""

    CSS_PATH = "contract_form.tcss"
    KIND: ClassVar[str] = ""
    STATUSES: ClassVar[dict[str, str]] = {}
    ACTIONS: ClassVar[list[UserAction]] = [
        UserAction("record_form.save", "ctrl+s", "save", N_("record"), N_("Save"), show=True,
                   priority=True),
    ]
    BINDINGS = bindings(ACTIONS)

    def __init__(self, client_id: int | None = None, *, record: Any = None,
                 deal_id: int | None = None) -> None:
        super().__init__()
        self.record = record
        self.client_id = record.client_id if record else client_id
        self.deal_id = record.deal_id if record is not None and hasattr(record, "deal_id") \
            else deal_id
        self.version = record.version if record else None
        self.errors = FieldErrors(self, self.KIND)

    # -- parts the subclasses fill -------------------------------------------------------------
    def title_text(self) -> str:
        raise NotImplementedError

    def own_fields(self) -> ComposeResult:
        raise NotImplementedError

    def values(self) -> dict[str, Any]:
        raise NotImplementedError

    def repository(self) -> Any:
        raise NotImplementedError

    def schema(self) -> type[Any]:
        raise NotImplementedError

    # -- layout ----------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Vertical(classes="record-dialog"):
            yield Label(self.title_text(), classes="dialog-title")
            with VerticalScroll():
                picker = RecordPicker(self._find_clients, placeholder=_("Search clients…"),
                                      id="form-client")
                picker.disabled = self.record is not None
                yield from field_row(_("Client"), picker, self.errors, "client_id")
                yield from field_row(
                    _("Counterparty"),
                    Select([], prompt=_("No legal entity yet"), id="form-counterparty",
                           compact=True),
                    self.errors, "counterparty_id")
                yield from self.own_fields()
                yield from field_row(
                    _("Status"),
                    Select([(_(name), code) for code, name in self.STATUSES.items()],
                           value=self.record.status if self.record else next(iter(self.STATUSES)),
                           allow_blank=False, id="form-status", compact=True),
                    self.errors, "status")
                yield from self.errors.slot("")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Save"), variant="primary", id="save", compact=True)
                yield Button(_("Cancel"), id="cancel", compact=True)

    def on_mount(self) -> None:
        if self.client_id is not None:
            self.call_store(self._client_links, self.client_id, done=self._show_client,
                            group="links")
        else:
            self.client_picker.input.focus()

    @property
    def client_picker(self) -> RecordPicker:
        return self.query_one("#form-client", RecordPicker)

    def _find_clients(self, text: str) -> list[tuple[int, str]]:
        return [(c.id, c.name) for c in self.store.clients.page(search=text,
                                                                limit=SEARCH_LIMIT).items]

    def _client_links(self, client_id: int) -> dict[str, Any]:
        store = self.store
        return {"client": store.clients.get(client_id),
                "counterparties": store.counterparties.of_client(client_id),
                "deals": store.deals.of_client(client_id).items}

    def _show_client(self, found: dict[str, Any]) -> None:
        client = found["client"]
        self.client_id = client.id
        self.client_picker.choose(client.id, client.name)
        select = self.query_one("#form-counterparty", Select)
        select.set_options([(plain(cp.name), cp.id) for cp in found["counterparties"]])
        if self.record is not None and self.record.counterparty_id is not None:
            select.value = self.record.counterparty_id
        elif len(found["counterparties"]) == 1:
            select.value = found["counterparties"][0].id
        self.client_shown(found)
        self.focus_first_field()

    def client_shown(self, found: dict[str, Any]) -> None:
        """A subclass hook: the client's other records are known now."""

    def focus_first_field(self) -> None:
        raise NotImplementedError

    @on(RecordPicker.Picked, "#form-client")
    def _client_picked(self, event: RecordPicker.Picked) -> None:
        if event.record_id is None:
            self.client_id = None
            self.query_one("#form-counterparty", Select).set_options([])
            return
        self.call_store(self._client_links, event.record_id, done=self._show_client,
                        group="links")

    @staticmethod
    def selected(select: Select) -> Any:
        return None if select.is_blank() else select.value

    # -- saving ----------------------------------------------------------------------------
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        self.errors.clear()
        if self.client_id is None:
            self.errors.show({"client_id": _("Choose the client first.")})
            return
        data = {
            "client_id": self.client_id,
            "counterparty_id": self.selected(self.query_one("#form-counterparty", Select)),
            "status": self.query_one("#form-status", Select).value,
            **self.values(),
        }
        try:
            checked = self.schema().model_validate(data)
        except ValidationError as exc:
            self.errors.show(errors_by_field(exc))
            return
        repository = self.repository()
        if self.record is None:
            self.call_store(repository.create, checked, done=self.dismiss,
                            on_error=self._refused, group="save")
        else:
            self.call_store(repository.update, self.record.id, self.version, checked,
                            done=self.dismiss, on_error=self._refused, group="save")

    def _refused(self, exc: Exception) -> None:
        from crm_tui.store.errors import ConflictError

        if not isinstance(exc, ConflictError):
            self.errors.refused(exc)
            return
        from crm_tui.screens.conflict import ConflictDialog

        self.app.push_screen(ConflictDialog(exc), self._conflict_answered)

    def _conflict_answered(self, answer: str | None) -> None:
        """"reload": show their version; "keep": keep the typing, save over theirs next."""
        def fresh(record: Any) -> None:
            self.version = record.version
            if answer == "reload":
                self.record = record
                self.refill(record)

        self.call_store(self.repository().get, self.record.id, done=fresh, group="reload")

    def refill(self, record: Any) -> None:
        self.query_one("#form-status", Select).value = record.status
        self.call_store(self._client_links, record.client_id, done=self._show_client,
                        group="links")

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


class ContractForm(_ClientRecordForm):
    """Create or edit a contract; dismisses with the saved `ContractOut`, or None."""

    KIND = "contract"
    STATUSES = CONTRACT_STATUSES
    HELP = _(
        "A contract of a client: its number, the legal entity it is signed on, the deal it "
        "came from, its status and dates (05.03.2026). Ctrl+S saves."
    )
    record: ContractOut | None

    def title_text(self) -> str:
        return _("Edit the contract") if self.record else _("New contract")

    def own_fields(self) -> ComposeResult:
        record = self.record
        yield from field_row(_("Number"),
                             Input(record.number if record else "", id="form-number",
                                   compact=True),
                             self.errors, "number")
        yield from field_row(_("Deal"),
                             Select([], prompt=_("No deal"), id="form-deal", compact=True),
                             self.errors, "deal_id")
        yield from field_row(_("Signed on"),
                             Input(typed_date(record.signed_on) if record else "",
                                   placeholder=DATE_HINT, id="form-signed", compact=True),
                             self.errors, "signed_on")
        yield from field_row(_("Valid until"),
                             Input(typed_date(record.valid_until) if record else "",
                                   placeholder=DATE_HINT, id="form-valid", compact=True),
                             self.errors, "valid_until")

    def client_shown(self, found: dict[str, Any]) -> None:
        select = self.query_one("#form-deal", Select)
        select.set_options([(plain(d.title), d.id) for d in found["deals"]])
        if self.deal_id is not None and any(d.id == self.deal_id for d in found["deals"]):
            select.value = self.deal_id

    def focus_first_field(self) -> None:
        self.query_one("#form-number", Input).focus()

    def values(self) -> dict[str, Any]:
        return {
            "number": self.query_one("#form-number", Input).value,
            "deal_id": self.selected(self.query_one("#form-deal", Select)),
            "signed_on": self.query_one("#form-signed", Input).value,
            "valid_until": self.query_one("#form-valid", Input).value,
        }

    def refill(self, record: Any) -> None:
        self.query_one("#form-number", Input).value = record.number
        self.query_one("#form-signed", Input).value = typed_date(record.signed_on)
        self.query_one("#form-valid", Input).value = typed_date(record.valid_until)
        self.deal_id = record.deal_id
        super().refill(record)

    def repository(self) -> Any:
        return self.store.contracts

    def schema(self) -> type[ContractIn]:
        return ContractIn


class TicketForm(_ClientRecordForm):
    """Create or edit a ticket; dismisses with the saved `TicketOut`, or None."""

    KIND = "ticket"
    STATUSES = TICKET_STATUSES
    HELP = _(
        "A ticket (a client's request or complaint): its subject, the legal entity, status "
        "and dates (05.03.2026). A new ticket is opened today unless you say otherwise. "
        "Ctrl+S saves."
    )
    record: TicketOut | None

    def title_text(self) -> str:
        return _("Edit the ticket") if self.record else _("New ticket")

    def own_fields(self) -> ComposeResult:
        record = self.record
        yield from field_row(_("Subject"),
                             Input(record.subject if record else "", id="form-subject",
                                   compact=True),
                             self.errors, "subject")
        yield from field_row(_("Opened on"),
                             Input(typed_date(record.opened_on) if record else "",
                                   placeholder=DATE_HINT, id="form-opened", compact=True),
                             self.errors, "opened_on")
        yield from field_row(_("Closed on"),
                             Input(typed_date(record.closed_on) if record else "",
                                   placeholder=DATE_HINT, id="form-closed", compact=True),
                             self.errors, "closed_on")

    def focus_first_field(self) -> None:
        self.query_one("#form-subject", Input).focus()

    def values(self) -> dict[str, Any]:
        return {
            "subject": self.query_one("#form-subject", Input).value,
            "opened_on": self.query_one("#form-opened", Input).value,
            "closed_on": self.query_one("#form-closed", Input).value,
        }

    def refill(self, record: Any) -> None:
        self.query_one("#form-subject", Input).value = record.subject
        self.query_one("#form-opened", Input).value = typed_date(record.opened_on)
        self.query_one("#form-closed", Input).value = typed_date(record.closed_on)
        super().refill(record)

    def repository(self) -> Any:
        return self.store.tickets

    def schema(self) -> type[TicketIn]:
        return TicketIn
