"""A DataTable fed by keyset pages from the store, fetched in a thread as the cursor nears the end.

Only the pages the user scrolls to are ever loaded: a list of a million rows costs one page.
Moving the cursor near the end, or scrolling the last loaded rows into view, loads the next.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar, Generic, TypeVar

from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import DataTable

from crm_tui.i18n import N_, _
from crm_tui.widgets.paging import Fetch, KeysetPaging
from crm_tui.widgets.table import Table

T = TypeVar("T")

ToRow = Callable[[T], Sequence[Text | str]]
PREFETCH_MARGIN = 30


class PagedTable(KeysetPaging, Table, Generic[T]):
    """A read-only table of records; `enter` posts `PagedTable.Chosen` with the record."""

    HELP = _(
        "A list paged from the database. Arrows and Page Up/Down move; more rows load as you "
        "reach the end. Enter opens the highlighted record."
    )

    DEFAULT_CSS = """
    PagedTable { height: 1fr; }
    """
    load_error_title = N_("Could not load the list")
    # How close to the last loaded row the next page is fetched; less than a first page.
    prefetch_margin: ClassVar[int] = PREFETCH_MARGIN

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
        self._items: dict[str, T] = {}
        self._init_paging()

    def on_mount(self) -> None:
        for key, label in self._columns:
            self.add_column(label, key=key)

    def load(self, fetch: Fetch) -> None:
        """Replace the contents with the pages of `fetch`, starting from the first."""
        self._start_paging(fetch)

    def reload(self) -> None:
        if self._fetch is not None:
            self.load(self._fetch)

    def show_first_page(self, fetch: Fetch, page: Any) -> None:
        """Show a first page the screen fetched with its other lists; later pages from
        `fetch`."""
        self._show_first_page(fetch, page)

    def _show_page(self, page: Any, first: bool) -> None:
        if first:
            self.clear()
            self._items.clear()
        for item in page.items:
            key = str(self._key_of(item))
            if key in self._items:
                continue
            self._items[key] = item
            self.add_row(*self._to_row(item), key=key)
        self.measure_now()

    def _page_shown(self, first: bool, count: int) -> None:
        self.post_message(self.Loaded(self, first, count))

    def _maybe_more(self) -> None:
        self._more_if_near_end(self.cursor_row, self.row_count, self.prefetch_margin)

    def watch_cursor_coordinate(self, old, new) -> None:  # type: ignore[no-untyped-def]
        super().watch_cursor_coordinate(old, new)
        self._maybe_more()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        # The mouse wheel scrolls without moving the cursor: the last row in view counts too.
        last_in_view = int(new_value) + self.scrollable_content_region.height
        self._more_if_near_end(last_in_view, self.row_count, self.prefetch_margin)

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
