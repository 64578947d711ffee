"""How a lead reads on screen: its list row, its status and source, a possible duplicate."""

from __future__ import annotations

from rich.text import Text

from crm_tui.formatting import format_number
from crm_tui.i18n import N_, _
from crm_tui.leads.scoring import source_name
from crm_tui.leads.status import status_name
from crm_tui.schemas.leads import LeadDuplicate, LeadOut
from crm_tui.widgets import record_text
from crm_tui.widgets.text import plain

DUPLICATE_KINDS = {"client": N_("client"), "contact": N_("contact"), "lead": N_("lead")}
DUPLICATE_REASONS = {
    "phone": N_("same phone"),
    "email": N_("same e-mail"),
    "company": N_("similar company, {similarity}%"),
    "name": N_("similar name, {similarity}%"),
}
MARKS = {"junk": N_("marked junk"), "competitor": N_("marked competitor")}


SCORE_WIDTH = 5  # as wide as the column title "Score", so the numbers line up on the right


def score_text(score: int) -> Text:
    """The score, right-aligned, bold when the lead is worth handling first."""
    style = "bold" if score >= 70 else ("dim" if score < 30 else "")
    return Text(format_number(score).rjust(SCORE_WIDTH), style=style)


def lead_row(settings, lead: LeadOut) -> tuple[Text, ...]:  # type: ignore[no-untyped-def]
    return (
        score_text(lead.score),
        plain(lead.name),
        plain(lead.company),
        plain(source_name(lead.source)),
        record_text.phone(settings, lead.phone),
        plain(lead.email),
        plain(lead.owner_name or _("— nobody —")),
        plain(status_name(lead.status)),
    )


def duplicate_text(dup: LeadDuplicate) -> Text:
    """ "Иван Петров — contact, same e-mail, marked competitor" """
    reason = _(DUPLICATE_REASONS[dup.reason], similarity=dup.similarity)
    parts = [_(DUPLICATE_KINDS[dup.kind]), reason]
    if dup.kind == "lead" and dup.status:
        parts.append(status_name(dup.status))
    elif dup.status in MARKS:
        parts.append(_(MARKS[dup.status]))
    text = plain(dup.name, style="bold")
    text.append_text(plain(" — " + ", ".join(parts)))
    return text


def duplicates_summary(duplicates: list[LeadDuplicate], limit: int = 3) -> str:
    """A short line for a notification: the first few duplicates by name and why."""
    shown = [duplicate_text(d).plain for d in duplicates[:limit]]
    more = len(duplicates) - limit
    if more > 0:
        shown.append(_("and {count} more", count=more))
    return "; ".join(shown)
