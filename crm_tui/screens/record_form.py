"""What the client, counterparty and contact forms share: fields declared once, validation
beside each field, saving in a worker, and the conflict dialog when someone saved first.

A form never loses what was typed: a refusal (pydantic's or the store's) is shown next to its
field and nothing is saved; a conflict asks the user, and "keep editing" leaves every value
in place, taking the other user's version number so that the next save replaces it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ValidationError
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, TextArea
from textual.widgets.select import InvalidSelectValueError

from crm_tui.i18n import N_, _
from crm_tui.screens.base import CrmModal
from crm_tui.store.errors import ConflictError, InvalidInput
from crm_tui.validation import PHONE_REGION_KEY, RECORD, errors_by_field
from crm_tui.widgets.actions import UserAction, bindings
from crm_tui.widgets.text import plain

FieldKind = Literal["line", "text", "select", "list"]
_LIST_SEPARATORS = re.compile(r"[;,\n]")


@dataclass(frozen=True)
class FormField:
    """One field: `name` is the schema's field name; `label` a msgid translated on show.

    `list` fields hold several values in one box, separated by commas or semicolons.
    """

    name: str
    label: str
    kind: FieldKind = "line"
    options: Sequence[tuple[str, Any]] = ()
    allow_blank: bool = True
    placeholder: str = ""


class RecordForm(CrmModal):
    """Subclasses declare `FIELDS` and `MODEL` and say how to load and persist a record."""

    CSS_PATH = "record_form.tcss"
    FIELDS: ClassVar[list[FormField]] = []
    MODEL: ClassVar[type[BaseModel]]
    ACTIONS: ClassVar[list[UserAction]] = [
        UserAction("form.save", "ctrl+s", "save", N_("form"), N_("Save"), show=True,
                   priority=True),
    ]
    BINDINGS = [*CrmModal.BINDINGS, *bindings(ACTIONS)]
    AUTO_FOCUS = "#form-fields Input"

    def __init__(self, record_id: int | None = None) -> None:
        super().__init__()
        self.record_id = record_id
        self.version: int | None = None
        self.saving = False

    # -- what subclasses provide ------------------------------------------------------
    def form_title(self) -> str:
        raise NotImplementedError

    def load(self) -> Any:
        """The record as stored now (run in a worker)."""
        raise NotImplementedError

    def values_of(self, record: Any) -> dict[str, Any]:
        """The form's values for a stored record."""
        return {f.name: getattr(record, f.name, None) for f in self.FIELDS}

    def persist(self, data: BaseModel) -> Any:
        """Create or update (run in a worker); returns what the form dismisses with."""
        raise NotImplementedError

    def model_data(self, values: dict[str, Any]) -> dict[str, Any]:
        """The schema's input from the form's values (subclasses add fixed fields)."""
        return values

    # -- layout --------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Vertical(id="form-box"):
            yield Label(self.form_title(), id="form-title", classes="section-title")
            with VerticalScroll(id="form-fields", can_focus=False):
                for spec in self.FIELDS:
                    with Horizontal(classes=f"form-row form-{spec.kind}"):
                        yield Label(_(spec.label), classes="form-label")
                        with Vertical(classes="form-cell"):
                            yield self._control(spec)
                            yield Label("", id=f"error-{spec.name}", classes="field-error")
            yield Label("", id="error-record", classes="field-error")
            with Horizontal(classes="buttons"):
                yield Button(_("Save") + " (ctrl+s)", id="form-save", variant="primary")
                yield Button(_("Cancel") + " (esc)", id="form-cancel")

    def _control(self, spec: FormField) -> Widget:
        widget_id = f"field-{spec.name}"
        if spec.kind == "text":
            return TextArea(id=widget_id, soft_wrap=True, show_line_numbers=False)
        if spec.kind == "select":
            options = [(_(label), value) for label, value in spec.options]
            if spec.allow_blank:
                return Select(options, id=widget_id, allow_blank=True, prompt="—")
            return Select(options, id=widget_id, allow_blank=False,
                          value=options[0][1] if options else Select.NULL)
        return Input(id=widget_id, placeholder=_(spec.placeholder) if spec.placeholder else "")

    def on_mount(self) -> None:
        for label in self.query(".field-error"):
            label.display = False
        if self.record_id is not None:
            self.call_store(self.load, done=self.loaded, group="load")

    # -- values ----------------------------------------------------------------------------
    def control(self, name: str) -> Widget:
        return self.query_one(f"#field-{name}")

    def values(self) -> dict[str, Any]:
        """What the user typed, in the shape the schema reads."""
        found: dict[str, Any] = {}
        for spec in self.FIELDS:
            widget = self.control(spec.name)
            if isinstance(widget, TextArea):
                found[spec.name] = widget.text
            elif isinstance(widget, Select):
                found[spec.name] = None if widget.value is Select.NULL else widget.value
            elif spec.kind == "list":
                parts = _LIST_SEPARATORS.split(widget.value)  # type: ignore[attr-defined]
                found[spec.name] = [p.strip() for p in parts if p.strip()]
            else:
                found[spec.name] = widget.value  # type: ignore[attr-defined]
        return found

    def fill(self, values: dict[str, Any]) -> None:
        for spec in self.FIELDS:
            if spec.name not in values:
                continue
            value = values[spec.name]
            widget = self.control(spec.name)
            if isinstance(widget, TextArea):
                widget.text = value or ""
            elif isinstance(widget, Select):
                self._choose(widget, value, spec.allow_blank)
            elif spec.kind == "list":
                widget.value = ", ".join(value or ())  # type: ignore[attr-defined]
            else:
                widget.value = "" if value is None else str(value)  # type: ignore[attr-defined]

    @staticmethod
    def _choose(select: Select, value: Any, allow_blank: bool) -> None:
        """Select `value`; a value the list does not offer (or None) leaves it blank."""
        try:
            if value is None:
                raise InvalidSelectValueError(value)
            select.value = value
        except InvalidSelectValueError:
            if allow_blank:
                select.clear()

    def loaded(self, record: Any) -> None:
        """The stored record arrived (on open, or on "reload" after a conflict)."""
        self.version = record.version
        self.fill(self.values_of(record))
        self.show_errors({})

    # -- validation --------------------------------------------------------------------------
    def validate(self) -> tuple[BaseModel | None, dict[str, str]]:
        context = {PHONE_REGION_KEY: self.app.settings.phone_region}
        try:
            return self.MODEL.model_validate(self.model_data(self.values()),
                                             context=context), {}
        except ValidationError as exc:
            return None, errors_by_field(exc)

    def show_errors(self, errors: dict[str, str], only: str | None = None) -> None:
        """Each message beside its field; `only` updates one field (as the user leaves it)."""
        names = {spec.name for spec in self.FIELDS}
        placed: dict[str, str] = {}
        for key, message in errors.items():
            top = key.split(".")[0]
            target = top if top in names else RECORD
            placed.setdefault(target, message)
        targets = [only] if only is not None else [*names, RECORD]
        for name in targets:
            label = self.query_one(f"#error-{name or 'record'}", Label)
            message = placed.get(name or RECORD, "")
            label.update(plain(message))
            label.display = bool(message)

    @on(Input.Blurred)
    def _left_field(self, event: Input.Blurred) -> None:
        """Check a field as the user leaves it, so a wrong INN is flagged before saving."""
        name = (event.input.id or "").removeprefix("field-")
        if name and event.input.value.strip():
            _model, errors = self.validate()
            self.show_errors(errors, only=name)

    # -- saving ------------------------------------------------------------------------------
    def action_save(self) -> None:
        if self.saving:
            return
        data, errors = self.validate()
        self.show_errors(errors)
        if data is None:
            self._focus_first_error(errors)
            return
        self.saving = True
        self.call_store(self.persist, data, done=self._saved, on_error=self._refused,
                        group="save")

    def _focus_first_error(self, errors: dict[str, str]) -> None:
        for spec in self.FIELDS:
            if any(key.split(".")[0] == spec.name for key in errors):
                self.control(spec.name).focus()
                return

    def _saved(self, result: Any) -> None:
        self.saving = False
        self.dismiss(result)

    def _refused(self, exc: Exception) -> None:
        self.saving = False
        if isinstance(exc, ConflictError):
            self._conflict(exc)
        elif isinstance(exc, InvalidInput):
            self.show_errors({exc.field or RECORD: exc.message})
        elif isinstance(exc, ValidationError):
            self.show_errors(errors_by_field(exc))
        else:
            self.show_errors({RECORD: str(exc)})
            self.show_store_error(exc)

    def _conflict(self, exc: ConflictError) -> None:
        from crm_tui.screens.conflict import ConflictDialog

        def answered(choice: str | None) -> None:
            if choice == "reload":
                self.call_store(self.load, done=self.loaded, group="load")
            else:
                self.call_store(self.load, done=self._take_version, group="load")

        self.app.push_screen(ConflictDialog(exc), answered)

    def _take_version(self, record: Any) -> None:
        """Keep editing: every typed value stays; the next save goes over their version."""
        self.version = record.version
        self.show_errors({RECORD: _("Your values are kept; saving now replaces the other "
                                    "user's change.")})

    @on(Button.Pressed, "#form-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#form-cancel")
    def _cancel_pressed(self) -> None:
        self.dismiss(None)
