"""What every numeric requisite shares: spacing removed, then digits of one exact length."""

from __future__ import annotations

from crm_tui.i18n import N_, _
from crm_tui.validation.errors import FieldError, missing, quoted

ONLY_DIGITS = N_("{label} {value}: must contain only digits")
EXACT_DIGITS = N_("{label} {value}: must be {length} digits")
CHECK_DIGIT = N_("{label} {value}: check digit does not match")


def compact(value: object) -> str:
    """`value` without any whitespace: requisites are often copied as "7707 083 893"."""
    return "".join(str(value).split())


def digits_of_length(value: object, length: int | None, field: str, label: str) -> str:
    """`value` compacted, refused unless it is `length` ASCII digits (any number if None)."""
    text = compact(value)
    if not text:
        raise missing(field, label)
    if not (text.isascii() and text.isdigit()):
        raise FieldError(field, _(ONLY_DIGITS, label=_(label), value=quoted(text)))
    if length is not None and len(text) != length:
        raise FieldError(field, _(EXACT_DIGITS, label=_(label), value=text, length=length))
    return text


def check_digit_error(field: str, label: str, value: str) -> FieldError:
    return FieldError(field, _(CHECK_DIGIT, label=_(label), value=value))
