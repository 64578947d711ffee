"""Phone numbers: stored in E.164 so that one number has one spelling, searchable as typed.

Region is an ISO 3166 code ("RU", "KZ", "BY"): it says how to read a number written
without "+" — "8 (916) 123-45-67" is Russian only because the region says so.
"""

from __future__ import annotations

import re
from typing import Literal

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat, ValidationResult

from crm_tui.i18n import N_, _
from crm_tui.validation.display import visible
from crm_tui.validation.errors import FieldError, missing, quoted

LABEL = N_("Phone")

NOT_A_NUMBER = N_("Phone {value}: not a phone number; use digits, spaces, brackets and dashes")
UNKNOWN_COUNTRY = N_("Phone {value}: unknown country code; start an international number with +")
TOO_SHORT = N_("Phone {value}: too few digits")
TOO_LONG = N_("Phone {value}: too many digits")
WRONG_LENGTH = N_("Phone {value}: wrong number of digits for +{country_code}")
NO_SUCH_NUMBER = N_("Phone {value}: the numbering plan of +{country_code} has no such number")
EXTENSION = N_("Phone {value}: an extension cannot be stored; put it in a note")

_PARSE_ERRORS = {
    NumberParseException.INVALID_COUNTRY_CODE: UNKNOWN_COUNTRY,
    NumberParseException.NOT_A_NUMBER: NOT_A_NUMBER,
    NumberParseException.TOO_SHORT_AFTER_IDD: TOO_SHORT,
    NumberParseException.TOO_SHORT_NSN: TOO_SHORT,
    NumberParseException.TOO_LONG: TOO_LONG,
}

_IMPOSSIBLE = {
    ValidationResult.INVALID_COUNTRY_CODE: UNKNOWN_COUNTRY,
    ValidationResult.TOO_SHORT: TOO_SHORT,
    ValidationResult.TOO_LONG: TOO_LONG,
    ValidationResult.INVALID_LENGTH: WRONG_LENGTH,
    ValidationResult.IS_POSSIBLE_LOCAL_ONLY: WRONG_LENGTH,
}


def normalize_phone(raw: str, region: str = "RU", field: str = "phone") -> str:
    """The number in E.164 ("+79161234567"), or `FieldError` saying what is wrong with it.

    Accepts any common spelling: "+7 (916) 123-45-67", "8 916 123 45 67", "9161234567"
    (read in `region`). Refuses numbers that cannot exist (wrong length) or that the
    country's numbering plan does not issue, and numbers with an extension, which E.164
    cannot hold and which would otherwise be dropped without a word.
    """
    text = raw.strip()
    if not text:
        raise missing(field, LABEL)
    value = quoted(text)
    try:
        number = phonenumbers.parse(text, region)
    except NumberParseException as exc:
        message = _PARSE_ERRORS.get(exc.error_type, NOT_A_NUMBER)
        raise FieldError(field, _(message, value=value)) from None
    if number.extension:
        raise FieldError(field, _(EXTENSION, value=value))
    reason = phonenumbers.is_possible_number_with_reason(number)
    if reason != ValidationResult.IS_POSSIBLE:
        message = _IMPOSSIBLE.get(reason, NO_SUCH_NUMBER)
        raise FieldError(field, _(message, value=value, country_code=number.country_code))
    if not phonenumbers.is_valid_number(number):
        raise FieldError(field, _(NO_SUCH_NUMBER, value=value, country_code=number.country_code))
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def format_phone(
    e164: str,
    style: Literal["national", "international"] = "international",
    region: str = "RU",
) -> str:
    """A stored number as people write it: "+7 916 123-45-67" or "8 (916) 123-45-67".

    The national style applies only to numbers of `region`'s country code; a foreign number
    stays international, since its national form cannot be dialled from `region`. A value
    that does not parse (a legacy row, a hand edit) is shown as stored, made `visible`,
    rather than hidden or raising in the middle of drawing a table.
    """
    try:
        number = phonenumbers.parse(e164, region)
    except NumberParseException:
        return visible(e164)
    national = style == "national" and (
        number.country_code == phonenumbers.country_code_for_region(region)
    )
    fmt = PhoneNumberFormat.NATIONAL if national else PhoneNumberFormat.INTERNATIONAL
    return phonenumbers.format_number(number, fmt)


