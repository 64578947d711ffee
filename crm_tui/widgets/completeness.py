"""Card completeness: which of the configured important fields are still empty."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Label

from crm_tui.i18n import _
from crm_tui.widgets.record_text import field_label
from crm_tui.widgets.text import plain


class Completeness(Label):
    """One line under a card's fields; the head of sales checks cards by it."""

    DEFAULT_CSS = """
    Completeness { padding: 0 1; }
    Completeness.-complete { color: $success; }
    Completeness.-missing { color: $warning; text-style: bold; }
    """

    def show(self, missing: Sequence[str]) -> None:
        self.set_class(not missing, "-complete")
        self.set_class(bool(missing), "-missing")
        if not missing:
            self.update(Text(_("Card complete: every important field is filled in.")))
            return
        names = ", ".join(field_label(name) for name in missing)
        self.update(plain(_("Missing on this card: {fields}", fields=names)))
