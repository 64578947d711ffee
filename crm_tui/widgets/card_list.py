"""A scrolling list of cards several lines tall, drawn line by line (Textual's line API).

The deal board shows a column of cards per stage. Textual's `OptionList` measured each
option only when it was first drawn, so the first frame with cards changed every column's
scroll size and Textual laid the whole screen out and drew it again (~50 ms on the board),
and each option went through Textual's content pipeline on every draw. Here a card is
wrapped to the column's width once, when it arrives, into plain strips; the scroll size is
known before the first frame, and drawing a line is a lookup plus the highlight's style.

A card's stored text reaches the screen only as the Rich `Text` its caller builds (never
markup); the list itself adds a rule between cards, one cell of padding on each side and a
highlight over the whole of the highlighted card.

A list may have a header of a few lines that stays put while the cards scroll under it (a
board column's stage name and totals): drawn by the list itself, so a column is one widget,
not a container, a label and a list — each widget costs the board's opening a few ms.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

PADDING = 1  # blank cells left and right of a card's text
RULE = "─"


class CardList(ScrollView, can_focus=True):
    """Cards (Rich `Text`, one or more lines each) with a rule between them and a highlight.

    Up/Down move the highlight a card at a time, Page Up/Down a screenful, Home/End to the
    ends; Enter or a click posts `CardList.Selected`.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor_up", "Up", show=False),
        Binding("down", "cursor_down", "Down", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("enter", "select", "Select", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "card-list--highlighted", "card-list--rule", "card-list--header"}
    DEFAULT_CSS = """
    CardList {
        background: $surface;
        color: $foreground;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
        & > .card-list--highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
        }
        &:focus {
            background-tint: $foreground 5%;
            & > .card-list--highlighted {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
        & > .card-list--rule {
            color: $foreground 15%;
        }
        & > .card-list--header {
            color: $foreground;
            background: $panel;
        }
    }
    """

    highlighted: reactive[int | None] = reactive(None, always_update=False)

    class Selected(Message):
        """Enter or a click on a card."""

        def __init__(self, card_list: CardList, index: int) -> None:
            super().__init__()
            self.card_list = card_list
            self.index = index

        @property
        def control(self) -> CardList:
            return self.card_list

    def __init__(self, *, id: str | None = None, classes: str | None = None,
                 header_height: int = 0) -> None:
        super().__init__(id=id, classes=classes)
        self.header_height = header_height  # lines above the cards that do not scroll
        self._header: list[Text] = []
        self._texts: list[Text] = []
        self._wrapped: list[list[Strip]] = []  # each card's lines, wrapped at _wrap_width
        self._wrap_width = 0
        self._lines: list[tuple[int, int]] = []  # per line: (card, line in card; -1 a rule)
        self._first_line: list[int] = []  # per card: the line it starts on
        # The width it will have, for wrapping cards that arrive before the first layout.
        self.planned_width = 0

    # -- content ---------------------------------------------------------------------------
    @property
    def card_count(self) -> int:
        return len(self._texts)

    def card_text(self, index: int) -> Text:
        """A card's text as given (before it is wrapped to the column)."""
        return self._texts[index]

    def set_header(self, lines: Sequence[Text]) -> None:
        """The header's lines (at most `header_height`; each cut to the width with "…")."""
        self._header = list(lines)[: self.header_height]
        if self.is_mounted:
            self.refresh(Region(0, 0, self.size.width, self.header_height))

    def clear_cards(self) -> None:
        self._forget()
        self.highlighted = None
        self.scroll_to(y=0, animate=False, immediate=True)
        self._content_changed()

    def add_cards(self, texts: Sequence[Text]) -> None:
        width = self._text_width()
        if width != self._wrap_width:
            self._rewrap(width)
        for text in texts:
            self._append(text, self._wrap(text, width))
        self._content_changed()

    def _append(self, text: Text, lines: list[Strip]) -> None:
        index = len(self._texts)
        if index:
            self._lines.append((index - 1, -1))  # the rule under the previous card
        self._texts.append(text)
        self._wrapped.append(lines)
        self._first_line.append(len(self._lines))
        self._lines.extend((index, line) for line in range(len(lines)))

    def _text_width(self) -> int:
        # The scrollbar's room is always kept: a card wraps the same whether or not the
        # column has more cards than fit, so showing the scrollbar never re-wraps them.
        width = self.size.width or self.planned_width
        return max(1, width - self.styles.scrollbar_size_vertical - 2 * PADDING)

    def _wrap(self, text: Text, width: int) -> list[Strip]:
        console = self.app.console
        lines = text.wrap(console, width, overflow="fold") if text.plain else [Text()]
        return [Strip(list(line.render(console, end="")), line.cell_len) for line in lines]

    def _forget(self) -> list[Text]:
        """Drop every card; the texts they had."""
        texts = self._texts
        self._texts, self._wrapped, self._lines, self._first_line = [], [], [], []
        return texts

    def _rewrap(self, width: int) -> None:
        self._wrap_width = width
        for text in self._forget():
            self._append(text, self._wrap(text, width))

    def _content_changed(self) -> None:
        self.virtual_size = Size(self._text_width() + 2 * PADDING,
                                 len(self._lines) + self.header_height)
        self.refresh()

    @property
    def _view_height(self) -> int:
        """Lines of cards on screen (below the header)."""
        return max(1, self.scrollable_content_region.height - self.header_height)

    def on_resize(self) -> None:
        width = self._text_width()
        if width != self._wrap_width and self._texts:
            self._rewrap(width)
            self._content_changed()
            self.scroll_to_highlight()

    # -- drawing ---------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y < self.header_height:
            return self._header_line(y, width, base)
        number = self.scroll_offset.y + y - self.header_height
        if number >= len(self._lines):
            return Strip.blank(width, base)
        card, line = self._lines[number]
        if line < 0:
            rule = self.get_component_rich_style("card-list--rule")
            return Strip([Segment(RULE * width, base + rule)], width)
        style = base
        if card == self.highlighted:
            style = base + self.get_component_rich_style("card-list--highlighted")
        text = self._wrapped[card][line].crop(0, max(0, width - 2 * PADDING))
        return _padded(list(text), text.cell_length, width, style)

    def _header_line(self, y: int, width: int, base: Style) -> Strip:
        style = base + self.get_component_rich_style("card-list--header")
        if y >= len(self._header):
            return Strip.blank(width, style)
        line = self._header[y].copy()
        line.truncate(max(0, width - 2 * PADDING), overflow="ellipsis")
        return _padded(list(line.render(self.app.console, end="")), line.cell_len, width,
                       style)

    def _refresh_card(self, index: int | None) -> None:
        if index is None or index >= len(self._first_line):
            return
        self.refresh_lines(self._first_line[index] + self.header_height,
                           len(self._wrapped[index]))

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        self._refresh_card(old)
        self._refresh_card(new)
        self.scroll_to_highlight()

    def validate_highlighted(self, highlighted: int | None) -> int | None:
        if highlighted is None or not self._texts:
            return None
        return max(0, min(highlighted, len(self._texts) - 1))

    def scroll_to_highlight(self) -> None:
        index = self.highlighted
        if index is None or not self.is_mounted or index >= len(self._first_line):
            return
        top = self._first_line[index]
        bottom = top + len(self._wrapped[index])
        y, view = round(self.scroll_offset.y), self._view_height
        if top < y:
            y = top
        elif bottom > y + view:
            y = min(top, bottom - view)
        self.scroll_to(y=y, animate=False, force=True, immediate=True)

    def _on_focus(self, event: events.Focus) -> None:
        self.refresh()  # the highlight changes colour with focus

    def _on_blur(self, event: events.Blur) -> None:
        self.refresh()

    # -- keys and mouse ------------------------------------------------------------------
    def _move(self, index: int) -> None:
        if self._texts:
            self.highlighted = max(0, min(index, len(self._texts) - 1))

    def action_cursor_up(self) -> None:
        self._move(0 if self.highlighted is None else self.highlighted - 1)

    def action_cursor_down(self) -> None:
        self._move(0 if self.highlighted is None else self.highlighted + 1)

    def action_first(self) -> None:
        self._move(0)

    def action_last(self) -> None:
        self._move(len(self._texts) - 1)

    def _page(self, direction: int) -> None:
        if not self._lines:
            return
        start = self._first_line[self.highlighted or 0]
        line = start + direction * self._view_height
        self._move(self._lines[max(0, min(line, len(self._lines) - 1))][0])

    def action_page_up(self) -> None:
        self._page(-1)

    def action_page_down(self) -> None:
        self._page(1)

    def action_select(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Selected(self, self.highlighted))

    async def _on_click(self, event: events.Click) -> None:
        if event.y < self.header_height:
            return
        number = self.scroll_offset.y + event.y - self.header_height
        if 0 <= number < len(self._lines):
            self.highlighted = self._lines[number][0]
            self.action_select()


def _padded(segments: list[Segment], cells: int, width: int, style: Style) -> Strip:
    """A line's segments with PADDING blank cells each side, `width` cells in `style`."""
    pad = Segment(" " * PADDING)
    strip = Strip([pad, *segments, pad], cells + 2 * PADDING)
    return strip.extend_cell_length(width).apply_style(style)
