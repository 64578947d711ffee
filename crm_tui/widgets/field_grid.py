"""A record's fields as label/value pairs in two columns, values always shown as data."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

Pair = tuple[str, Text]


class FieldGrid(Static):
    """Read-only fields of a card; `show()` replaces them (labels are translated already)."""

    DEFAULT_CSS = """
    FieldGrid { height: auto; padding: 0 1; }
    """

    def show(self, pairs: Sequence[Pair], columns: int = 2) -> None:
        table = Table.grid(expand=True, padding=(0, 1))
        for _n in range(columns):
            table.add_column(style="bold", no_wrap=True, ratio=None)
            table.add_column(ratio=1)
        rows = [pairs[i:i + columns] for i in range(0, len(pairs), columns)]
        for row in rows:
            cells: list[Text] = []
            for label, value in row:
                cells += [Text(label), value]
            while len(cells) < 2 * columns:
                cells.append(Text(""))
            table.add_row(*cells)
        self.update(table)
