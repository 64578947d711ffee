"""What the role screens share: the status line, record kinds and role names on screen."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from rich.text import Text
from textual.screen import Screen

from crm_tui.i18n import N_, _
from crm_tui.schemas.roles import RoleOut
from crm_tui.widgets.text import plain

KIND_NAMES = {"deal": N_("Deal"), "contract": N_("Contract"), "ticket": N_("Ticket")}


def roles_card(kind: str) -> str:
    """The `open_record` kind of the role panel of a deal, contract or ticket."""
    return "roles" if kind == "deal" else f"roles:{kind}"


def kind_name(kind: str) -> str:
    return _(KIND_NAMES[kind]) if kind in KIND_NAMES else kind


def role_text(codes: Iterable[str], catalogue: Mapping[str, RoleOut], settings: Any) -> Text:
    """Role names, key roles in bold, deactivated ones dimmed and marked."""
    text = Text()
    for index, code in enumerate(codes):
        if index:
            text.append(", ")
        role = catalogue.get(code)
        if role is None:
            text.append_text(plain(settings.role_name(code)))
        elif not role.active:
            text.append_text(plain(_("{role} (inactive)", role=role.name), style="dim"))
        else:
            text.append_text(plain(role.name, style="bold" if role.key else ""))
    return text


def warning_style(screen: Screen) -> str:
    """The theme's warning colour as a Rich style, for markers inside table cells."""
    colour = getattr(screen.app.current_theme, "warning", None)
    return f"bold {colour}" if colour else "bold"
