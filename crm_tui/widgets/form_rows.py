"""Labelled form rows with a message slot under each field, for the small record dialogs.

A refusal (pydantic's or the store's `InvalidInput`) is shown beside the field it names, so
the user sees what to fix without losing what they typed; a refusal of the whole record
goes to the slot keyed "".
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from textual.containers import Horizontal
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Label

from crm_tui.widgets.text import plain


def field_row(title: str, field: Widget, errors: FieldErrors, name: str) -> Iterator[Widget]:
    """A label, the field, and the error slot of `name` below them."""
    yield Horizontal(Label(title, classes="form-label"), field, classes="form-row")
    yield from errors.slot(name)


class FieldErrors:
    """The error labels of one form, keyed by field name ("" for the record as a whole)."""

    def __init__(self, screen: Screen, prefix: str) -> None:
        self.screen = screen
        self.prefix = prefix
        self.names: list[str] = []

    def _id(self, name: str) -> str:
        return f"{self.prefix}-error-{name.replace('.', '-') or 'record'}"

    def slot(self, name: str) -> Iterator[Label]:
        self.names.append(name)
        label = Label("", id=self._id(name), classes="field-error")
        label.display = False
        yield label

    def clear(self) -> None:
        for name in self.names:
            label = self.screen.query_one(f"#{self._id(name)}", Label)
            label.update("")
            label.display = False

    def show(self, errors: dict[str, str]) -> None:
        """Show each message at its field; one for a field without a slot goes to the record's."""
        unplaced = []
        for name, message in errors.items():
            top = name.split(".")[0]
            if top in self.names and top:
                self._put(top, message)
            else:
                unplaced.append(message)
        if unplaced:
            self._put("", "\n".join(unplaced))

    def _put(self, name: str, message: str) -> None:
        label = self.screen.query_one(f"#{self._id(name)}", Label)
        label.update(plain(message))
        label.display = True

    def refused(self, exc: Any) -> None:
        """`on_error` of a store call: a refusal about a field is shown there, others notify."""
        field = getattr(exc, "field", None)
        if field is not None or type(exc).__name__ == "InvalidInput":
            self.show({field or "": str(exc)})
            return
        self.screen.show_store_error(exc)  # type: ignore[attr-defined]
