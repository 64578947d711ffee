"""Which requisites a counterparty must have follows from its legal form.

A sole trader (ИП, or the head of a farm, глава КФХ) is registered as a person: a 12-digit
INN, a 15-digit OGRNIP and no KPP. Every other form (ООО, АО, ПАО, ЗАО, НКО, ГУП…) is an
organisation: a 10-digit INN, a KPP and a 13-digit OGRN. A form outside the known lists is
treated as an organisation, the stricter reading.
"""

from __future__ import annotations

from typing import NamedTuple

from crm_tui.i18n import N_, _
from crm_tui.validation.digits import compact
from crm_tui.validation.errors import FieldError, missing, quoted
from crm_tui.validation.requisites import (
    INN_LABEL,
    KPP_LABEL,
    OGRN_LABEL,
    OGRN_LENGTH,
    OGRNIP_LABEL,
    OGRNIP_LENGTH,
    ORGANISATION_INN_LENGTH,
    validate_inn,
    validate_kpp,
    validate_ogrn,
    validate_ogrnip,
)

LEGAL_FORM_LABEL = N_("Legal form")

SOLE_TRADER_INN = N_("INN {value}: a sole trader has a 12-digit INN")
ORGANISATION_INN = N_("INN {value}: an organisation has a 10-digit INN")
SOLE_TRADER_KPP = N_("KPP {value}: a sole trader has no KPP")
SOLE_TRADER_OGRN = N_("OGRN {value}: a sole trader has a 15-digit OGRNIP, not an OGRN")
ORGANISATION_OGRNIP = N_("OGRN {value}: an organisation has a 13-digit OGRN, not an OGRNIP")

#: Legal forms registered as a person (compared case-insensitively, spacing ignored).
SOLE_TRADER_FORMS = frozenset(
    {"ИП", "ИНДИВИДУАЛЬНЫЙ ПРЕДПРИНИМАТЕЛЬ", "КФХ", "ГЛАВА КФХ", "ИП ГЛАВА КФХ"}
)

#: The organisational forms offered in pickers; others are accepted as organisations too.
ORGANISATION_FORMS = (
    "ООО", "АО", "ПАО", "НАО", "ЗАО", "ОАО", "НКО", "АНО", "ГУП", "МУП", "ФГУП", "ГБУ", "МБУ",
)  # fmt: skip


class Requisites(NamedTuple):
    """A counterparty's registration numbers as stored; `kpp` is None for a sole trader."""

    inn: str | None
    kpp: str | None
    ogrn: str | None


def is_sole_trader(legal_form: str) -> bool:
    """Whether `legal_form` registers a person (ИП, КФХ) rather than an organisation."""
    return " ".join(legal_form.upper().split()) in SOLE_TRADER_FORMS


def _blank(value: str | None) -> bool:
    return value is None or not compact(value)


def validate_requisites(
    legal_form: str,
    inn: str | None,
    kpp: str | None,
    ogrn: str | None,
    *,
    allow_missing: bool = False,
) -> Requisites:
    """The requisites cleaned, or `FieldError` on the first one that does not fit the form.

    `ogrn` holds the OGRN of an organisation or the OGRNIP of a sole trader, as one
    column does. Errors name the field "legal_form", "inn", "kpp" or "ogrn". With
    `allow_missing` a draft card may leave numbers empty, but what is filled in must fit.
    """
    if _blank(legal_form):
        raise missing("legal_form", LEGAL_FORM_LABEL)
    sole_trader = is_sole_trader(legal_form)

    def present(value: str | None, field: str, label: str) -> bool:
        if not _blank(value):
            return True
        if allow_missing:
            return False
        raise missing(field, label)

    clean_inn = clean_kpp = clean_ogrn = None
    if present(inn, "inn", INN_LABEL):
        clean_inn = validate_inn(inn, "inn")
        if sole_trader and len(clean_inn) == ORGANISATION_INN_LENGTH:
            raise FieldError("inn", _(SOLE_TRADER_INN, value=clean_inn))
        if not sole_trader and len(clean_inn) != ORGANISATION_INN_LENGTH:
            raise FieldError("inn", _(ORGANISATION_INN, value=clean_inn))
    if sole_trader:
        if not _blank(kpp):
            raise FieldError("kpp", _(SOLE_TRADER_KPP, value=quoted(compact(kpp))))
    elif present(kpp, "kpp", KPP_LABEL):
        clean_kpp = validate_kpp(kpp, "kpp")
    if present(ogrn, "ogrn", OGRNIP_LABEL if sole_trader else OGRN_LABEL):
        clean_ogrn = _validate_registration(ogrn, sole_trader)
    return Requisites(clean_inn, clean_kpp, clean_ogrn)


def _validate_registration(ogrn: str, sole_trader: bool) -> str:
    """OGRNIP for a sole trader, OGRN otherwise; the other kind is named as such."""
    compacted = compact(ogrn)
    if sole_trader:
        if len(compacted) == OGRN_LENGTH and compacted.isdigit():
            raise FieldError("ogrn", _(SOLE_TRADER_OGRN, value=compacted))
        return validate_ogrnip(ogrn, "ogrn")
    if len(compacted) == OGRNIP_LENGTH and compacted.isdigit():
        raise FieldError("ogrn", _(ORGANISATION_OGRNIP, value=compacted))
    return validate_ogrn(ogrn, "ogrn")
