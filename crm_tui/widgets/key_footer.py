"""The footer: the keys of the focused screen, drawn as one line by one widget.

Textual's `Footer` is a container of one `FooterKey` widget per key, rebuilt (unmounted,
composed, styled, mounted) on every change of the screen's bindings; while a screen opens
that happens several times, and each key costs a widget with its own styles. On the deal
board that was a fifth of the time from the key press to the finished screen. This footer
is a single widget: it reads the keys when it draws, repaints only when the keys it would
show differ from the ones it shows, and maps a click to the key under the pointer.

It looks like Textual's footer: the key in the footer key colours, then its description;
dimmed when the action cannot run now; the command palette key on the right.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget

from crm_tui.i18n import _


@dataclass(frozen=True)
class FooterItem:
    """One key as drawn: what is pressed, what it says, whether it works now."""

    key: str
    display: str
    description: str
    enabled: bool
    tooltip: str


def footer_items(screen: Screen) -> tuple[tuple[FooterItem, ...], FooterItem | None]:
    """The keys a footer shows for `screen` (the first key of each action), and the palette's."""
    app = screen.app
    items: list[FooterItem] = []
    actions: set[str] = set()
    palette: FooterItem | None = None
    for key, (_node, binding, enabled, tooltip) in screen.active_bindings.items():
        if key == app.COMMAND_PALETTE_BINDING and app.ENABLE_COMMAND_PALETTE:
            palette = FooterItem(key, app.get_key_display(binding), _("palette"), enabled,
                                 binding.tooltip or _("palette"))
            continue
        if not binding.show or binding.action in actions:
            continue
        actions.add(binding.action)
        items.append(FooterItem(key, app.get_key_display(binding), binding.description,
                                enabled, tooltip))
    return tuple(items), palette


class KeyFooter(Widget, can_focus=False):
    """One line of keys at the bottom of a screen."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "footer-key--key",
        "footer-key--description",
        "footer-key--hover",
        "footer-key--separator",
    }
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
        & > .footer-key--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .footer-key--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .footer-key--hover {
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
        & > .footer-key--separator {
            color: $foreground 20%;
        }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._drawn: tuple[tuple[FooterItem, ...], FooterItem | None] | None = None
        self._spans: list[tuple[int, int, FooterItem]] = []  # cells each key occupies
        self._hover: FooterItem | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        # A dialog's bindings are announced to the screen under it too: those are not ours.
        if screen is self.screen and self.is_attached and footer_items(screen) != self._drawn:
            self.refresh()

    # -- drawing -----------------------------------------------------------------------------
    def render(self) -> Text:
        items, palette = self._drawn = footer_items(self.screen)
        key_style = self.get_component_rich_style("footer-key--key")
        description_style = self.get_component_rich_style("footer-key--description")
        hover_style = self.get_component_rich_style("footer-key--hover")
        dim = Style(dim=True)
        width = self.size.width
        right = Text()
        if palette is not None:
            separator = self.get_component_rich_style("footer-key--separator")
            right.append("▏", separator)
            right.append(f" {palette.display} ", key_style)
            right.append(f"{palette.description} ", description_style)
        left = Text(no_wrap=True, overflow="crop", end="")
        spans: list[tuple[int, int, FooterItem]] = []
        room = max(0, width - right.cell_len)
        for item in items:
            start = left.cell_len
            if start >= room:
                break
            extra = hover_style if item == self._hover else Style()
            off = Style() if item.enabled else dim
            left.append(f" {item.display} ", key_style + extra + off)
            if item.description:
                left.append(f"{item.description} ", description_style + extra + off)
            spans.append((start, min(left.cell_len, room), item))
        left.truncate(room)
        left.pad_right(room - left.cell_len)
        if palette is not None and width > right.cell_len:
            spans.append((room, width, palette))
            left.append_text(right)
        self._spans = spans
        return left

    # -- the pointer -------------------------------------------------------------------------
    def _item_at(self, x: int) -> FooterItem | None:
        for start, end, item in self._spans:
            if start <= x < end:
                return item
        return None

    def on_mouse_down(self, event: events.MouseDown) -> None:
        item = self._item_at(event.x)
        if item is None:
            return
        if item.enabled:
            self.app.simulate_key(item.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        item = self._item_at(event.x)
        if item != self._hover:
            self._hover = item
            self.tooltip = item.tooltip if item is not None and item.tooltip else None
            self.refresh()

    def on_leave(self, _event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.tooltip = None
            self.refresh()
