"""INN, KPP, OGRN/OGRNIP, BIK, bank accounts and the legal-form rules of a counterparty."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from crm_tui.i18n import get_language, set_language
from crm_tui.validation import (
    FieldError,
    Requisites,
    is_sole_trader,
    validate_account_number,
    validate_bik,
    validate_correspondent_account,
    validate_inn,
    validate_kpp,
    validate_ogrn,
    validate_ogrnip,
    validate_registration_number,
    validate_requisites,
    validate_settlement_account,
)

# A 12-digit INN computed by hand from "7727123456":
#   d11 = (7*7 + 2*7 + 4*2 + 10*7 + 3*1 + 5*2 + 9*3 + 4*4 + 6*5 + 8*6) % 11 % 10 = 275 % 11 = 0
#   d12 = (3*7 + 7*7 + 2*2 + 4*7 + 10*1 + 3*2 + 5*3 + 9*4 + 4*5 + 6*6 + 8*0) % 11 % 10 = 225 % 11 = 5
PERSONAL_INN = "772712345605"


@pytest.fixture
def russian() -> Iterator[None]:
    before = get_language()
    set_language("ru")
    yield
    set_language(before)


def refusal(call, *args) -> FieldError:
    with pytest.raises(FieldError) as caught:
        call(*args)
    return caught.value


@pytest.mark.parametrize(
    "inn",
    [
        "7707083893",  # Sberbank
        "7736050003",  # Gazprom
        "7736207543",  # Yandex
        "7706107510",  # Rosneft
        "7702070139",  # VTB
        PERSONAL_INN,
    ],
)
def test_published_inns_are_accepted(inn: str) -> None:
    assert validate_inn(inn) == inn


def test_inn_is_returned_without_spacing() -> None:
    assert validate_inn(" 7707 083\u00a0893 ") == "7707083893"


def test_inn_with_a_wrong_check_digit_names_the_number() -> None:
    error = refusal(validate_inn, "7707083894")
    assert error.field == "inn"
    assert error.message == "INN 7707083894: check digit does not match"


def test_personal_inn_with_a_wrong_second_check_digit_is_refused() -> None:
    error = refusal(validate_inn, PERSONAL_INN[:-1] + "6")
    assert "check digit does not match" in error.message


@pytest.mark.parametrize("inn", ["770708389", "77070838931", "7707083893123"])
def test_inn_of_wrong_length_is_refused(inn: str) -> None:
    assert refusal(validate_inn, inn).message == (
        f"INN {inn}: must be 10 digits for an organisation or 12 for a person"
    )


def test_inn_with_letters_is_refused() -> None:
    assert refusal(validate_inn, "77070833A3").message == "INN 77070833A3: must contain only digits"


def test_inn_of_zeros_passes_the_checksum_but_not_the_region() -> None:
    assert "region code 00" in refusal(validate_inn, "0000000000").message


def test_empty_inn_asks_for_a_value() -> None:
    assert refusal(validate_inn, "  ").message == "INN: enter a value"


def test_the_field_name_is_the_callers() -> None:
    assert refusal(validate_inn, "1", "payer_inn").field == "payer_inn"


@pytest.mark.parametrize(
    ("raw", "stored"),
    [("773601001", "773601001"), ("997250001", "997250001"), ("7707ab001", "7707AB001")],
)
def test_kpp_accepts_digits_and_latin_reason_codes(raw: str, stored: str) -> None:
    assert validate_kpp(raw) == stored


def test_short_kpp_is_refused_with_the_expected_length() -> None:
    assert refusal(validate_kpp, "77070").message == "KPP 77070: must be 9 characters"


@pytest.mark.parametrize("kpp", ["7736АБ001", "77360100A", "A73601001"])
def test_kpp_with_letters_in_the_wrong_place_or_cyrillic_is_refused(kpp: str) -> None:
    assert "must be 4 digits, then 2 digits or capital Latin letters" in refusal(
        validate_kpp, kpp
    ).message


@pytest.mark.parametrize(
    "ogrn",
    [
        "1027700132195",  # Sberbank
        "1027700070518",  # Gazprom
        "1027700229193",  # Yandex
        "1027700043502",  # Rosneft
    ],
)
def test_published_ogrns_are_accepted(ogrn: str) -> None:
    assert validate_ogrn(ogrn) == ogrn


def test_ogrn_with_a_wrong_check_digit_is_refused() -> None:
    error = refusal(validate_ogrn, "1027700132196")
    assert (error.field, error.message) == ("ogrn", "OGRN 1027700132196: check digit does not match")


def test_ogrn_of_wrong_length_is_refused() -> None:
    assert refusal(validate_ogrn, "102770013219").message == (
        "OGRN 102770013219: must be 13 digits"
    )


def test_ogrn_must_start_with_1_or_5() -> None:
    assert refusal(validate_ogrn, "2027700132195").message == (
        "OGRN 2027700132195: must start with 1 or 5"
    )


def test_ogrnip_is_accepted_and_checked() -> None:
    assert validate_ogrnip("304500116000157") == "304500116000157"
    assert "check digit does not match" in refusal(validate_ogrnip, "304500116000158").message
    assert refusal(validate_ogrnip, "1027700132195").message == (
        "OGRNIP 1027700132195: must be 15 digits"
    )


def test_ogrnip_must_start_with_3() -> None:
    assert "must start with 3" in refusal(validate_ogrnip, "404500116000157").message


def test_a_registration_number_column_takes_either_kind() -> None:
    assert validate_registration_number("1027700132195") == "1027700132195"
    assert validate_registration_number("304500116000157") == "304500116000157"
    assert "check digit does not match" in refusal(
        validate_registration_number, "304500116000158"
    ).message
    assert refusal(validate_registration_number, "12345678901234").message == (
        "OGRN 12345678901234: must be 13 digits (OGRN) or 15 digits (OGRNIP)"
    )


def test_bik_is_nine_digits() -> None:
    assert validate_bik("044525225") == "044525225"
    assert refusal(validate_bik, "04452522").message == "BIK 04452522: must be 9 digits"
    assert refusal(validate_bik, "04452522O").message == "BIK 04452522O: must contain only digits"


@pytest.mark.parametrize(
    ("account", "bik"),
    [
        ("30101810400000000225", "044525225"),  # Sberbank
        ("30101810145250000974", "044525974"),  # T-Bank
        ("30101810200000000593", "044525593"),  # Alfa-Bank
        ("30101810800000000746", "049805746"),  # Bank of Russia order 515, example 1
        ("40102810445370000059", "017003983"),  # treasury single account (ЕКС) of the FNS
    ],
)
def test_published_correspondent_accounts_match_their_bik(account: str, bik: str) -> None:
    assert validate_correspondent_account(account, bik) == account


def test_correspondent_account_of_another_bank_is_refused() -> None:
    error = refusal(validate_correspondent_account, "30101810400000000225", "044525974")
    assert error.field == "correspondent_account"
    assert error.message == (
        "Correspondent account 30101810400000000225: must end with 974, as BIK 044525974 does"
    )


def test_correspondent_account_with_a_typo_is_refused() -> None:
    error = refusal(validate_correspondent_account, "30101810500000000225", "044525225")
    assert error.message == (
        "Correspondent account 30101810500000000225: control key does not match BIK 044525225"
    )


def test_correspondent_account_keyed_for_another_region_is_refused() -> None:
    # Same ending as the BIK but keyed with region digits 25 (Moscow), not 05.
    error = refusal(validate_correspondent_account, "30101810400000000225", "049805225")
    assert "control key does not match BIK 049805225" in error.message


def test_correspondent_account_must_look_like_one() -> None:
    error = refusal(validate_correspondent_account, "40702810938000012345", "044525225")
    assert "must start with 301" in error.message


@pytest.mark.parametrize(
    ("account", "bik"),
    [
        ("40702810938000012345", "044525225"),  # keyed with BIK digits 7-9 (225)
        ("40602810700000000025", "049805746"),  # Bank of Russia order 515, example 3
        ("40102810100000010001", "049805000"),  # example 2: a client of a Bank of Russia unit
        ("03100643000000018500", "017003983"),  # a treasury account carries no key
    ],
)
def test_settlement_accounts_match_their_bik(account: str, bik: str) -> None:
    assert validate_settlement_account(account, bik) == account


def test_settlement_account_with_a_typo_is_refused() -> None:
    error = refusal(validate_settlement_account, "40702810938000012354", "044525225")
    assert error.field == "settlement_account"
    assert "control key does not match BIK 044525225" in error.message


def test_settlement_account_with_a_bad_bik_blames_the_bik() -> None:
    error = refusal(validate_settlement_account, "40702810938000012345", "04452522")
    assert error.field == "bik"


def test_account_number_is_twenty_digits() -> None:
    assert validate_account_number("4070 2810 9380 0001 2345") == "40702810938000012345"
    assert refusal(validate_account_number, "4070281093800001234").message == (
        "Account 4070281093800001234: must be 20 digits"
    )


def test_sole_trader_forms_are_recognised() -> None:
    assert is_sole_trader("ИП")
    assert is_sole_trader(" глава  кфх ")
    assert not is_sole_trader("ООО")


def test_organisation_requisites_are_returned_clean() -> None:
    assert validate_requisites("ПАО", "7707 083893", "773601001", "1027700132195") == Requisites(
        "7707083893", "773601001", "1027700132195"
    )


def test_sole_trader_requisites_have_no_kpp() -> None:
    assert validate_requisites("ИП", PERSONAL_INN, None, "304500116000157") == Requisites(
        PERSONAL_INN, None, "304500116000157"
    )


@pytest.mark.parametrize(
    ("form", "inn", "kpp", "ogrn", "field", "message"),
    [
        ("ИП", "7707083893", None, "304500116000157", "inn",
         "INN 7707083893: a sole trader has a 12-digit INN"),
        ("ИП", PERSONAL_INN, "773601001", "304500116000157", "kpp",
         "KPP 773601001: a sole trader has no KPP"),
        ("ИП", PERSONAL_INN, "", "1027700132195", "ogrn",
         "OGRN 1027700132195: a sole trader has a 15-digit OGRNIP, not an OGRN"),
        ("ООО", PERSONAL_INN, "773601001", "1027700132195", "inn",
         f"INN {PERSONAL_INN}: an organisation has a 10-digit INN"),
        ("ООО", "7707083893", None, "1027700132195", "kpp", "KPP: enter a value"),
        ("АО", "7707083893", "773601001", "304500116000157", "ogrn",
         "OGRN 304500116000157: an organisation has a 13-digit OGRN, not an OGRNIP"),
        ("ЗАО", "7707083893", "773601001", None, "ogrn", "OGRN: enter a value"),
        ("ИП", PERSONAL_INN, None, "", "ogrn", "OGRNIP: enter a value"),
        ("", "7707083893", "773601001", "1027700132195", "legal_form", "Legal form: enter a value"),
        ("НКО", "7707083894", "773601001", "1027700132195", "inn",
         "INN 7707083894: check digit does not match"),
    ],
)  # fmt: skip
def test_requisites_that_do_not_fit_the_legal_form_are_refused(
    form: str, inn: str, kpp: str | None, ogrn: str | None, field: str, message: str
) -> None:
    error = refusal(validate_requisites, form, inn, kpp, ogrn)
    assert (error.field, error.message) == (field, message)


def test_a_draft_may_leave_numbers_empty_but_not_wrong() -> None:
    assert validate_requisites("ООО", None, "", None, allow_missing=True) == Requisites(
        None, None, None
    )
    with pytest.raises(FieldError, match="12-digit INN"):
        validate_requisites("ИП", "7707083893", None, None, allow_missing=True)


def test_messages_are_russian_when_the_language_is(russian: None) -> None:
    assert refusal(validate_inn, "7707083894").message == (
        "ИНН 7707083894: не сходится контрольная цифра"
    )
    assert refusal(validate_kpp, "77070").message == "КПП 77070: должен состоять из 9 символов"
    assert refusal(validate_ogrn, "10277001321").message == (
        "ОГРН 10277001321: должен состоять из 13 цифр"
    )
    assert refusal(validate_correspondent_account, "30101810500000000225", "044525225").message == (
        "Корреспондентский счёт 30101810500000000225: контрольный ключ не сходится с БИК 044525225"
    )


def test_ogrnip_whose_remainder_has_two_digits_takes_its_last_digit() -> None:
    # 30477010000005 % 13 == 10: the control digit is 0, not "10".
    assert int("30477010000005") % 13 == 10
    assert validate_ogrnip("304770100000050") == "304770100000050"
    assert "check digit does not match" in refusal(validate_ogrnip, "304770100000051").message
