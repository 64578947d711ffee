"""What every crm-tui screen shares: its actions, the store, and store calls off the UI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, on
from textual.screen import ModalScreen, Screen
from textual.worker import get_current_worker

from crm_tui.i18n import _
from crm_tui.widgets.actions import UserAction

if TYPE_CHECKING:
    from crm_tui.app import CrmApp
    from crm_tui.store.store import Store


class StoreCalls:
    """Mixin: run a store call in a thread worker and hand the result back on the UI thread.

    A `StoreError` becomes a notification (its message is already a sentence for the user);
    `on_error` may take it instead, e.g. to show a validation message beside a field.
    """

    app: CrmApp

    @property
    def store(self) -> Store:
        return self.app.store

    def call_store(
        self,
        fn: Callable[..., Any],
        *args: Any,
        done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
        group: str = "store",
        exclusive: bool = True,
        **kwargs: Any,
    ) -> None:
        from crm_tui.store.errors import StoreError

        def job() -> None:
            worker = get_current_worker()
            try:
                result = fn(*args, **kwargs)
            except StoreError as exc:
                if not worker.is_cancelled:
                    self.app.call_from_thread(on_error or self.show_store_error, exc)
                return
            except ValueError as exc:  # validation errors from pydantic/validators
                if not worker.is_cancelled:
                    self.app.call_from_thread(on_error or self.show_store_error, exc)
                return
            if done is not None and not worker.is_cancelled:
                self.app.call_from_thread(done, result)

        self.run_worker(job, thread=True, group=group, exclusive=exclusive)  # type: ignore[attr-defined]

    def show_store_error(self, exc: Exception) -> None:
        self.app.notify(str(exc), title=_("Not saved"), severity="error", timeout=8)


class CrmScreen(StoreCalls, Screen):
    """A main screen or card: lists its `ACTIONS` for bindings, palette and help."""

    ACTIONS: ClassVar[list[UserAction]] = []
    HELP: ClassVar[str] = ""
    BINDINGS = [("escape", "back", _("Back"))]

    def action_back(self) -> None:
        """Escape: close this card and return to where it was opened from."""
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()

    # Until the screen is first left it has only ever had the current styles.
    _left_once = False
    # Answers of loads begun in `compose`, waiting for the widgets they fill to mount.
    _after_mount: list[Callable[[], None]] | None = None
    _drawable = False

    def when_mounted(self, draw: Callable[[], None]) -> None:
        """Run `draw` now, or once `on_mount` calls `draw_waiting()`.

        A screen that starts its first load in `compose` (so the SQL runs while its
        widgets mount, instead of after) draws the answer through this: it may come back
        before the widgets it fills exist.
        """
        if self._drawable:
            draw()
        else:
            self._after_mount = [*(self._after_mount or []), draw]

    def draw_waiting(self) -> None:
        """From `on_mount`, once the widgets are ready: draw what `when_mounted` kept."""
        self._drawable = True
        waiting, self._after_mount = self._after_mount or [], None
        for draw in waiting:
            draw()

    @on(events.ScreenResume)
    def _first_showing(self, event: events.ScreenResume) -> None:
        # Its widgets got their styles as they mounted: Textual would restyle every one of
        # them again as the screen first shows (twice for a main screen), ~20 ms each time.
        if not self._left_once:
            event.refresh_styles = False

    @on(events.ScreenSuspend)
    def _left(self) -> None:
        self._left_once = True


class CrmModal(StoreCalls, ModalScreen):
    """A dialog: escape closes it without an answer."""

    ACTIONS: ClassVar[list[UserAction]] = []
    HELP: ClassVar[str] = ""
    BINDINGS = [("escape", "dismiss_none", _("Close"))]

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
