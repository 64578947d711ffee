"""The activity timeline of a card: calls, meetings, e-mails, notes, newest first, paged."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from crm_tui.i18n import _
from crm_tui.schemas.work import ActivityOut
from crm_tui.widgets.paged_table import PagedTable
from crm_tui.widgets.record_text import ACTIVITY_NAMES, first_line, moment, named
from crm_tui.widgets.text import plain


class Timeline(PagedTable[ActivityOut]):
    """What happened with this record, newest first; older entries load as you scroll."""

    HELP = _(
        "The timeline: calls, meetings, e-mails, notes and stage changes, newest first, "
        "with who logged them. Older entries load as you scroll down."
    )

    def __init__(self, settings, *, id: str | None = None) -> None:  # type: ignore[no-untyped-def]
        self._settings = settings
        super().__init__(
            [("at", _("When")), ("kind", _("What")), ("author", _("Who")),
             ("body", _("Text"))],
            self._row,
            id=id,
        )

    def _row(self, activity: ActivityOut) -> Sequence[Text]:
        return (
            moment(self._settings, activity.at),
            named(ACTIVITY_NAMES, activity.kind),
            plain(activity.author_name),
            first_line(activity.body, 100),
        )
