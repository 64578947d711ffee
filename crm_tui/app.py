"""The Textual app: wires the main screens (modes), global actions, themes and the keymap."""

from __future__ import annotations

import gc
import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App, SystemCommand
from textual.message import Message
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen
from textual.widget import AwaitMount

from crm_tui.i18n import N_, _
from crm_tui.themes import DEFAULT_THEME, THEMES
from crm_tui.widgets.actions import UserAction, bindings

if TYPE_CHECKING:
    from crm_tui.config import Settings
    from crm_tui.store.store import Store


@dataclass(frozen=True)
class MainScreen:
    """A main screen: its mode name, its key, its title and where its class lives."""

    mode: str
    key: str
    title: str
    target: str  # "module:Class"

    def factory(self) -> Callable[[], Screen]:
        def build() -> Screen:
            module, _sep, name = self.target.partition(":")
            screen: Screen = getattr(importlib.import_module(module), name)()
            # A new screen gets the current styles as it mounts. Without this mark Textual
            # re-parses all CSS and restyles every screen, twice, on a mode's first switch
            # (its check for a theme change made while the screen was away, textual #5211).
            screen._css_update_count = screen.app._css_update_count
            return screen

        return build

    @property
    def action(self) -> UserAction:
        return UserAction(f"go.{self.mode}", self.key, f"app.go('{self.mode}')", N_("go"),
                          self.title, show=True)


MAIN_SCREENS = [
    MainScreen("clients", "f2", N_("Clients"), "crm_tui.screens.clients:ClientListScreen"),
    MainScreen("deals", "f4", N_("Deal board"), "crm_tui.screens.deal_board:DealBoardScreen"),
    MainScreen("tasks", "f5", N_("Task inbox"), "crm_tui.screens.task_inbox:TaskInboxScreen"),
    MainScreen("contacts", "f3", N_("Contacts"), "crm_tui.screens.contacts:ContactListScreen"),
    MainScreen("leads", "f6", N_("Leads"), "crm_tui.screens.leads:LeadListScreen"),
    MainScreen("reports", "f7", N_("Reports"),
               "crm_tui.screens.report_missing_roles:MissingRolesReportScreen"),
    MainScreen("settings", "f8", N_("Settings"),
               "crm_tui.screens.settings_roles:RoleCatalogueScreen"),
    MainScreen("contracts", "f9", N_("Contracts"), "crm_tui.screens.contracts:ContractsScreen"),
]


# Seconds a new screen waits for the store calls of its first frame before it is shown
# without them (it then draws their answers when they come).
FIRST_LOAD_WAIT = 0.25
# Seconds after start when the screens' modules are imported (see `CrmApp._warm_up`): once
# the first screen has been drawn and filled, which the import thread would slow down.
WARM_UP_AFTER = 2.0
# Python collects its youngest generation every 700 new container objects by default, and
# opening a screen makes tens of thousands (widgets, styles, strips): measured through the
# pty at 10k, the inbox opened ~30 ms sooner and the board ~10 ms with these, and peak RSS
# did not move (objects are freed by reference counting; the collector only finds cycles).
GC_THRESHOLDS = (50_000, 20, 50)


class DataChanged(Message):
    """Someone (maybe another user) changed data: visible lists may refresh themselves."""

    def __init__(self, marker: int) -> None:
        super().__init__()
        self.marker = marker


