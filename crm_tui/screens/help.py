"""The help screen: every binding of the screen underneath, and what its widgets do."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from crm_tui.i18n import _
from crm_tui.screens.base import CrmModal


class HelpScreen(CrmModal):
    """Opened with F1 or `?`; lists the keys that work on the screen it was opened from."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 90; max-width: 95%; height: 85%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    """

    def __init__(self, target: Screen) -> None:
        super().__init__()
        self.target = target

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(self._keys(), id="help-keys")
            yield Static(self._widgets(), id="help-widgets")

    def _keys(self) -> Table:
        table = Table(title=_("Keys on this screen"), expand=True, show_edge=False)
        table.add_column(_("Key"), no_wrap=True, style="bold")
        table.add_column(_("Action"))
        ours = {action.id for action in self._actions()}
        seen: set[str] = set()
        # active_bindings reflects the user's [keymap], so the keys shown are the real ones.
        for _node, binding, enabled, _tooltip in self.target.active_bindings.values():
            if binding.id not in ours or binding.id in seen:
                continue
            seen.add(binding.id)
            label = binding.key_display or self.app.get_key_display(binding)
            table.add_row(Text(label), Text(binding.description, style="" if enabled else "dim"))
        table.add_row(Text("ctrl+p"), Text(_("Command palette: every action by name")))
        table.add_row(Text("escape"), Text(_("Back / close")))
        return table

    def _actions(self):  # type: ignore[no-untyped-def]
        from crm_tui.app import MAIN_SCREENS

        return [
            *getattr(self.target, "ACTIONS", []),
            *getattr(self.app, "ACTIONS", []),
            *(m.action for m in MAIN_SCREENS),
        ]

    def _widgets(self) -> Table:
        table = Table(title=_("What is on this screen"), expand=True, show_edge=False)
        table.add_column(_("Part"), no_wrap=True, style="bold")
        table.add_column(_("Help"))
        screen_help = getattr(self.target, "HELP", "")
        if screen_help:
            table.add_row(Text(_("This screen")), Text(screen_help))
        seen: set[type] = set()
        for widget in self.target.query("*"):
            cls = type(widget)
            text = getattr(cls, "HELP", None)
            if not text or cls in seen or not widget.focusable:
                continue
            seen.add(cls)
            table.add_row(Text(getattr(widget, "help_title", cls.__name__)), Text(text))
        return table
