"""Pydantic field types built from the validators, so a schema states a rule by naming it.

    class CounterpartyIn(BaseModel):
        name: Annotated[CleanStr, max_chars(200)]
        inn: INN
        kpp: Annotated[KPP | None, BlankAsNone] = None
        phone: Annotated[Phone | None, BlankAsNone] = None

A refusal is a `PydanticCustomError` of type "crm_field" whose message is the validator's
translated sentence (no "Value error, " prefix); `errors_by_field` collects them per field.

Phones are read in Russia unless the validation context says otherwise:
`Model.model_validate(data, context={"phone_region": "KZ"})`. Only `model_validate` (and
`TypeAdapter.validate_python`) carry a context; `Model(**data)` always reads them as "RU".
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, ValidationInfo

from crm_tui.i18n import N_, _
from crm_tui.validation.accounts import validate_account_number
from crm_tui.validation.emails import normalize_email
from crm_tui.validation.errors import FieldError
from crm_tui.validation.phones import normalize_phone
from crm_tui.validation.requisites import (
    validate_bik,
    validate_inn,
    validate_kpp,
    validate_ogrn,
    validate_ogrnip,
    validate_registration_number,
)
from crm_tui.validation.text import TOO_LONG, clean_text

PHONE_REGION_KEY = "phone_region"
DEFAULT_PHONE_REGION = "RU"

FILL_IN = N_("Fill in this field")


def _field_rule(rule: Callable[[str, str], str], default_field: str) -> AfterValidator:
    """Run `rule(value, field)` as a pydantic validator with the clean message on refusal."""

    def validate(value: str, info: ValidationInfo) -> str:
        try:
            return rule(value, info.field_name or default_field)
        except FieldError as err:
            raise err.as_pydantic() from None

    return AfterValidator(validate)


def _phone_region(info: ValidationInfo) -> str:
    context = info.context
    if isinstance(context, Mapping):
        region = context.get(PHONE_REGION_KEY)
        if isinstance(region, str) and region:
            return region
    return DEFAULT_PHONE_REGION


def _phone(value: str, info: ValidationInfo) -> str:
    try:
        return normalize_phone(value, _phone_region(info), info.field_name or "phone")
    except FieldError as err:
        raise err.as_pydantic() from None


def _required_line(value: str, info: ValidationInfo) -> str:
    field = info.field_name or "text"
    try:
        text = clean_text(value, field=field)
    except FieldError as err:
        raise err.as_pydantic() from None
    if not text:
        raise FieldError(field, _(FILL_IN)).as_pydantic()
    return text


def _optional_line(value: str | None) -> str | None:
    return (clean_text(value) or None) if value is not None else None


def _optional_text(value: str | None) -> str | None:
    return (clean_text(value, multiline=True) or None) if value is not None else None


def _blank_as_none(value: Any) -> Any:
    return None if isinstance(value, str) and not value.strip() else value


def max_chars(limit: int) -> AfterValidator:
    """A length limit checked after cleaning, refused with the translated message.

    Use `Annotated[CleanStr, max_chars(200)]` rather than `Field(max_length=...)`, which
    would count the raw input and answer in pydantic's English.
    """

    def validate(value: str | None, info: ValidationInfo) -> str | None:
        if value is not None and len(value) > limit:
            message = _(TOO_LONG, length=len(value), max_length=limit)
            raise FieldError(info.field_name or "text", message).as_pydantic()
        return value

    return AfterValidator(validate)


#: Single-line text, cleaned by `clean_text`; required: blank after cleaning is refused.
CleanStr = Annotated[str, AfterValidator(_required_line)]
#: Single-line text, cleaned; blank (or None) becomes None.
OptionalCleanStr = Annotated[str | None, AfterValidator(_optional_line)]
#: Multi-line text (notes, addresses), cleaned with line breaks kept; blank becomes None.
CleanText = Annotated[str | None, AfterValidator(_optional_text)]
#: A phone number in E.164; see the module docstring for the region.
Phone = Annotated[str, AfterValidator(_phone)]
Email = Annotated[str, _field_rule(normalize_email, "email")]
INN = Annotated[str, _field_rule(validate_inn, "inn")]
KPP = Annotated[str, _field_rule(validate_kpp, "kpp")]
OGRN = Annotated[str, _field_rule(validate_ogrn, "ogrn")]
OGRNIP = Annotated[str, _field_rule(validate_ogrnip, "ogrnip")]
#: An OGRN or an OGRNIP, for one column holding either (checked against the legal form by
#: `validate_requisites`).
RegistrationNumber = Annotated[str, _field_rule(validate_registration_number, "ogrn")]
BIK = Annotated[str, _field_rule(validate_bik, "bik")]
#: Any 20-digit account; whether it agrees with the BIK is a cross-field check for a model
#: validator (`validate_settlement_account`, `validate_correspondent_account`).
AccountNumber = Annotated[str, _field_rule(validate_account_number, "account")]

#: Put in front of an optional typed field so that a form's empty string means "not given":
#: `Annotated[Phone | None, BlankAsNone] = None`.
BlankAsNone = BeforeValidator(_blank_as_none)
