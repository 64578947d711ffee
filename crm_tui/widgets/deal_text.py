"""How deals read on screen: stage, role and reason names from the config, and the board card.

The board, the deal screen and the dialogs all name stages and roles the same way, and
stored text (client names, titles) enters only through `plain()`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import lru_cache

from rich.text import Text

from crm_tui.formatting import format_days, format_money
from crm_tui.i18n import N_, _, get_language
from crm_tui.rules.checker import APPROVAL_KINDS
from crm_tui.schemas.deals import DealCard
from crm_tui.widgets.text import plain

OUTCOME_NAMES = {"won": N_("won"), "lost": N_("lost")}
APPROVAL_STATUS_NAMES = {
    "pending": N_("pending"),
    "approved": N_("approved"),
    "rejected": N_("rejected"),
}


def stage_name(settings, pipeline: str, code: str | None) -> str:  # type: ignore[no-untyped-def]
    """The stage's configured name; the bare code if the config no longer has it."""
    if code is None:
        return ""
    try:
        cfg = settings.pipeline(pipeline)
    except KeyError:
        return code
    return cfg.stage(code).name if cfg.has_stage(code) else code


def lost_reason_name(settings, code: str | None) -> str:  # type: ignore[no-untyped-def]
    for reason in settings.lost_reasons:
        if reason.code == code:
            return reason.name
    return code or ""


def role_names(settings, codes) -> str:  # type: ignore[no-untyped-def]
    return ", ".join(settings.role_name(code) for code in codes)


def days_in_stage(entered: dt.datetime, now: dt.datetime) -> int:
    return max(0, (now - entered).days)


@lru_cache(maxsize=4096)
def _card_money(amount: Decimal | None, currency: str, language: str) -> str:
    # A board repeats the same few amounts; Babel takes longer over one than Rich over a card.
    return format_money(amount, currency) or "—"


@lru_cache(maxsize=1024)
def _card_days(days: int, language: str) -> str:
    return format_days(days)


def card_text(card: DealCard, settings, now: dt.datetime) -> Text:  # type: ignore[no-untyped-def]
    """A board card: client, title, amount and owner, days in stage, and what is missing."""
    text = Text()
    text.append_text(plain(card.client_name, style="bold"))
    text.append("\n")
    text.append_text(plain(card.title))
    text.append("\n")
    language = get_language()
    text.append(_card_money(card.amount, card.currency, language))
    if card.owner_name:
        text.append(" · ")
        text.append_text(plain(card.owner_name, style="italic"))
    text.append("\n")
    text.append(_card_days(days_in_stage(card.stage_entered_at, now), language), style="dim")
    if card.outcome:
        style = "bold green" if card.outcome == "won" else "bold red"
        text.append("  ")
        text.append(_(OUTCOME_NAMES[card.outcome]), style=style)
    elif card.missing_key_roles:
        text.append("  ")
        text.append(
            _("⚠ no {roles}", roles=role_names(settings, card.missing_key_roles)),
            style="bold yellow",
        )
    return text


def approval_name(kind: str) -> str:
    """An approval kind as the stage rules name it ("Discount approval")."""
    if kind in APPROVAL_KINDS:
        return _(APPROVAL_KINDS[kind])
    return _("Approval «{kind}»", kind=kind)
