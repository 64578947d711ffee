"""A footer that redraws only when the keys it shows change.

Textual's Footer rebuilds all its keys on every `refresh_bindings()`, and a screen that
fills many lists at once asks for that after each focus move and each page that arrives:
a dozen rebuilds of the same keys while the screen opens. This one keeps what it drew and
skips a rebuild that would draw the same, and never queues a second rebuild while one is
pending (that one reads the newest keys when it runs, after the screen's refresh, as
Textual's own footer does). It still rebuilds for a screen under a dialog: skipping those
left the footer behind a dialog opened at start in whatever state it had reached, a
different picture from run to run.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer

Shown = tuple[tuple[object, ...], ...]


def shown_keys(screen: Screen) -> Shown:
    """What a footer would draw for `screen`: each key, its label and whether it works."""
    app = screen.app
    return tuple(
        (key, binding.action, binding.description, binding.show, enabled, tooltip,
         app.get_key_display(binding))
        for key, (_node, binding, enabled, tooltip) in screen.active_bindings.items()
    )


class QuietFooter(Footer):
    """`Footer`, minus the rebuilds that change nothing."""

    def __init__(self) -> None:
        super().__init__()
        self._drawn: Shown | None = None
        self._redraw_pending = False

    def compose(self) -> ComposeResult:
        self._drawn = shown_keys(self.screen) if self._bindings_ready else None
        yield from super().compose()

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        if not self._redraw_pending:
            self._redraw_pending = True
            self.call_after_refresh(self._redraw)

    async def _redraw(self) -> None:
        self._redraw_pending = False
        if self.is_attached and shown_keys(self.screen) != self._drawn:
            await self.recompose()
