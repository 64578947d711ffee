"""The client form: a new client, or the fields of one on its card."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel
from textual.widgets import Select
from textual.widgets.select import InvalidSelectValueError

from crm_tui.i18n import N_, _
from crm_tui.schemas.clients import ClientIn, ClientOut
from crm_tui.screens.record_form import FormField, RecordForm
from crm_tui.widgets.record_text import CLIENT_KIND_NAMES, PRIORITY_NAMES


class ClientForm(RecordForm):
    """Dismisses with the saved `ClientOut`, or None when cancelled."""

    HELP = _(
        "The client's fields. Only the head of sales may give a client to another manager. "
        "Ctrl+S saves; a field that is refused shows why right under it."
    )
    MODEL = ClientIn
    FIELDS: ClassVar[list[FormField]] = [
        FormField("name", N_("Name")),
        FormField("kind", N_("Type"), "select", list(
            (label, code) for code, label in CLIENT_KIND_NAMES.items()), allow_blank=False),
        FormField("segment", N_("Segment")),
        FormField("industry", N_("Industry")),
        FormField("priority", N_("Priority"), "select", [
            (PRIORITY_NAMES[c], c) for c in ("normal", "high", "low")], allow_blank=False),
        FormField("owner_id", N_("Owner"), "select"),
        FormField("legal_address", N_("Legal address"), "text"),
        FormField("delivery_address", N_("Delivery address"), "text"),
        FormField("notes", N_("Notes"), "text"),
    ]

    def __init__(self, client_id: int | None = None, **initial: Any) -> None:
        super().__init__(client_id)
        self.initial = initial

    def form_title(self) -> str:
        return _("New client") if self.record_id is None else _("Edit client")

    def on_mount(self) -> None:
        super().on_mount()
        if self.initial:
            self.fill(self.initial)
        self.call_store(self.store.users.list, done=self._owners, group="owners")

    def _owners(self, users) -> None:  # type: ignore[no-untyped-def]
        select = self.query_one("#field-owner_id", Select)
        current = select.value
        select.set_options([(u.display_name, u.id) for u in users])
        me = self.store.user
        wanted = current if current is not Select.NULL else (me.id if me else None)
        self._choose(select, wanted, True)
        select.disabled = not (me is not None and me.is_head)

    def load(self) -> ClientOut:
        return self.store.clients.get(self.record_id)  # type: ignore[arg-type]

    def loaded(self, record: ClientOut) -> None:
        select = self.query_one("#field-owner_id", Select)
        if record.owner_id is not None and record.owner_name:
            # Until the user list arrives, offer at least the current owner.
            try:
                select.value = record.owner_id
            except InvalidSelectValueError:  # not among the options yet
                select.set_options([(record.owner_name, record.owner_id)])
        super().loaded(record)

    def persist(self, data: BaseModel) -> ClientOut:
        assert isinstance(data, ClientIn)
        if self.record_id is None:
            return self.store.clients.create(data)
        return self.store.clients.update(self.record_id, self.version or 0, data)
