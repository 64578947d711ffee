"""The TOML shape of pipelines: stages, their entry rules and the triggers they fire.

Teams tune their sales process in the config file, not in code, so everything the stage-rule
checker obeys is declared here as data and validated up front: a typo in the config is a
sentence naming the pipeline, stage and rule at start-up, never a deal silently stuck later.
Contact-role codes live in a catalogue owned by the settings, so they are checked separately by
`validate_role_references`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidatorFunctionWrapHandler,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from crm_tui.i18n import N_, _, get_language

DEAL_FIELDS: dict[str, str] = {
    "title": N_("Title"),
    "client_id": N_("Client"),
    "counterparty_id": N_("Counterparty"),
    "amount": N_("Amount"),
    "currency": N_("Currency"),
    "discount": N_("Discount"),
    "expected_close": N_("Expected close date"),
    "owner_id": N_("Owner"),
    "description": N_("Description"),
    "lead_id": N_("Lead"),
}
"""Deal fields a rule may require or a trigger may set, with their display names.

A closed list on purpose: a misspelt field in the config would otherwise be a rule nobody can
ever satisfy. The store's deal model must offer every field named here.
"""

TASK_TYPES: dict[str, str] = {
    "call": N_("Call"),
    "email": N_("E-mail"),
    "meeting": N_("Meeting"),
    "proposal": N_("Proposal"),
    "other": N_("Other"),
}

TaskType = Literal["call", "email", "meeting", "proposal", "other"]
ActivityKind = Literal["note", "call", "email", "meeting"]

ASSIGNEE_ROLES = ("head_of_sales", "admin")
"""Employee roles (not contact roles) that a trigger may hand work to."""

_CODE = re.compile(r"[a-z][a-z0-9_]*")
_LOGIN = re.compile(r"\S+")


def _check_code(value: str) -> str:
    if not _CODE.fullmatch(value):
        raise ValueError(
            _(
                "«{value}» is not a valid code: use lowercase Latin letters, digits and _, starting with a letter",
                value=value,
            )
        )
    return value


def _check_name(value: str) -> str:
    value = value.strip()
    if not value:
        raise ValueError(_("a name must not be empty"))
    return value


def _check_deal_field(value: str) -> str:
    if value not in DEAL_FIELDS:
        raise ValueError(
            _(
                "unknown deal field «{field}»; known fields: {known}",
                field=value,
                known=", ".join(DEAL_FIELDS),
            )
        )
    return value


def _check_assignee(value: str) -> str:
    kind, _sep, name = value.partition(":")
    if (
        value == "owner"
        or (kind == "role" and name in ASSIGNEE_ROLES)
        or (kind == "user" and _LOGIN.fullmatch(name))
    ):
        return value
    raise ValueError(
        _(
            "unknown assignee «{value}»: use owner, role:head_of_sales, role:admin or user:<login>",
            value=value,
        )
    )


Code = Annotated[str, AfterValidator(_check_code)]
Name = Annotated[str, AfterValidator(_check_name)]
DealField = Annotated[str, AfterValidator(_check_deal_field)]
Assignee = Annotated[str, AfterValidator(_check_assignee)]


class _Config(BaseModel):
    """Config records are read once and shared; unknown keys are typos, so they are errors."""

    model_config = ConfigDict(frozen=True, extra="forbid")


def _in_language(en: str, ru: str) -> str:
    return ru if get_language() == "ru" else en


# Rules: each is a condition for ENTERING the stage it is configured on.


class RequiredFieldsRule(_Config):
    type: Literal["required_fields"] = "required_fields"
    fields: list[DealField] = Field(min_length=1)

    @model_validator(mode="after")
    def _no_repeats(self) -> RequiredFieldsRule:
        seen: set[str] = set()
        for name in self.fields:
            if name in seen:
                raise ValueError(_("field «{field}» is listed twice", field=name))
            seen.add(name)
        return self


class MinContactsWithRolesRule(_Config):
    type: Literal["min_contacts_with_roles"] = "min_contacts_with_roles"
    count: int = Field(default=1, ge=1)


class RoleRequiredRule(_Config):
    type: Literal["role_required"] = "role_required"
    role: Code


class PrimaryContactRule(_Config):
    type: Literal["primary_contact"] = "primary_contact"


class ApprovalGrantedRule(_Config):
    """An approval of `kind` must be granted; with `when_discount_above`, only for such discounts."""

    type: Literal["approval_granted"] = "approval_granted"
    kind: Code = "discount"
    when_discount_above: float | None = Field(default=None, ge=0)


class NoOpenTasksRule(_Config):
    """No open tasks of these types may remain; an empty list means no open tasks at all."""

    type: Literal["no_open_tasks"] = "no_open_tasks"
    task_types: list[TaskType] = []


Rule = Annotated[
    RequiredFieldsRule
    | MinContactsWithRolesRule
    | RoleRequiredRule
    | PrimaryContactRule
    | ApprovalGrantedRule
    | NoOpenTasksRule,
    Field(discriminator="type"),
]


# Triggers: run by the store when a deal ENTERS the stage they are configured on.


class CreateTaskTrigger(_Config):
    type: Literal["create_task"] = "create_task"
    task_type: TaskType = "other"
    title_en: Name
    title_ru: Name
    due_in_days: int = Field(default=1, ge=0)
    assignee: Assignee = "owner"

    @property
    def title(self) -> str:
        return _in_language(self.title_en, self.title_ru)


class SetFieldTrigger(_Config):
    type: Literal["set_field"] = "set_field"
    field: DealField
    value: bool | int | float | str


class WriteActivityTrigger(_Config):
    type: Literal["write_activity"] = "write_activity"
    kind: ActivityKind = "note"
    text_en: Name
    text_ru: Name

    @property
    def text(self) -> str:
        return _in_language(self.text_en, self.text_ru)


class NotifyTrigger(_Config):
    type: Literal["notify"] = "notify"
    recipient: Assignee = "owner"
    text_en: Name
    text_ru: Name

    @property
    def text(self) -> str:
        return _in_language(self.text_en, self.text_ru)


Trigger = Annotated[
    CreateTaskTrigger | SetFieldTrigger | WriteActivityTrigger | NotifyTrigger,
    Field(discriminator="type"),
]


class StageConfig(_Config):
    code: Code
    name_en: Name
    name_ru: Name
    rules: list[Rule] = []
    on_enter: list[Trigger] = []
    final: bool = False
    allow_skip_to: list[Code] = []
    """Later stages reachable straight from this one, past the stages in between."""

    @property
    def name(self) -> str:
        """The stage's name in the process language (stage names are config, not catalogue)."""
        return _in_language(self.name_en, self.name_ru)


