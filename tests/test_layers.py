"""The layers stay apart: the core never loads Textual or Rich; screens never import SQL."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "crm_tui"
CORE = [
    "crm_tui.store.store", "crm_tui.store.deals", "crm_tui.rules.checker", "crm_tui.validation",
    "crm_tui.config", "crm_tui.formatting", "crm_tui.cli",
]


def test_core_imports_no_ui_library() -> None:
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in CORE)
        + "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == ""


def test_screens_and_widgets_never_import_sqlalchemy() -> None:
    offenders = []
    for folder in ("screens", "widgets"):
        for path in (PACKAGE / folder).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                names = []
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                if any(n.split(".")[0] == "sqlalchemy" for n in names):
                    offenders.append(str(path.relative_to(PACKAGE)))
    assert offenders == []


def test_no_fstring_builds_markup_from_data() -> None:
    """`f"[b]{name}"` would let a stored name inject markup; use Text/plain() instead."""
    offenders = []
    ui_files = [PACKAGE / "app.py", *(PACKAGE / "screens").rglob("*.py"),
                *(PACKAGE / "widgets").rglob("*.py")]
    for path in ui_files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr) and node.values:
                first = node.values[0]
                if isinstance(first, ast.Constant) and str(first.value).startswith("["):
                    offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert offenders == []
