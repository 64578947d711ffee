"""The one translation layer: every user-visible string goes through `_`.

English strings are the message ids. Russian translations live in `crm_tui/locale/ru_*.py`
modules, each exporting `MESSAGES: dict[str, str]`, so that every feature owns its own
catalogue file and they are merged at first use. A test walks the source and fails on any
`_("...")` literal with no Russian entry.

The language is chosen once per process (``--lang``, then the config, then ``LANG``) before
the UI modules are imported, because Textual bindings are built at import time.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
from functools import cache

SUPPORTED = ("en", "ru")
DEFAULT = "en"

_language = DEFAULT


def N_(msgid: str) -> str:
    """Mark a string for translation without translating it now (translate with `_` later)."""
    return msgid


@cache
def _catalogue(lang: str) -> dict[str, str]:
    if lang == "en":
        return {}
    import crm_tui.locale as locale_pkg

    merged: dict[str, str] = {}
    for info in pkgutil.iter_modules(locale_pkg.__path__):
        if info.name.startswith(f"{lang}_"):
            module = importlib.import_module(f"crm_tui.locale.{info.name}")
            merged.update(module.MESSAGES)
    return merged


def catalogue(lang: str) -> dict[str, str]:
    """The merged catalogue of one language (empty for English, whose ids are the text)."""
    return dict(_catalogue(lang))


def _(msgid: str, /, **params: object) -> str:
    """Translate `msgid` into the process language and fill `{name}` placeholders."""
    text = _catalogue(_language).get(msgid, msgid) if _language != "en" else msgid
    return text.format(**params) if params else text


def set_language(lang: str) -> None:
    global _language
    if lang not in SUPPORTED:
        raise ValueError(f"unsupported language {lang!r}; choose one of {', '.join(SUPPORTED)}")
    _language = lang


def get_language() -> str:
    return _language


def language_from_env(environ: dict[str, str] | None = None) -> str | None:
    """The language named by LC_ALL, LC_MESSAGES or LANG, if it is one we support."""
    env = os.environ if environ is None else environ
    for key in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(key, "")
        code = value.split(".")[0].split("_")[0].lower()
        if code in SUPPORTED:
            return code
    return None


def resolve_language(
    cli: str | None, configured: str | None, environ: dict[str, str] | None = None
) -> str:
    """`--lang` wins, then the config, then the environment, then English."""
    for candidate in (cli, configured, language_from_env(environ)):
        if candidate in SUPPORTED:
            return candidate
    return DEFAULT