class PipelineConfig(_Config):
    """An ordered list of stages that ends in exactly one final stage."""

    code: Code
    name_en: Name
    name_ru: Name
    stages: list[StageConfig]
    allow_skip: bool = False

    @model_validator(mode="wrap")
    @classmethod
    def _explain(cls, data: Any, handler: ValidatorFunctionWrapHandler) -> PipelineConfig:
        """Name the pipeline, stage and rule in every error: list indices alone mean little."""
        if isinstance(data, cls):
            return data
        try:
            pipeline = handler(data)
        except ValidationError as exc:
            details = [
                _error_in_context(data, error["loc"], _error_text(error), error["input"])
                for error in exc.errors()
            ]
            raise ValidationError.from_exception_data(cls.__name__, details) from None
        problems = pipeline._structure_problems()
        if problems:
            details = [_error_in_context(data, loc, text, data) for loc, text in problems]
            raise ValidationError.from_exception_data(cls.__name__, details)
        return pipeline

    def _structure_problems(self) -> list[tuple[tuple[str | int, ...], str]]:
        problems: list[tuple[tuple[str | int, ...], str]] = []
        if len(self.stages) < 2:
            problems.append(
                (
                    ("stages",),
                    _("a pipeline needs at least two stages: one to start in and a final one"),
                )
            )
        codes = [stage.code for stage in self.stages]
        for position, code in enumerate(codes):
            if code in codes[:position]:
                problems.append(
                    (
                        ("stages", position),
                        _("stage code «{stage}» is used more than once", stage=code),
                    )
                )
        finals = [stage.code for stage in self.stages if stage.final]
        if self.stages and not finals:
            problems.append(
                (("stages",), _("no stage is final: mark the last stage with final = true"))
            )
        elif len(finals) > 1:
            problems.append(
                (
                    ("stages",),
                    _(
                        "only one stage can be final, but these are: {stages}",
                        stages=", ".join(finals),
                    ),
                )
            )
        elif finals and not self.stages[-1].final:
            problems.append(
                (("stages",), _("the final stage «{stage}» must be the last one", stage=finals[0]))
            )
        for position, stage in enumerate(self.stages):
            for target in stage.allow_skip_to:
                if target not in codes:
                    text = _(
                        "allow_skip_to names «{target}», which is not a stage of this pipeline",
                        target=target,
                    )
                elif codes.index(target) <= position:
                    text = _(
                        "allow_skip_to names «{target}», which does not come after this stage (moving back is always allowed)",
                        target=target,
                    )
                else:
                    continue
                problems.append((("stages", position, "allow_skip_to"), text))
        return problems

    @property
    def name(self) -> str:
        return _in_language(self.name_en, self.name_ru)

    @property
    def final_stage(self) -> StageConfig:
        return self.stages[-1]

    def has_stage(self, code: str) -> bool:
        return any(stage.code == code for stage in self.stages)

    def index(self, code: str) -> int:
        """The position of stage `code`; KeyError if this pipeline has no such stage."""
        for position, stage in enumerate(self.stages):
            if stage.code == code:
                return position
        raise KeyError(f"pipeline {self.code!r} has no stage {code!r}")

    def stage(self, code: str) -> StageConfig:
        return self.stages[self.index(code)]

    def next_stage(self, code: str) -> StageConfig | None:
        """The stage after `code`, or None after the final stage."""
        position = self.index(code) + 1
        return self.stages[position] if position < len(self.stages) else None

    def previous_stage(self, code: str) -> StageConfig | None:
        """The stage before `code`, or None for the first stage."""
        position = self.index(code)
        return self.stages[position - 1] if position > 0 else None


