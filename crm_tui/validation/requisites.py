"""Russian registration numbers of a counterparty: INN, KPP, OGRN, OGRNIP and the bank's BIK.

Each validator returns the number as stored (whitespace removed) or raises `FieldError`
naming the number and what is wrong. Check digits come from python-stdnum where it has
them (INN, OGRN/OGRNIP); KPP and BIK have no check digit, only a format.
"""

from __future__ import annotations

import re

from stdnum.exceptions import InvalidChecksum
from stdnum.ru import inn as stdnum_inn

from crm_tui.i18n import N_, _
from crm_tui.validation.digits import check_digit_error, compact, digits_of_length
from crm_tui.validation.errors import FieldError, missing, quoted

INN_LABEL = N_("INN")
KPP_LABEL = N_("KPP")
OGRN_LABEL = N_("OGRN")
OGRNIP_LABEL = N_("OGRNIP")
BIK_LABEL = N_("BIK")

INN_LENGTH = N_("INN {value}: must be 10 digits for an organisation or 12 for a person")
INN_REGION = N_("INN {value}: region code 00 does not exist")
KPP_LENGTH = N_("KPP {value}: must be 9 characters")
KPP_FORMAT = N_("KPP {value}: must be 4 digits, then 2 digits or capital Latin letters, then 3 digits")
OGRN_FIRST_DIGIT = N_("OGRN {value}: must start with 1 or 5")
OGRNIP_FIRST_DIGIT = N_("OGRNIP {value}: must start with 3")
REGISTRATION_LENGTH = N_("OGRN {value}: must be 13 digits (OGRN) or 15 digits (OGRNIP)")

ORGANISATION_INN_LENGTH = 10
PERSON_INN_LENGTH = 12
OGRN_LENGTH = 13
OGRNIP_LENGTH = 15
KPP_LENGTH_CHARS = 9
BIK_LENGTH = 9

_KPP = re.compile(r"\d{4}[\dA-Z]{2}\d{3}")


def validate_inn(value: str, field: str = "inn") -> str:
    """An INN of an organisation (10 digits) or of a person or sole trader (12 digits)."""
    text = digits_of_length(value, None, field, INN_LABEL)
    if len(text) not in (ORGANISATION_INN_LENGTH, PERSON_INN_LENGTH):
        raise FieldError(field, _(INN_LENGTH, value=text))
    if text.startswith("00"):
        raise FieldError(field, _(INN_REGION, value=text))
    try:
        stdnum_inn.validate(text)
    except InvalidChecksum:
        raise check_digit_error(field, INN_LABEL, text) from None
    return text


def validate_kpp(value: str, field: str = "kpp") -> str:
    """A KPP: tax office (4 digits), reason (2 digits or, since 2019, Latin A–Z), number (3).

    Latin letters are upper-cased; KPP has no check digit.
    """
    text = compact(value).upper()
    if not text:
        raise missing(field, KPP_LABEL)
    if len(text) != KPP_LENGTH_CHARS:
        raise FieldError(field, _(KPP_LENGTH, value=quoted(text)))
    if not (text.isascii() and _KPP.fullmatch(text)):
        raise FieldError(field, _(KPP_FORMAT, value=quoted(text)))
    return text


def validate_ogrn(value: str, field: str = "ogrn") -> str:
    """The 13-digit OGRN of an organisation; its first digit is 1 or 5."""
    text = digits_of_length(value, OGRN_LENGTH, field, OGRN_LABEL)
    if text[0] not in "15":
        raise FieldError(field, _(OGRN_FIRST_DIGIT, value=text))
    return _ogrn_checksum(text, field, OGRN_LABEL)


def validate_ogrnip(value: str, field: str = "ogrnip") -> str:
    """The 15-digit OGRNIP of a sole trader; its first digit is 3."""
    text = digits_of_length(value, OGRNIP_LENGTH, field, OGRNIP_LABEL)
    if text[0] != "3":
        raise FieldError(field, _(OGRNIP_FIRST_DIGIT, value=text))
    return _ogrn_checksum(text, field, OGRNIP_LABEL)


def validate_registration_number(value: str, field: str = "ogrn") -> str:
    """An OGRN or an OGRNIP, told apart by length, for a column that holds either.

    Whether the kind fits the legal form is `validate_requisites`'s question.
    """
    text = digits_of_length(value, None, field, OGRN_LABEL)
    if len(text) == OGRN_LENGTH:
        return validate_ogrn(text, field)
    if len(text) == OGRNIP_LENGTH:
        return validate_ogrnip(text, field)
    raise FieldError(field, _(REGISTRATION_LENGTH, value=text))


def _ogrn_checksum(text: str, field: str, label: str) -> str:
    """The control digit is the last digit of (number without it) mod 11 for an OGRN and
    mod 13 for an OGRNIP. stdnum returns the whole remainder for OGRNIPs ("10".."12"), which
    would refuse about 3 in 13 real OGRNIPs, so the rule is written out here."""
    body = int(text[:-1])
    modulus = 13 if len(text) == OGRNIP_LENGTH else 11
    if str(body % modulus % 10) != text[-1]:
        raise check_digit_error(field, label, text)
    return text


def validate_bik(value: str, field: str = "bik") -> str:
    """A 9-digit BIK of a bank or a treasury office; BIK has no check digit."""
    return digits_of_length(value, BIK_LENGTH, field, BIK_LABEL)
