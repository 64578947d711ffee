"""The counterparty form: a client's legal entity with its registration and bank numbers.

INN, KPP, OGRN, BIK and the accounts are checked (check digits, lengths, the key of an
account against its BIK) as the user leaves each box and again on saving; a wrong number is
named beside its field and nothing is saved.
"""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel

from crm_tui.i18n import N_, _
from crm_tui.schemas.clients import LEGAL_FORMS, CounterpartyIn, CounterpartyOut
from crm_tui.screens.record_form import FormField, RecordForm

LEGAL_FORM_OTHER = N_("other")


class CounterpartyForm(RecordForm):
    """Dismisses with the saved `CounterpartyOut`, or None when cancelled."""

    HELP = _(
        "A legal entity of the client on which contracts and invoices are made. INN, KPP, "
        "OGRN, BIK and accounts are checked as you leave each field. Ctrl+S saves."
    )
    MODEL = CounterpartyIn
    FIELDS: ClassVar[list[FormField]] = [
        FormField("name", N_("Name")),
        FormField("legal_form", N_("Legal form"), "select",
                  [(LEGAL_FORM_OTHER if f == "other" else f, f) for f in LEGAL_FORMS],
                  allow_blank=False),
        FormField("inn", N_("INN"), placeholder=N_("10 or 12 digits")),
        FormField("kpp", N_("KPP"), placeholder=N_("9 characters; none for a sole trader")),
        FormField("ogrn", N_("OGRN / OGRNIP"), placeholder=N_("13 or 15 digits")),
        FormField("legal_address", N_("Legal address"), "text"),
        FormField("bank_name", N_("Bank")),
        FormField("bik", N_("BIK"), placeholder=N_("9 digits")),
        FormField("settlement_account", N_("Settlement account"),
                  placeholder=N_("20 digits")),
        FormField("correspondent_account", N_("Correspondent account"),
                  placeholder=N_("20 digits")),
    ]

    def __init__(self, client_id: int, counterparty_id: int | None = None,
                 **initial: Any) -> None:
        super().__init__(counterparty_id)
        self.client_id = client_id
        self.initial = initial

    def form_title(self) -> str:
        return _("New counterparty") if self.record_id is None else _("Edit counterparty")

    def on_mount(self) -> None:
        super().on_mount()
        if self.initial:
            self.fill(self.initial)

    def load(self) -> CounterpartyOut:
        return self.store.counterparties.get(self.record_id)  # type: ignore[arg-type]

    def persist(self, data: BaseModel) -> CounterpartyOut:
        assert isinstance(data, CounterpartyIn)
        if self.record_id is None:
            return self.store.counterparties.add(self.client_id, data)
        return self.store.counterparties.update(self.record_id, self.version or 0, data)
