"""Bank account numbers, whose control key (Bank of Russia order 515) ties them to a BIK.

The key is digit 9 of the 20-digit account. It is checked over 23 digits: three taken from
the BIK, then the account, weighted 7, 1, 3 repeatedly; the weighted sum must end in 0.

* A settlement account at a bank uses the last three digits of the BIK. At a unit of the
  Bank of Russia (BIK ending 000, 001 or 002) it uses "0" plus BIK digits 5–6.
* A correspondent account uses "0" plus BIK digits 5–6, which name a region, so the key
  alone cannot tell two banks of one region apart. A bank's account starts with 301 and
  ends with the last three digits of its BIK; since 2021 a treasury office's BIK has a
  single treasury account (ЕКС) starting with 40102 instead.
* Treasury accounts (starting 03) carry no control key: digits 6–8 are the currency code,
  so they are checked for length only.
"""

from __future__ import annotations

from crm_tui.i18n import N_, _
from crm_tui.validation.digits import digits_of_length
from crm_tui.validation.errors import FieldError
from crm_tui.validation.requisites import validate_bik

ACCOUNT_LABEL = N_("Account")
SETTLEMENT_LABEL = N_("Settlement account")
CORRESPONDENT_LABEL = N_("Correspondent account")

CONTROL_KEY = N_("{label} {value}: control key does not match BIK {bik}")
CORRESPONDENT_PREFIX = N_(
    "Correspondent account {value}: must start with 301 (a bank) or 40102 (a treasury office)"
)
CORRESPONDENT_ENDING = N_("Correspondent account {value}: must end with {ending}, as BIK {bik} does")

ACCOUNT_LENGTH = 20
_WEIGHTS = ((7, 1, 3) * 8)[:23]
_BANK_OF_RUSSIA_UNITS = ("000", "001", "002")
_TREASURY_ACCOUNT = "03"
_BANK_CORRESPONDENT = "301"
_CORRESPONDENT_PREFIXES = (_BANK_CORRESPONDENT, "40102")


def validate_account_number(value: str, field: str = "account") -> str:
    """Any 20-digit account number; the BIK-keyed check needs `validate_*_account`."""
    return digits_of_length(value, ACCOUNT_LENGTH, field, ACCOUNT_LABEL)


def validate_settlement_account(
    account: str, bik: str, field: str = "settlement_account", bik_field: str = "bik"
) -> str:
    """A settlement (current) account whose control key agrees with the bank's BIK.

    An invalid BIK is reported on `bik_field`, since that is the value to correct.
    """
    bik = validate_bik(bik, bik_field)
    text = digits_of_length(account, ACCOUNT_LENGTH, field, SETTLEMENT_LABEL)
    if text.startswith(_TREASURY_ACCOUNT):
        return text
    prefix = "0" + bik[4:6] if bik[-3:] in _BANK_OF_RUSSIA_UNITS else bik[-3:]
    _check_key(prefix, text, bik, field, SETTLEMENT_LABEL)
    return text


def validate_correspondent_account(
    account: str, bik: str, field: str = "correspondent_account", bik_field: str = "bik"
) -> str:
    """The bank's correspondent account, which must agree with its BIK."""
    bik = validate_bik(bik, bik_field)
    text = digits_of_length(account, ACCOUNT_LENGTH, field, CORRESPONDENT_LABEL)
    if not text.startswith(_CORRESPONDENT_PREFIXES):
        raise FieldError(field, _(CORRESPONDENT_PREFIX, value=text))
    if text.startswith(_BANK_CORRESPONDENT) and text[-3:] != bik[-3:]:
        raise FieldError(field, _(CORRESPONDENT_ENDING, value=text, ending=bik[-3:], bik=bik))
    _check_key("0" + bik[4:6], text, bik, field, CORRESPONDENT_LABEL)
    return text


def _check_key(prefix: str, account: str, bik: str, field: str, label: str) -> None:
    total = sum(int(digit) * weight for digit, weight in zip(prefix + account, _WEIGHTS, strict=True))
    if total % 10:
        raise FieldError(field, _(CONTROL_KEY, label=_(label), value=account, bik=bik))