class CrmApp(App):
    # Every screen's stylesheet is read once at start: a screen bringing a new stylesheet
    # makes Textual re-parse all CSS and restyle every widget (~40 ms per first open).
    # So each screen's .tcss wraps its rules in a block selecting that screen's type.
    CSS_PATH: ClassVar[list[str | PurePath]] = [
        "app.tcss", *sorted(Path(__file__).with_name("screens").glob("*.tcss"))]
    TITLE = "crm-tui"
    ENABLE_COMMAND_PALETTE = True
    # Reports and settings anyone may reach from the palette on any screen.
    COMMANDS = App.COMMANDS | {
        lambda: importlib.import_module("crm_tui.screens.role_commands").RoleCommands
    }

    MODES: ClassVar[dict] = {m.mode: m.factory() for m in MAIN_SCREENS}  # type: ignore[type-arg]
    ACTIONS: ClassVar[list[UserAction]] = [
        UserAction("app.help", "f1", "help", N_("app"), N_("Help: keys of this screen"),
                   show=True),
        UserAction("app.help_question", "question_mark", "help", N_("app"),
                   N_("Help: keys of this screen")),
        UserAction("app.quit", "ctrl+q", "quit", N_("app"), N_("Quit"), show=True),
        UserAction("app.search", "slash", "search", N_("app"), N_("Search everything"),
                   show=True, key_display="/"),
    ]
    BINDINGS = bindings([*ACTIONS, *(m.action for m in MAIN_SCREENS)])
    # (overdue, due today) of the signed-in user's tasks; every StatusBar watches it.
    task_counts: reactive[tuple[int, int]] = reactive((0, 0))

    def __init__(self, settings: Settings, store: Store, *, poll_changes: bool = True,
                 config_path: Path | None = None, offer_demo: bool = True,
                 sweep_reminders: bool = True, freeze_gc: bool = False,
                 first_load_wait: float = FIRST_LOAD_WAIT) -> None:
        self.offer_demo = offer_demo
        # Make the due role reminders after start (crm_tui.store.role_reminders).
        self.sweep_reminders = sweep_reminders
        # `crm-tui` only: a process running many apps (the tests) must not keep their cycles.
        self.freeze_gc = freeze_gc
        self.settings = settings
        self.store = store
        # The TOML file the settings came from; the settings screens save back to it.
        self.config_path = config_path
        self.poll_changes = poll_changes
        # Main screens made but not yet shown (see `action_go`), and the screen being opened.
        self._made: dict[str, Screen] = {}
        self._opened_modes: set[str] = set()  # modes whose screen has been made
        self._opening: object | None = None
        self.first_load_wait = first_load_wait  # see `show_when_loaded`
        self._switching_mode = False
        # Per app, so that a mode's first screen can be one made before it is shown.
        self.MODES = {m.mode: self._mode_screen(m) for m in MAIN_SCREENS}
        super().__init__()
        for theme in THEMES:
            self.register_theme(theme)
        self._set_first_theme(settings.theme)
        # What the data looked like at start: the first change poll reloads nothing.
        self._change_marker = store.change_marker()

    def on_mount(self) -> None:
        if self.settings.keymap:
            self.update_keymap(dict(self.settings.keymap))
        if self.settings.theme not in self.available_themes:
            self.notify(
                _("Unknown theme {name}; using {default}.", name=self.settings.theme,
                  default=DEFAULT_THEME),
                severity="warning",
            )
        self.switch_mode(MAIN_SCREENS[0].mode)
        if self.freeze_gc:
            gc.set_threshold(*GC_THRESHOLDS)
            self.set_timer(WARM_UP_AFTER, self._warm_up)
        from crm_tui.screens.reminders import TaskReminders

        self.reminders = TaskReminders(self)
        if self.sweep_reminders:
            self.run_worker(self._sweep_role_reminders, thread=True, group="role-reminders",
                            exit_on_error=False)
        else:
            self.reminders.start(poll=self.poll_changes)
        if self.offer_demo:
            from crm_tui.screens.demo_offer import DemoOffer

            DemoOffer(self).start()
        if self.poll_changes:
            self.set_interval(self.settings.process.change_poll_seconds, self._poll_changes)

    def notify(self, message: str, *, title: str = "", severity="information",  # type: ignore[no-untyped-def, override]
               timeout: float | None = None, markup: bool = False) -> None:
        """Notifications carry record names and store messages: always plain text, never markup."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def _set_first_theme(self, name: str) -> None:
        """The configured theme (or the default), before any stylesheet is parsed.

        Set like any theme (`self.theme = ...` from on_mount), Textual parsed every
        stylesheet with its own default theme's colours first, then again with ours, and
        restyled every widget in between: ~25 ms of the first frame, measured. Here the
        theme's watcher is not run; what it does at start is done instead: the colour
        variables, the theme and dark/light classes, the ANSI colour filter.
        """
        if name not in self.available_themes:
            name = DEFAULT_THEME  # on_mount says so, once notifications can show
        self.set_reactive(App.theme, name)
        self.stylesheet.set_variables(self.get_css_variables())
        dark = self.current_theme.dark
        self.set_class(dark, "-dark-mode", update=False)
        self.set_class(not dark, "-light-mode", update=False)
        self.set_class(True, f"-theme-{name}", update=False)
        self._refresh_truecolor_filter(self.ansi_theme)

    # -- actions -------------------------------------------------------------------------------
    def _mode_screen(self, main: MainScreen) -> Callable[[], Screen]:
        build = main.factory()

        def screen() -> Screen:
            self._opened_modes.add(main.mode)
            made = self._made.pop(main.mode, None)
            return made if made is not None else build()

        return screen

    def switch_mode(self, mode: str) -> AwaitMount:
        # Textual holds every repaint for 50 ms when it switches modes, to hide a new mode's
        # screen composing. Ours are shown with their data (`show_when_loaded`) and compose
        # before their first layout, so the hold only put the first frame off and threw
        # away the one drawn meanwhile (~50 ms and a whole render on the deal board).
        self._switching_mode = True
        try:
            return super().switch_mode(mode)
        finally:
            self._switching_mode = False

    def delay_update(self, delay: float = 0.05) -> None:
        if not self._switching_mode:
            super().delay_update(delay)

    def action_go(self, mode: str) -> None:
        if mode not in self.MODES or mode == self.current_mode:
            return
        if mode in self._opened_modes:
            self._opening = None  # a screen still loading is not shown over this one
            self.switch_mode(mode)
            return
        main = next(m for m in MAIN_SCREENS if m.mode == mode)
        screen = main.factory()()

        def show() -> None:
            self._made[mode] = screen
            self.switch_mode(mode)

        self.show_when_loaded(screen, show)

    def show_when_loaded(self, screen: Screen, show: Callable[[], object]) -> None:
        """Show a new screen once the store calls of its first frame have answered.

        The calls run in one thread while the current screen stays (see
        `CrmScreen.first_loads`); their answers are handed to the screen and it is shown
        with them, so its first frame has its data. After `first_load_wait` s it is shown
        anyway and draws them when they come. Opening another screen meanwhile, or leaving
        the current one (a dialog, Escape), drops it.
        """
        from crm_tui.screens.base import CrmScreen, store_answer

        loads = screen.first_loads() if isinstance(screen, CrmScreen) else []
        if not loads:
            self._opening = None
            show()
            return
        opening = self._opening = object()
        origin = self.screen
        shown = False

        def show_once() -> None:
            nonlocal shown
            if not shown and self._opening is opening and self.screen is origin:
                shown = True
                self._opening = None
                show()

        def answered(answers: list[tuple[bool, Any]]) -> None:
            if not shown and (self._opening is not opening or self.screen is not origin):
                return  # the user went elsewhere meanwhile: this screen never shows
            if shown and not screen.is_attached:
                return  # shown without its data, and closed before the data came
            for load, (ok, value) in zip(loads, answers, strict=True):
                if not ok:
                    load.on_error(value)
                elif load.done is not None:
                    load.done(value)
            show_once()

        def run() -> None:
            self.call_from_thread(answered, [store_answer(load.call) for load in loads])

        self.run_worker(run, thread=True, group="first-load", exclusive=False)
        self.set_timer(self.first_load_wait, show_once)

    def action_search(self) -> None:
        from crm_tui.screens.search import SearchScreen

        if not isinstance(self.screen, ModalScreen):  # not over a dialog, nor twice
            self.push_screen(SearchScreen())

    def action_help(self) -> None:
        from crm_tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette: every action of the current screen that is allowed now, then the app's."""
        for action in [*getattr(screen, "ACTIONS", []), *(m.action for m in MAIN_SCREENS), *self.ACTIONS]:
            name = action.action.split("(")[0]
            owner = screen if hasattr(screen, f"action_{name}") else self
            if owner is screen and screen.check_action(name, ()) is False:
                continue
            yield SystemCommand(
                action.palette_title,
                _(action.title),
                lambda a=action.action, o=owner: o.run_action(a),
            )
        yield SystemCommand(_("app: Change theme"), _("Choose a colour theme"),
                            self.action_change_theme)

    def _warm_up(self) -> None:
        """After start-up, in a thread: import every screen's module, make the main screens'
        first store calls (`CrmScreen.warm_up`), then freeze.

        A screen's first opening imported its module and what that pulls in (the client
        card ~40 ms of it, in the benchmark's first card open), and compiled its SQL; the
        user is reading the client list meanwhile. Imports are thread-safe and define
        classes only, and the store calls touch no widget: nothing is mounted or styled.
        """
        self.run_worker(self._import_screens, thread=True, group="warm-up",
                        exit_on_error=False)

    def _import_screens(self) -> None:
        from crm_tui.screens.navigation import CARDS, FORMS

        targets = [*(m.target for m in MAIN_SCREENS), *CARDS.values(), *FORMS.values(),
                   "crm_tui.screens.search:SearchScreen", "crm_tui.screens.help:HelpScreen"]
        from crm_tui.store.store import Store

        # email-validator is imported on the first address checked (crm_tui.validation.emails).
        modules = [*Store.repository_modules(), "email_validator",
                   *(target.partition(":")[0] for target in targets)]
        for module in dict.fromkeys(modules):
            importlib.import_module(module)
        from crm_tui.screens.base import CrmScreen

        for target in targets:
            module, _sep, name = target.partition(":")
            screen_class = getattr(importlib.import_module(module), name)
            if issubclass(screen_class, CrmScreen):
                try:
                    screen_class.warm_up(self)
                except Exception as exc:  # noqa: BLE001 - only a head start: the screen
                    # itself reports the problem when it is opened.
                    self.log.warning(f"warm-up of {name} failed: {exc!r}")
        self.call_from_thread(self._freeze_startup_objects)

    @staticmethod
    def _freeze_startup_objects() -> None:
        # The modules, classes and styles loaded at start live as long as the app; left in
        # the collected generations, every full collection walks them again (100-130 ms
        # pauses seen while switching screens at 1M contacts). Frozen, it walks only what
        # the session creates.
        gc.freeze()

    # -- other users' changes ----------------------------------------------------------------
    def _poll_changes(self) -> None:
        self.run_worker(self._read_marker, thread=True, group="poll", exclusive=True)

    def _read_marker(self) -> None:
        marker = self.store.change_marker()
        if marker != self._change_marker:
            self._change_marker = marker
            self.call_from_thread(self._broadcast_change, marker)

    def _broadcast_change(self, marker: int) -> None:
        self.screen.post_message(DataChanged(marker))
        self.reminders.refresh_counts()

    # -- the start-up sweep of role reminders --------------------------------------------------
    def _sweep_role_reminders(self) -> None:
        """Make the due role reminders off the first frame (after a bulk seed: thousands)."""
        from crm_tui.store.role_reminders import remind_quietly

        marker = None
        try:
            if remind_quietly(self.store.role_reminders):
                marker = self._change_marker = self.store.change_marker()
        finally:
            self.call_from_thread(self._after_sweep, marker)

    def _after_sweep(self, marker: int | None) -> None:
        # Started only now, the task watch greets with counts that include the new reminders
        # and does not mistake them for tasks that fell due while the app ran.
        self.reminders.start(poll=self.poll_changes)
        if marker is not None:
            self.screen.post_message(DataChanged(marker))


def make_app(settings: Settings, store: Store, **kwargs) -> CrmApp:  # type: ignore[no-untyped-def]
    """Build the app; `crm-tui` and the tests both start here."""
    return CrmApp(settings, store, **kwargs)
