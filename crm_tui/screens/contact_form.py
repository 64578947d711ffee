"""The contact form: a person, optionally created as working for a client.

Phones are accepted in any spelling ("8 (916) 123-45-67") and stored in one standard form;
several phones or e-mails go in one box, separated by commas.
"""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel

from crm_tui.i18n import N_, _
from crm_tui.schemas.clients import ContactIn, ContactOut
from crm_tui.screens.record_form import FormField, RecordForm
from crm_tui.validation import format_phone
from crm_tui.widgets.record_text import (
    CHANNEL_NAMES,
    CONTACT_MARK_NAMES,
    PRIORITY_NAMES,
    RELATIONSHIP_NAMES,
)


class ContactForm(RecordForm):
    """Dismisses with the saved `ContactOut`, or None when cancelled."""

    HELP = _(
        "A person who acts for a client. Put several phones or e-mails in one box separated "
        "by commas; phones may be typed in any format. Ctrl+S saves."
    )
    MODEL = ContactIn
    FIELDS: ClassVar[list[FormField]] = [
        FormField("full_name", N_("Full name")),
        FormField("position", N_("Position")),
        FormField("phones", N_("Phones"), "list", placeholder=N_("+7 916 123-45-67, …")),
        FormField("emails", N_("E-mails"), "list", placeholder=N_("name@example.ru, …")),
        FormField("relationship", N_("Relationship"), "select",
                  [(label, code) for code, label in RELATIONSHIP_NAMES.items()],
                  allow_blank=False),
        FormField("priority", N_("Priority"), "select", [
            (PRIORITY_NAMES[c], c) for c in ("normal", "high", "low")], allow_blank=False),
        FormField("preferred_channel", N_("Preferred channel"), "select",
                  [(label, code) for code, label in CHANNEL_NAMES.items()]),
        FormField("segment", N_("Segment")),
        FormField("address", N_("Address"), "text"),
        FormField("interests", N_("Interests and needs"), "text"),
        FormField("notes", N_("Personal notes"), "text"),
        FormField("status", N_("Mark"), "select",
                  [(label, code) for code, label in CONTACT_MARK_NAMES.items()],
                  allow_blank=False),
    ]

    def __init__(self, contact_id: int | None = None, *, client_id: int | None = None,
                 **initial: Any) -> None:
        super().__init__(contact_id)
        self.client_id = client_id
        self.initial = initial

    def form_title(self) -> str:
        return _("New contact") if self.record_id is None else _("Edit contact")

    def on_mount(self) -> None:
        super().on_mount()
        if self.initial:
            self.fill(self.initial)

    def load(self) -> ContactOut:
        return self.store.contacts.get(self.record_id)  # type: ignore[arg-type]

    def values_of(self, record: ContactOut) -> dict[str, Any]:
        values = super().values_of(record)
        region = self.app.settings.phone_region
        values["phones"] = [format_phone(p, "international", region) for p in record.phones]
        return values

    def model_data(self, values: dict[str, Any]) -> dict[str, Any]:
        return {**values, "owner_id": None}

    def persist(self, data: BaseModel) -> ContactOut:
        assert isinstance(data, ContactIn)
        if self.record_id is None:
            return self.store.contacts.create(data, client_id=self.client_id,
                                              position=data.position)
        return self.store.contacts.update(self.record_id, self.version or 0, data)
