"""Stored text reaches the screen only through here: as data, never as markup."""

from __future__ import annotations

from rich.text import Text

from crm_tui.validation import visible


def plain(value: object, style: str = "") -> Text:
    """A Rich `Text` of `value` with control characters made visible and no markup parsed."""
    if value is None:
        return Text("", style=style)
    return Text(visible(str(value)), style=style, no_wrap=False)


def joined(*parts: object, sep: str = " · ") -> Text:
    return plain(sep.join(str(p) for p in parts if p not in (None, "")))
