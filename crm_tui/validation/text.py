"""Free text on its way into the database: one cleaning rule for every form and import."""

from __future__ import annotations

import unicodedata

from crm_tui.i18n import N_, _
from crm_tui.validation.display import visible
from crm_tui.validation.errors import FieldError

TOO_LONG = N_("Too long: {length} characters, at most {max_length}")

_BYTE_ORDER_MARK = "\ufeff"


def clean_text(
    value: str,
    *,
    multiline: bool = False,
    max_length: int | None = None,
    field: str = "text",
) -> str:
    """`value` as it should be stored: visible, composed, without surrounding whitespace.

    Control and bidi-override characters are replaced exactly as `visible` shows them, so
    what is stored is what every screen displays. Line breaks are kept only when
    `multiline` (CR LF and lone CR become LF); in a single-line field each becomes a
    space, so a pasted two-line address stays readable. A tab becomes a space. The text is
    put in Unicode NFC, so "й" typed on one system and pasted from another compares equal
    in search and duplicate checks, and a byte order mark left by a CSV export is dropped.

    Raises `FieldError` when the cleaned text is longer than `max_length` characters;
    shortening it silently would lose what the user wrote.
    """
    text = visible(value.replace(_BYTE_ORDER_MARK, ""))
    if not multiline:
        text = text.replace("\n", " ")
    text = unicodedata.normalize("NFC", text).strip()
    if max_length is not None and len(text) > max_length:
        raise FieldError(field, _(TOO_LONG, length=len(text), max_length=max_length))
    return text
