"""Log what happened without a task: a call, a meeting, an e-mail or a note on a timeline.

Cards open it with `new_record(app, "activity", client_id=...)` (or `contact_id`, `deal_id`);
opened without a link it asks for the client by search, since an activity always belongs to
some record.
"""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Select, TextArea

from crm_tui.due_times import format_due_input, parse_due
from crm_tui.i18n import N_, _
from crm_tui.schemas.work import ActivityIn
from crm_tui.screens.base import CrmModal
from crm_tui.validation import errors_by_field
from crm_tui.widgets.actions import UserAction, bindings
from crm_tui.widgets.form_rows import FieldErrors, field_row
from crm_tui.widgets.record_picker import RecordPicker
from crm_tui.widgets.text import joined

ACTIVITY_KINDS = {"call": N_("Call"), "meeting": N_("Meeting"), "email": N_("E-mail"),
                  "note": N_("Note")}
SEARCH_LIMIT = 6


class ActivityForm(CrmModal):
    """Logs one activity; dismisses with the new `ActivityOut` (None when cancelled)."""

    CSS_PATH = "task_dialogs.tcss"
    HELP = _(
        "Log a call, meeting, e-mail or note on the timeline. The time is now unless you "
        "type another (05.03.2026 14:30). Save with Ctrl+S."
    )
    ACTIONS: ClassVar[list[UserAction]] = [
        UserAction("activity_form.save", "ctrl+s", "save", N_("activity"),
                   N_("Save the activity"), show=True, priority=True),
    ]
    BINDINGS = [*CrmModal.BINDINGS, *bindings(ACTIONS)]
    AUTO_FOCUS = "#activity-body"

    def __init__(self, client_id: int | None = None, contact_id: int | None = None,
                 deal_id: int | None = None, *, kind: str = "call") -> None:
        super().__init__()
        self.link = {"client_id": client_id, "contact_id": contact_id, "deal_id": deal_id}
        self._kind = kind
        self.errors = FieldErrors(self, "activity")

    @property
    def _linked(self) -> bool:
        return any(v is not None for v in self.link.values())

    def compose(self) -> ComposeResult:
        tz = self.store.settings.timezone
        with Vertical(classes="task-dialog"):
            yield Label(_("Log an activity"), classes="dialog-title")
            with VerticalScroll():
                if self._linked:
                    yield from field_row(_("About"), Label("", id="activity-about"),
                                         self.errors, "client_id")
                else:
                    yield from field_row(
                        _("Client"),
                        RecordPicker(self._find_clients, placeholder=_("Search clients…"),
                                     id="activity-client"),
                        self.errors, "client_id",
                    )
                yield from field_row(
                    _("Kind"),
                    Select([(_(name), code) for code, name in ACTIVITY_KINDS.items()],
                           value=self._kind, allow_blank=False, id="activity-kind",
                           compact=True),
                    self.errors, "kind",
                )
                yield from field_row(_("What happened"),
                                     TextArea(id="activity-body", soft_wrap=True),
                                     self.errors, "body")
                yield from field_row(
                    _("When"),
                    Input(format_due_input(self.store.ctx.now(), tz),
                          placeholder="05.03.2026 14:30", id="activity-at", compact=True),
                    self.errors, "at",
                )
                yield from self.errors.slot("")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Save"), variant="primary", id="save", compact=True)
                yield Button(_("Cancel"), id="cancel", compact=True)

    def on_mount(self) -> None:
        if self._linked:
            self.call_store(self._names, done=self._show_about, group="about")

    def _names(self) -> list[str]:
        store = self.store
        names = []
        if self.link["deal_id"] is not None:
            deal = store.deals.get(self.link["deal_id"])
            names.append(deal.title)
            if self.link["client_id"] is None:
                names.append(deal.client_name)
        if self.link["contact_id"] is not None:
            names.append(store.contacts.get(self.link["contact_id"]).full_name)
        if self.link["client_id"] is not None:
            names.append(store.clients.get(self.link["client_id"]).name)
        return names

    def _show_about(self, names: list[str]) -> None:
        self.query_one("#activity-about", Label).update(joined(*names))

    def _find_clients(self, text: str) -> list[tuple[int, str]]:
        hits = self.store.search.page("client", text, limit=SEARCH_LIMIT).items
        return [(h.id, h.title) for h in hits]

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        self.errors.clear()
        try:
            at = parse_due(self.query_one("#activity-at", Input).value, self.store.ctx.now(),
                           self.store.settings.timezone)
        except ValueError as exc:
            self.errors.show({"at": str(exc)})
            return
        link: dict[str, Any] = dict(self.link)
        if not self._linked:
            link["client_id"] = self.query_one("#activity-client", RecordPicker).record_id
            if link["client_id"] is None:
                self.errors.show({"client_id": _("Pick the client this is about.")})
                return
        try:
            data = ActivityIn(kind=self.query_one("#activity-kind", Select).value,
                              body=self.query_one("#activity-body", TextArea).text,
                              at=at, **link)
        except ValidationError as exc:
            self.errors.show(errors_by_field(exc))
            return
        self.call_store(self.store.activities.log, data, done=self.dismiss,
                        on_error=self.errors.refused, group="save")

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
