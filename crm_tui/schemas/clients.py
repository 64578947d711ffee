"""Clients, their counterparties (legal entities) and the people who work for them."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field, model_validator

from crm_tui.schemas.common import (
    Channel,
    ClientKind,
    ContactStatus,
    InputModel,
    OutputModel,
    Priority,
    Relationship,
)
from crm_tui.validation import (
    BIK,
    INN,
    KPP,
    AccountNumber,
    BlankAsNone,
    CleanStr,
    CleanText,
    Email,
    OptionalCleanStr,
    Phone,
    RegistrationNumber,
    validate_correspondent_account,
    validate_requisites,
    validate_settlement_account,
)

LEGAL_FORMS = ("ООО", "АО", "ПАО", "ЗАО", "НКО", "ИП", "ГУП", "МУП", "other")


class ClientIn(InputModel):
    name: CleanStr
    kind: ClientKind = "organisation"
    segment: OptionalCleanStr = None
    industry: OptionalCleanStr = None
    priority: Priority = "normal"
    owner_id: int | None = None
    legal_address: CleanText = None
    delivery_address: CleanText = None
    notes: CleanText = None


class ClientOut(OutputModel):
    id: int
    name: str
    kind: ClientKind
    segment: str | None
    industry: str | None
    priority: Priority
    owner_id: int | None
    owner_name: str | None = None
    legal_address: str | None
    delivery_address: str | None
    notes: str | None
    archived: bool
    version: int
    updated_at: dt.datetime


class ClientRow(OutputModel):
    """One line of the client list."""

    id: int
    name: str
    kind: ClientKind
    segment: str | None
    industry: str | None
    priority: Priority
    owner_name: str | None
    open_deals: int = 0


class CounterpartyIn(InputModel):
    name: CleanStr
    legal_form: str = "ООО"
    inn: Annotated[INN | None, BlankAsNone] = None
    kpp: Annotated[KPP | None, BlankAsNone] = None
    ogrn: Annotated[RegistrationNumber | None, BlankAsNone] = None
    legal_address: CleanText = None
    bank_name: OptionalCleanStr = None
    bik: Annotated[BIK | None, BlankAsNone] = None
    settlement_account: Annotated[AccountNumber | None, BlankAsNone] = None
    correspondent_account: Annotated[AccountNumber | None, BlankAsNone] = None

    @model_validator(mode="after")
    def _requisites_agree(self) -> CounterpartyIn:
        """A draft may lack numbers, but what is filled in must fit the legal form."""
        validate_requisites(self.legal_form, self.inn, self.kpp, self.ogrn, allow_missing=True)
        if self.bik and self.settlement_account:
            validate_settlement_account(self.settlement_account, self.bik)
        if self.bik and self.correspondent_account:
            validate_correspondent_account(self.correspondent_account, self.bik)
        return self


class CounterpartyOut(OutputModel):
    id: int
    client_id: int
    name: str
    legal_form: str
    inn: str | None
    kpp: str | None
    ogrn: str | None
    legal_address: str | None
    bank_name: str | None
    bik: str | None
    settlement_account: str | None
    correspondent_account: str | None
    archived: bool
    version: int


class ContactIn(InputModel):
    full_name: CleanStr
    position: OptionalCleanStr = None
    phones: list[Phone] = Field(default_factory=list)
    emails: list[Email] = Field(default_factory=list)
    address: CleanText = None
    relationship: Relationship = "client"
    priority: Priority = "normal"
    segment: OptionalCleanStr = None
    interests: CleanText = None
    preferred_channel: Channel | None = None
    notes: CleanText = None
    owner_id: int | None = None
    status: ContactStatus = "active"


class ContactOut(OutputModel):
    id: int
    full_name: str
    position: str | None
    phones: list[str]
    emails: list[str]
    address: str | None
    relationship: Relationship
    priority: Priority
    segment: str | None
    interests: str | None
    preferred_channel: Channel | None
    notes: str | None
    owner_id: int | None
    status: ContactStatus = "active"
    version: int
    updated_at: dt.datetime


class AffiliationIn(InputModel):
    client_id: int
    contact_id: int
    position: OptionalCleanStr = None
    started_on: dt.date | None = None


class AffiliationOut(OutputModel):
    """A contact's link to a client: current while `ended_on` is None."""

    id: int
    client_id: int
    client_name: str
    contact_id: int
    contact_name: str
    position: str | None
    started_on: dt.date | None
    ended_on: dt.date | None
    version: int

    @property
    def current(self) -> bool:
        return self.ended_on is None
