"""Contact roles: the configurable list of parts a contact plays in a deal, contract or ticket.

The list is configuration, not code, because seed 000 insists each company tunes its own;
the default is the seven universal B2B roles it names.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

CODE_PATTERN = r"^[a-z][a-z0-9_]*$"
"""Codes are keys stored in the database and named in stage rules: keep them plain."""


class RoleConfig(BaseModel):
    """One contact role; `key` roles are the ones reports look for in every deal."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(pattern=CODE_PATTERN, max_length=64)
    name_en: str = Field(min_length=1)
    name_ru: str = Field(min_length=1)
    key: bool = False

    def name(self, lang: str) -> str:
        return self.name_ru if lang == "ru" else self.name_en


def default_roles() -> list[RoleConfig]:
    """The seven roles of seed 000; the decision maker and finance are the key ones."""
    return [
        RoleConfig(code="decision_maker", name_en="Decision maker", name_ru="ЛПР", key=True),
        RoleConfig(code="influencer", name_en="Influencer", name_ru="Влияет на решение"),
        RoleConfig(
            code="technical_specialist",
            name_en="Technical specialist",
            name_ru="Технический специалист",
        ),
        RoleConfig(
            code="contract_approver",
            name_en="Contract approver",
            name_ru="Согласует договор",
        ),
        RoleConfig(
            code="finance", name_en="Finance / payment", name_ru="Оплата / финансы", key=True
        ),
        RoleConfig(
            code="security_officer", name_en="Security officer", name_ru="Служба безопасности"
        ),
        RoleConfig(
            code="tender_specialist", name_en="Tender specialist", name_ru="Специалист по тендерам"
        ),
    ]
