"""Registration numbers, bank accounts and phones that pass the project's own validators.

Seed data must look real to every check a user's own input meets (`crm_tui.validation`), and
the scale seed needs hundreds of thousands of them, unique, in seconds: so each number is
computed from a serial with integer arithmetic, and uniqueness comes from the serial, not
from retrying random draws.
"""

from __future__ import annotations

import math
import random
from typing import NamedTuple

_INN10_WEIGHTS = (2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN12_WEIGHTS_1 = (7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN12_WEIGHTS_2 = (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
_ACCOUNT_WEIGHTS = ((7, 1, 3) * 8)[:23]
_KEY_POSITION = 8
"""The control key is digit 9 of a 20-digit account (index 8)."""

SETTLEMENT_PREFIX_ORGANISATION = "40702810"
SETTLEMENT_PREFIX_SOLE_TRADER = "40802810"
ORGANISATION_SERIALS = 10**7
"""Distinct 10-digit INNs (and OGRNs) per region: tax office (2 digits) + number (5)."""
PERSON_SERIALS = 10**8
"""Distinct 12-digit INNs per region."""


class Bank(NamedTuple):
    name: str
    bik: str
    correspondent_account: str


BANKS: tuple[Bank, ...] = (
    Bank("ПАО Сбербанк", "044525225", "30101810400000000225"),
    Bank("АО «Альфа-Банк»", "044525593", "30101810200000000593"),
    Bank("Банк ВТБ (ПАО)", "044525187", "30101810700000000187"),
    Bank("АО «ТБанк»", "044525974", "30101810145250000974"),
    Bank("АО «Райффайзенбанк»", "044525700", "30101810200000000700"),
    Bank("ПАО «Промсвязьбанк»", "044525555", "30101810400000000555"),
    Bank("Северо-Западный банк ПАО Сбербанк", "044030653", "30101810500000000653"),
    Bank("Уральский банк ПАО Сбербанк", "046577674", "30101810500000000674"),
    Bank("ПАО «Банк «Санкт-Петербург»", "044030790", "30101810900000000790"),
    Bank("Банк ГПБ (АО)", "044525823", "30101810200000000823"),
    Bank("Сибирский банк ПАО Сбербанк", "045004641", "30101810500000000641"),
    Bank("Волго-Вятский банк ПАО Сбербанк", "042202603", "30101810900000000603"),
    Bank("ПАО «МТС-Банк»", "044525232", "30101810600000000232"),
)
"""Real banks with their published BIK and correspondent account (public reference data)."""


def _weighted(digits: str, weights: tuple[int, ...]) -> int:
    return sum(int(d) * w for d, w in zip(digits, weights, strict=False))


def organisation_inn(region: int, serial: int) -> str:
    """The 10-digit INN of an organisation registered in `region` (1–99), numbered `serial`."""
    body = f"{region:02d}{serial % ORGANISATION_SERIALS:07d}"
    return body + str(_weighted(body, _INN10_WEIGHTS) % 11 % 10)


def person_inn(region: int, serial: int) -> str:
    """The 12-digit INN of a person (a sole trader) from `region`, numbered `serial`."""
    body = f"{region:02d}{serial % PERSON_SERIALS:08d}"
    first = str(_weighted(body, _INN12_WEIGHTS_1) % 11 % 10)
    second = str(_weighted(body + first, _INN12_WEIGHTS_2) % 11 % 10)
    return body + first + second


def kpp_for(inn: str) -> str:
    """The KPP of an organisation's head office: its tax office, reason 01, number 001."""
    return inn[:4] + "01001"


def ogrn(year: int, region: int, serial: int) -> str:
    """A 13-digit OGRN: sign 1, two digits of the year, region, a 7-digit number, check digit."""
    body = f"1{year % 100:02d}{region:02d}{serial % 10**7:07d}"
    return body + str(int(body) % 11 % 10)


def ogrnip(year: int, region: int, serial: int) -> str:
    """A 15-digit OGRNIP (sign 3) whose check digit is one digit under every reading.

    The law takes the last digit of `number mod 13`; python-stdnum, which the validators use,
    refuses remainders 10–12. Of four consecutive numbers at least one has a remainder under
    10, so `serial` picks a block of four and the first fitting number in it is used: still
    unique per serial.
    """
    base = (serial % (10**9 // 4)) * 4
    for step in range(4):
        body = f"3{year % 100:02d}{region:02d}{base + step:09d}"
        remainder = int(body) % 13
        if remainder < 10:
            return body + str(remainder)
    raise AssertionError("unreachable: four consecutive remainders include one under 10")


def _with_key(prefix: str, account: str) -> str:
    """`account` with its control key (digit 9) set so the check over prefix+account passes."""
    digits = prefix + account[:_KEY_POSITION] + "0" + account[_KEY_POSITION + 1 :]
    total = _weighted(digits, _ACCOUNT_WEIGHTS)
    weight = _ACCOUNT_WEIGHTS[len(prefix) + _KEY_POSITION]
    key = next(k for k in range(10) if (total + weight * k) % 10 == 0)
    return account[:_KEY_POSITION] + str(key) + account[_KEY_POSITION + 1 :]


def settlement_account(bik: str, serial: int, *, sole_trader: bool = False) -> str:
    """A rouble settlement account at the bank of `bik` whose control key matches the BIK."""
    prefix = SETTLEMENT_PREFIX_SOLE_TRADER if sole_trader else SETTLEMENT_PREFIX_ORGANISATION
    account = f"{prefix}0{serial // 10**7 % 10**4:04d}{serial % 10**7:07d}"
    return _with_key(bik[-3:], account)


# -- phones -------------------------------------------------------------------------------------
MOBILE_CODES: tuple[int, ...] = tuple(
    code for code in range(900, 1000) if code != 930 and not 940 <= code < 950
)
"""Russian mobile operator codes; 930 has unissued blocks and 94x is not Russian mobile."""
SUBSCRIBERS = 10**7
PHONE_SPACE = len(MOBILE_CODES) * SUBSCRIBERS


def mobile_phone(number: int) -> str:
    """The E.164 Russian mobile number with index `number` (0 ≤ number < PHONE_SPACE)."""
    code = MOBILE_CODES[number // SUBSCRIBERS % len(MOBILE_CODES)]
    return f"+7{code}{number % SUBSCRIBERS:07d}"


class Scatter:
    """A bijection of 0..modulus-1 onto itself that looks random: unique numbers, no retries.

    `i -> (i * a + b) mod modulus` with `a` coprime to the modulus, drawn from `rng`.
    """

    def __init__(self, modulus: int, rng: random.Random) -> None:
        self.modulus = modulus
        a = rng.randrange(modulus // 3, modulus) | 1
        while math.gcd(a, modulus) != 1:
            a += 2
        self.a = a
        self.b = rng.randrange(modulus)

    def __call__(self, index: int) -> int:
        return (index * self.a + self.b) % self.modulus
