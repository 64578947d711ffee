"""Free text: stored and shown without anything a terminal would act on, data kept as data."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crm_tui.validation import FieldError, clean_text, visible

CSI_COLOUR = "\x1b[31mRed\x1b[0m"
OSC_HYPERLINK = "\x1b]8;;https://evil.example\x07Click\x1b]8;;\x07"
OSC_TITLE = "\x1b]0;pwned\x1b\\"


def is_control(char: str) -> bool:
    return unicodedata.category(char) == "Cc" or 0x202A <= ord(char) <= 0x202E or (
        0x2066 <= ord(char) <= 0x2069
    )


def test_escape_sequences_become_visible_and_inert() -> None:
    assert clean_text(CSI_COLOUR) == "␛[31mRed␛[0m"
    assert clean_text(OSC_HYPERLINK) == "␛]8;;https://evil.example␇Click␛]8;;␇"
    assert clean_text(OSC_TITLE) == "␛]0;pwned␛\\"


def test_other_controls_become_their_pictures() -> None:
    assert clean_text("a\x00b\x08c\x7fd") == "a␀b␈c␡d"
    assert clean_text("bell\x07") == "bell␇"


def test_eight_bit_csi_and_other_c1_controls_are_replaced() -> None:
    assert clean_text("a\x9b31mb\x85c") == "a\ufffd31mb\ufffdc"


def test_bidi_overrides_and_isolates_cannot_reorder_the_text() -> None:
    # "Trojan Source": U+202E would display "invoice_gpj.exe" as "invoice_exe.jpg".
    assert clean_text("invoice_\u202egpj.exe") == "invoice_\ufffdgpj.exe"
    assert clean_text("\u2066a\u2067b\u2068c\u2069") == "\ufffda\ufffdb\ufffdc\ufffd"


@pytest.mark.parametrize(
    "name",
    [
        "Smith [/Jones] Ltd",
        "[b]Bold[/b] [@click=app.quit]",
        "ООО «Ромашка» [red]",
        "a=b; c@d; 50% off; {placeholder}",
        "Ёлки-палки 🌲 & Co",
    ],
)
def test_markup_like_names_are_data_and_survive_unchanged(name: str) -> None:
    assert clean_text(name) == name
    assert visible(name) == name


def test_single_line_text_loses_surrounding_space_and_line_breaks() -> None:
    assert clean_text("  Москва,\r\nул. Ленина, 1\n ") == "Москва, ул. Ленина, 1"
    assert clean_text("a\tb") == "a b"


def test_multiline_text_keeps_its_lines_in_one_convention() -> None:
    assert clean_text(" line 1\r\nline 2\rline 3\u2028line 4\n", multiline=True) == (
        "line 1\nline 2\nline 3\nline 4"
    )


def test_text_is_composed_so_that_search_finds_it() -> None:
    decomposed = "Й" + "ошкар-Ола"  # Й as И + combining breve (U+0306)
    decomposed = unicodedata.normalize("NFD", decomposed)
    assert clean_text(decomposed) == "Йошкар-Ола"


def test_a_byte_order_mark_from_an_export_is_dropped() -> None:
    assert clean_text("\ufeffООО Ромашка") == "ООО Ромашка"


def test_too_long_text_is_refused_not_cut() -> None:
    assert clean_text("  abc  ", max_length=3) == "abc"
    with pytest.raises(FieldError) as caught:
        clean_text("abcd", max_length=3, field="name")
    assert (caught.value.field, caught.value.message) == (
        "name",
        "Too long: 4 characters, at most 3",
    )


def test_visible_keeps_line_breaks_and_replaces_the_rest() -> None:
    assert visible("a\r\nb\x1b[1mc\u202e") == "a\nb␛[1mc\ufffd"
    assert visible("  spaced  ") == "  spaced  "


def test_lone_surrogates_cannot_break_the_terminal_encoding() -> None:
    assert visible("a\ud800b") == "a\ufffdb"
    visible("a\udfffb").encode("utf-8")


@given(st.text())
def test_cleaned_single_line_text_has_no_control_characters(value: str) -> None:
    assert not any(is_control(char) for char in clean_text(value))


@given(st.text())
def test_cleaned_multiline_text_has_no_control_but_line_feed(value: str) -> None:
    cleaned = clean_text(value, multiline=True)
    assert not any(is_control(char) for char in cleaned if char != "\n")


@given(st.text(), st.booleans())
def test_cleaning_is_idempotent(value: str, multiline: bool) -> None:
    once = clean_text(value, multiline=multiline)
    assert clean_text(once, multiline=multiline) == once
    assert visible(once) == once


@given(st.text(alphabet=st.characters(categories=["L", "N", "P", "S", "Zs"])))
def test_ordinary_text_is_only_trimmed_and_composed(value: str) -> None:
    assert clean_text(value) == unicodedata.normalize("NFC", value.replace("\ufeff", "")).strip()
