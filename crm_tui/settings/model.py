"""The one settings model: everything a deployment may tune, validated before the app starts.

Every level forbids unknown keys, so a typo in the TOML file is reported instead of being
silently ignored while the default quietly applies.
"""

from __future__ import annotations

import zoneinfo
from pathlib import Path
from typing import Literal

import phonenumbers
from babel.numbers import is_currency
from platformdirs import user_data_dir
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from crm_tui.i18n import _, get_language
from crm_tui.rules.config import (
    LostReasons,
    PipelineConfig,
    Pipelines,
    validate_role_references,
)
from crm_tui.rules.defaults import default_lost_reasons, default_pipelines
from crm_tui.settings.process import ProcessConfig
from crm_tui.settings.roles import RoleConfig, default_roles

APP_NAME = "crm-tui"


def default_database_url() -> str:
    """A SQLite file in the user's data directory, so a first run needs no setup."""
    path = Path(user_data_dir(APP_NAME, appauthor=False)) / "crm.db"
    return f"sqlite:///{path}"


class Settings(BaseModel):
    """What `crm-tui` reads from its TOML file; every field has a working default.

    Frozen because one instance is shared by every screen; change it with `model_copy`.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    database_url: str | None = None
    language: Literal["en", "ru"] | None = None
    phone_region: str = "RU"
    timezone: str = "Europe/Moscow"
    currency: str = "RUB"
    theme: str = "crm-dark"
    readonly_unknown_users: bool = False
    roles: list[RoleConfig] = Field(default_factory=default_roles)
    pipelines: Pipelines = Field(default_factory=default_pipelines)
    lost_reasons: LostReasons = Field(default_factory=default_lost_reasons)
    process: ProcessConfig = Field(default_factory=ProcessConfig)
    keymap: dict[str, str] = Field(default_factory=dict)

    @field_validator("database_url")
    @classmethod
    def _database_url_not_blank(cls, value: str | None) -> str | None:
        if value is not None and not value.strip():
            raise ValueError(_("leave it out to use the default database, or give a URL"))
        return value

    @field_validator("phone_region")
    @classmethod
    def _known_phone_region(cls, value: str) -> str:
        region = value.strip().upper()
        if region not in phonenumbers.SUPPORTED_REGIONS:
            raise ValueError(
                _("unknown phone region {value}; use a two-letter country code such as RU",
                  value=value)
            )
        return region

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                _("unknown time zone {value}; use a name such as Europe/Moscow", value=value)
            ) from None
        return value

    @field_validator("currency")
    @classmethod
    def _known_currency(cls, value: str) -> str:
        code = value.strip().upper()
        if not is_currency(code):
            raise ValueError(
                _("unknown currency {value}; use a three-letter code such as RUB", value=value)
            )
        return code

    @field_validator("roles")
    @classmethod
    def _unique_role_codes(cls, roles: list[RoleConfig]) -> list[RoleConfig]:
        seen: set[str] = set()
        for role in roles:
            if role.code in seen:
                raise ValueError(_("role code {code} is used twice", code=role.code))
            seen.add(role.code)
        return roles

    @model_validator(mode="after")
    def _stage_rules_name_known_roles(self) -> Settings:
        problems = validate_role_references(self.pipelines, {role.code for role in self.roles})
        if problems:
            raise ValueError("\n".join(problems))
        return self

    def role_name(self, code: str, lang: str | None = None) -> str:
        """The role's name in `lang` (the process language by default); the bare code if the
        role was removed from the config while records still carry it."""
        language = lang or get_language()
        for role in self.roles:
            if role.code == code:
                return role.name(language)
        return code

    def pipeline(self, code: str) -> PipelineConfig:
        """The pipeline with this code; `KeyError` if the config no longer has it."""
        for pipeline in self.pipelines:
            if pipeline.code == code:
                return pipeline
        raise KeyError(code)

    def effective_database_url(self) -> str:
        return self.database_url or default_database_url()
