"""Keyset paging for list widgets: fetch pages in a thread, append them, load more near the end.

`PagedTable` (rows of records) and the deal board's `DealCardList` (cards of one stage) show
different things but load them the same way; this mixin is that one way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual import work
from textual.worker import get_current_worker

from crm_tui.i18n import _

Fetch = Callable[[tuple | None], Any]  # returns crm_tui.schemas.common.Page


class KeysetPaging:
    """Mixin for a widget: call `_start_paging(fetch)`, implement `_show_page(page, first)`."""

    load_error_title: ClassVar[str] = ""

    def _init_paging(self) -> None:
        self._fetch: Fetch | None = None
        self._after: tuple | None = None
        self._loading_more = False
        self._generation = 0

    @property
    def exhausted(self) -> bool:
        """Every page has been loaded."""
        return self._after is None

    def _start_paging(self, fetch: Fetch) -> None:
        """Drop what is shown and load the pages of `fetch` from the first."""
        self._new_list(fetch)
        self.loading = True
        self._load_page(None, self._generation)

    def _new_list(self, fetch: Fetch) -> None:
        # No "next page" until the new first page is shown: clearing the old rows moves the
        # cursor and the scroll, and the old list's cursor must not page the new list.
        self._fetch = fetch
        self._after = None
        self._loading_more = False
        self._generation += 1

    def _show_first_page(self, fetch: Fetch, page: Any) -> None:
        """Show a first page fetched elsewhere (with a screen's other lists, in one trip and
        one redraw); later pages come from `fetch` as usual."""
        self._new_list(fetch)
        self._page_arrived(page, True, self._generation)

    def _more_if_near_end(self, position: int | None, loaded: int, margin: int) -> None:
        """Fetch the next page once `position` is within `margin` of the last loaded item."""
        if position is None or self._after is None or self._loading_more or self._fetch is None:
            return
        if position >= loaded - margin:
            self._loading_more = True
            self._load_page(self._after, self._generation)

    @work(thread=True, exclusive=True, group="keyset-page")
    def _load_page(self, after: tuple | None, generation: int) -> None:
        worker = get_current_worker()
        fetch = self._fetch
        if fetch is None:
            return
        try:
            page = fetch(after)
        except Exception as exc:  # shown, not raised: a failed page must not end the app
            if not worker.is_cancelled:
                self.app.call_from_thread(self._page_failed, exc)
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._page_arrived, page, after is None, generation)

    def _page_failed(self, exc: Exception) -> None:
        self.loading = False
        self._loading_more = False
        self.notify(str(exc), title=_(self.load_error_title), severity="error")

    def _page_arrived(self, page: Any, first: bool, generation: int) -> None:
        if generation != self._generation:
            return  # a page of a list that has been reloaded since
        self._show_page(page, first)
        self._after = page.after
        self.loading = False
        self._loading_more = False
        self._page_shown(first, len(page.items))

    def _show_page(self, page: Any, first: bool) -> None:
        raise NotImplementedError

    def _page_shown(self, first: bool, count: int) -> None:
        """Hook after a page is on screen."""
