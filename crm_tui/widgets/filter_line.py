"""A screen's filters as one line of text: "Pipeline: Sales ▾ p   Owner: all ▾ o".

A drop-down `Select` is five widgets and a hidden option list; a screen with two of them
spent ~40 ms of its opening mounting and styling them. Here each filter is a label, its
current value and the key that changes it, all in one widget; the key (or a click on the
filter) asks the screen to offer the choices, in a dialog. Values are stored text (owners'
names) and are shown as data, never markup.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.message import Message
from textual.widget import Widget

from crm_tui.widgets.text import plain

GAP = "   "


@dataclass
class Filter:
    name: str  # what `FilterLine.Pick` carries
    label: str  # translated: "Pipeline"
    key: str  # shown after the value: the key that changes it
    value: str = ""


class FilterLine(Widget):
    """Filters shown as text; a click on one posts `FilterLine.Pick` with its name."""

    DEFAULT_CSS = """
    FilterLine {
        height: 1;
        padding: 0 1;
        color: $foreground;
        background: $boost;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    FilterLine > .filter-line--key { color: $accent; text-style: bold; }
    """
    COMPONENT_CLASSES = {"filter-line--key"}

    class Pick(Message):
        """The user asked to change the filter `name`."""

        def __init__(self, line: FilterLine, name: str) -> None:
            super().__init__()
            self.line = line
            self.name = name

        @property
        def control(self) -> FilterLine:
            return self.line

    def __init__(self, *filters: Filter, id: str | None = None) -> None:
        super().__init__(id=id)
        self._filters = {f.name: f for f in filters}
        self._spans: list[tuple[int, int, str]] = []  # cells of each filter, for clicks

    def set_value(self, name: str, value: str) -> None:
        self._filters[name].value = value
        self.refresh()

    def value(self, name: str) -> str:
        return self._filters[name].value

    def render(self) -> Text:
        key_style = self.get_component_rich_style("filter-line--key", partial=True)
        text = Text(no_wrap=True, overflow="ellipsis")
        self._spans = []
        for number, item in enumerate(self._filters.values()):
            if number:
                text.append(GAP)
            start = text.cell_len
            text.append(f"{item.label}: ", style="dim")
            text.append_text(plain(item.value, style="bold"))
            text.append(" ▾ ")
            text.append(item.key, style=key_style)
            self._spans.append((start, text.cell_len, item.name))
        return text

    def _on_click(self, event: events.Click) -> None:
        x = event.x - self.styles.padding.left
        for start, end, name in self._spans:
            if start <= x < end:
                self.post_message(self.Pick(self, name))
                return
