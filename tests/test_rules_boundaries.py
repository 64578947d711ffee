"""The stage-rule checker stays pure core, and every message it can show has a Russian text."""

from __future__ import annotations

import ast
import string
import subprocess
import sys
from pathlib import Path

import crm_tui.rules
from crm_tui.locale.ru_rules import MESSAGES

RULES_DIR = Path(crm_tui.rules.__file__).parent


def test_importing_the_rules_pulls_in_no_ui_or_database_code() -> None:
    code = (
        "import sys, crm_tui.rules, crm_tui.locale.ru_rules\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in {'textual', 'rich', 'sqlalchemy'})\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def _msgids() -> set[str]:
    found: set[str] = set()
    for path in RULES_DIR.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("_", "N_")
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.add(node.args[0].value)
    return found


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_rules_message_has_a_russian_text_with_the_same_placeholders() -> None:
    msgids = _msgids()
    assert msgids - MESSAGES.keys() == set()
    for msgid in msgids:
        assert _placeholders(MESSAGES[msgid]) == _placeholders(msgid), msgid


def test_the_russian_catalogue_has_no_stale_entries() -> None:
    assert MESSAGES.keys() - _msgids() == set()
