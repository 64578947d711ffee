"""Pipeline config: what a team writes in TOML is either accepted whole or refused with a
sentence that names the pipeline, stage and rule at fault."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator

import pytest
from pydantic import TypeAdapter, ValidationError

from crm_tui.i18n import set_language
from crm_tui.rules import (
    DEFAULT_ROLES,
    LostReasons,
    Pipelines,
    default_lost_reasons,
    default_pipelines,
    validate_role_references,
)
from crm_tui.rules.config import (
    CreateTaskTrigger,
    NoOpenTasksRule,
    NotifyTrigger,
    PipelineConfig,
    RequiredFieldsRule,
)

VALID = """
[[pipelines]]
code = "sales"
name_en = "Sales"
name_ru = "Продажи"

[[pipelines.stages]]
code = "new"
name_en = "New"
name_ru = "Новая"
allow_skip_to = ["won"]

[[pipelines.stages]]
code = "talks"
name_en = "Talks"
name_ru = "Переговоры"
rules = [
  { type = "required_fields", fields = ["amount", "counterparty_id"] },
  { type = "role_required", role = "decision_maker" },
  { type = "approval_granted", when_discount_above = 10 },
]
on_enter = [
  { type = "create_task", task_type = "call", title_en = "Call", title_ru = "Позвонить", assignee = "role:head_of_sales" },
  { type = "notify", recipient = "user:ivanov", text_en = "Look", text_ru = "Посмотрите" },
]

