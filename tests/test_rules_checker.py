"""Entry rules: each rule type passes when the deal has what it asks for and otherwise says
what is missing and where to fix it; every failing rule is reported at once."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from crm_tui.i18n import set_language
from crm_tui.rules import (
    ApprovalState,
    DealState,
    ParticipantState,
    PipelineConfig,
    StageConfig,
    TransitionRequest,
    check_transition,
    default_lost_reasons,
    default_pipelines,
    missing_key_roles,
    triggers_for,
    unmet_requirements,
)
from crm_tui.rules.config import (
    ApprovalGrantedRule,
    CreateTaskTrigger,
    MinContactsWithRolesRule,
    NoOpenTasksRule,
    PrimaryContactRule,
    RequiredFieldsRule,
    RoleRequiredRule,
    Rule,
    WriteActivityTrigger,
)

REASONS = [reason.code for reason in default_lost_reasons()]
SALES = default_pipelines()[0]


@pytest.fixture
def russian() -> Iterator[None]:
    set_language("ru")
    try:
        yield
    finally:
        set_language("en")


def one_rule_pipeline(rule: Rule) -> PipelineConfig:
    return PipelineConfig(
        code="p",
        name_en="P",
        name_ru="П",
        stages=[
            StageConfig(code="a", name_en="A", name_ru="А"),
            StageConfig(code="b", name_en="B", name_ru="Б", rules=[rule]),
            StageConfig(code="z", name_en="Z", name_ru="Я", final=True),
        ],
    )


def person(contact_id: int, *roles: str, primary: bool = False) -> ParticipantState:
    return ParticipantState(contact_id=contact_id, roles=frozenset(roles), primary=primary)


def approval(status: str, kind: str = "discount") -> ApprovalState:
    return ApprovalState(kind=kind, status=status)


DM = "decision_maker"
CASES: list[Any] = [
    # required_fields
    (RequiredFieldsRule(fields=["amount"]), {"fields": {"amount": 100}}, []),
    (RequiredFieldsRule(fields=["amount"]), {"fields": {"amount": 0}}, []),
    (RequiredFieldsRule(fields=["amount"]), {}, [("required_fields", "field", "amount")]),
    (
        RequiredFieldsRule(fields=["title"]),
        {"fields": {"title": "  "}},
        [("required_fields", "field", "title")],
    ),
    (
        RequiredFieldsRule(fields=["amount", "counterparty_id", "title"]),
        {"fields": {"amount": None, "title": "Supply"}},
        [("required_fields", "field", "amount"), ("required_fields", "field", "counterparty_id")],
    ),
    # min_contacts_with_roles
    (MinContactsWithRolesRule(count=1), {"participants": [person(1, "influencer")]}, []),
    (
        MinContactsWithRolesRule(count=1),
        {"participants": [person(1)]},
        [("min_contacts_with_roles", "roles", None)],
    ),
    (
        MinContactsWithRolesRule(count=2),
        {"participants": [person(1, DM), person(2)]},
        [("min_contacts_with_roles", "roles", None)],
    ),
    (
        MinContactsWithRolesRule(count=2),
        {"participants": [person(1, DM), person(2, "finance")]},
        [],
    ),
    # role_required
    (RoleRequiredRule(role=DM), {"participants": [person(1, "finance"), person(2, DM)]}, []),
    (
        RoleRequiredRule(role=DM),
        {"participants": [person(1, "influencer")]},
        [("role_required", "roles", DM)],
    ),
    # primary_contact
    (PrimaryContactRule(), {"participants": [person(1), person(2, primary=True)]}, []),
    (
        PrimaryContactRule(),
        {"participants": [person(1, DM)]},
        [("primary_contact", "roles", "primary")],
    ),
    (
        PrimaryContactRule(),
        {"participants": [person(1, primary=True), person(2, primary=True)]},
        [("primary_contact", "roles", "primary")],
    ),
    # approval_granted without a threshold
    (ApprovalGrantedRule(), {"approvals": [approval("approved")]}, []),
    (ApprovalGrantedRule(), {}, [("approval_granted", "approval", "discount")]),
    (
        ApprovalGrantedRule(),
        {"approvals": [approval("pending")]},
        [("approval_granted", "approval", "discount")],
    ),
    (
        ApprovalGrantedRule(),
        {"approvals": [approval("rejected")]},
        [("approval_granted", "approval", "discount")],
    ),
    (
        ApprovalGrantedRule(),
        {"approvals": [approval("approved"), approval("rejected")]},
        [("approval_granted", "approval", "discount")],
    ),
    (ApprovalGrantedRule(), {"approvals": [approval("rejected"), approval("approved")]}, []),
    (
        ApprovalGrantedRule(kind="discount"),
        {"approvals": [approval("approved", kind="delivery")]},
        [("approval_granted", "approval", "discount")],
    ),
    # approval_granted only above a discount
    (ApprovalGrantedRule(when_discount_above=10), {"fields": {"discount": 10}}, []),
    (ApprovalGrantedRule(when_discount_above=10), {"fields": {}}, []),
    (
        ApprovalGrantedRule(when_discount_above=10),
        {"fields": {"discount": 15}},
        [("approval_granted", "approval", "discount")],
    ),
    (
        ApprovalGrantedRule(when_discount_above=10),
        {"fields": {"discount": "12,5"}},
        [("approval_granted", "approval", "discount")],
    ),
    (
        ApprovalGrantedRule(when_discount_above=10),
        {"fields": {"discount": 15}, "approvals": [approval("approved")]},
        [],
    ),
    # no_open_tasks
    (NoOpenTasksRule(task_types=["proposal"]), {"open_task_types": ["call"]}, []),
    (NoOpenTasksRule(task_types=["proposal"]), {}, []),
    (
        NoOpenTasksRule(task_types=["proposal"]),
        {"open_task_types": ["proposal", "call", "proposal"]},
        [("no_open_tasks", "tasks", "proposal")],
    ),
    (
        NoOpenTasksRule(),
        {"open_task_types": ["call", "email"]},
        [("no_open_tasks", "tasks", "call"), ("no_open_tasks", "tasks", "email")],
    ),
]


@pytest.mark.parametrize(("rule", "state", "expected"), CASES)
def test_each_rule_type_passes_or_points_to_its_fix(
    rule: Rule, state: dict[str, Any], expected: list[tuple[str, str, str | None]]
) -> None:
    pipeline = one_rule_pipeline(rule)
    deal = DealState(pipeline="p", stage="a", **state)
    violations = check_transition(pipeline, deal, TransitionRequest(target_stage="b"), REASONS)
    assert [(v.rule, v.fix.kind, v.fix.target) for v in violations] == expected
    assert violations == unmet_requirements(pipeline, "b", deal)


def test_every_failing_rule_is_reported_together() -> None:
    deal = DealState(
        pipeline="sales",
        stage="on_approval",
        fields={"discount": 15},
        participants=[person(1, DM, primary=True)],
        approvals=[approval("pending")],
        open_task_types=["proposal"],
    )
    violations = check_transition(SALES, deal, TransitionRequest(target_stage="contract"), REASONS)
    assert [v.message for v in violations] == [
        "Approval of the 15% discount is still pending",
        "A contact with the role «Contract approver» is needed before «Contract»",
        "Close the open «Proposal» tasks before «Contract»",
    ]
    assert [v.fix.kind for v in violations] == ["approval", "roles", "tasks"]


@pytest.mark.parametrize(
    ("stage", "state", "english", "russian_text"),
    [
        (
            "proposal",
            {"participants": [person(1, DM)]},
            "Amount is required before «Proposal»",
            "Перед этапом «Коммерческое предложение» заполните поле «Сумма»",
        ),
        (
            "proposal",
            {"fields": {"amount": 10}},
            "A contact with the role «Decision maker» is needed before «Proposal»",
            "Перед этапом «Коммерческое предложение» назначьте контакту роль «Лицо, принимающее решение»",
        ),
        (
            "qualification",
            {"participants": [person(1, DM)]},
            "A primary contact is needed before «Qualification»",
            "Перед этапом «Квалификация» выберите основной контакт",
        ),
        (
            "on_approval",
            {"fields": {"amount": 10}},
            "Counterparty is required before «On approval»",
            "Перед этапом «На согласовании» заполните поле «Контрагент»",
        ),
        (
            "contract",
            {"fields": {"discount": 12.5}, "participants": [person(1, "contract_approver")]},
            "Approval of the 12.5% discount is required before «Contract»",
            "Согласование скидки 12,5%: требуется до перехода на этап «Договор»",
        ),
    ],
)
def test_messages_name_the_missing_thing_and_the_stage_in_both_languages(
    stage: str, state: dict[str, Any], english: str, russian_text: str
) -> None:
    deal = DealState(pipeline="sales", stage="new", **state)
    assert [v.message for v in unmet_requirements(SALES, stage, deal)] == [english]
    set_language("ru")
    try:
        assert [v.message for v in unmet_requirements(SALES, stage, deal)] == [russian_text]
    finally:
        set_language("en")


def test_role_names_from_the_catalogue_are_used_in_messages() -> None:
    deal = DealState(pipeline="sales", stage="qualification", fields={"amount": 1})
    [violation] = unmet_requirements(SALES, "proposal", deal, role_names={DM: "ЛПР"})
    assert violation.message == "A contact with the role «ЛПР» is needed before «Proposal»"


def test_a_lost_deal_is_not_held_to_the_final_stage_rules() -> None:
    renewal = default_pipelines()[1]
    won = DealState(pipeline="renewal", stage="closed", fields={"discount": 20}, outcome="won")
    assert [v.rule for v in unmet_requirements(renewal, "closed", won)] == ["approval_granted"]
    lost = won.model_copy(update={"outcome": "lost", "lost_reason": "price"})
    assert unmet_requirements(renewal, "closed", lost) == []


def test_missing_key_roles_lists_roles_nobody_holds() -> None:
    deal = DealState(
        pipeline="sales", stage="proposal", participants=[person(1, DM, "finance"), person(2)]
    )
    assert missing_key_roles(deal, [DM, "finance", "contract_approver"]) == {"contract_approver"}
    assert missing_key_roles(deal, []) == set()


def test_triggers_follow_the_stage_entered() -> None:
    [approve, notify] = triggers_for(SALES, "on_approval")
    assert isinstance(approve, CreateTaskTrigger)
    assert approve.assignee == "role:head_of_sales"
    assert approve.title_en == "Approve the deal"
    assert notify.recipient == "owner"
    [prepare] = triggers_for(SALES, "contract")
    assert prepare.assignee == "owner"
    assert prepare.title_en == "Prepare the contract"
    [note] = triggers_for(SALES, "shipped")
    assert isinstance(note, WriteActivityTrigger)
    assert triggers_for(SALES, "closed") == []


def test_trigger_texts_follow_the_language(russian: None) -> None:
    [prepare] = triggers_for(SALES, "contract")
    assert prepare.title == "Подготовить договор"
    assert SALES.stage("contract").name == "Договор"
