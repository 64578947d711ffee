"""A DataTable fed by keyset pages from the store, fetched in a thread as the cursor nears the end.

Only the pages the user scrolls to are ever loaded: a list of a million rows costs one page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from rich.text import Text
from textual import on, work
from textual.message import Message
from textual.widgets import DataTable
from textual.worker import get_current_worker

from crm_tui.i18n import _

T = TypeVar("T")

Fetch = Callable[[tuple | None], Any]  # returns crm_tui.schemas.common.Page[T]
ToRow = Callable[[T], Sequence[Text | str]]
PREFETCH_MARGIN = 30


class PagedTable(DataTable, Generic[T]):
    """A read-only table of records; `enter` posts `PagedTable.Chosen` with the record."""

    HELP = _(
        "A list paged from the database. Arrows and Page Up/Down move; more rows load as you "
        "reach the end. Enter opens the highlighted record."
    )

    DEFAULT_CSS = """
    PagedTable { height: 1fr; }
    """

    class Chosen(Message):
        def __init__(self, table: PagedTable, item: Any) -> None:
            super().__init__()
            self.table = table
            self.item = item

        @property
        def control(self) -> PagedTable:
            return self.table

    class Loaded(Message):
        """A page arrived (first page: `first` is True)."""

        def __init__(self, table: PagedTable, first: bool, count: int) -> None:
            super().__init__()
            self.table = table
            self.first = first
            self.count = count

    def __init__(
        self,
        columns: Sequence[tuple[str, str]],
        to_row: ToRow,
        *,
        key_of: Callable[[T], Any] = lambda item: item.id,  # type: ignore[attr-defined]
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes, cursor_type="row", zebra_stripes=True)
        self._columns = columns
        self._to_row = to_row
        self._key_of = key_of
        self._fetch: Fetch | None = None
        self._after: tuple | None = None
        self._items: dict[str, T] = {}
        self._loading_more = False
        self._generation = 0

    def on_mount(self) -> None:
        for key, label in self._columns:
            self.add_column(label, key=key)

    @property
    def exhausted(self) -> bool:
        return self._after is None

    def load(self, fetch: Fetch) -> None:
        """Replace the contents with the pages of `fetch`, starting from the first."""
        self._fetch = fetch
        self._generation += 1
        self.loading = True
        self._load_page(None, self._generation)

    def reload(self) -> None:
        if self._fetch is not None:
            self.load(self._fetch)

    @work(thread=True, exclusive=True, group="paged-table")
    def _load_page(self, after: tuple | None, generation: int) -> None:
        worker = get_current_worker()
        fetch = self._fetch
        if fetch is None:
            return
        try:
            page = fetch(after)
        except Exception as exc:  # shown, not raised: a failed page must not kill the app
            if not worker.is_cancelled:
                self.app.call_from_thread(self._failed, exc)
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._add_page, page, after is None, generation)

    def _failed(self, exc: Exception) -> None:
        self.loading = False
        self._loading_more = False
        self.notify(str(exc), title=_("Could not load the list"), severity="error")

    def _add_page(self, page: Any, first: bool, generation: int) -> None:
        if generation != self._generation:
            return
        if first:
            self.clear()
            self._items.clear()
        for item in page.items:
            key = str(self._key_of(item))
            if key in self._items:
                continue
            self._items[key] = item
            self.add_row(*self._to_row(item), key=key)
        self._after = page.after
        self.loading = False
        self._loading_more = False
        self.post_message(self.Loaded(self, first, len(page.items)))

    def _maybe_more(self) -> None:
        if self._after is None or self._loading_more or self._fetch is None:
            return
        if self.cursor_row >= self.row_count - PREFETCH_MARGIN:
            self._loading_more = True
            self._load_page(self._after, self._generation)

    def watch_cursor_coordinate(self, old, new) -> None:  # type: ignore[no-untyped-def]
        super().watch_cursor_coordinate(old, new)
        self._maybe_more()

    @property
    def current(self) -> T | None:
        if self.row_count == 0:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        return self._items.get(key) if key is not None else None

    def items(self) -> list[T]:
        return list(self._items.values())

    @on(DataTable.RowSelected)
    def _chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        item = self._items.get(event.row_key.value) if event.row_key.value else None
        if item is not None:
            self.post_message(self.Chosen(self, item))
