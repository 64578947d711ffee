"""One place that knows which screen shows which kind of record, so any screen can open any
record (search results, timelines, task links) without importing every other screen."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from textual.app import App

from crm_tui.i18n import _

# kind -> "module:Class" of the screen that shows one record; the class takes the record id.
CARDS: dict[str, str] = {
    "roles": "crm_tui.screens.role_panel:RolePanelScreen",
    "roles:contract": "crm_tui.screens.role_panel:ContractRolePanel",
    "roles:ticket": "crm_tui.screens.role_panel:TicketRolePanel",
    "contract": "crm_tui.screens.contract_card:ContractCardScreen",
    "ticket": "crm_tui.screens.contract_card:TicketCardScreen",
    "deal": "crm_tui.screens.deal_card:DealCardScreen",
    "lead": "crm_tui.screens.lead_card:LeadCardScreen",
    "client": "crm_tui.screens.client_card:ClientCardScreen",
    "contact": "crm_tui.screens.contact_card:ContactCardScreen",
}
# kind -> "module:Class" of the dialog that creates one; it dismisses with the new record.
FORMS: dict[str, str] = {
    "contract": "crm_tui.screens.contract_form:ContractForm",
    "ticket": "crm_tui.screens.contract_form:TicketForm",
    "deal": "crm_tui.screens.deal_form:DealFormScreen",
    "lead": "crm_tui.screens.lead_form:LeadForm",
    "task": "crm_tui.screens.task_form:TaskForm",
    "activity": "crm_tui.screens.activity_form:ActivityForm",
    "client": "crm_tui.screens.client_form:ClientForm",
    "contact": "crm_tui.screens.contact_form:ContactForm",
}


def _load(target: str) -> Any:
    module, _sep, name = target.partition(":")
    return getattr(importlib.import_module(module), name)


def open_record(app: App, kind: str, record_id: int, /, **options: Any) -> None:
    target = CARDS.get(kind)
    if target is None:
        app.notify(_("There is no card for this kind of record."), severity="warning")
        return
    screen = _load(target)(record_id, **options)
    # Shown once the data of its first frame is there (see `CrmApp.show_when_loaded`).
    app.show_when_loaded(screen, lambda: app.push_screen(screen))  # type: ignore[attr-defined]


def new_record(
    app: App, kind: str, /, *, on_saved: Callable[[Any], None] | None = None, **initial: Any
) -> None:
    target = FORMS.get(kind)
    if target is None:
        app.notify(_("Records of this kind cannot be created here."), severity="warning")
        return

    def saved(result: Any) -> None:
        if result is not None and on_saved is not None:
            on_saved(result)

    app.push_screen(_load(target)(**initial), saved)
