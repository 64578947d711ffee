"""Turn a bad settings file into sentences a user can act on.

A config mistake is the user's to fix, so the message names the file, the key path as it
appears in TOML (``pipelines[0].stages[2].rules[0].type``) and what is wrong, in the user's
language, and never shows pydantic's internals or a traceback.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from crm_tui.i18n import _
from crm_tui.settings.roles import CODE_PATTERN


class ConfigError(Exception):
    """A settings file that cannot be used; `str()` is the message to print before exit 2."""

    def __init__(self, path: Path | None, problems: Sequence[str]) -> None:
        self.path = path
        self.problems = list(problems)
        super().__init__("\n".join(self._lines()))

    def _lines(self) -> Iterable[str]:
        for problem in self.problems:
            yield f"{self.path}: {problem}" if self.path is not None else problem


_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def key_path(loc: Sequence[int | str], data: Any, *, missing: bool = False) -> str:
    """The TOML spelling of a pydantic error location.

    Pydantic puts union tags and validator labels into locations; only segments that exist in
    the user's data are keys the user can find in the file, plus a final key that is absent
    because it is `missing` (or looks like a key rather than a tag, when a nested model
    re-raised the error under its own type).
    """
    parts: list[str] = []
    node = data
    for index, segment in enumerate(loc):
        if isinstance(segment, int) and isinstance(node, list):
            parts.append(f"[{segment}]")
            node = node[segment] if 0 <= segment < len(node) else None
        elif isinstance(segment, str) and isinstance(node, dict):
            last = index == len(loc) - 1
            absent_key = last and (missing or _looks_like_absent_key(segment, node))
            if segment in node or absent_key:
                parts.append(("." if parts else "") + _toml_key(segment))
                node = node.get(segment)
    return "".join(parts)


_SNAKE_KEY = re.compile(r"^[a-z_][a-z0-9_]*$")


def _looks_like_absent_key(segment: str, node: dict[str, Any]) -> bool:
    # A tagged union names the member by its tag, which is a value of the same table.
    return bool(_SNAKE_KEY.match(segment)) and segment not in node.values()


def _toml_key(segment: str) -> str:
    return segment if _BARE_KEY.match(segment) else json.dumps(segment, ensure_ascii=False)


def problem_text(error: ErrorDetails) -> str:
    """One translated sentence saying what is wrong with a value, without its location.

    Public so that nested config models which re-raise errors with their own context can
    still say what is wrong in the user's language.
    """
    kind = error["type"]
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    if kind in ("value_error", "assertion_error") and "error" in ctx:
        return str(ctx["error"])
    if kind == "missing":
        return _("this setting is required")
    if kind == "extra_forbidden":
        return _("unknown setting; check the spelling")
    if kind == "string_type":
        return _("must be text in quotes")
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return _("must be a whole number")
    if kind in ("float_type", "float_parsing", "finite_number"):
        return _("must be a number")
    if kind in ("bool_type", "bool_parsing"):
        return _("must be true or false")
    if kind == "list_type":
        return _("must be a list")
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return _("must be a table")
    if kind == "literal_error":
        # pydantic joins the choices with an English "or"; a plain list reads in any language.
        expected = str(ctx.get("expected", "")).replace(" or ", ", ")
        return _("must be one of {expected}", expected=expected)
    if kind == "union_tag_invalid":
        return _(
            "unknown value {tag}; use one of {expected}",
            tag=repr(ctx.get("tag", "")),
            expected=ctx.get("expected_tags", ""),
        )
    if kind == "union_tag_not_found":
        return _("this setting is required")
    if kind == "greater_than":
        return _("must be greater than {limit}", limit=ctx.get("gt", ""))
    if kind == "greater_than_equal":
        return _("must be at least {limit}", limit=ctx.get("ge", ""))
    if kind == "less_than":
        return _("must be less than {limit}", limit=ctx.get("lt", ""))
    if kind == "less_than_equal":
        return _("must be at most {limit}", limit=ctx.get("le", ""))
    if kind == "string_too_short":
        return _("must not be empty")
    if kind == "string_too_long":
        return _("must be at most {limit} characters long", limit=ctx.get("max_length", ""))
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == CODE_PATTERN:
        return _("must use only small Latin letters, digits and _, starting with a letter")
    if kind == "string_pattern_mismatch":
        return _("does not match the pattern {pattern}", pattern=ctx.get("pattern", ""))
    if kind == "too_short":
        return _("needs at least {limit} entries", limit=ctx.get("min_length", ""))
    if kind == "too_long":
        return _("allows at most {limit} entries", limit=ctx.get("max_length", ""))
    return error["msg"]


def describe_validation_error(error: ValidationError, data: Any) -> list[str]:
    """Sentences for every problem pydantic found, each led by its key path, without repeats."""
    sentences: list[str] = []
    for detail in error.errors(include_url=False):
        loc = list(detail["loc"])
        path = key_path(loc, data, missing=detail["type"] == "missing")
        ctx = detail.get("ctx") or {}
        if detail["type"] in ("union_tag_invalid", "union_tag_not_found"):
            discriminator = str(ctx.get("discriminator", "")).strip("'\"")
            if discriminator:
                path = f"{path}.{discriminator}" if path else discriminator
        for line in problem_text(detail).splitlines() or [""]:
            sentence = f"{path}: {line}" if path else line
            if sentence not in sentences:
                sentences.append(sentence)
    return sentences
