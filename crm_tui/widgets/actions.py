"""User actions defined once: each gives a key binding, a palette entry and a help line.

A screen lists its `UserAction`s in `ACTIONS`; `bindings()` makes the Textual `Binding`s (with
ids, so users can remap them from the `[keymap]` table of the config), the app offers the
ones `check_action` allows in the command palette, and the help screen lists them all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from textual.binding import Binding

from crm_tui.i18n import _


@dataclass(frozen=True)
class UserAction:
    id: str
    key: str
    action: str
    group: str
    title: str
    show: bool = False
    key_display: str | None = None
    priority: bool = False

    @property
    def palette_title(self) -> str:
        return f"{_(self.group)}: {_(self.title)}"

    def binding(self) -> Binding:
        return Binding(
            self.key,
            self.action,
            _(self.title),
            show=self.show,
            key_display=self.key_display,
            priority=self.priority,
            id=self.id,
        )


def bindings(actions: Iterable[UserAction]) -> list[Binding]:
    return [a.binding() for a in actions]
