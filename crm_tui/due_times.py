"""Due times as a salesperson thinks of them: days on their own wall clock, not the server's.

Task groups ("today", "tomorrow", "this week") and quick choices ("tomorrow 10:00") are
local-calendar ideas: 01:30 in Moscow on Tuesday is still Monday evening in UTC. Everything
here turns the user's calendar into UTC instants once, so the store can compare stored UTC
times with plain `<` and the same rule holds on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_date

from crm_tui.formatting import current_locale, format_relative_day, format_time
from crm_tui.i18n import N_, _

#: The time a typed date without a time means: the start of a working morning.
DEFAULT_TIME = time(10, 0)
#: How far back the inbox shows completed tasks.
DONE_DAYS = 7

INPUT_FORMAT = "%d.%m.%Y %H:%M"


@dataclass(frozen=True)
class InboxBounds:
    """The UTC instants that split tasks into the inbox groups for one user at one moment."""

    now: datetime
    tomorrow: datetime
    day_after: datetime
    next_week: datetime
    done_since: datetime


def local_at(day: date, at: time, tz: str) -> datetime:
    """The UTC instant at which the user's wall clock in `tz` shows `day` `at`."""
    return datetime.combine(day, at, tzinfo=ZoneInfo(tz)).astimezone(UTC)


def local_today(now: datetime, tz: str) -> date:
    return now.astimezone(ZoneInfo(tz)).date()


def next_monday(today: date) -> date:
    """Monday of next week (a week ahead when today is itself a Monday)."""
    return today + timedelta(days=7 - today.weekday())


def inbox_bounds(now: datetime, tz: str) -> InboxBounds:
    today = local_today(now, tz)
    midnight = time(0, 0)
    day_after = local_at(today + timedelta(days=2), midnight, tz)
    return InboxBounds(
        now=now,
        tomorrow=local_at(today + timedelta(days=1), midnight, tz),
        day_after=day_after,
        # On Saturday and Sunday "this week" is over: nothing lies between the day after
        # tomorrow and next Monday, and Monday itself is already "tomorrow".
        next_week=max(local_at(next_monday(today), midnight, tz), day_after),
        done_since=local_at(today - timedelta(days=DONE_DAYS), midnight, tz),
    )


# -- quick choices ---------------------------------------------------------------------------
@dataclass(frozen=True)
class QuickDue:
    """A one-key due time offered by the task form and the snooze dialog."""

    code: str
    title: str  # N_() marked; translate when shown


QUICK_NEW = (
    QuickDue("today_18", N_("This evening")),
    QuickDue("tomorrow_10", N_("Tomorrow morning")),
    QuickDue("monday_10", N_("Next Monday")),
    QuickDue("in_hour", N_("In an hour")),
)
QUICK_SNOOZE = (
    QuickDue("plus_hour", N_("One hour later")),
    QuickDue("tomorrow_10", N_("Tomorrow morning")),
    QuickDue("monday_10", N_("Next week")),
)


def quick_due(code: str, now: datetime, tz: str, current: datetime | None = None) -> datetime:
    """The UTC due time of a quick choice; `current` is the due time being snoozed.

    "One hour later" moves a future task by an hour and an overdue one to an hour from now,
    so a snooze never lands in the past.
    """
    today = local_today(now, tz)
    if code == "today_18":
        return local_at(today, time(18, 0), tz)
    if code == "tomorrow_10":
        return local_at(today + timedelta(days=1), DEFAULT_TIME, tz)
    if code == "monday_10":
        return local_at(next_monday(today), DEFAULT_TIME, tz)
    if code == "in_hour":
        return _whole_minute(now + timedelta(hours=1))
    if code == "plus_hour":
        start = max(now, current) if current is not None else now
        return _whole_minute(start + timedelta(hours=1))
    raise KeyError(code)


def _whole_minute(value: datetime) -> datetime:
    return value.replace(second=0, microsecond=0)


# -- showing due times -----------------------------------------------------------------------
def format_due(value: datetime, now: datetime, tz: str) -> str:
    """A due time the way a list shows it: "Today 18:00", "Tomorrow 10:00", "Wed 04/03/2026
    10:00", always on the user's wall clock."""
    local = value.astimezone(ZoneInfo(tz))
    day = format_relative_day(local.date(), local_today(now, tz))
    if abs((local.date() - local_today(now, tz)).days) > 1:
        weekday = format_date(local.date(), "EEE", locale=current_locale())
        day = f"{weekday} {day}"
    return f"{day} {format_time(local)}"


# -- typed dates -----------------------------------------------------------------------------
_TIME = re.compile(r"(?<![\d.])(\d{1,2}):(\d{2})(?!\d)")
_DAY_WORDS = {"today": 0, "сегодня": 0, "tomorrow": 1, "завтра": 1}
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[./](\d{1,2})(?:[./](\d{2}|\d{4}))?$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def format_due_input(value: datetime, tz: str) -> str:
    """A due time as the user types it back: "05.03.2026 14:30" on their wall clock."""
    return value.astimezone(ZoneInfo(tz)).strftime(INPUT_FORMAT)


def parse_due(text: str, now: datetime, tz: str) -> datetime:
    """A typed due time on the user's wall clock, as a UTC instant.

    Accepts "05.03.2026 14:30", "05.03 14:30" (this year, or next if that day is past),
    "2026-03-05 14:30", "5/3/26", "tomorrow 10:00", "завтра", or a bare "14:30" (today).
    A date without a time means 10:00. Raises ValueError with a sentence for the user.
    """
    raw = (text or "").strip()
    if not raw:
        raise ValueError(_("Enter a date and time, for example 05.03.2026 14:30"))
    lowered = raw.casefold()
    at = DEFAULT_TIME
    match = _TIME.search(lowered)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2))
        if hour > 23 or minute > 59:
            raise ValueError(_("There is no time {value} on a clock", value=match.group(0)))
        at = time(hour, minute)
        lowered = (lowered[: match.start()] + " " + lowered[match.end():]).strip()
    elif ":" in lowered:
        raise _not_a_due(raw)
    day = _parse_day(lowered, raw, local_today(now, tz))
    return local_at(day, at, tz)


def _parse_day(part: str, raw: str, today: date) -> date:
    part = part.strip().rstrip(",").strip()
    if not part:
        return today
    if part in _DAY_WORDS:
        return today + timedelta(days=_DAY_WORDS[part])
    iso = _ISO_DATE.match(part)
    if iso:
        return _make_date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)), raw)
    numeric = _NUMERIC_DATE.match(part)
    if not numeric:
        raise _not_a_due(raw)
    day, month, year_text = int(numeric.group(1)), int(numeric.group(2)), numeric.group(3)
    if year_text is None:
        found = _make_date(today.year, month, day, raw)
        # "05.01" typed in December means the coming January, not one eleven months ago.
        return found if found >= today else _make_date(today.year + 1, month, day, raw)
    year = int(year_text) + (2000 if len(year_text) == 2 else 0)
    return _make_date(year, month, day, raw)


def _make_date(year: int, month: int, day: int, raw: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(_("There is no such date: {text}", text=raw)) from None


def _not_a_due(raw: str) -> ValueError:
    return ValueError(
        _("“{text}” is not a date and time; write it like 05.03.2026 14:30", text=raw)
    )
