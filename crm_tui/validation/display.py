"""Make any stored string safe to put on a terminal, whatever path it came in by.

A name imported from a CSV or typed into psql can hold ESC (the start of every ANSI
CSI/OSC sequence: colours, cursor moves, hyperlinks, window titles), other C0/C1 controls,
DEL, or Unicode bidirectional overrides that make text read differently from what it is
("Trojan Source"). None of them is ever meaningful in CRM data, so each is shown as a
visible stand-in instead of being acted on or silently dropped:

* C0 controls U+0000–U+001F become their Unicode "control pictures" U+2400–U+241F
  (ESC -> "␛", BEL -> "␇", NUL -> "␀"); DEL becomes "␡" (U+2421);
* C1 controls U+0080–U+009F (8-bit CSI is U+009B), lone surrogates, and the bidi
  embeddings/overrides U+202A–U+202E and isolates U+2066–U+2069 become "�" (U+FFFD);
* a tab becomes a space, and every line break (CR LF, CR, U+2028, U+2029) becomes LF.

Square brackets, "@", "=" and the like are data, not markup, and pass through untouched;
rendering them safely is the widget's job (`Text(value)`, never markup).
"""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"

_LINE_BREAKS = re.compile("\r\n|[\r\u2028\u2029]")


def _table() -> dict[int, str]:
    table: dict[int, str] = {code: chr(0x2400 + code) for code in range(0x20)}
    table[0x7F] = "\u2421"
    for code in (*range(0x80, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)):
        table[code] = REPLACEMENT
    for code in range(0xD800, 0xE000):
        table[code] = REPLACEMENT
    table[ord("\t")] = " "
    del table[ord("\n")]
    return table


_PICTURES = _table()


def visible(value: str) -> str:
    """`value` with every control and bidi-override character made visible; keeps line breaks.

    Use it on every stored string a widget shows: it is cheap, idempotent, and leaves
    ordinary text (Cyrillic, emoji, brackets) exactly as it was.
    """
    return _LINE_BREAKS.sub("\n", value).translate(_PICTURES)
