"""Where the settings file lives and how it is read and written.

Reading turns every failure into a `ConfigError` (the CLI prints it and exits 2). Writing is
atomic, so a crash or a full disk never leaves a half-written file that the next start refuses.
"""

from __future__ import annotations

import os
import re
import tempfile
import tomllib
from pathlib import Path
from typing import Any

import tomli_w
from platformdirs import user_config_dir
from pydantic import ValidationError

from crm_tui.i18n import _
from crm_tui.settings.errors import ConfigError, describe_validation_error
from crm_tui.settings.model import APP_NAME, Settings

CONFIG_ENV = "CRM_TUI_CONFIG"

_TOML_POSITION = re.compile(
    r"^(?P<detail>.*?)\s*\(at line (?P<line>\d+), column (?P<column>\d+)\)$"
)


def default_config_path(environ: dict[str, str] | None = None) -> Path:
    """`$CRM_TUI_CONFIG` if set (kiosks and tests point it elsewhere), else the user's
    config directory."""
    env = os.environ if environ is None else environ
    override = env.get(CONFIG_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    return Path(user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


def load_settings(path: Path | None = None) -> Settings:
    """The settings from `path`, or from the default file when `path` is None.

    A missing default file means "all defaults" (a first run); a file the user named
    explicitly must exist, since a typo in the name would otherwise go unnoticed.
    """
    if path is None:
        path = default_config_path()
        if not path.exists():
            return Settings()
    elif not path.exists():
        raise ConfigError(path, [_("the settings file does not exist")])
    data = _read_toml(path)
    try:
        return Settings.model_validate(data)
    except ValidationError as error:
        raise ConfigError(path, describe_validation_error(error, data)) from None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError(path, [_("the settings file is not UTF-8 text")]) from None
    except OSError as error:
        reason = error.strerror or str(error)
        raise ConfigError(
            path, [_("cannot read the settings file: {reason}", reason=reason)]
        ) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(path, [_describe_toml_error(error)]) from None


def _describe_toml_error(error: tomllib.TOMLDecodeError) -> str:
    message = str(error)
    match = _TOML_POSITION.match(message)
    if match is None:
        return _("not valid TOML: {detail}", detail=message)
    return _(
        "line {line}, column {column}: not valid TOML: {detail}",
        line=match["line"],
        column=match["column"],
        detail=match["detail"],
    )


def settings_to_toml(settings: Settings) -> str:
    """TOML text for `settings`; None values are left out because TOML has no null and
    leaving a key out means its default, which is None."""
    return tomli_w.dumps(settings.model_dump(mode="json", exclude_none=True))


def save_settings(settings: Settings, path: Path) -> None:
    """Write `settings` to `path` atomically, creating its directory."""
    _write_atomically(path, settings_to_toml(settings))


def write_default_config(path: Path, *, overwrite: bool = False) -> Path:
    """Write the defaults as a starting point to edit; refuse to clobber an existing file."""
    if path.exists() and not overwrite:
        raise ConfigError(path, [_("the settings file already exists")])
    header = "# " + _("crm-tui settings. Delete a key to go back to its default.") + "\n\n"
    _write_atomically(path, header + settings_to_toml(Settings()))
    return path


def _write_atomically(path: Path, text: str) -> None:
    """Write via a temp file in the same directory and `os.replace`, so readers see the old
    file or the new one, never a mix; the temp file is private (0600) as the URL may hold a
    password."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
