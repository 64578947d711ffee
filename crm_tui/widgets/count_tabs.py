"""A line of tabs with counts ("1 New 12 · 2 Ready to contact 3 …"), switched by keys.

Textual's `Tabs` animates its underline, which a snapshot may catch half-way; this strip
draws the active tab in one go. It is not focusable: the screen binds the digit keys (or
any keys it likes) to `activate`, so the table below keeps the focus while tabs change.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from crm_tui.formatting import format_number


class CountTabs(Widget):
    """Tabs by key; each shows its title, its count (once known) and its key hint."""

    DEFAULT_CSS = """
    CountTabs { height: 1; padding: 0 1; }
    CountTabs > .count-tabs--tab { color: $text-muted; }
    CountTabs > .count-tabs--active { color: $text; background: $primary 40%; text-style: bold; }
    CountTabs > .count-tabs--key { color: $accent; }
    """
    COMPONENT_CLASSES = {"count-tabs--tab", "count-tabs--active", "count-tabs--key"}

    active: reactive[str] = reactive("", layout=False)
    counts: reactive[dict[str, int]] = reactive(dict, always_update=True)

    class Changed(Message):
        """The user switched to tab `key`."""

        def __init__(self, tabs: CountTabs, key: str) -> None:
            super().__init__()
            self.tabs = tabs
            self.key = key

        @property
        def control(self) -> CountTabs:
            return self.tabs

    def __init__(
        self, tabs: Sequence[tuple[str, str, str]], active: str, *, id: str | None = None
    ) -> None:
        """`tabs` are (key, title, hint) triples: the hint is the key that selects the tab."""
        super().__init__(id=id)
        self._tabs = list(tabs)
        self.set_reactive(CountTabs.active, active)

    @property
    def keys(self) -> list[str]:
        return [key for key, _title, _hint in self._tabs]

    def activate(self, key: str) -> None:
        if key in self.keys and key != self.active:
            self.active = key
            self.post_message(self.Changed(self, key))

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        key_style = self.get_component_rich_style("count-tabs--key")
        for position, (key, title, hint) in enumerate(self._tabs):
            if position:
                text.append(" ")
            style = self.get_component_rich_style(
                "count-tabs--active" if key == self.active else "count-tabs--tab"
            )
            label = f" {title}"
            if key in self.counts:
                label += f" {format_number(self.counts[key])}"
            text.append(" ", style=style)
            text.append(hint, style=style + key_style)
            text.append(label + " ", style=style)
        return text
