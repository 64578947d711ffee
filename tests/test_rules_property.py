"""No sequence of allowed moves leaves a deal in a stage whose entry rules it fails.

Random deals take random moves (forward, back, skips, closings, nonsense) with data added in
between; a move is applied only when `check_transition` allows it, exactly as the store does.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from crm_tui.rules import (
    DEFAULT_ROLES,
    ApprovalState,
    DealState,
    ParticipantState,
    PipelineConfig,
    TransitionRequest,
    check_transition,
    default_lost_reasons,
    default_pipelines,
    unmet_requirements,
)
from crm_tui.rules.config import TASK_TYPES


def _variant(
    pipeline: PipelineConfig, top: dict[str, Any], stages: dict[str, dict[str, Any]]
) -> PipelineConfig:
    data = pipeline.model_dump()
    data.update(top)
    for stage in data["stages"]:
        stage.update(stages.get(stage["code"], {}))
    return PipelineConfig.model_validate(data)


SALES, RENEWAL = default_pipelines()
PIPELINES = [
    SALES,
    RENEWAL,
    _variant(SALES, {"allow_skip": True}, {}),
    _variant(
        SALES,
        {},
        {"new": {"allow_skip_to": ["on_approval"]}, "proposal": {"allow_skip_to": ["shipped"]}},
    ),
]
REASONS = [reason.code for reason in default_lost_reasons()]

roles = st.frozensets(st.sampled_from(sorted(DEFAULT_ROLES)), max_size=3)
participants = st.builds(
    ParticipantState, contact_id=st.integers(1, 20), roles=roles, primary=st.booleans()
)
approvals = st.builds(
    ApprovalState,
    kind=st.sampled_from(["discount", "delivery"]),
    status=st.sampled_from(["pending", "approved", "rejected"]),
)
task_types = st.sampled_from(sorted(TASK_TYPES))
FIELD_VALUES = {
    "title": st.sampled_from(["Pumps", " ", ""]),
    "client_id": st.integers(1, 9),
    "counterparty_id": st.integers(1, 9),
    "amount": st.one_of(st.integers(0, 10**6), st.just("")),
    "discount": st.one_of(st.integers(0, 30), st.floats(0, 30), st.sampled_from(["12,5", "abc"])),
    "expected_close": st.sampled_from(["2025-03-31", " "]),
}
field_values = st.fixed_dictionaries(
    {}, optional={name: st.one_of(st.none(), values) for name, values in FIELD_VALUES.items()}
)


def add_data(data: st.DataObject, deal: DealState) -> DealState:
    """Grow the deal the way work does: new contacts, roles, marks, fields, approvals, tasks."""
    kind = data.draw(st.sampled_from(["contact", "role", "primary", "field", "approval", "task"]))
    people = list(deal.participants)
    if kind == "contact":
        people.append(data.draw(participants))
        return deal.model_copy(update={"participants": people})
    if kind in ("role", "primary") and people:
        position = data.draw(st.integers(0, len(people) - 1))
        person = people[position]
        if kind == "role":
            extra = data.draw(st.sampled_from(sorted(DEFAULT_ROLES)))
            people[position] = person.model_copy(update={"roles": person.roles | {extra}})
        else:
            people[position] = person.model_copy(update={"primary": True})
        return deal.model_copy(update={"participants": people})
    if kind == "field":
        name = data.draw(st.sampled_from(sorted(FIELD_VALUES)))
        if deal.fields.get(name) not in (None, "", " "):
            return deal
        return deal.model_copy(
            update={"fields": {**deal.fields, name: data.draw(FIELD_VALUES[name])}}
        )
    if kind == "approval":
        return deal.model_copy(update={"approvals": [*deal.approvals, data.draw(approvals)]})
    return deal.model_copy(
        update={"open_task_types": [*deal.open_task_types, data.draw(task_types)]}
    )


def requests(pipeline: PipelineConfig) -> st.SearchStrategy[TransitionRequest]:
    codes = [stage.code for stage in pipeline.stages]
    return st.builds(
        TransitionRequest,
        target_stage=st.one_of(st.sampled_from(codes), st.just("nowhere")),
        outcome=st.sampled_from([None, None, "won", "lost"]),
        lost_reason=st.one_of(st.none(), st.sampled_from([*REASONS, "weather"])),
    )


def apply(pipeline: PipelineConfig, deal: DealState, request: TransitionRequest) -> DealState:
    """What the store does with an allowed move; moving back from the end reopens the deal."""
    final = pipeline.stage(request.target_stage).final
    return deal.model_copy(
        update={
            "stage": request.target_stage,
            "outcome": request.outcome if final else None,
            "lost_reason": request.lost_reason if final else None,
        }
    )


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_allowed_forward_moves_never_land_in_a_stage_whose_rules_fail(data: st.DataObject) -> None:
    pipeline = data.draw(st.sampled_from(PIPELINES))
    deal = DealState(
        deal_id=1,
        pipeline=pipeline.code,
        stage=data.draw(st.sampled_from([stage.code for stage in pipeline.stages[:-1]])),
        fields=data.draw(field_values),
        participants=data.draw(st.lists(participants, max_size=3)),
        approvals=data.draw(st.lists(approvals, max_size=2)),
        open_task_types=data.draw(st.lists(task_types, max_size=2)),
    )
    for _step in range(data.draw(st.integers(1, 15))):
        if data.draw(st.booleans()):
            deal = add_data(data, deal)
            continue
        request = data.draw(requests(pipeline))
        if check_transition(pipeline, deal, request, REASONS):
            continue
        before = pipeline.index(deal.stage)
        deal = apply(pipeline, deal, request)
        after = pipeline.index(deal.stage)
        assert after != before
        if after > before:
            assert unmet_requirements(pipeline, deal.stage, deal) == []
            if deal.outcome != "lost":
                for stage in pipeline.stages[before + 1 : after + 1]:
                    assert unmet_requirements(pipeline, stage.code, deal) == []
        if pipeline.stage(deal.stage).final:
            assert deal.outcome in ("won", "lost")
            assert (deal.lost_reason in REASONS) == (deal.outcome == "lost")
