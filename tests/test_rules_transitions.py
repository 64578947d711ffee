"""Moves between stages: one step forward, back any distance, skips only where configured,
and closing with an outcome (a lost deal with a configured reason)."""

from __future__ import annotations

from typing import Any

import pytest

from crm_tui.rules import (
    ApprovalState,
    DealState,
    ParticipantState,
    PipelineConfig,
    TransitionRequest,
    check_transition,
    default_lost_reasons,
    default_pipelines,
)

REASONS = [reason.code for reason in default_lost_reasons()]
SALES = default_pipelines()[0]


def with_changes(
    pipeline: PipelineConfig, top: dict[str, Any], stages: dict[str, dict[str, Any]]
) -> PipelineConfig:
    data = pipeline.model_dump()
    data.update(top)
    for stage in data["stages"]:
        stage.update(stages.get(stage["code"], {}))
    return PipelineConfig.model_validate(data)


SKIP_ANYWHERE = with_changes(SALES, {"allow_skip": True}, {})
SKIP_TO_CONTRACT = with_changes(SALES, {}, {"qualification": {"allow_skip_to": ["contract"]}})

COMPLETE = DealState(
    pipeline="sales",
    stage="new",
    fields={
        "title": "Supply of pumps",
        "client_id": 1,
        "counterparty_id": 2,
        "amount": 150_000,
        "discount": 15,
        "expected_close": "2025-03-31",
    },
    participants=[
        ParticipantState(contact_id=1, roles=frozenset({"decision_maker"}), primary=True),
        ParticipantState(contact_id=2, roles=frozenset({"contract_approver", "finance"})),
    ],
    approvals=[ApprovalState(kind="discount", status="approved")],
)
EMPTY = DealState(pipeline="sales", stage="new")


def move(target: str, outcome: str | None = None, reason: str | None = None) -> TransitionRequest:
    return TransitionRequest(target_stage=target, outcome=outcome, lost_reason=reason)


CASES: list[Any] = [
    pytest.param(SALES, COMPLETE, "new", move("qualification"), [], id="forward-one"),
    pytest.param(SALES, EMPTY, "contract", move("new"), [], id="back-several-checks-no-rules"),
    pytest.param(
        SALES, EMPTY, "proposal", move("qualification"), [], id="back-one-checks-no-rules"
    ),
    pytest.param(
        SALES,
        COMPLETE,
        "new",
        move("proposal"),
        [("transition", "qualification")],
        id="skip-refused",
    ),
    pytest.param(
        SKIP_ANYWHERE, COMPLETE, "new", move("shipped"), [], id="skip-allowed-by-pipeline"
    ),
    pytest.param(
        SKIP_TO_CONTRACT,
        COMPLETE,
        "qualification",
        move("contract"),
        [],
        id="skip-allowed-by-stage",
    ),
    pytest.param(
        SKIP_TO_CONTRACT,
        COMPLETE,
        "new",
        move("contract"),
        [("transition", "qualification")],
        id="skip-from-other-stage",
    ),
    pytest.param(
        SKIP_ANYWHERE,
        EMPTY,
        "new",
        move("proposal"),
        [
            ("min_contacts_with_roles", None),
            ("primary_contact", "primary"),
            ("role_required", "decision_maker"),
            ("required_fields", "amount"),
        ],
        id="skipped-stage-rules-still-apply",
    ),
    pytest.param(
        SALES, COMPLETE, "proposal", move("proposal"), [("transition", None)], id="same-stage"
    ),
    pytest.param(SALES, COMPLETE, "new", move("won"), [("transition", None)], id="unknown-stage"),
    pytest.param(SALES, COMPLETE, "shipped", move("closed", "won"), [], id="close-won"),
    pytest.param(
        SALES,
        COMPLETE,
        "shipped",
        move("closed"),
        [("outcome", "outcome")],
        id="close-without-outcome",
    ),
    pytest.param(
        SALES, EMPTY, "new", move("closed", "lost", "price"), [], id="close-lost-from-any-stage"
    ),
    pytest.param(
        SALES,
        COMPLETE,
        "shipped",
        move("closed", "lost"),
        [("outcome", "lost_reason")],
        id="lost-without-reason",
    ),
    pytest.param(
        SALES,
        COMPLETE,
        "shipped",
        move("closed", "lost", "weather"),
        [("outcome", "lost_reason")],
        id="lost-unknown-reason",
    ),
    pytest.param(
        SALES,
        COMPLETE,
        "shipped",
        move("closed", "won", "price"),
        [("outcome", "lost_reason")],
        id="won-with-reason",
    ),
    pytest.param(
        SALES,
        COMPLETE,
        "contract",
        move("closed", "won"),
        [("transition", "shipped")],
        id="won-must-not-skip",
    ),
    pytest.param(
        SALES,
        COMPLETE,
        "new",
        move("qualification", "won"),
        [("outcome", "outcome")],
        id="outcome-too-early",
    ),
    pytest.param(SALES, COMPLETE, "closed", move("shipped"), [], id="reopen-by-moving-back"),
    pytest.param(
        SALES,
        COMPLETE,
        "closed",
        move("shipped", "lost", "price"),
        [("outcome", "outcome")],
        id="reopen-with-outcome",
    ),
    pytest.param(
        SALES,
        EMPTY,
        "retired_stage",
        move("qualification"),
        [("min_contacts_with_roles", None), ("primary_contact", "primary")],
        id="stage-gone-from-config",
    ),
    pytest.param(
        SALES,
        COMPLETE,
        "retired_stage",
        move("contract"),
        [],
        id="stage-gone-any-target-if-rules-hold",
    ),
]


