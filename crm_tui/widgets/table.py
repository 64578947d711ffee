"""The app's DataTable: Textual's, measured when its rows arrive, widths that never cut cells.

Textual's DataTable measures new rows only when it is idle: the screen is first drawn with
the old column widths and scroll size, then measured, then drawn again. On a screen that
fills several tables at once, those second drawings were most of the time between the data
arriving and the screen being finished (the inbox: three more full frames, ~90 ms). Code that
fills a table calls `measure_now()` after its last row, so the first drawing is the right
one.

DataTable also caches each drawn cell under a key that leaves out the column width: rows
drawn before a measurement that widened their column stayed cut at the old width ("Сидорова
Анна" kept showing as "Сидорова"). A measurement that changes the widths drops those cells.
Every table in the app derives from this one so that no screen meets either again.
"""

from __future__ import annotations

from textual import events
from textual.widgets import DataTable


class Table(DataTable):
    """`DataTable` that can be measured at once and redraws its cells when widths change."""

    def measure_now(self) -> None:
        """Measure the rows and cells added or changed since the last measurement, as
        DataTable would when next idle."""
        before = [column.get_render_width(self) for column in self.ordered_columns]
        if self._updated_cells:
            updated_cells = self._updated_cells.copy()
            self._updated_cells.clear()
            self._update_column_widths(updated_cells)
        if self._require_update_dimensions:
            self._require_update_dimensions = False
            new_rows = self._new_rows.copy()
            self._new_rows.clear()
            self._update_dimensions(new_rows)
        if before != [column.get_render_width(self) for column in self.ordered_columns]:
            self._clear_caches()
            self.refresh()
        if not self.size.width and self.styles.overflow_x == "auto":
            # Not laid out yet: a table wider than the terminal will scroll sideways. Its
            # scrollbar shown now is in the first frame; added by Textual after the first
            # layout, it makes a second layout and frame (the client card's counterparties).
            self.show_horizontal_scrollbar = self.virtual_size.width > self.app.size.width

    async def _on_idle(self, event: events.Idle) -> None:
        # Textual also calls DataTable's own idle handler after this one (it walks the MRO);
        # it then finds nothing left to measure.
        self.measure_now()
