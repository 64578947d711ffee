"""Numbers, money, dates and counts in the conventions of the UI language.

One place decides how a value looks, so a table, a card and an export agree, and Russian
users see ``1 200 000,00 ₽`` and ``05.03.2025`` while English ones see ``RUB1,200,000.00`` and
``05/03/2025``. English uses British conventions (day first, 24-hour clock) because the
team and its clients are in Russia, where that order is the familiar one.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from babel import Locale
from babel import dates as babel_dates
from babel import numbers as babel_numbers

from crm_tui.i18n import _, get_language

BABEL_LOCALES = {"en": "en_GB", "ru": "ru_RU"}

Number = Decimal | int | float

# The order in which a translation lists its "|"-separated plural forms, by CLDR category.
# Russian follows gettext's three forms (1 день, 2 дня, 5 дней); fractions take the second.
_PLURAL_SLOTS = {
    "en": {"one": 0, "other": 1},
    "ru": {"one": 0, "few": 1, "many": 2, "other": 1},
}


def current_locale() -> Locale:
    return Locale.parse(BABEL_LOCALES.get(get_language(), "en_GB"))


def _decimal(value: Number) -> Decimal:
    # str() first: Decimal(0.1) would carry the float's binary noise into the output.
    return value if isinstance(value, Decimal) else Decimal(str(value))


def format_money(amount: Number | None, currency: str = "RUB") -> str:
    """An amount with its currency sign, grouped and with kopecks; "" when there is none."""
    if amount is None:
        return ""
    return babel_numbers.format_currency(_decimal(amount), currency, locale=current_locale())


def format_number(value: Number | None, digits: int | None = None) -> str:
    """A grouped number; `digits` fixes the decimals, otherwise up to three are shown."""
    if value is None:
        return ""
    if digits is None:
        return babel_numbers.format_decimal(_decimal(value), locale=current_locale())
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    return babel_numbers.format_decimal(
        _decimal(value), format=pattern, locale=current_locale(), decimal_quantization=True
    )


def format_percent(points: Number | None) -> str:
    """A percentage given in points as the config and the deal store it (10 -> "10%")."""
    if points is None:
        return ""
    return babel_numbers.format_percent(
        _decimal(points) / 100, locale=current_locale(), decimal_quantization=False
    )


def format_date(value: date | None, style: str = "short") -> str:
    if value is None:
        return ""
    return babel_dates.format_date(value, format=style, locale=current_locale())


def _in_zone(value: datetime, tz: str) -> datetime:
    """`value` in the user's zone; naive datetimes are taken as UTC, as the store keeps them."""
    aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    return aware.astimezone(ZoneInfo(tz))


def format_datetime(value: datetime | None, tz: str, style: str = "short") -> str:
    """A moment as the clock on the user's wall showed it in zone `tz`."""
    if value is None:
        return ""
    local = _in_zone(value, tz)
    return babel_dates.format_datetime(
        local, format=style, tzinfo=local.tzinfo, locale=current_locale()
    )


def format_time(value: time | datetime | None, tz: str | None = None) -> str:
    """Hours and minutes; a datetime is first moved into zone `tz` when one is given."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = (_in_zone(value, tz) if tz else value).timetz()
    return babel_dates.format_time(value, format="short", locale=current_locale())


def format_relative_day(value: date | None, today: date) -> str:
    """"Today", "Tomorrow" or "Yesterday" for due dates near `today`, otherwise the date."""
    if value is None:
        return ""
    delta = (value - today).days
    if delta == 0:
        return _("Today")
    if delta == 1:
        return _("Tomorrow")
    if delta == -1:
        return _("Yesterday")
    return format_date(value)


def plural(count: Number, forms: str) -> str:
    """Pick the plural form of an already translated ``"one|other"`` text for `count`.

    The translation lists its forms in the order of `_PLURAL_SLOTS` (Russian: one, few,
    many) and fills ``{count}`` with the grouped number.
    """
    language = get_language()
    options = forms.split("|")
    category = current_locale().plural_form(abs(count))
    slots = _PLURAL_SLOTS.get(language, _PLURAL_SLOTS["en"])
    slot = min(slots.get(category, slots["other"]), len(options) - 1)
    return options[slot].format(count=format_number(count))


def format_days(count: int) -> str:
    """A number of days with the noun agreeing: 1 день, 2 дня, 5 дней."""
    return plural(count, _("{count} day|{count} days"))


_SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u2007']")
_CURRENCY_MARKS = re.compile(r"(₽|руб\.?|р\.|rub|\$|€)", re.IGNORECASE)
_PLAIN = re.compile(r"^[+-]?\d+(?:\.\d+)?$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")


def parse_amount(text: str) -> Decimal:
    """Read an amount as people type it: "1 200 000,50", "1200000.50", "1,200,000.50".

    With both "," and "." present the last one is the decimal mark. A lone comma is decimal
    (Russian habit) unless it is followed by exactly three digits while the UI is English.
    Raises ValueError with a translated message for anything else.
    """
    if not (text or "").strip():
        raise ValueError(_("enter an amount"))
    cleaned = _CURRENCY_MARKS.sub("", _SPACES.sub("", text))
    if "," in cleaned and "." in cleaned:
        if cleaned.rfind(",") > cleaned.rfind("."):
            cleaned = cleaned.replace(".", "\0").replace(",", ".").replace("\0", ",")
    elif cleaned.count(",") == 1 and not (
        get_language() == "en" and re.search(r",\d{3}$", cleaned)
    ):
        cleaned = cleaned.replace(",", ".")
    elif cleaned.count(".") > 1:
        cleaned = cleaned.replace(".", ",")
    if _GROUPED.match(cleaned):
        cleaned = cleaned.replace(",", "")
    if not _PLAIN.match(cleaned):
        raise ValueError(_("“{text}” is not an amount; write it like 1 200 000,50", text=text))
    return Decimal(cleaned)
