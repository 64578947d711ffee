"""Link an existing person to a client: find them by name, phone or e-mail, give a position."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, OptionList
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from crm_tui.i18n import N_, _
from crm_tui.schemas.search import SearchHit
from crm_tui.screens.base import CrmModal
from crm_tui.widgets.actions import UserAction, bindings
from crm_tui.widgets.search_results import hit_text
from crm_tui.widgets.text import plain

MATCHES = 20


class ContactPicker(CrmModal):
    """Dismisses with `(contact_id, position)` or None."""

    CSS_PATH = "contact_picker.tcss"
    # Its stylesheet selects this class, not the type: the contact-picker widget shares the name.
    DEFAULT_CLASSES = "contact-link-dialog"
    HELP = _(
        "Find the person by name, phone or e-mail; down moves into the matches and enter "
        "picks one. Then give their position at this client (or leave it empty to keep the "
        "one on their card) and press ctrl+s."
    )
    ACTIONS: ClassVar[list[UserAction]] = [
        UserAction("picker.link", "ctrl+s", "link", N_("contact"), N_("Link the contact"),
                   show=True, priority=True),
        UserAction("picker.matches", "down", "focus_matches", N_("contact"),
                   N_("Go to the matches")),
    ]
    BINDINGS = [*CrmModal.BINDINGS, *bindings(ACTIONS)]
    AUTO_FOCUS = "#picker-search"

    def __init__(self, client_name: str) -> None:
        super().__init__()
        self.client_name = client_name
        self.chosen: SearchHit | None = None
        self._hits: dict[str, SearchHit] = {}
        self._text = ""

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-box"):
            yield Label(plain(_("Link a contact to {client}", client=self.client_name)),
                        classes="section-title")
            yield Input(placeholder=_("Name, phone or e-mail…"), id="picker-search")
            yield OptionList(id="picker-matches")
            yield Label(_("Nobody chosen yet."), id="picker-chosen")
            yield Input(placeholder=_("Position at this client"), id="picker-position")
            yield Label("", id="picker-error", classes="field-error")
            with Horizontal(classes="buttons"):
                yield Button(_("Link") + " (ctrl+s)", id="picker-link", variant="primary")
                yield Button(_("Cancel") + " (esc)", id="picker-cancel")

    @property
    def matches(self) -> OptionList:
        return self.query_one("#picker-matches", OptionList)

    @on(Input.Changed, "#picker-search")
    def _typed(self, event: Input.Changed) -> None:
        self._text = event.value.strip()
        if not self._text:
            self.workers.cancel_group(self, "picker")
            self._show([], "")
            return
        text = self._text
        self.run_worker(lambda: self._find(text), thread=True, exclusive=True, group="picker")

    def _find(self, text: str) -> None:
        from crm_tui.store.errors import StoreError
        from crm_tui.store.search import SearchCancelled

        worker = get_current_worker()
        try:
            page = self.store.search.page("contact", text, limit=MATCHES,
                                          cancelled=lambda: worker.is_cancelled)
        except SearchCancelled:
            return
        except StoreError as exc:
            self.app.call_from_thread(self.show_store_error, exc)
            return
        self.app.call_from_thread(self._show, page.items, text)

    def _show(self, hits: list[SearchHit], text: str) -> None:
        if text != self._text:
            return
        self._hits = {f"contact:{h.id}": h for h in hits}
        self.matches.set_options(
            [Option(hit_text(h, self.app.settings), id=key) for key, h in self._hits.items()])

    @on(Input.Submitted, "#picker-search")
    def action_focus_matches(self) -> None:
        if self.matches.option_count:
            self.matches.focus()
            if self.matches.highlighted is None:
                self.matches.highlighted = 0

    @on(OptionList.OptionSelected, "#picker-matches")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        hit = self._hits.get(event.option.id or "")
        if hit is None:
            return
        self.chosen = hit
        self.query_one("#picker-chosen", Label).update(
            plain(_("Chosen: {name}", name=hit.title)))
        position = self.query_one("#picker-position", Input)
        if not position.value and hit.position:
            position.value = hit.position
        position.focus()

    @on(Input.Submitted, "#picker-position")
    @on(Button.Pressed, "#picker-link")
    def action_link(self) -> None:
        if self.chosen is None:
            self.query_one("#picker-error", Label).update(_("Choose a contact first."))
            return
        position = self.query_one("#picker-position", Input).value.strip()
        self.dismiss((self.chosen.id, position or None))

    @on(Button.Pressed, "#picker-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
