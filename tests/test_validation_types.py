"""The pydantic field types and `errors_by_field`, as a form's schema uses them."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from typing import Annotated, Self

import pytest
from pydantic import BaseModel, ValidationError, model_validator

from crm_tui.i18n import get_language, set_language
from crm_tui.validation import (
    BIK,
    INN,
    KPP,
    OGRN,
    OGRNIP,
    RECORD,
    AccountNumber,
    BlankAsNone,
    CleanStr,
    CleanText,
    Email,
    FieldError,
    OptionalCleanStr,
    Phone,
    RegistrationNumber,
    errors_by_field,
    max_chars,
    validate_requisites,
    validate_settlement_account,
)


class ContactForm(BaseModel):
    name: Annotated[CleanStr, max_chars(20)]
    position: OptionalCleanStr = None
    notes: CleanText = None
    phone: Phone
    phones: list[Phone] = []
    email: Annotated[Email | None, BlankAsNone] = None
    age: int | None = None


class CounterpartyForm(BaseModel):
    legal_form: CleanStr
    inn: INN
    kpp: Annotated[KPP | None, BlankAsNone] = None
    ogrn: Annotated[RegistrationNumber | None, BlankAsNone] = None
    bik: Annotated[BIK | None, BlankAsNone] = None
    account: Annotated[AccountNumber | None, BlankAsNone] = None

    @model_validator(mode="after")
    def requisites_fit_the_form(self) -> Self:
        validate_requisites(self.legal_form, self.inn, self.kpp, self.ogrn)
        if self.account and self.bik:
            try:
                validate_settlement_account(self.account, self.bik, field="account")
            except FieldError as err:
                raise err.as_pydantic() from None
        return self


@pytest.fixture
def russian() -> Iterator[None]:
    before = get_language()
    set_language("ru")
    yield
    set_language(before)


def form_errors(model: type[BaseModel], data: dict[str, object], **kwargs: object) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data, **kwargs)
    return errors_by_field(caught.value)


def test_a_valid_form_comes_out_clean() -> None:
    form = ContactForm.model_validate(
        {
            "name": "  Иван [Петров]\x1b[31m ",
            "position": "   ",
            "notes": "line 1\r\nline 2\n",
            "phone": "8 (916) 123-45-67",
            "phones": ["+7 495 123 45 67"],
            "email": "",
        }
    )
    assert form.name == "Иван [Петров]␛[31m"
    assert form.position is None
    assert form.notes == "line 1\nline 2"
    assert form.phone == "+79161234567"
    assert form.phones == ["+74951234567"]
    assert form.email is None


def test_each_bad_field_gets_its_own_clean_message() -> None:
    errors = form_errors(
        ContactForm,
        {
            "name": " \t ",
            "phone": "12345",
            "phones": ["+79161234567", "+7 123 456 78 90"],
            "email": "ivan@mail",
            "age": "forty",
        },
    )
    assert errors == {
        "name": "Fill in this field",
        "phone": "Phone 12345: too few digits",
        "phones.1": "Phone +7 123 456 78 90: the numbering plan of +7 has no such number",
        "email": "E-mail ivan@mail: the domain after @ needs a period, as in mail.ru",
        "age": "Enter a whole number",
    }


def test_the_refusal_is_a_custom_pydantic_error_without_a_value_error_prefix() -> None:
    with pytest.raises(ValidationError) as caught:
        ContactForm.model_validate({"name": "Иван", "phone": "12345"})
    (error,) = caught.value.errors()
    assert error["type"] == "crm_field"
    assert error["msg"] == "Phone 12345: too few digits"
    assert error["ctx"]["field"] == "phone"


def test_missing_and_too_long_fields_are_explained() -> None:
    errors = form_errors(ContactForm, {"name": "x" * 21})
    assert errors == {
        "name": "Too long: 21 characters, at most 20",
        "phone": "Fill in this field",
    }


def test_the_length_limit_counts_the_cleaned_text() -> None:
    assert ContactForm.model_validate({"name": "   " + "x" * 20 + "   ", "phone": "+79161234567"})


def test_the_phone_region_comes_from_the_validation_context() -> None:
    data = {"name": "Олжас", "phone": "8 701 123 45 67"}
    kazakh = ContactForm.model_validate(data, context={"phone_region": "KZ"})
    assert kazakh.phone == "+77011234567"
    german = ContactForm.model_validate(
        {"name": "Hans", "phone": "030 1234567"}, context={"phone_region": "DE"}
    )
    assert german.phone == "+49301234567"
    assert ContactForm.model_validate(data).phone == "+77011234567"  # +7 is shared with KZ
    errors = form_errors(ContactForm, {"name": "Hans", "phone": "030 1234567"})
    assert errors["phone"].startswith("Phone 030 1234567:")


def test_counterparty_requisites_are_validated_per_field() -> None:
    form = CounterpartyForm.model_validate(
        {
            "legal_form": "ПАО",
            "inn": "7707083893",
            "kpp": "773601001",
            "ogrn": "1027700132195",
            "bik": "044525225",
            "account": "40702810938000012345",
        }
    )
    assert form.inn == "7707083893"
    errors = form_errors(
        CounterpartyForm,
        {"legal_form": "ООО", "inn": "7707083894", "kpp": "77070", "ogrn": "1027700132196",
         "bik": "04452522", "account": "1"},
    )  # fmt: skip
    assert errors == {
        "inn": "INN 7707083894: check digit does not match",
        "kpp": "KPP 77070: must be 9 characters",
        "ogrn": "OGRN 1027700132196: check digit does not match",
        "bik": "BIK 04452522: must be 9 digits",
        "account": "Account 1: must be 20 digits",
    }


def test_a_cross_field_refusal_is_filed_under_the_field_it_names() -> None:
    # A FieldError raised as is from a model validator.
    errors = form_errors(
        CounterpartyForm, {"legal_form": "ИП", "inn": "7707083893", "ogrn": "304500116000157"}
    )
    assert errors == {"inn": "INN 7707083893: a sole trader has a 12-digit INN"}
    # The same refusal raised in its pydantic form.
    errors = form_errors(
        CounterpartyForm,
        {"legal_form": "ООО", "inn": "7707083893", "kpp": "773601001", "ogrn": "1027700132195",
         "bik": "044525225", "account": "40702810938000012354"},
    )  # fmt: skip
    assert errors == {
        "account": "Settlement account 40702810938000012354: control key does not match BIK 044525225"
    }


def test_a_plain_record_level_error_is_filed_under_the_record_key() -> None:
    class Period(BaseModel):
        start: int
        end: int

        @model_validator(mode="after")
        def ordered(self) -> Self:
            if self.end < self.start:
                raise ValueError("end before start")
            return self

    assert form_errors(Period, {"start": 2, "end": 1}) == {RECORD: "end before start"}


def test_only_the_first_message_per_field_is_kept() -> None:
    first = FieldError("inn", "first").as_pydantic()
    second = FieldError("inn", "second").as_pydantic()
    exc = ValidationError.from_exception_data(
        "Form",
        [
            {"type": first, "loc": ("inn",), "input": "1"},
            {"type": second, "loc": ("inn",), "input": "1"},
        ],
    )
    assert errors_by_field(exc) == {"inn": "first"}


def test_ogrn_types_tell_the_two_kinds_apart() -> None:
    class Numbers(BaseModel):
        ogrn: OGRN | None = None
        ogrnip: OGRNIP | None = None
        either: RegistrationNumber | None = None

    assert Numbers(ogrnip="304 500 116 000 157").ogrnip == "304500116000157"
    assert Numbers(either="304500116000157").either == "304500116000157"
    assert Numbers(either="1027700132195").either == "1027700132195"
    errors = form_errors(
        Numbers, {"ogrn": "304500116000157", "ogrnip": "1027700132195", "either": "12345"}
    )
    assert errors == {
        "ogrn": "OGRN 304500116000157: must be 13 digits",
        "ogrnip": "OGRNIP 1027700132195: must be 15 digits",
        "either": "OGRN 12345: must be 13 digits (OGRN) or 15 digits (OGRNIP)",
    }


def test_messages_follow_the_process_language(russian: None) -> None:
    errors = form_errors(
        ContactForm, {"name": "", "phone": "12345", "email": "ivan.mail.ru", "age": "x"}
    )
    assert errors == {
        "name": "Заполните это поле",
        "phone": "Телефон 12345: слишком мало цифр",
        "email": "E-mail ivan.mail.ru: в адресе должен быть знак @",
        "age": "Введите целое число",
    }


def test_the_validation_layer_imports_no_ui_or_database_library() -> None:
    code = (
        "import sys, crm_tui.validation\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in {'textual', 'rich', 'sqlalchemy'})\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