def _error_text(error: Any) -> str:
    """A validator's own sentence without pydantic's "Value error, " prefix."""
    if error["type"] == "value_error":
        return str(error["ctx"]["error"])
    return str(error["msg"])


def _error_in_context(
    data: Any, loc: tuple[str | int, ...], text: str, value: Any
) -> InitErrorDetails:
    """Prefix `text` with the pipeline, stage and rule or trigger that `loc` points into."""
    raw = data if isinstance(data, dict) else {}
    parts = [_("pipeline «{pipeline}»", pipeline=raw.get("code", "?"))]
    stages = raw.get("stages")
    if len(loc) >= 2 and loc[0] == "stages" and isinstance(loc[1], int):
        stage = _item(stages, loc[1])
        if isinstance(stage.get("code"), str):
            parts.append(_("stage «{stage}»", stage=stage["code"]))
        else:
            parts.append(_("stage {number}", number=loc[1] + 1))
        if len(loc) >= 4 and loc[2] in ("rules", "on_enter") and isinstance(loc[3], int):
            item = _item(stage.get(loc[2]), loc[3])
            kind = item.get("type", "?")
            if loc[2] == "rules":
                parts.append(_("rule {number} ({type})", number=loc[3] + 1, type=kind))
            else:
                parts.append(_("trigger {number} ({type})", number=loc[3] + 1, type=kind))
            # After the rule comes the union tag pydantic adds; the key after it is the field.
            rest = [str(part) for part in loc[5:] if isinstance(part, str)]
        else:
            rest = [str(part) for part in loc[2:] if isinstance(part, str)]
    else:
        rest = [str(part) for part in loc if isinstance(part, str)]
    if rest:
        parts.append(".".join(rest))
    message = ", ".join(parts) + ": " + text
    return InitErrorDetails(
        type=PydanticCustomError("pipeline_config", "{message}", {"message": message}),
        loc=loc,
        input=value,
    )


def _item(items: Any, position: int) -> dict[str, Any]:
    if isinstance(items, list) and 0 <= position < len(items) and isinstance(items[position], dict):
        return items[position]
    return {}


def _unique_pipelines(pipelines: list[PipelineConfig]) -> list[PipelineConfig]:
    if not pipelines:
        raise ValueError(_("at least one pipeline is needed"))
    codes = [pipeline.code for pipeline in pipelines]
    for position, code in enumerate(codes):
        if code in codes[:position]:
            raise ValueError(_("pipeline code «{code}» is used more than once", code=code))
    return pipelines


Pipelines = Annotated[list[PipelineConfig], AfterValidator(_unique_pipelines)]
"""The type for the settings to embed: a non-empty list of pipelines with distinct codes."""


class LostReasonConfig(_Config):
    """Why a deal was lost; reasons marked `escalate` hand the client to a more senior manager."""

    code: Code
    name_en: Name
    name_ru: Name
    escalate: bool = False

    @property
    def name(self) -> str:
        return _in_language(self.name_en, self.name_ru)


def _unique_lost_reasons(reasons: list[LostReasonConfig]) -> list[LostReasonConfig]:
    if not reasons:
        raise ValueError(_("at least one lost reason is needed"))
    codes = [reason.code for reason in reasons]
    for position, code in enumerate(codes):
        if code in codes[:position]:
            raise ValueError(_("lost reason code «{code}» is used more than once", code=code))
    return reasons


LostReasons = Annotated[list[LostReasonConfig], AfterValidator(_unique_lost_reasons)]
"""The type for the settings to embed: a non-empty list of lost reasons with distinct codes."""


def validate_role_references(
    pipelines: Iterable[PipelineConfig], role_codes: set[str]
) -> list[str]:
    """Sentences for rules that name a contact role missing from the role catalogue.

    A rule requiring an unknown role could never be met, so the settings refuse such a config.
    """
    errors: list[str] = []
    for pipeline in pipelines:
        for stage in pipeline.stages:
            for rule in stage.rules:
                if isinstance(rule, RoleRequiredRule) and rule.role not in role_codes:
                    errors.append(
                        _(
                            "pipeline «{pipeline}», stage «{stage}»: role «{role}» is not in the contact role catalogue",
                            pipeline=pipeline.code,
                            stage=stage.code,
                            role=rule.role,
                        )
                    )
    return errors
