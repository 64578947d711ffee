"""The new-task dialog: what to do, by when, for whom and about which client, contact or deal.

Opened with `n` in the task inbox and from cards through `new_record(app, "task",
client_id=..., contact_id=..., deal_id=...)`, which fill in the link. Only the head of sales
(or an admin) gets a choice of assignee; the store refuses anyone else's attempt anyway.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, ClassVar

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Select

from crm_tui.due_times import QUICK_NEW, format_due, format_due_input, parse_due, quick_due
from crm_tui.i18n import N_, _
from crm_tui.schemas.work import TaskIn
from crm_tui.screens.base import CrmModal
from crm_tui.validation import errors_by_field
from crm_tui.widgets.actions import UserAction, bindings
from crm_tui.widgets.form_rows import FieldErrors, field_row
from crm_tui.widgets.record_picker import RecordPicker
from crm_tui.widgets.text import joined, plain

TASK_TYPES = {"call": N_("Call"), "email": N_("E-mail"), "meeting": N_("Meeting"),
              "proposal": N_("Send proposal"), "other": N_("Other")}
SEARCH_LIMIT = 6


class TaskForm(CrmModal):
    """Create a task; dismisses with the new `TaskOut` (None when cancelled)."""

    CSS_PATH = "task_dialogs.tcss"
    HELP = _(
        "A new task. Type what to do, pick a quick due time or type one (05.03.2026 14:30, "
        "tomorrow 10:00), link it to a client, contact or deal, and save with Ctrl+S."
    )
    ACTIONS: ClassVar[list[UserAction]] = [
        UserAction("task_form.save", "ctrl+s", "save", N_("task"), N_("Save the task"),
                   show=True, priority=True),
    ]
    BINDINGS = [*CrmModal.BINDINGS, *bindings(ACTIONS)]
    AUTO_FOCUS = "#task-title"

    def __init__(self, client_id: int | None = None, contact_id: int | None = None,
                 deal_id: int | None = None, *, kind: str = "call", title: str = "") -> None:
        super().__init__()
        self._initial = {"client_id": client_id, "contact_id": contact_id, "deal_id": deal_id}
        self._kind = kind
        self._title = title
        self.errors = FieldErrors(self, "task")

    @property
    def _tz(self) -> str:
        return self.store.settings.timezone

    def compose(self) -> ComposeResult:
        store = self.store
        now = store.ctx.now()
        user = store.user
        with Vertical(classes="task-dialog"):
            yield Label(_("New task"), classes="dialog-title")
            with VerticalScroll():
                yield from field_row(_("Task"), Input(placeholder=_("What to do"),
                                                      id="task-title", compact=True),
                                     self.errors, "title")
                yield from field_row(
                    _("Type"),
                    Select([(_(name), code) for code, name in TASK_TYPES.items()],
                           value=self._kind, allow_blank=False, id="task-kind", compact=True),
                    self.errors, "kind",
                )
                with Horizontal(classes="form-row due-row"):
                    yield Label(_("Due"), classes="form-label")
                    yield Select(self._quick_options(now), prompt=_("Quick choice"),
                                 id="task-quick", compact=True)
                    yield Input(format_due_input(quick_due("tomorrow_10", now, self._tz),
                                                 self._tz),
                                placeholder="05.03.2026 14:30", id="task-due", compact=True)
                yield Label("", id="task-due-hint", classes="form-hint")
                yield from self.errors.slot("due_at")
                assignee = Select(
                    [(user.display_name, user.id)] if user else [],
                    value=user.id if user else Select.NULL, allow_blank=user is None,
                    id="task-assignee", compact=True,
                )
                assignee.disabled = not (user and user.is_head)
                yield from field_row(_("Assignee"), assignee, self.errors, "assignee_id")
                yield from field_row(
                    _("Client"),
                    RecordPicker(self._finder("client"), placeholder=_("Search clients…"),
                                 id="task-client"),
                    self.errors, "client_id",
                )
                yield from field_row(
                    _("Contact"),
                    RecordPicker(self._finder("contact"), placeholder=_("Search contacts…"),
                                 id="task-contact"),
                    self.errors, "contact_id",
                )
                yield from field_row(
                    _("Deal"),
                    RecordPicker(self._finder("deal"), placeholder=_("Search deals…"),
                                 id="task-deal"),
                    self.errors, "deal_id",
                )
                yield from self.errors.slot("")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Save"), variant="primary", id="save", compact=True)
                yield Button(_("Cancel"), id="cancel", compact=True)

    def _quick_options(self, now: dt.datetime) -> list[tuple[str, str]]:
        options = []
        for quick in QUICK_NEW:
            when = quick_due(quick.code, now, self._tz)
            if when > now:  # "today 18:00" is no choice at 19:00
                options.append((f"{_(quick.title)} · {format_due(when, now, self._tz)}",
                                quick.code))
        return options

    # -- widgets ---------------------------------------------------------------------------
    @property
    def due_input(self) -> Input:
        return self.query_one("#task-due", Input)

    @property
    def client_picker(self) -> RecordPicker:
        return self.query_one("#task-client", RecordPicker)

    @property
    def contact_picker(self) -> RecordPicker:
        return self.query_one("#task-contact", RecordPicker)

    @property
    def deal_picker(self) -> RecordPicker:
        return self.query_one("#task-deal", RecordPicker)

    # -- loading ---------------------------------------------------------------------------
    def on_mount(self) -> None:
        self.title_input.value = self._title
        self._show_due_hint()
        user = self.store.user
        if user is not None and user.is_head:
            self.call_store(self.store.users.list, done=self._fill_assignees, group="users")
        self.call_store(self._initial_links, done=self._show_initial_links, group="links")

    @property
    def title_input(self) -> Input:
        return self.query_one("#task-title", Input)

    def _fill_assignees(self, users) -> None:  # type: ignore[no-untyped-def]
        select = self.query_one("#task-assignee", Select)
        current = select.value
        select.set_options([(u.display_name, u.id) for u in users])
        select.value = current

    def _initial_links(self) -> dict[str, Any]:
        """Names of the records the dialog was opened for (and a deal's client)."""
        found: dict[str, Any] = {}
        store = self.store
        deal_id = self._initial["deal_id"]
        client_id = self._initial["client_id"]
        if deal_id is not None:
            deal = store.deals.get(deal_id)
            found["deal"] = deal
            client_id = client_id or deal.client_id
        if client_id is not None:
            found["client"] = store.clients.get(client_id)
        if self._initial["contact_id"] is not None:
            found["contact"] = store.contacts.get(self._initial["contact_id"])
        return found

    def _show_initial_links(self, found: dict[str, Any]) -> None:
        if "client" in found:
            self.client_picker.choose(found["client"].id, found["client"].name)
        if "deal" in found:
            self._show_deal(found["deal"])
        if "contact" in found:
            self.contact_picker.choose(found["contact"].id, found["contact"].full_name)

    def _finder(self, kind: str) -> Callable[[str], list[tuple[int, str]]]:
        """The picker's lookup: global search (by any word of a name, INN, phone) of one kind."""

        def find(text: str) -> list[tuple[int, str]]:
            hits = self.store.search.page(kind, text, limit=SEARCH_LIMIT).items
            return [(h.id, joined(h.title, h.client_name).plain) for h in hits]

        return find

    def _show_deal(self, deal: Any) -> None:
        self.deal_picker.choose(deal.id, joined(deal.title, deal.client_name).plain)

    @on(RecordPicker.Picked, "#task-deal")
    def _deal_picked(self, event: RecordPicker.Picked) -> None:
        """A deal belongs to a client: fill the client in when it is still empty."""
        if event.record_id is None or self.client_picker.record_id is not None:
            return
        deal_id = event.record_id
        self.call_store(self.store.deals.get, deal_id, done=self._deal_client, group="deal")

    def _deal_client(self, deal: Any) -> None:
        if self.client_picker.record_id is None:
            self.client_picker.choose(deal.client_id, deal.client_name)

    # -- due time --------------------------------------------------------------------------
    @on(Select.Changed, "#task-quick")
    def _quick_chosen(self, event: Select.Changed) -> None:
        if event.value is Select.NULL:
            return
        now = self.store.ctx.now()
        self.due_input.value = format_due_input(quick_due(str(event.value), now, self._tz),
                                                self._tz)

    @on(Input.Changed, "#task-due")
    def _show_due_hint(self) -> None:
        hint = self.query_one("#task-due-hint", Label)
        now = self.store.ctx.now()
        try:
            due = parse_due(self.due_input.value, now, self._tz)
        except ValueError as exc:
            hint.update(plain(str(exc)))
            hint.add_class("-invalid")
            return
        hint.remove_class("-invalid")
        hint.update(plain(format_due(due, now, self._tz)))

    # -- saving ----------------------------------------------------------------------------
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        self.errors.clear()
        try:
            due = parse_due(self.due_input.value, self.store.ctx.now(), self._tz)
        except ValueError as exc:
            self.errors.show({"due_at": str(exc)})
            return
        try:
            data = TaskIn(
                kind=self.query_one("#task-kind", Select).value,
                title=self.title_input.value,
                due_at=due,
                assignee_id=self.query_one("#task-assignee", Select).value,
                client_id=self.client_picker.record_id,
                contact_id=self.contact_picker.record_id,
                deal_id=self.deal_picker.record_id,
            )
        except ValidationError as exc:
            self.errors.show(errors_by_field(exc))
            return
        self.call_store(self.store.tasks.create, data, done=self.dismiss,
                        on_error=self.errors.refused, group="save")

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
