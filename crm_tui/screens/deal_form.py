"""The deal form: create a deal for a client, or edit one (the refusal dialog's "fill in" fix).

Values are parsed as people type them (1 200 000,50; 12,5; 31.12.2026), validated by the
deal schemas, and refused per field; nothing is saved until everything is valid. A save that
loses a race with another user goes to the shared conflict dialog, keeping what was typed.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, ClassVar

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Input, Label, Select, TextArea

from crm_tui.formatting import format_number, parse_amount
from crm_tui.i18n import N_, _
from crm_tui.schemas.deals import DealIn, DealOut, DealUpdate
from crm_tui.screens.base import CrmModal
from crm_tui.store.errors import ConflictError, InvalidInput
from crm_tui.validation import RECORD, errors_by_field
from crm_tui.widgets.actions import UserAction, bindings
from crm_tui.widgets.record_picker import RecordPicker
from crm_tui.widgets.text import plain

FIELDS = ("client_id", "title", "counterparty_id", "amount", "discount", "expected_close",
          "pipeline", "owner_id", "description")
DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y", "%d.%m.%y")


def parse_date(text: str) -> dt.date | None:
    """A date as Russian and ISO users write it; None for an empty box."""
    text = text.strip()
    if not text:
        return None
    for pattern in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(_("Enter a date like 31.12.2026"))


def parse_percent(text: str) -> Decimal | None:
    text = text.strip().rstrip("%").strip()
    if not text:
        return None
    try:
        return parse_amount(text)
    except ValueError:
        raise ValueError(_("Enter the discount in per cent, like 12,5")) from None


class DealFormScreen(CrmModal):
    """Dismisses with the saved `DealOut`, or None when cancelled."""

    CSS_PATH = "deal_form.tcss"
    HELP = _(
        "Create or edit a deal. Find the client by typing its name, choose its legal entity, "
        "then fill in the amount, discount and expected close date. Ctrl+S saves."
    )
    ACTIONS: ClassVar[list[UserAction]] = [
        UserAction("deal_form.save", "ctrl+s", "save", N_("deal"), N_("Save the deal"),
                   show=True, priority=True),
    ]
    BINDINGS = [*CrmModal.BINDINGS, *bindings(ACTIONS)]

    def __init__(self, deal_id: int | None = None, *, client_id: int | None = None,
                 client_name: str = "", pipeline: str | None = None,
                 focus: str | None = None) -> None:
        super().__init__()
        self.deal_id = deal_id
        self.client_id = client_id
        self.client_name = client_name
        self.pipeline = pipeline
        self.focus_field = focus
        self.deal: DealOut | None = None
        self._owners_loaded = False

    # -- layout ----------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        store = self.store
        title = _("New deal") if self.deal_id is None else _("Edit the deal")
        with Vertical(classes="dialog", id="deal-form"):
            yield Label(title, classes="dialog-title")
            with VerticalScroll():
                yield from self._row("client_id", _("Client"), self._client_widget())
                yield from self._row("title", _("Title"), Input(id="field-title"))
                yield from self._row(
                    "counterparty_id", _("Counterparty (legal entity)"),
                    Select([], prompt=_("No counterparty yet"), id="field-counterparty_id"),
                )
                with Horizontal(classes="pair"):
                    with Vertical():
                        yield from self._row("amount", _("Amount"), Input(id="field-amount"))
                    with Vertical():
                        yield from self._row("discount", _("Discount, %"),
                                             Input(id="field-discount"))
                yield from self._row("expected_close", _("Expected close date"),
                                     Input(placeholder="31.12.2026", id="field-expected_close"))
                if self.deal_id is None:
                    pipelines = [(p.name, p.code) for p in self.app.settings.pipelines]
                    yield from self._row("pipeline", _("Pipeline"), Select(
                        pipelines, allow_blank=False,
                        value=self.pipeline or pipelines[0][1], id="field-pipeline"))
                if store.user is not None and store.user.is_head:
                    yield from self._row("owner_id", _("Owner"),
                                         Select([], prompt=_("Me"), id="field-owner_id"))
                yield from self._row("description", _("Description"),
                                     TextArea(id="field-description"))
            yield Label("", classes="field-error", id="error-record")
            yield Label(_("Ctrl+S saves · Escape cancels"), classes="dialog-hint")

    def _row(self, name: str, label: str, widget: Widget) -> ComposeResult:
        yield Label(label, classes="field-label")
        yield widget
        yield Label("", classes="field-error", id=f"error-{name}")

    def _client_widget(self) -> Widget:
        if self.deal_id is not None or self.client_id is not None:
            return Label(plain(self.client_name), id="field-client_id")
        store = self.store

        def search(text: str) -> list[tuple[int, str]]:
            if text.isdigit():  # an INN of one of the client's legal entities
                return [(c.id, c.name) for c in store.clients.page(search=text, limit=8).items]
            # Any word of the name: "альфа" finds "ООО «Альфа»".
            return [(hit.id, hit.title) for hit in store.search.page("client", text, limit=8).items]

        return RecordPicker(search, placeholder=_("Type the client's name or INN…"),
                            id="field-client_id")

    # -- loading ---------------------------------------------------------------------------
    def on_mount(self) -> None:
        if self.store.user is not None and self.store.user.is_head:
            self.call_store(self.store.users.list, done=self._fill_owners, group="owners")
        if self.deal_id is not None:
            self.call_store(self.store.deals.get, self.deal_id, done=self._fill, group="deal")
        else:
            if self.client_id is not None:
                self._load_counterparties(self.client_id)
                if not self.client_name:
                    self.call_store(self.store.clients.get, self.client_id, group="client",
                                    done=lambda c: self.query_one("#field-client_id", Label)
                                    .update(plain(c.name)))
            self._focus_first()

    def _fill_owners(self, users) -> None:  # type: ignore[no-untyped-def]
        select = self.query_one("#field-owner_id", Select)
        select.set_options([(plain(u.display_name), u.id) for u in users if u.active])
        self._owners_loaded = True
        if self.deal is not None and self.deal.owner_id is not None:
            select.value = self.deal.owner_id

    def _fill(self, deal: DealOut) -> None:
        self.deal = deal
        self.client_id = deal.client_id
        self.query_one("#field-client_id", Label).update(plain(deal.client_name))
        self.query_one("#field-title", Input).value = deal.title
        self.query_one("#field-amount", Input).value = format_number(deal.amount, 2)
        self.query_one("#field-discount", Input).value = format_number(deal.discount)
        self.query_one("#field-expected_close", Input).value = (
            deal.expected_close.strftime("%d.%m.%Y") if deal.expected_close else "")
        self.query_one("#field-description", TextArea).text = deal.description or ""
        if self._owners_loaded and deal.owner_id is not None:
            self.query_one("#field-owner_id", Select).value = deal.owner_id
        self._load_counterparties(deal.client_id, deal.counterparty_id)
        self._focus_first()

    def _load_counterparties(self, client_id: int, chosen: int | None = None) -> None:
        def fill(counterparties) -> None:  # type: ignore[no-untyped-def]
            select = self.query_one("#field-counterparty_id", Select)
            select.set_options([(plain(f"{cp.name} ({cp.inn})" if cp.inn else cp.name), cp.id)
                                for cp in counterparties])
            if chosen is not None and any(cp.id == chosen for cp in counterparties):
                select.value = chosen
            elif len(counterparties) == 1 and self.deal is None:
                select.value = counterparties[0].id

        self.call_store(self.store.counterparties.of_client, client_id, done=fill,
                        group="counterparties")

    def _focus_first(self) -> None:
        wanted = self.focus_field or ("client_id" if self.deal_id is None else "title")
        if wanted == "client_id" and self.deal_id is not None:
            wanted = "title"
        found = self.query(f"#field-{wanted}")
        target = found.first() if found else self.query_one("#field-title", Input)
        if isinstance(target, RecordPicker):
            target.input.focus()
        elif target.focusable:
            target.focus()

    @on(RecordPicker.Picked, "#field-client_id")
    def _client_picked(self, event: RecordPicker.Picked) -> None:
        self.client_id = event.record_id
        select = self.query_one("#field-counterparty_id", Select)
        select.set_options([])
        if event.record_id is not None:
            self._load_counterparties(event.record_id)

    # -- saving ----------------------------------------------------------------------------
    def _value(self, selector: str) -> Any:
        found = self.query(selector)
        if not found:
            return None
        widget = found.first()
        if isinstance(widget, Select):
            return None if widget.is_blank() else widget.value
        if isinstance(widget, TextArea):
            return widget.text
        return widget.value  # type: ignore[attr-defined]

    def _collect(self) -> tuple[DealIn | DealUpdate | None, dict[str, str]]:
        errors: dict[str, str] = {}
        values: dict[str, Any] = {
            "title": self._value("#field-title") or "",
            "counterparty_id": self._value("#field-counterparty_id"),
            "description": self._value("#field-description") or None,
            "owner_id": self._value("#field-owner_id"),
        }
        for name, parse in (("amount", lambda t: parse_amount(t) if t.strip() else None),
                            ("discount", parse_percent), ("expected_close", parse_date)):
            try:
                values[name] = parse(self._value(f"#field-{name}") or "")
            except ValueError as exc:
                errors[name] = str(exc)
        if self.deal is None and self.deal_id is None:
            if self.client_id is None:
                errors["client_id"] = _("Choose the client")
            values.update(client_id=self.client_id or 0, pipeline=self._value("#field-pipeline"),
                          currency=self.app.settings.currency)
            model: type[DealIn] | type[DealUpdate] = DealIn
        else:
            if self.deal is not None:
                values["currency"] = self.deal.currency
            model = DealUpdate
        try:
            data = model.model_validate({k: v for k, v in values.items() if k not in errors})
        except ValidationError as exc:
            for field, message in errors_by_field(exc).items():
                errors.setdefault(field.split(".")[0] or RECORD, message)
            data = None
        return (None if errors else data), errors

    def _show_errors(self, errors: dict[str, str]) -> None:
        for label in self.query(".field-error").results(Label):
            label.update("")
            label.remove_class("-shown")
        for field, message in errors.items():
            target = f"#error-{field}" if field in FIELDS else "#error-record"
            found = self.query(target)
            label = found.first(Label) if found else self.query_one("#error-record", Label)
            label.update(plain(message))
            label.add_class("-shown")

    def action_save(self) -> None:
        if self.deal_id is not None and self.deal is None:
            return  # still loading: nothing typed can be lost by waiting
        data, errors = self._collect()
        self._show_errors(errors)
        if data is None:
            return
        if isinstance(data, DealIn):
            self.call_store(self.store.deals.create, data, done=self.dismiss,
                            on_error=self._save_failed, group="save")
        else:
            assert self.deal is not None
            self.call_store(self.store.deals.update, self.deal.id, self.deal.version, data,
                            done=self.dismiss, on_error=self._save_failed, group="save")

    def _save_failed(self, exc: Exception) -> None:
        if isinstance(exc, InvalidInput):
            self._show_errors({exc.field or RECORD: exc.message})
        elif isinstance(exc, ConflictError):
            self._conflict(exc)
        else:
            self.show_store_error(exc)

    def _conflict(self, exc: ConflictError) -> None:
        """Someone saved first: reload their version or keep ours and save over it."""
        from crm_tui.screens.conflict import ConflictDialog

        def answered(choice: str | None) -> None:
            if choice == "reload":
                self.call_store(self.store.deals.get, self.deal_id, done=self._fill,
                                group="deal")
            else:  # "keep" (escape too): never lose what was typed
                self.call_store(self.store.deals.get, self.deal_id, done=self._new_version,
                                group="deal")

        self.app.push_screen(ConflictDialog(exc), answered)

    def _new_version(self, fresh: DealOut) -> None:
        """Keep what was typed; the next save goes over the other user's version."""
        self.deal = fresh
        self._show_errors({RECORD: _("Your changes are kept: save again to replace the "
                                     "other version.")})
