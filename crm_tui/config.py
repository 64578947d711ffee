"""The public face of the settings: `from crm_tui.config import Settings, load_settings, ...`.

The implementation lives in `crm_tui.settings`, one module per idea; callers import from here
so the split can change without touching them.
"""

from __future__ import annotations

from crm_tui.settings.errors import ConfigError
from crm_tui.settings.files import (
    CONFIG_ENV,
    default_config_path,
    load_settings,
    save_settings,
    settings_to_toml,
    write_default_config,
)
from crm_tui.settings.model import Settings, default_database_url
from crm_tui.settings.process import AssignmentStrategy, ProcessConfig
from crm_tui.settings.roles import RoleConfig, default_roles

__all__ = [
    "CONFIG_ENV",
    "AssignmentStrategy",
    "ConfigError",
    "ProcessConfig",
    "RoleConfig",
    "Settings",
    "default_config_path",
    "default_database_url",
    "default_roles",
    "load_settings",
    "save_settings",
    "settings_to_toml",
    "write_default_config",
]
