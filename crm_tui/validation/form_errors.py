"""Turn a pydantic `ValidationError` into what a form shows: one sentence per field."""

from __future__ import annotations

from string import Formatter
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from crm_tui.i18n import N_, _
from crm_tui.validation.errors import ERROR_TYPE, FieldError

#: The key of refusals that concern the whole record rather than one field.
RECORD = ""

INVALID = N_("Invalid value")

# Pydantic's own refusals (a missing key, text where a number belongs) speak English;
# these are their translated counterparts, keyed by pydantic error type.
_PYDANTIC_MESSAGES = {
    "missing": N_("Fill in this field"),
    "string_type": N_("Enter text"),
    "int_type": N_("Enter a whole number"),
    "int_parsing": N_("Enter a whole number"),
    "int_from_float": N_("Enter a whole number"),
    "float_type": N_("Enter a number"),
    "float_parsing": N_("Enter a number"),
    "decimal_type": N_("Enter a number"),
    "decimal_parsing": N_("Enter a number"),
    "bool_type": N_("Choose yes or no"),
    "bool_parsing": N_("Choose yes or no"),
    "date_type": N_("Enter a date"),
    "date_parsing": N_("Enter a date"),
    "date_from_datetime_parsing": N_("Enter a date"),
    "datetime_type": N_("Enter a date and time"),
    "datetime_parsing": N_("Enter a date and time"),
    "datetime_from_date_parsing": N_("Enter a date and time"),
    "enum": N_("Choose one of the offered values"),
    "literal_error": N_("Choose one of the offered values"),
    "string_too_short": N_("At least {min_length} characters"),
    "string_too_long": N_("At most {max_length} characters"),
    "greater_than": N_("Must be greater than {gt}"),
    "greater_than_equal": N_("Must be at least {ge}"),
    "less_than": N_("Must be less than {lt}"),
    "less_than_equal": N_("Must be at most {le}"),
}


def errors_by_field(exc: ValidationError) -> dict[str, str]:
    """The first message for each field, keyed by its dotted location ("phones.0").

    A `FieldError` raised in a model validator (or its `as_pydantic()` form) is filed
    under the field it names; any other record-level refusal under `RECORD` ("").
    """
    found: dict[str, str] = {}
    for error in exc.errors():
        field, message = _describe(error)
        found.setdefault(field, message)
    return found


def _describe(error: ErrorDetails) -> tuple[str, str]:
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    location = ".".join(str(part) for part in error["loc"])
    if error["type"] == ERROR_TYPE:
        return location or str(ctx.get("field", RECORD)), str(ctx["message"])
    cause = ctx.get("error")
    if isinstance(cause, FieldError):
        return location or cause.field, cause.message
    if error["type"] == "value_error" and cause is not None:
        return location, str(cause)
    template = _PYDANTIC_MESSAGES.get(error["type"])
    if template is None:
        return location, _(INVALID)
    names = {name for _text, name, _spec, _conv in Formatter().parse(template) if name}
    if not names <= ctx.keys():
        return location, _(INVALID)
    return location, _(template, **{name: ctx[name] for name in names})
