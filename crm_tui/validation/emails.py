"""E-mail addresses: checked for form only, never by asking the network.

The check runs on every keystroke-save and in bulk imports on a server that may have no
DNS, so deliverability is not tested; a typo in the domain name stays the user's to see.
"""

from __future__ import annotations

from crm_tui.i18n import N_, _
from crm_tui.validation.errors import FieldError, missing, quoted

LABEL = N_("E-mail")

NO_AT_SIGN = N_("E-mail {value}: an address needs one @ sign")
MANY_AT_SIGNS = N_("E-mail {value}: an address has only one @ sign")
NOTHING_BEFORE_AT = N_("E-mail {value}: nothing before the @ sign")
NOTHING_AFTER_AT = N_("E-mail {value}: nothing after the @ sign")
NO_PERIOD_IN_DOMAIN = N_("E-mail {value}: the domain after @ needs a period, as in mail.ru")
SPACES = N_("E-mail {value}: an address cannot contain spaces")
PERIODS = N_("E-mail {value}: a period cannot start or end a part or follow another period")
RESERVED_DOMAIN = N_("E-mail {value}: the domain is reserved and receives no mail")
DISPLAY_NAME = N_("E-mail {value}: enter the address alone, without a name or angle brackets")
TOO_LONG = N_("E-mail {value}: the address is too long")
BAD_CHARACTERS = N_("E-mail {value}: contains characters an address cannot have")
INVALID = N_("E-mail {value}: not a valid address")

# email-validator explains itself in English sentences; these fragments of them pick the
# matching translated message, and anything unforeseen falls back to INVALID.
_LIBRARY_REASONS = (
    ("special-use or reserved", RESERVED_DOMAIN),
    ("should have a period", NO_PERIOD_IN_DOMAIN),
    ("too long", TOO_LONG),
    ("period", PERIODS),
    ("character", BAD_CHARACTERS),
)


def normalize_email(raw: str, field: str = "email") -> str:
    """The address as stored: surrounding spaces gone, domain lower-cased and normalised.

    The local part keeps its case, as mail servers may treat it as significant;
    international domains (почта.рф) and local parts are accepted.
    """
    text = raw.strip()
    if not text:
        raise missing(field, LABEL)
    value = quoted(text)
    if "<" in text or ">" in text:
        raise FieldError(field, _(DISPLAY_NAME, value=value))
    local, at, domain = text.rpartition("@")
    if not at:
        raise FieldError(field, _(NO_AT_SIGN, value=value))
    if "@" in local:
        raise FieldError(field, _(MANY_AT_SIGNS, value=value))
    if not local:
        raise FieldError(field, _(NOTHING_BEFORE_AT, value=value))
    if not domain:
        raise FieldError(field, _(NOTHING_AFTER_AT, value=value))
    if any(char.isspace() for char in text):
        raise FieldError(field, _(SPACES, value=value))
    # Imported here: 18 ms of the app's start, for a check no first screen makes.
    from email_validator import EmailNotValidError, validate_email

    try:
        return validate_email(text, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        reason = str(exc)
        message = next((msg for part, msg in _LIBRARY_REASONS if part in reason), INVALID)
        raise FieldError(field, _(message, value=value)) from None
