"""One place that knows which screen shows which kind of record, so any screen can open any
record (search results, timelines, task links) without importing every other screen."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from textual.app import App

from crm_tui.i18n import _

# kind -> "module:Class" of the screen that shows one record; the class takes the record id.
CARDS: dict[str, str] = {}
# kind -> "module:Class" of the dialog that creates one; it dismisses with the new record.
FORMS: dict[str, str] = {}


def _load(target: str) -> Any:
    module, _sep, name = target.partition(":")
    return getattr(importlib.import_module(module), name)


def open_record(app: App, kind: str, record_id: int, **options: Any) -> None:
    target = CARDS.get(kind)
    if target is None:
        app.notify(_("There is no card for this kind of record."), severity="warning")
        return
    app.push_screen(_load(target)(record_id, **options))


def new_record(
    app: App, kind: str, *, on_saved: Callable[[Any], None] | None = None, **initial: Any
) -> None:
    target = FORMS.get(kind)
    if target is None:
        app.notify(_("Records of this kind cannot be created here."), severity="warning")
        return

    def saved(result: Any) -> None:
        if result is not None and on_saved is not None:
            on_saved(result)

    app.push_screen(_load(target)(**initial), saved)
