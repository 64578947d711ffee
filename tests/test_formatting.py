"""Values look the way a Russian (or English) reader expects, and amounts typed either way
are read back correctly."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import Decimal

import pytest

from crm_tui import i18n
from crm_tui.formatting import (
    format_date,
    format_datetime,
    format_days,
    format_money,
    format_number,
    format_percent,
    format_relative_day,
    format_time,
    parse_amount,
)

SetLanguage = Callable[[str], None]


@pytest.fixture
def lang() -> Iterator[SetLanguage]:
    """Call the fixture with a language code to switch; the original comes back afterwards."""
    before = i18n.get_language()
    yield i18n.set_language
    i18n.set_language(before)


def plain(text: str) -> str:
    """Babel separates with no-break and narrow no-break spaces; compare with plain ones."""
    return text.replace("\xa0", " ").replace("\u202f", " ")


# Numbers and money


def test_russian_money_groups_by_spaces_with_comma_and_rouble_sign(lang: SetLanguage) -> None:
    lang("ru")
    assert plain(format_money(Decimal("1200000"))) == "1 200 000,00 ₽"
    assert plain(format_money(Decimal("99.5"), "USD")) == "99,50 $"


def test_english_money_groups_by_commas(lang: SetLanguage) -> None:
    lang("en")
    text = format_money(1200000.5)
    assert "1,200,000.50" in text and "RUB" in text


def test_no_amount_shows_nothing(lang: SetLanguage) -> None:
    lang("ru")
    assert format_money(None) == ""
    assert format_number(None) == ""


def test_float_amounts_do_not_show_binary_noise(lang: SetLanguage) -> None:
    lang("en")
    assert "0.30" in format_money(0.1 + 0.2)


def test_numbers_and_percentages_follow_the_language(lang: SetLanguage) -> None:
    lang("ru")
    assert plain(format_number(1234567.5)) == "1 234 567,5"
    assert plain(format_number(3, digits=2)) == "3,00"
    assert plain(format_percent(12.5)) == "12,5 %"
    lang("en")
    assert format_number(1234567.5) == "1,234,567.5"
    assert format_percent(10) == "10%"


# Dates and times


def test_dates_are_day_first(lang: SetLanguage) -> None:
    lang("ru")
    assert format_date(date(2025, 3, 5)) == "05.03.2025"
    lang("en")
    assert format_date(date(2025, 3, 5)) == "05/03/2025"
    assert format_date(None) == ""


def test_moments_are_shown_on_the_users_clock(lang: SetLanguage) -> None:
    lang("ru")
    moment = datetime(2025, 3, 5, 21, 30, tzinfo=UTC)
    assert format_datetime(moment, "Europe/Moscow") == "06.03.2025, 00:30"
    assert format_datetime(moment, "Asia/Vladivostok") == "06.03.2025, 07:30"
    assert format_time(moment, "Europe/Moscow") == "00:30"


def test_naive_moments_are_taken_as_utc(lang: SetLanguage) -> None:
    lang("ru")
    assert format_datetime(datetime(2025, 3, 5, 9, 0), "Europe/Moscow") == "05.03.2025, 12:00"


def test_an_aware_moment_in_another_zone_is_converted(lang: SetLanguage) -> None:
    lang("en")
    novosibirsk = timezone(timedelta(hours=7))
    moment = datetime(2025, 3, 5, 10, 0, tzinfo=novosibirsk)
    assert format_datetime(moment, "Europe/Moscow") == "05/03/2025, 06:00"


def test_times_use_the_24_hour_clock(lang: SetLanguage) -> None:
    lang("en")
    assert format_time(time(17, 5)) == "17:05"


@pytest.mark.parametrize(
    ("offset", "english", "russian"),
    [(0, "Today", "Сегодня"), (1, "Tomorrow", "Завтра"), (-1, "Yesterday", "Вчера")],
)
def test_near_due_dates_are_named(
    lang: SetLanguage, offset: int, english: str, russian: str
) -> None:
    today = date(2025, 12, 31)
    lang("en")
    assert format_relative_day(today + timedelta(days=offset), today) == english
    lang("ru")
    assert format_relative_day(today + timedelta(days=offset), today) == russian


def test_farther_due_dates_are_shown_as_dates(lang: SetLanguage) -> None:
    lang("ru")
    assert format_relative_day(date(2026, 1, 2), date(2025, 12, 31)) == "02.01.2026"


# Plurals


@pytest.mark.parametrize(
    ("count", "russian"),
    [
        (0, "0 дней"),
        (1, "1 день"),
        (2, "2 дня"),
        (4, "4 дня"),
        (5, "5 дней"),
        (11, "11 дней"),
        (12, "12 дней"),
        (21, "21 день"),
        (22, "22 дня"),
        (25, "25 дней"),
        (101, "101 день"),
        (111, "111 дней"),
        (1000, "1 000 дней"),
    ],
)
def test_russian_days_agree_with_the_number(lang: SetLanguage, count: int, russian: str) -> None:
    lang("ru")
    assert plain(format_days(count)) == russian


def test_english_days_agree_with_the_number(lang: SetLanguage) -> None:
    lang("en")
    assert [format_days(n) for n in (0, 1, 2, 21)] == ["0 days", "1 day", "2 days", "21 days"]


# Reading amounts


@pytest.mark.parametrize(
    "text",
    [
        "1 200 000,50",
        "1\xa0200\xa0000,50",
        "1200000.50",
        "1200000,50",
        "1,200,000.50",
        "1.200.000,50",
        "1 200 000,50 ₽",
        "  1200000.5 ",
    ],
)
def test_amounts_are_read_however_they_are_typed(lang: SetLanguage, text: str) -> None:
    lang("ru")
    assert parse_amount(text) == Decimal("1200000.50")


def test_a_lone_comma_is_grouping_only_for_english_thousands(lang: SetLanguage) -> None:
    lang("en")
    assert parse_amount("1,200") == Decimal("1200")
    assert parse_amount("12,5") == Decimal("12.5")
    lang("ru")
    assert parse_amount("1,200") == Decimal("1.2")


def test_negative_and_whole_amounts(lang: SetLanguage) -> None:
    lang("en")
    assert parse_amount("-15") == Decimal("-15")
    assert parse_amount("1 000") == Decimal("1000")


@pytest.mark.parametrize("text", ["abc", "12..5", "1,20,000", "1.2.3,4,5", "--5", "5-"])
def test_garbage_is_refused_with_an_example(lang: SetLanguage, text: str) -> None:
    lang("en")
    with pytest.raises(ValueError, match="1 200 000,50") as caught:
        parse_amount(text)
    assert text in str(caught.value)


def test_an_empty_amount_asks_for_one_in_the_users_language(lang: SetLanguage) -> None:
    lang("ru")
    with pytest.raises(ValueError, match="введите сумму"):
        parse_amount("  ")
