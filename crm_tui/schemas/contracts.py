"""Contracts and tickets: simple records of a client that contacts take part in, with roles.

They exist so that contact roles apply to them as to deals (seed 000); each has a client, a
legal entity of that client, a number or a subject, a status and its dates.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, ValidationInfo, model_validator

from crm_tui.i18n import N_, _
from crm_tui.schemas.common import InputModel, OutputModel
from crm_tui.validation import CleanStr, FieldError, max_chars

ContractStatus = Literal["draft", "active", "expired", "terminated"]
TicketStatus = Literal["open", "in_progress", "closed"]

CONTRACT_STATUSES: dict[str, str] = {
    "draft": N_("draft"),
    "active": N_("active"),
    "expired": N_("expired"),
    "terminated": N_("terminated"),
}
TICKET_STATUSES: dict[str, str] = {
    "open": N_("open"),
    "in_progress": N_("in progress"),
    "closed": N_("closed"),
}
OPEN_CONTRACT_STATUSES = ("draft", "active")
"""Contracts whose people still matter: the role audit looks only at these."""
OPEN_TICKET_STATUSES = ("open", "in_progress")

ENTER_A_DATE = N_("Enter a date as DD.MM.YYYY")
_DAY_FIRST = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")


def _date(value: Any, info: ValidationInfo) -> Any:
    """Dates as Russian users type them (05.03.2026), ISO, or blank for none."""
    if value is None or isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not text:
        return None
    field = info.field_name or "date"
    match = _DAY_FIRST.match(text)
    try:
        if match:
            day, month, year = (int(part) for part in match.groups())
            return dt.date(year, month, day)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise FieldError(field, _(ENTER_A_DATE)).as_pydantic() from None


#: An optional date typed by a user.
TypedDate = Annotated[dt.date | None, BeforeValidator(_date)]


def _not_before(start: dt.date | None, end: dt.date | None, field: str) -> None:
    if start is not None and end is not None and end < start:
        raise FieldError(field, _("This date is before {start}.",
                                  start=start.strftime("%d.%m.%Y"))).as_pydantic()


class ContractIn(InputModel):
    """A contract as the form gives it; the client cannot change once it exists."""

    client_id: int
    counterparty_id: int | None = None
    deal_id: int | None = None
    number: Annotated[CleanStr, max_chars(100)]
    status: ContractStatus = "draft"
    signed_on: TypedDate = None
    valid_until: TypedDate = None

    @model_validator(mode="after")
    def _dates_in_order(self) -> ContractIn:
        _not_before(self.signed_on, self.valid_until, "valid_until")
        return self


class ContractOut(OutputModel):
    id: int
    client_id: int
    client_name: str
    counterparty_id: int | None
    counterparty_name: str | None
    deal_id: int | None
    deal_title: str | None
    number: str
    status: ContractStatus
    signed_on: dt.date | None
    valid_until: dt.date | None
    created_at: dt.datetime
    version: int


class TicketIn(InputModel):
    """A ticket (обращение) as the form gives it."""

    client_id: int
    counterparty_id: int | None = None
    subject: Annotated[CleanStr, max_chars(300)]
    status: TicketStatus = "open"
    opened_on: TypedDate = None
    closed_on: TypedDate = None

    @model_validator(mode="after")
    def _dates_in_order(self) -> TicketIn:
        _not_before(self.opened_on, self.closed_on, "closed_on")
        return self


class TicketOut(OutputModel):
    id: int
    client_id: int
    client_name: str
    counterparty_id: int | None
    counterparty_name: str | None
    subject: str
    status: TicketStatus
    opened_on: dt.date | None
    closed_on: dt.date | None
    created_at: dt.datetime
    version: int