@pytest.mark.parametrize(("pipeline", "base", "stage", "request_", "expected"), CASES)
def test_transitions(
    pipeline: PipelineConfig,
    base: DealState,
    stage: str,
    request_: TransitionRequest,
    expected: list[tuple[str, str | None]],
) -> None:
    deal = base.model_copy(update={"stage": stage})
    violations = check_transition(pipeline, deal, request_, REASONS)
    assert [(v.rule, v.fix.target) for v in violations] == expected


def test_refused_moves_say_why_in_words() -> None:
    deal = COMPLETE.model_copy(update={"stage": "new"})
    [skip] = check_transition(SALES, deal, move("proposal"), REASONS)
    assert (
        skip.message
        == "«Proposal» cannot be reached straight from «New»: move to «Qualification» first"
    )
    [same] = check_transition(SALES, deal, move("new"), REASONS)
    assert same.message == "The deal is already at «New»"
    [unknown] = check_transition(SALES, deal, move("won"), REASONS)
    assert unknown.message == "Pipeline «Sales» has no stage «won»"
    [reason] = check_transition(SALES, deal, move("closed", "lost", "weather"), REASONS)
    assert reason.message == "«weather» is not one of the configured lost reasons"


def test_a_refused_skip_also_lists_the_missing_data() -> None:
    violations = check_transition(SALES, EMPTY, move("proposal"), REASONS)
    assert [v.rule for v in violations] == [
        "transition",
        "min_contacts_with_roles",
        "primary_contact",
        "role_required",
        "required_fields",
    ]


def test_closing_without_outcome_also_lists_the_final_stage_rules() -> None:
    renewal = default_pipelines()[1]
    deal = DealState(pipeline="renewal", stage="negotiation", fields={"discount": 20})
    violations = check_transition(renewal, deal, move("closed"), REASONS)
    assert [v.rule for v in violations] == ["outcome", "approval_granted"]


def test_a_deal_of_another_pipeline_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        check_transition(
            SALES, EMPTY.model_copy(update={"pipeline": "renewal"}), move("qualification"), REASONS
        )


def test_a_complete_deal_walks_the_whole_sales_pipeline() -> None:
    deal = COMPLETE
    for stage in SALES.stages[1:-1]:
        assert check_transition(SALES, deal, move(stage.code), REASONS) == []
        deal = deal.model_copy(update={"stage": stage.code})
    assert check_transition(SALES, deal, move("closed", "won"), REASONS) == []
