"""What every crm-tui screen shares: its actions, the store, and store calls off the UI thread."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from inspect import isawaitable
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, on
from textual.screen import ModalScreen, Screen
from textual.worker import get_current_worker

from crm_tui.i18n import _
from crm_tui.widgets.actions import UserAction
from crm_tui.widgets.filter_line import FilterLine

if TYPE_CHECKING:
    from crm_tui.app import CrmApp
    from crm_tui.store.store import Store


@dataclass(frozen=True)
class FirstLoad:
    """A store call of a screen's first frame, taken down before the screen is composed:
    the app makes it (`CrmApp.show_when_loaded`) and hands its answer to `done` or its
    refusal to `on_error`, as `call_store` would have."""

    call: Callable[[], Any]
    done: Callable[[Any], None] | None
    on_error: Callable[[Exception], None]


def store_answer(call: Callable[[], Any]) -> tuple[bool, Any]:
    """Make a store call: (True, its result), or (False, the error) for the refusals a user
    is told about (a StoreError, a validation ValueError); anything else is a bug and
    propagates. `call_store` and the app's first loads hand answers on by this one rule."""
    from crm_tui.store.errors import StoreError

    try:
        return True, call()
    except (StoreError, ValueError) as exc:
        return False, exc


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
        call = partial(fn, *args, **kwargs)
        if self._took_down(call, done, on_error):
            return

        def job() -> None:
            worker = get_current_worker()
            ok, value = store_answer(call)
            if worker.is_cancelled:
                return
            if not ok:
                self.app.call_from_thread(on_error or self.show_store_error, value)
            elif done is not None:
                self.app.call_from_thread(done, value)

        self.run_worker(job, thread=True, group=group, exclusive=exclusive)  # type: ignore[attr-defined]

    def _took_down(self, call: Callable[[], Any], done: Callable[[Any], None] | None,
                   on_error: Callable[[Exception], None] | None) -> bool:
        """Whether the call was taken down to be made later instead of now (a screen's
        first loads, see `CrmScreen.first_loads`)."""
        return False

    def show_store_error(self, exc: Exception) -> None:
        self.app.notify(str(exc), title=_("Not saved"), severity="error", timeout=8)


class CrmScreen(StoreCalls, Screen):
    """A main screen or card: lists its `ACTIONS` for bindings, palette and help."""

    ACTIONS: ClassVar[list[UserAction]] = []
    HELP: ClassVar[str] = ""
    BINDINGS = [("escape", "back", _("Back"))]

    @classmethod
    def warm_up(cls, app: CrmApp) -> None:
        """Make the store calls of this screen's first frame and throw the answers away.

        Called from the app's warm-up thread a little after start (`CrmApp._warm_up`), so
        that the first opening finds its statements compiled by SQLAlchemy (a few ms each
        the first time) and the database's pages read; the inbox opened ~15 ms sooner at
        1M contacts. Only store calls and settings here: no widget exists, and this is not
        the UI thread. The screen's own loading must call the same code, or this warms
        statements it never runs (tests/test_warm_up.py checks).
        """

    @on(FilterLine.Pick)
    def _filter_clicked(self, event: FilterLine.Pick) -> None:
        # A click on a filter of the line: what its key does (`action_pick(name)`).
        pick = getattr(self, "action_pick", None)
        if pick is not None:
            pick(event.name)

    def ask_filter(self, name: str, question: str, answers: list[tuple[str, str]],
                   current: str, chosen: Callable[[str], object]) -> None:
        """Offer the values (value, label) of the screen's `FilterLine` filter `name` in a
        dialog, the one in force highlighted; an answer is shown on the line and handed to
        `chosen` (which may be a coroutine function), Escape changes nothing."""
        from crm_tui.screens.role_dialogs import ChoiceDialog

        labels = dict(answers)

        async def answered(value: str | None) -> None:
            if value is None:
                return
            self.query_one(FilterLine).set_value(name, labels[value])
            result = chosen(value)
            if isawaitable(result):
                await result

        self.app.push_screen(ChoiceDialog(question, answers, current=current), answered)

    def action_back(self) -> None:
        """Escape: close this card and return to where it was opened from."""
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()

    # Until the screen is first left it has only ever had the current styles.
    _left_once = False
    # The first frame's store calls have been started (or taken down by the app).
    _loading_begun = False
    # While the app takes the first frame's store calls down instead of running them.
    _taking_down: list[FirstLoad] | None = None

    def start_loading(self) -> None:
        """Start the store calls whose answers the first frame shows.

        Called once, before the widgets exist: either by the app, which makes the calls
        before it composes the screen (`first_loads`), or from `compose`. It may not touch
        a widget; answers are drawn through `when_mounted`.
        """

    def begin_loading(self) -> None:
        """From `compose`: start the first frame's store calls unless the app already has."""
        if not self._loading_begun:
            self._loading_begun = True
            self.start_loading()

    def first_loads(self) -> list[FirstLoad]:
        """The store calls of `start_loading`, taken down instead of run (see `FirstLoad`).

        Run beside the composing of the screen's widgets, the SQL of its first frame took
        several times as long as alone (the board's 17 ms took ~150 ms at 10k contacts: the
        worker thread waits for the UI thread's hold on Python's GIL at every database
        call), and its answer came after the first frame, making a second. Made first,
        while the UI thread is idle, it is in the first frame.
        """
        self._loading_begun = True
        self._taking_down = []
        try:
            self.start_loading()
            return self._taking_down
        finally:
            self._taking_down = None

    def _took_down(self, call: Callable[[], Any], done: Callable[[Any], None] | None,
                   on_error: Callable[[Exception], None] | None) -> bool:
        if self._taking_down is None:
            return False
        self._taking_down.append(FirstLoad(call, done, on_error or self.show_store_error))
        return True
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
        # Textual restyles every widget of a screen as it shows (~20 ms): needless the first
        # time (its widgets got their styles as they mounted), and later when no stylesheet
        # or theme changed since it was last styled (Textual counts those changes; a change
        # restyles the screens in the stack, and a main screen on its mode's return).
        # So a dialog closing or a main screen coming back is drawn without it.
        if not self._left_once or self._css_update_count == self.app._css_update_count:
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
