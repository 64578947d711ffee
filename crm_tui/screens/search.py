"""Global search (`/`): one box, results from every kind of record as you type.

Each keystroke starts a new search in an exclusive thread worker: the previous one is
cancelled, and the store interrupts its running statement (`cancelled` is polled by the
database), so a slow query never holds up the newer one. Results are shown twice: at once
from the indexed prefix passes, then completed by the later-word pass; an answer that
arrives for an older text than the box now holds is dropped.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, OptionList
from textual.worker import get_current_worker

from crm_tui.i18n import N_, _
from crm_tui.schemas.search import SEARCH_KINDS, SearchHit, SearchKind, SearchResults
from crm_tui.screens.base import CrmModal
from crm_tui.widgets.actions import UserAction, bindings
from crm_tui.widgets.search_results import SearchResultList
from crm_tui.widgets.text import plain

FIRST_HITS = 5
MORE_HITS = 20


class SearchScreen(CrmModal):
    """Find any client, counterparty, contact or deal by name, number, phone or e-mail."""

    CSS_PATH = "search.tcss"
    HELP = _(
        "Search everything: type part of a name, an INN or OGRN, a phone number in any "
        "format, or an e-mail. Results appear as you type, grouped by kind; down moves into "
        "them and enter opens one. Escape closes the search."
    )
    ACTIONS: ClassVar[list[UserAction]] = [
        UserAction("search.results", "down", "focus_results", N_("search"),
                   N_("Go to the results")),
        UserAction("search.input", "ctrl+f", "focus_input", N_("search"),
                   N_("Back to the search box")),
    ]
    BINDINGS = [*CrmModal.BINDINGS, *bindings(ACTIONS)]
    AUTO_FOCUS = "#search-input"

    def __init__(self, text: str = "") -> None:
        super().__init__()
        self._initial = text
        self._text = ""
        self._groups: dict[SearchKind, tuple[list[SearchHit], tuple | None]] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield Label(_("Search"), classes="section-title")
            yield Input(self._initial, placeholder=_("Name, INN, OGRN, phone or e-mail…"),
                        id="search-input")
            yield Label(_("Type to search."), id="search-status", classes="count")
            yield SearchResultList(self.app.settings, id="search-results")

    # -- typed accessors -------------------------------------------------------------
    @property
    def input(self) -> Input:
        return self.query_one("#search-input", Input)

    @property
    def results(self) -> SearchResultList:
        return self.query_one("#search-results", SearchResultList)

    @property
    def status(self) -> Label:
        return self.query_one("#search-status", Label)

    def on_mount(self) -> None:
        if self._initial:
            self._start(self._initial)

    # -- searching ---------------------------------------------------------------------
    @on(Input.Changed, "#search-input")
    def _typed(self, event: Input.Changed) -> None:
        self._start(event.value)

    def _start(self, text: str) -> None:
        self._text = text.strip()
        if not self._text:
            self.workers.cancel_group(self, "search")
            self._groups = {}
            self.results.show({})
            self.status.update(_("Type to search."))
            return
        self.status.update(_("Searching…"))
        text = self._text
        self.run_worker(lambda: self._search(text), thread=True, exclusive=True,
                        group="search")

    def _search(self, text: str) -> None:
        from crm_tui.store.errors import StoreError
        from crm_tui.store.search import SearchCancelled

        worker = get_current_worker()

        def cancelled() -> bool:
            return worker.is_cancelled

        search = self.store.search
        try:
            fast = search.search(text, limit_per_kind=FIRST_HITS, words=False,
                                 cancelled=cancelled)
            complete = not search.needs_word_pass(text)
            self.app.call_from_thread(self._show, fast, complete)
            if not complete:
                full = search.search(text, limit_per_kind=FIRST_HITS, cancelled=cancelled)
                self.app.call_from_thread(self._show, full, True)
        except SearchCancelled:
            return
        except StoreError as exc:
            if not cancelled():
                self.app.call_from_thread(self.show_store_error, exc)

    def _show(self, results: SearchResults, complete: bool) -> None:
        if results.text.strip() != self._text:
            return  # typed past: a newer search is on its way
        self._groups = {g.kind: (list(g.hits), g.after) for g in results.groups}
        self.results.show(self._groups)
        if not complete:
            self.status.update(_("Searching…"))
        elif results.empty:
            self.status.update(plain(_("Nothing found for “{text}”.", text=results.text)))
        else:
            self.status.update(_("Enter opens the highlighted record."))

    # -- more of one group ---------------------------------------------------------------
    def _more(self, kind: SearchKind) -> None:
        _hits, after = self._groups.get(kind, ([], None))
        if after is None:
            return
        text = self._text
        self.call_store(self.store.search.page, kind, text, after=after, limit=MORE_HITS,
                        done=lambda page: self._add_more(kind, text, page), group="more")

    def _add_more(self, kind: SearchKind, text: str, page) -> None:  # type: ignore[no-untyped-def]
        if text != self._text or kind not in self._groups:
            return
        hits, _after = self._groups[kind]
        self._groups[kind] = (hits + list(page.items), page.after)
        self.results.show(self._groups)
        if page.items:
            self.results.highlighted = self.results.get_option_index(
                f"hit:{kind}:{page.items[0].id}")

    # -- choosing --------------------------------------------------------------------------
    @on(OptionList.OptionSelected, "#search-results")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or ""
        if option_id.startswith("more:"):
            kind = option_id.split(":", 1)[1]
            if kind in SEARCH_KINDS:
                self._more(kind)  # type: ignore[arg-type]
            return
        hit = self.results.hits.get(option_id)
        if hit is not None:
            self.open_hit(hit)

    def open_hit(self, hit: SearchHit) -> None:
        """Close the search and show the record; a counterparty shows on its client's card."""
        from crm_tui.screens.navigation import open_record

        app = self.app
        self.dismiss(None)
        if hit.kind == "counterparty" and hit.client_id is not None:
            open_record(app, "client", hit.client_id, tab="counterparties")
        else:
            open_record(app, hit.kind, hit.id)

    @on(Input.Submitted, "#search-input")
    def _submitted(self) -> None:
        self.action_focus_results()

    def action_focus_results(self) -> None:
        if self.results.option_count:
            self.results.focus()
            if self.results.highlighted is None:
                self.results.highlight_first()

    def action_focus_input(self) -> None:
        self.input.focus()
