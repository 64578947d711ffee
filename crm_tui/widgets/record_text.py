"""How stored facts read on screen: stage and role names, phones, money, dates, kinds.

Every function returns Rich `Text` built with `plain()`, so stored strings stay data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from rich.text import Text

from crm_tui.formatting import format_date, format_datetime, format_money
from crm_tui.i18n import N_, _
from crm_tui.validation import format_phone
from crm_tui.widgets.text import plain

PRIORITY_NAMES = {"low": N_("low"), "normal": N_("normal"), "high": N_("high")}
CLIENT_KIND_NAMES = {"organisation": N_("organisation"), "sole_trader": N_("sole trader"),
                     "person": N_("person")}
RELATIONSHIP_NAMES = {"client": N_("client"), "partner": N_("partner"),
                      "supplier": N_("supplier"), "other": N_("other")}
CONTACT_MARK_NAMES = {"active": N_("no mark"), "junk": N_("junk: not a buyer"),
                      "competitor": N_("competitor")}
CHANNEL_NAMES = {"phone": N_("phone"), "email": N_("e-mail"), "messenger": N_("messenger"),
                 "meeting": N_("meeting"), "any": N_("any")}
ACTIVITY_NAMES = {"call": N_("Call"), "meeting": N_("Meeting"), "email": N_("E-mail"),
                  "note": N_("Note"), "stage_change": N_("Stage change"),
                  "system": N_("System")}
TASK_NAMES = {"call": N_("Call"), "email": N_("E-mail"), "meeting": N_("Meeting"),
              "proposal": N_("Proposal"), "other": N_("Other")}

# Names of stored fields, for conflicts ("who changed what") and card completeness.
FIELD_NAMES = {
    "name": N_("Name"), "full_name": N_("Name"), "title": N_("Title"), "kind": N_("Type"),
    "segment": N_("Segment"), "industry": N_("Industry"), "priority": N_("Priority"),
    "owner_id": N_("Owner"), "legal_address": N_("Legal address"),
    "delivery_address": N_("Delivery address"), "notes": N_("Notes"),
    "archived": N_("Archived"), "legal_form": N_("Legal form"), "inn": N_("INN"),
    "kpp": N_("KPP"), "ogrn": N_("OGRN"), "bank_name": N_("Bank"), "bik": N_("BIK"),
    "settlement_account": N_("Settlement account"),
    "correspondent_account": N_("Correspondent account"), "position": N_("Position"),
    "address": N_("Address"), "relationship": N_("Relationship"),
    "interests": N_("Interests and needs"), "preferred_channel": N_("Preferred channel"),
    "amount": N_("Amount"), "discount": N_("Discount"), "description": N_("Description"),
    "expected_close": N_("Expected close"), "stage_id": N_("Stage"),
    "counterparty_id": N_("Counterparty"), "ended_on": N_("Left on"),
    "phones": N_("Phones"), "emails": N_("E-mails"), "counterparties": N_("Counterparties"),
    "contacts": N_("Contacts"), "owner": N_("Owner"),
}


def field_label(name: str) -> str:
    return _(FIELD_NAMES[name]) if name in FIELD_NAMES else name


def named(names: dict[str, str], code: str | None) -> Text:
    """A code's translated name; an unknown code (old data) is shown as stored."""
    if code is None:
        return Text("")
    return plain(_(names[code]) if code in names else code)


def stage_name(settings, pipeline: str | None, stage: str | None) -> Text:  # type: ignore[no-untyped-def]
    """The stage's configured name; its code when the config no longer has it."""
    if stage is None:
        return Text("")
    try:
        return plain(settings.pipeline(pipeline).stage(stage).name)
    except (KeyError, ValueError, StopIteration):
        return plain(stage)


def role_names(settings, codes: Iterable[str]) -> Text:  # type: ignore[no-untyped-def]
    return plain(", ".join(settings.role_name(code) for code in codes))


def phone(settings, e164: str | None) -> Text:  # type: ignore[no-untyped-def]
    if not e164:
        return Text("")
    return plain(format_phone(e164, "international", settings.phone_region))


def money(amount: Decimal | None, currency: str | None) -> Text:
    return plain(format_money(amount, currency or "RUB"))


def day(value: dt.date | None) -> Text:
    return plain(format_date(value))


def moment(settings, value: dt.datetime | None) -> Text:  # type: ignore[no-untyped-def]
    return plain(format_datetime(value, settings.timezone))


def first_line(value: str | None, width: int = 80) -> Text:
    """The first line of a long text, cut to `width` characters, for a table cell."""
    line = (value or "").strip().split("\n", 1)[0]
    return plain(line if len(line) <= width else line[: width - 1] + "…")