_PHONE_LIKE = re.compile(r"\+?[\d\s().\-/\u2010-\u2015]*")
_NON_DIGITS = re.compile(r"\D")
_MIN_DIGITS = 3
_MAX_DIGITS = 15


def phone_search_keys(raw: str, region: str = "RU") -> list[str]:
    """E.164 prefixes to look up while the user types a phone number, most likely first.

    Each key is meant for `phone LIKE key || '%'` against numbers stored by
    `normalize_phone`. A complete valid number gives exactly its E.164 form:
    "+7 (916) 123-45-67", "89161234567", "79161234567" and "9161234567" all give
    ["+79161234567"]. A partial number gives every reading of it in `region`:

    * "+7 916"  -> ["+7916"]            (international: digits as typed)
    * "916123"  -> ["+7916123"]         (national number without the trunk prefix)
    * "8916"    -> ["+7916", "+78916"]  (trunk prefix 8, or a code starting with 8)
    * "812"     -> ["+7812", "+712"]    (St Petersburg code, or trunk prefix and 12)
    * "7916"    -> ["+7916", "+77916"]  (country code without "+", or national)

    Query all keys; they are ordered by how likely each reading is, so a caller that must
    rank results can prefer matches of the first.

    A reading is dropped when its national part is longer than any number of that country,
    is long enough to be complete yet starts no valid number, or starts with 0 in a country
    that dials a trunk prefix (such national numbers do not exist there).

    Returns [] when the input does not look like a phone number: letters or other
    symbols, "+" anywhere but first, fewer than 3 or more than 15 digits.
    """
    text = raw.strip()
    if not _PHONE_LIKE.fullmatch(text):
        return []
    digits = _NON_DIGITS.sub("", text)
    if not _MIN_DIGITS <= len(digits) <= _MAX_DIGITS:
        return []
    complete = _complete_number(text, region)
    if complete is not None:
        return [complete]
    if text.startswith("+"):
        return ["+" + digits]
    return _national_readings(digits, region)


def _complete_number(text: str, region: str) -> str | None:
    try:
        number = phonenumbers.parse(text, region)
    except NumberParseException:
        return None
    if number.extension or not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def _national_readings(digits: str, region: str) -> list[str]:
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region.upper())
    if metadata is None:
        return []
    country = str(metadata.country_code)
    trunk = metadata.national_prefix or ""
    readings: list[str] = []
    if trunk and digits.startswith(trunk):
        readings.append(digits[len(trunk) :])
    if digits.startswith(country):
        readings.append(digits[len(country) :])
    readings.append(digits)
    lengths = metadata.general_desc.possible_length
    likely: list[str] = []
    unlikely: list[str] = []
    for national in readings:
        key = f"+{country}{national}"
        if not national or key in likely or key in unlikely or len(national) > max(lengths):
            continue
        if trunk and national.startswith("0"):
            continue
        if _could_complete(key, len(national), lengths, region):
            likely.append(key)
        elif len(national) < min(lengths):
            unlikely.append(key)
    return likely + unlikely


def _could_complete(prefix: str, typed: int, lengths: tuple[int, ...], region: str) -> bool:
    """Whether some valid number starts with `prefix`, judged by padding it with one digit.

    A heuristic: it orders the readings of a short prefix, and drops a reading only once
    the prefix is as long as a complete number, where little padding is left to miss.
    """
    for length in lengths:
        if length < typed:
            continue
        for digit in "0123456789":
            if _complete_number(prefix + digit * (length - typed), region) is not None:
                return True
    return False
