"""E-mail addresses: normalised for storage, refused with a reason, never looked up online."""

from __future__ import annotations

import pytest

from crm_tui.validation import FieldError, normalize_email


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("ivan.petrov@mail.ru", "ivan.petrov@mail.ru"),
        ("  Ivan.Petrov@Yandex.RU ", "Ivan.Petrov@yandex.ru"),
        ("sales+crm@company.com", "sales+crm@company.com"),
        ("info@почта.рф", "info@почта.рф"),
        ("иван@почта.рф", "иван@почта.рф"),
        ("buh@no-such-domain-for-sure-12345.ru", "buh@no-such-domain-for-sure-12345.ru"),
    ],
)
def test_valid_addresses_are_stored_normalised(raw: str, stored: str) -> None:
    assert normalize_email(raw) == stored


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("ivan.mail.ru", "an address needs one @ sign"),
        ("ivan@@mail.ru", "an address has only one @ sign"),
        ("@mail.ru", "nothing before the @ sign"),
        ("ivan@", "nothing after the @ sign"),
        ("ivan@mail", "the domain after @ needs a period, as in mail.ru"),
        ("ivan petrov@mail.ru", "an address cannot contain spaces"),
        ("ivan..petrov@mail.ru", "a period cannot start or end a part or follow another period"),
        ("ivan@server.local", "the domain is reserved and receives no mail"),
        ("Ivan <ivan@mail.ru>", "enter the address alone, without a name or angle brackets"),
        ("<ivan@mail.ru>", "enter the address alone, without a name or angle brackets"),
        ("ivan,petrov@mail.ru", "contains characters an address cannot have"),
        ("ivan@" + ("b" * 60 + ".") * 5 + "ru", "the address is too long"),
    ],
)
def test_invalid_addresses_are_refused_with_the_reason(raw: str, reason: str) -> None:
    with pytest.raises(FieldError) as caught:
        normalize_email(raw, field="contact_email")
    assert caught.value.field == "contact_email"
    assert caught.value.message.endswith(f": {reason}")
    assert caught.value.message.startswith("E-mail ")


def test_an_empty_address_asks_for_a_value() -> None:
    with pytest.raises(FieldError, match="^E-mail: enter a value$"):
        normalize_email("")