[[pipelines.stages]]
code = "won"
name_en = "Closed"
name_ru = "Закрыта"
final = true
"""

PIPELINES = TypeAdapter(Pipelines)


@pytest.fixture
def russian() -> Iterator[None]:
    set_language("ru")
    try:
        yield
    finally:
        set_language("en")


def load(text: str) -> list[PipelineConfig]:
    return PIPELINES.validate_python(tomllib.loads(text)["pipelines"])


def error_text(text: str) -> str:
    with pytest.raises(ValidationError) as info:
        load(text)
    return "\n".join(error["msg"] for error in info.value.errors())


def test_a_valid_toml_pipeline_loads_with_its_rules_and_triggers() -> None:
    [pipeline] = load(VALID)
    talks = pipeline.stage("talks")
    assert [rule.type for rule in talks.rules] == [
        "required_fields",
        "role_required",
        "approval_granted",
    ]
    assert talks.rules[2].kind == "discount"
    assert isinstance(talks.on_enter[0], CreateTaskTrigger)
    assert talks.on_enter[0].due_in_days == 1
    assert isinstance(talks.on_enter[1], NotifyTrigger)
    assert pipeline.final_stage.code == "won"


def test_stage_navigation_helpers() -> None:
    [pipeline] = load(VALID)
    assert pipeline.index("talks") == 1
    assert pipeline.next_stage("new").code == "talks"
    assert pipeline.next_stage("won") is None
    assert pipeline.previous_stage("talks").code == "new"
    assert pipeline.previous_stage("new") is None
    with pytest.raises(KeyError):
        pipeline.stage("nowhere")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(
            'code = "talks"',
            'code = "new"',
            "stage code «new» is used more than once",
            id="duplicate-stage",
        ),
        pytest.param(
            'type = "role_required"',
            'type = "role_wanted"',
            "pipeline «sales», stage «talks», rule 2 (role_wanted): Input tag 'role_wanted'",
            id="unknown-rule-type",
        ),
        pytest.param(
            'name_ru = "Закрыта"\nfinal = true',
            'name_ru = "Закрыта"',
            "no stage is final",
            id="no-final-stage",
        ),
        pytest.param(
            'name_ru = "Новая"\n',
            'name_ru = "Новая"\nfinal = true\n',
            "only one stage can be final, but these are: new, won",
            id="two-final-stages",
        ),
        pytest.param(
            'allow_skip_to = ["won"]',
            'allow_skip_to = ["done"]',
            "pipeline «sales», stage «new», allow_skip_to: allow_skip_to names «done», which is not a stage",
            id="skip-to-unknown-stage",
        ),
        pytest.param(
            'fields = ["amount", "counterparty_id"]',
            'fields = ["ammount"]',
            "stage «talks», rule 1 (required_fields), fields: unknown deal field «ammount»",
            id="unknown-field",
        ),
        pytest.param(
            'fields = ["amount", "counterparty_id"]',
            'fields = ["amount", "amount"]',
            "field «amount» is listed twice",
            id="repeated-field",
        ),
        pytest.param(
            'assignee = "role:head_of_sales"',
            'assignee = "boss"',
            "trigger 1 (create_task), assignee: unknown assignee «boss»",
            id="bad-assignee",
        ),
        pytest.param(
            'code = "talks"', 'code = "Talks"', "«Talks» is not a valid code", id="bad-stage-code"
        ),
        pytest.param(
            'task_type = "call"',
            'task_type = "fax"',
            "trigger 1 (create_task), task_type: Input should be 'call'",
            id="unknown-task-type",
        ),
        pytest.param(
            'name_en = "Talks"',
            'name_en = "Talks"\ncolour = "red"',
            "stage «talks», colour: Extra inputs are not permitted",
            id="unknown-key",
        ),
    ],
)
def test_config_errors_name_the_place_and_the_reason(old: str, new: str, expected: str) -> None:
    assert old in VALID
    assert expected in error_text(VALID.replace(old, new, 1))


def test_the_final_stage_must_be_last() -> None:
    stages = [
        {"code": "new", "name_en": "New", "name_ru": "Новая"},
        {"code": "closed", "name_en": "Closed", "name_ru": "Закрыта", "final": True},
        {"code": "after", "name_en": "After", "name_ru": "После"},
    ]
    with pytest.raises(ValidationError, match="the final stage «closed» must be the last one"):
        PipelineConfig.model_validate(
            {"code": "p", "name_en": "P", "name_ru": "П", "stages": stages}
        )


def test_a_pipeline_needs_two_stages() -> None:
    stages = [{"code": "closed", "name_en": "Closed", "name_ru": "Закрыта", "final": True}]
    with pytest.raises(ValidationError, match="at least two stages"):
        PipelineConfig.model_validate(
            {"code": "p", "name_en": "P", "name_ru": "П", "stages": stages}
        )


def test_skipping_may_only_point_forward() -> None:
    text = VALID.replace(
        'name_ru = "Переговоры"', 'name_ru = "Переговоры"\nallow_skip_to = ["new"]'
    )
    assert "does not come after this stage" in error_text(text)


def test_pipeline_codes_must_differ() -> None:
    [pipeline] = load(VALID)
    with pytest.raises(ValidationError, match="pipeline code «sales» is used more than once"):
        PIPELINES.validate_python([pipeline, pipeline])


def test_lost_reason_codes_must_differ() -> None:
    reasons = [reason.model_dump() for reason in default_lost_reasons()]
    with pytest.raises(ValidationError, match="lost reason code «price» is used more than once"):
        TypeAdapter(LostReasons).validate_python([*reasons, reasons[0]])


def test_rules_reject_values_that_could_never_be_met() -> None:
    with pytest.raises(ValidationError):
        NoOpenTasksRule(task_types=["fax"])
    with pytest.raises(ValidationError):
        RequiredFieldsRule(fields=[])


def test_unknown_role_references_are_reported_by_pipeline_and_stage() -> None:
    [pipeline] = load(VALID)
    assert validate_role_references([pipeline], set(DEFAULT_ROLES)) == []
    assert validate_role_references([pipeline], {"influencer"}) == [
        "pipeline «sales», stage «talks»: role «decision_maker» is not in the contact role catalogue"
    ]


def test_defaults_are_valid_and_reference_only_default_roles() -> None:
    pipelines = PIPELINES.validate_python([p.model_dump() for p in default_pipelines()])
    assert [p.code for p in pipelines] == ["sales", "renewal"]
    assert [s.code for s in pipelines[0].stages] == [
        "new",
        "qualification",
        "proposal",
        "on_approval",
        "contract",
        "shipped",
        "closed",
    ]
    assert validate_role_references(pipelines, set(DEFAULT_ROLES)) == []
    escalated = {reason.code for reason in default_lost_reasons() if reason.escalate}
    assert escalated == {"price", "terms"}


def test_config_errors_are_russian_in_a_russian_session(russian: None) -> None:
    assert "код этапа «new» использован больше одного раза" in error_text(
        VALID.replace('code = "talks"', 'code = "new"', 1)
    )
