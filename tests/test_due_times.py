"""Typed and quick due times land on the user's wall clock, whatever the server's zone."""

from __future__ import annotations

import datetime as dt

import pytest

from crm_tui.due_times import format_due_input, parse_due, quick_due
from tests.conftest import FROZEN_NOW

MSK = "Europe/Moscow"
UTC = dt.UTC


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("05.03.2026 14:30", at(2026, 3, 5, 11, 30)),
        ("5.3.26 9:05", at(2026, 3, 5, 6, 5)),
        ("05/03/2026 14:30", at(2026, 3, 5, 11, 30)),
        ("2026-03-05 14:30", at(2026, 3, 5, 11, 30)),
        ("05.03 14:30", at(2026, 3, 5, 11, 30)),
        ("05.03.2026", at(2026, 3, 5, 7, 0)),  # a date alone means 10:00
        ("14:30", at(2026, 3, 2, 11, 30)),  # a time alone means today
        ("tomorrow 10:00", at(2026, 3, 3, 7, 0)),
        ("Завтра", at(2026, 3, 3, 7, 0)),
        ("сегодня 18:00", at(2026, 3, 2, 15, 0)),
        ("14:30 05.03.2026", at(2026, 3, 5, 11, 30)),
        ("01.01 10:00", at(2027, 1, 1, 7, 0)),  # a day already past this year: next year
    ],
)
def test_typed_due_times_are_moscow_wall_clock(typed: str, expected: dt.datetime) -> None:
    assert parse_due(typed, FROZEN_NOW, MSK) == expected


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter a date and time"),
        ("next tuesday", "is not a date and time"),
        ("31.02.2026 10:00", "There is no such date"),
        ("05.03.2026 25:00", "There is no time 25:00"),
        ("05.03.2026 1:5", "is not a date and time"),
    ],
)
def test_a_due_time_that_cannot_be_read_says_why(typed: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_due(typed, FROZEN_NOW, MSK)


def test_the_input_format_reads_back_to_the_same_moment() -> None:
    moment = at(2026, 3, 5, 11, 30)
    assert format_due_input(moment, MSK) == "05.03.2026 14:30"
    assert parse_due(format_due_input(moment, MSK), FROZEN_NOW, MSK) == moment


def test_quick_choices_use_the_local_calendar() -> None:
    late_evening = at(2026, 3, 2, 21, 30)  # Tuesday 00:30 in Moscow, Monday in UTC
    assert quick_due("tomorrow_10", late_evening, MSK) == at(2026, 3, 4, 7, 0)
    assert quick_due("today_18", late_evening, MSK) == at(2026, 3, 3, 15, 0)
    assert quick_due("monday_10", FROZEN_NOW, MSK) == at(2026, 3, 9, 7, 0)  # a Monday: next one
    assert quick_due("in_hour", at(2026, 3, 2, 9, 0, 42), MSK) == at(2026, 3, 2, 10, 0)


def test_one_hour_later_never_lands_in_the_past() -> None:
    overdue = at(2026, 3, 1, 8, 0)
    future = at(2026, 3, 2, 15, 0)
    assert quick_due("plus_hour", FROZEN_NOW, MSK, overdue) == at(2026, 3, 2, 10, 0)
    assert quick_due("plus_hour", FROZEN_NOW, MSK, future) == at(2026, 3, 2, 16, 0)
