"""Phone numbers: one stored spelling (E.164), readable display, search as the user types."""

from __future__ import annotations

import pytest

from crm_tui.validation import FieldError, format_phone, normalize_phone, phone_search_keys


@pytest.mark.parametrize(
    "raw",
    [
        "+7 (916) 123-45-67",
        "+79161234567",
        "8 916 123 45 67",
        "8(916)123-45-67",
        "89161234567",
        "9161234567",
        "79161234567",
        " +7-916-123-45-67 ",
        "+7.916.123.45.67",
    ],
)
def test_every_common_spelling_of_a_russian_mobile_is_stored_alike(raw: str) -> None:
    assert normalize_phone(raw) == "+79161234567"


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("8 (495) 123-45-67", "+74951234567"),  # Moscow landline
        ("8 812 123-45-67", "+78121234567"),  # St Petersburg
        ("8 800 555-35-35", "+78005553535"),  # toll-free
        ("+1 650 253 0000", "+16502530000"),
        ("+49 30 1234567", "+49301234567"),
        ("+375 29 123-45-67", "+375291234567"),
    ],
)
def test_landlines_toll_free_and_foreign_numbers_are_accepted(raw: str, stored: str) -> None:
    assert normalize_phone(raw) == stored


def test_a_number_without_plus_is_read_in_the_given_region() -> None:
    assert normalize_phone("8 029 123-45-67", region="BY") == "+375291234567"
    assert normalize_phone("030 1234567", region="DE") == "+49301234567"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("12345", "Phone 12345: too few digits"),
        ("+7916123456", "Phone +7916123456: too few digits"),
        ("+7 916 123 45 67 8", "Phone +7 916 123 45 67 8: wrong number of digits for +7"),
        ("+7 916 123 45 67 89 012", "Phone +7 916 123 45 67 89 012: too many digits"),
        ("+7 123 456 78 90", "Phone +7 123 456 78 90: the numbering plan of +7 has no such number"),
        ("+999 123 45 67", "Phone +999 123 45 67: unknown country code; start an international number with +"),
        ("позвонить Ивану", "Phone позвонить Ивану: not a phone number; use digits, spaces, brackets and dashes"),
        ("+7 916 123 45 67 доб. 12", "Phone +7 916 123 45 67 доб. 12: an extension cannot be stored; put it in a note"),
    ],
)  # fmt: skip
def test_impossible_numbers_are_refused_with_the_reason(raw: str, message: str) -> None:
    with pytest.raises(FieldError) as caught:
        normalize_phone(raw)
    assert (caught.value.field, caught.value.message) == ("phone", message)


def test_an_empty_phone_asks_for_a_value() -> None:
    with pytest.raises(FieldError, match="^Phone: enter a value$"):
        normalize_phone("   ", field="mobile")


def test_a_refused_value_is_quoted_harmlessly() -> None:
    with pytest.raises(FieldError) as caught:
        normalize_phone("\x1b[2J" + "9" * 60)
    assert "\x1b" not in caught.value.message
    assert "␛[2J" in caught.value.message
    assert "…" in caught.value.message


def test_stored_numbers_are_shown_as_people_write_them() -> None:
    assert format_phone("+79161234567") == "+7 916 123-45-67"
    assert format_phone("+79161234567", "national") == "8 (916) 123-45-67"
    assert format_phone("+74951234567", "national") == "8 (495) 123-45-67"


def test_a_foreign_number_stays_international_in_the_national_style() -> None:
    assert format_phone("+16502530000", "national") == "+1 650-253-0000"
    assert format_phone("+16502530000", "national", region="US") == "(650) 253-0000"


def test_a_stored_value_that_is_not_a_number_is_shown_as_it_is_but_harmless() -> None:
    assert format_phone("ask the secretary\x1b[5m") == "ask the secretary␛[5m"


@pytest.mark.parametrize(
    "raw",
    ["+7 (916) 123-45-67", "89161234567", "9161234567", "79161234567", "8 916 123 45 67"],
)
def test_a_complete_number_searches_for_exactly_itself(raw: str) -> None:
    assert phone_search_keys(raw) == ["+79161234567"]


@pytest.mark.parametrize(
    ("raw", "keys"),
    [
        ("916123", ["+7916123"]),
        ("+7 916", ["+7916"]),
        ("+7 (916) 12", ["+791612"]),
        ("8916", ["+7916", "+78916"]),
        ("8 (916) 123-45-6", ["+7916123456"]),
        ("812", ["+7812", "+712"]),
        ("7916", ["+7916", "+77916"]),
        ("495", ["+7495"]),
    ],
)
def test_a_partial_number_gives_prefixes_for_every_reading(raw: str, keys: list[str]) -> None:
    assert phone_search_keys(raw) == keys


def test_the_first_key_is_a_prefix_of_the_number_the_user_is_typing() -> None:
    full = normalize_phone("8 916 123-45-67")
    typed = "8 916 123-45-67"
    for end in range(3, len(typed) + 1):
        keys = phone_search_keys(typed[:end])
        if sum(char.isdigit() for char in typed[:end]) >= 3:
            assert keys and full.startswith(keys[0]), typed[:end]


def test_partial_numbers_are_read_in_the_given_region() -> None:
    assert phone_search_keys("030 1234", region="DE") == ["+49301234"]
    assert phone_search_keys("650 253", region="US") == ["+1650253"]


@pytest.mark.parametrize(
    "raw",
    ["", "91", "+7", "Иванов", "ivan@mail.ru", "916abc", "7+916", "1234567890123456", "#12"],
)
def test_input_that_is_not_a_phone_gives_no_keys(raw: str) -> None:
    assert phone_search_keys(raw) == []
