"""The translation rule: every string the UI can show has a Russian version that fits.

The completeness tests read the source with `ast`, so a new `_("...")` anywhere under
crm_tui/ without a Russian entry (or with different `{placeholders}`) fails here, not in
front of a Russian-speaking user.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import string
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import crm_tui
import crm_tui.locale
from crm_tui import i18n

PACKAGE_DIR = Path(crm_tui.__file__).parent
MARKERS = {"_", "N_"}


@dataclass(frozen=True)
class MarkedString:
    msgid: str
    where: str


def _marker_name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _marked_calls() -> Iterator[tuple[ast.Call, str]]:
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _marker_name(node.func) in MARKERS and node.args:
                where = f"{path.relative_to(PACKAGE_DIR.parent)}:{node.lineno}"
                yield node, where


def marked_strings() -> list[MarkedString]:
    found: list[MarkedString] = []
    for call, where in _marked_calls():
        first = call.args[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            found.append(MarkedString(first.value, where))
    return found


def placeholders(text: str) -> set[str]:
    """The names a `str.format` call fills in (``{value}``, ``{deal.name}`` -> ``deal``)."""
    names: set[str] = set()
    for _literal, field, _spec, _conversion in string.Formatter().parse(text):
        if field is not None:
            names.add(field.split(".")[0].split("[")[0])
    return names


def is_plural(msgid: str) -> bool:
    forms = msgid.split("|")
    return len(forms) > 1 and all("{count}" in form for form in forms)


@pytest.fixture
def restore_language() -> Iterator[None]:
    before = i18n.get_language()
    yield
    i18n.set_language(before)


def test_the_source_marks_strings_for_translation() -> None:
    # Guards the walker itself: if it found nothing, every test below would pass vacuously.
    msgids = {marked.msgid for marked in marked_strings()}
    assert "Today" in msgids


def test_every_marked_string_has_a_russian_translation() -> None:
    russian = i18n.catalogue("ru")
    missing = [
        f"{marked.where}: {marked.msgid!r}"
        for marked in marked_strings()
        if marked.msgid not in russian
    ]
    assert not missing, "no Russian translation (add it to crm_tui/locale/ru_*.py):\n" + "\n".join(
        missing
    )


def test_translations_keep_the_placeholders_of_the_english_text() -> None:
    russian = i18n.catalogue("ru")
    checked = {marked.msgid for marked in marked_strings()} | set(russian)
    mismatched = [
        f"{msgid!r}: {sorted(placeholders(msgid))} vs {sorted(placeholders(russian[msgid]))}"
        for msgid in sorted(checked)
        if msgid in russian and placeholders(msgid) != placeholders(russian[msgid])
    ]
    assert not mismatched, "placeholders differ:\n" + "\n".join(mismatched)


def test_russian_plural_texts_give_all_three_forms() -> None:
    russian = i18n.catalogue("ru")
    short = [
        f"{msgid!r} -> {russian[msgid]!r}"
        for msgid in sorted(russian)
        if is_plural(msgid) and len(russian[msgid].split("|")) != 3
    ]
    assert not short, "Russian plurals need one|few|many forms:\n" + "\n".join(short)


def test_translated_strings_are_literals_not_fstrings() -> None:
    # An f-string is a different msgid every time, so it can never be found in a catalogue.
    offenders = [
        where for call, where in _marked_calls() if isinstance(call.args[0], ast.JoinedStr)
    ]
    assert not offenders, "pass placeholders as keywords to _(), not an f-string:\n" + "\n".join(
        offenders
    )


def test_catalogue_modules_do_not_contradict_each_other() -> None:
    # The merge lets the later module win silently; two translations of one text is a bug.
    seen: dict[str, tuple[str, str]] = {}
    conflicts: list[str] = []
    for info in pkgutil.iter_modules(crm_tui.locale.__path__):
        if not info.name.startswith("ru_"):
            continue
        module = importlib.import_module(f"crm_tui.locale.{info.name}")
        for msgid, text in module.MESSAGES.items():
            if msgid in seen and seen[msgid][1] != text:
                conflicts.append(f"{msgid!r}: {seen[msgid][0]} vs {info.name}")
            seen.setdefault(msgid, (info.name, text))
    assert not conflicts, "translated differently in two catalogues:\n" + "\n".join(conflicts)


def test_translation_follows_the_process_language(restore_language: None) -> None:
    i18n.set_language("ru")
    assert i18n._("Tomorrow") == "Завтра"
    i18n.set_language("en")
    assert i18n._("Tomorrow") == "Tomorrow"


def test_an_unknown_text_is_shown_in_english(restore_language: None) -> None:
    i18n.set_language("ru")
    assert i18n._("No such text {n}", n=3) == "No such text 3"


def test_set_language_rejects_an_unsupported_code(restore_language: None) -> None:
    with pytest.raises(ValueError, match="de"):
        i18n.set_language("de")
    assert i18n.get_language() in i18n.SUPPORTED


@pytest.mark.parametrize(
    ("cli", "configured", "environ", "expected"),
    [
        ("en", "ru", {"LANG": "ru_RU.UTF-8"}, "en"),
        (None, "en", {"LANG": "ru_RU.UTF-8"}, "en"),
        (None, None, {"LANG": "ru_RU.UTF-8"}, "ru"),
        (None, None, {"LANG": "de_DE.UTF-8"}, "en"),
        (None, None, {}, "en"),
        ("de", None, {"LANG": "ru_RU.UTF-8"}, "ru"),
    ],
    ids=["cli-wins", "config-beats-env", "env", "unsupported-env", "nothing", "bad-cli-skipped"],
)
def test_resolve_language_prefers_cli_then_config_then_environment(
    cli: str | None, configured: str | None, environ: dict[str, str], expected: str
) -> None:
    assert i18n.resolve_language(cli, configured, environ) == expected


def test_lc_all_overrides_lang() -> None:
    assert i18n.language_from_env({"LC_ALL": "ru_RU.UTF-8", "LANG": "en_US.UTF-8"}) == "ru"
    assert i18n.language_from_env({"LC_ALL": "C.UTF-8"}) is None
