"""The app's DataTable: Textual's, with column widths that grow without cutting cells short.

DataTable measures new rows only when it is idle, and caches each drawn cell under a key that
leaves out the column width. Rows drawn before that measurement (a reload's rows as the
loading indicator goes away, under load) stay cached at the old widths once the widths have
grown: "Сидорова Анна" kept showing as "Сидорова". Every table in the app derives from this one
so that no screen meets it again.
"""

from __future__ import annotations

from textual import events
from textual.widgets import DataTable


class Table(DataTable):
    """`DataTable` that redraws its cells when its idle-time measuring changed the widths."""

    async def _on_idle(self, event: events.Idle) -> None:
        # Textual also calls DataTable's own idle handler after this one (it walks the MRO);
        # it then finds nothing left to measure.
        widths = [column.get_render_width(self) for column in self.ordered_columns]
        await super()._on_idle(event)
        if widths != [column.get_render_width(self) for column in self.ordered_columns]:
            self._clear_caches()
            self.refresh()
