"""The domain validation layer: every value a user or an import gives passes through here.

Pure functions (no UI, no database) so that a form, an import and a script obey the same
rules, plus pydantic field types built from them. Each validator returns the value as
stored or raises `FieldError(field, message)` with a translated sentence naming the value
and what is wrong with it.
"""

from crm_tui.validation.accounts import (
    validate_account_number,
    validate_correspondent_account,
    validate_settlement_account,
)
from crm_tui.validation.display import visible
from crm_tui.validation.emails import normalize_email
from crm_tui.validation.errors import FieldError
from crm_tui.validation.form_errors import RECORD, errors_by_field
from crm_tui.validation.legal_forms import (
    ORGANISATION_FORMS,
    SOLE_TRADER_FORMS,
    Requisites,
    is_sole_trader,
    validate_requisites,
)
from crm_tui.validation.phones import format_phone, normalize_phone, phone_search_keys
from crm_tui.validation.requisites import (
    validate_bik,
    validate_inn,
    validate_kpp,
    validate_ogrn,
    validate_ogrnip,
    validate_registration_number,
)
from crm_tui.validation.text import clean_text
from crm_tui.validation.types import (
    BIK,
    INN,
    KPP,
    OGRN,
    OGRNIP,
    PHONE_REGION_KEY,
    AccountNumber,
    BlankAsNone,
    CleanStr,
    CleanText,
    Email,
    OptionalCleanStr,
    Phone,
    RegistrationNumber,
    max_chars,
)

__all__ = [
    "BIK",
    "INN",
    "KPP",
    "OGRN",
    "OGRNIP",
    "ORGANISATION_FORMS",
    "PHONE_REGION_KEY",
    "RECORD",
    "SOLE_TRADER_FORMS",
    "AccountNumber",
    "BlankAsNone",
    "CleanStr",
    "CleanText",
    "Email",
    "FieldError",
    "OptionalCleanStr",
    "Phone",
    "RegistrationNumber",
    "Requisites",
    "clean_text",
    "errors_by_field",
    "format_phone",
    "is_sole_trader",
    "max_chars",
    "normalize_email",
    "normalize_phone",
    "phone_search_keys",
    "validate_account_number",
    "validate_bik",
    "validate_correspondent_account",
    "validate_inn",
    "validate_kpp",
    "validate_ogrn",
    "validate_ogrnip",
    "validate_registration_number",
    "validate_requisites",
    "validate_settlement_account",
    "visible",
]
