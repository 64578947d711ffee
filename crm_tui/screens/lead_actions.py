"""What can be done to a lead, from the lead list and from the lead card alike.

Each action is defined once here (key, palette entry, help line). The status rules come
from `crm_tui.leads.status`, the same rules the store enforces: the screen asks them only
to explain at once why, say, a converted lead cannot be converted, instead of opening a
dialog whose answer would be refused.
"""

from __future__ import annotations

from typing import Any, ClassVar

from crm_tui.i18n import N_, _
from crm_tui.leads import status as lead_status
from crm_tui.schemas.leads import Conversion, LeadOut
from crm_tui.store.errors import ConflictError
from crm_tui.widgets.actions import UserAction

LEAD_ACTIONS: list[UserAction] = [
    UserAction("lead.qualify", "q", "qualify", N_("lead"), N_("Qualify"),
               show=True),
    UserAction("lead.convert", "c", "convert", N_("lead"), N_("Convert"),
               show=True),
    UserAction("lead.refuse", "r", "refuse", N_("lead"), N_("Refuse"),
               show=True),
    UserAction("lead.junk", "j", "mark_junk", N_("lead"), N_("Mark as junk")),
    UserAction("lead.assign", "a", "assign", N_("lead"), N_("Assign")),
]
_NAMES = {action.action for action in LEAD_ACTIONS}


class LeadActions:
    """Mixin for a `CrmScreen` that shows one lead at a time (highlighted or opened).

    The screen provides `selected_lead()` and `lead_changed()`; the mixin runs the store
    calls and the dialogs.
    """

    ACTIONS: ClassVar[list[UserAction]]

    def selected_lead(self) -> LeadOut | None:
        raise NotImplementedError

    def lead_changed(self, lead: LeadOut | None) -> None:
        """Show the lead's new state (None: reload, the lead may have changed elsewhere)."""
        raise NotImplementedError

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in _NAMES:
            return self.selected_lead() is not None and not self.store.ctx.readonly  # type: ignore[attr-defined]
        return super().check_action(action, parameters)  # type: ignore[misc]

    def _possible(self, action: lead_status.LeadAction, lead: LeadOut) -> bool:
        refusal = lead_status.refusal(action, lead.status)
        if refusal:
            self.notify(refusal, severity="warning")  # type: ignore[attr-defined]
            return False
        return True

    def _lead_refused(self, exc: Exception) -> None:
        if isinstance(exc, ConflictError):
            self.notify(str(exc), title=_("Someone else changed this lead"),  # type: ignore[attr-defined]
                        severity="warning", markup=False)
            self.lead_changed(None)
            return
        self.show_store_error(exc)  # type: ignore[attr-defined]

    def _run(self, action: lead_status.LeadAction, fn: Any, *args: Any, message: str) -> None:
        lead = self.selected_lead()
        if lead is None or not self._possible(action, lead):
            return

        def done(changed: LeadOut) -> None:
            self.notify(_(message, name=changed.name), markup=False)  # type: ignore[attr-defined]
            self.lead_changed(changed)

        self.call_store(fn, lead.id, *args, lead.version, done=done,  # type: ignore[attr-defined]
                        on_error=self._lead_refused, group="lead-action")

    def action_qualify(self) -> None:
        self._run("qualify", self.store.leads.qualify,  # type: ignore[attr-defined]
                  message=N_("{name}: ready to contact"))

    def action_mark_junk(self) -> None:
        self._run("junk", self.store.leads.mark_junk,  # type: ignore[attr-defined]
                  message=N_("{name}: marked as junk"))

    def action_refuse(self) -> None:
        from crm_tui.screens.lead_dialogs import RefuseLeadDialog

        lead = self.selected_lead()
        if lead is None or not self._possible("refuse", lead):
            return
        self.app.push_screen(RefuseLeadDialog(lead), self._after_dialog)  # type: ignore[attr-defined]

    def action_convert(self) -> None:
        from crm_tui.screens.lead_convert import ConvertLeadDialog

        lead = self.selected_lead()
        if lead is None or not self._possible("convert", lead):
            return
        self.app.push_screen(ConvertLeadDialog(lead), self._after_conversion)  # type: ignore[attr-defined]

    def action_assign(self) -> None:
        from crm_tui.screens.lead_dialogs import AssignLeadDialog

        lead = self.selected_lead()
        if lead is None:
            return
        self.app.push_screen(AssignLeadDialog(lead), self._after_dialog)  # type: ignore[attr-defined]

    def _after_dialog(self, result: LeadOut | str | None) -> None:
        if result == "reload":
            self.lead_changed(None)
        elif isinstance(result, LeadOut):
            self.lead_changed(result)

    def _after_conversion(self, result: Conversion | str | None) -> None:
        if isinstance(result, Conversion):
            self.notify(  # type: ignore[attr-defined]
                _("{name} is now a client; the lead keeps the links.", name=result.lead.name),
                markup=False,
            )
            self.lead_changed(result.lead)
        elif result == "reload":
            self.lead_changed(None)
