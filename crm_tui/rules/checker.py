"""The stage-rule checker: may this deal move there, and if not, what exactly is missing?

The one place the stage rules are enforced, so a screen, an import and a script all get the
same answer; the UI only shows the violations. Every failing condition is reported at once,
each with a pointer to what fixes it, so a manager fills in everything in one pass.

Moves, in brief (see `check_transition`):
- forward one stage: the target's entry rules must hold;
- forward past stages: only where the pipeline or the current stage allows it, and the rules
  of the skipped stages must hold too: skipping a stage skips its work, not its requirements;
- back any number of stages: always allowed, no entry rules, since it only undoes progress;
  moving a closed deal back reopens it, and the store then clears its outcome and lost reason;
- to the final stage: an outcome is required; "lost" needs a configured lost reason, is
  allowed from any stage (a deal can fall through at any point) and checks no entry rules,
  while "won" is an ordinary forward move.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from crm_tui.i18n import N_, _, get_language
from crm_tui.rules.config import (
    DEAL_FIELDS,
    TASK_TYPES,
    ApprovalGrantedRule,
    MinContactsWithRolesRule,
    NoOpenTasksRule,
    PipelineConfig,
    PrimaryContactRule,
    RequiredFieldsRule,
    RoleRequiredRule,
    Rule,
    StageConfig,
    Trigger,
)
from crm_tui.rules.defaults import DEFAULT_ROLES
from crm_tui.rules.state import DealState, TransitionRequest

APPROVAL_KINDS: dict[str, str] = {"discount": N_("Discount approval")}

PRIMARY = "primary"
"""`Fix.target` of a roles fix that asks for the primary-contact mark rather than a role."""


class Fix(BaseModel):
    """Where the user goes to mend a violation.

    `target` by kind: field -> the deal field code; roles -> the role code to assign, `PRIMARY`
    for the primary mark, None for any role; approval -> the approval kind; tasks -> the task
    type to close; outcome -> "outcome" or "lost_reason"; transition -> the stage to move to
    first, or None.
    """

    model_config = ConfigDict(frozen=True)

    kind: Literal["field", "roles", "approval", "tasks", "outcome", "transition"]
    target: str | None = None


class Violation(BaseModel):
    """One unmet condition: `rule` is the rule type, or "transition" / "outcome"."""

    model_config = ConfigDict(frozen=True)

    rule: str
    message: str
    fix: Fix


def check_transition(
    pipeline: PipelineConfig,
    state: DealState,
    request: TransitionRequest,
    lost_reasons: Sequence[str],
    *,
    role_names: Mapping[str, str] | None = None,
) -> list[Violation]:
    """Every reason the requested move is refused; an empty list means the move may happen.

    `lost_reasons` are the configured lost-reason codes; `role_names` maps role codes to display
    names in the current language (the default catalogue's names are used otherwise). A deal
    whose stage is not in the pipeline (the config changed) may move to any stage whose rules,
    and those of every stage before it, it meets.
    """
    if state.pipeline != pipeline.code:
        raise ValueError(f"deal is in pipeline {state.pipeline!r}, not {pipeline.code!r}")
    if not pipeline.has_stage(request.target_stage):
        return [
            _transition(
                _(
                    "Pipeline «{pipeline}» has no stage «{stage}»",
                    pipeline=pipeline.name,
                    stage=request.target_stage,
                )
            )
        ]
    target_index = pipeline.index(request.target_stage)
    target = pipeline.stages[target_index]
    current_index = pipeline.index(state.stage) if pipeline.has_stage(state.stage) else -1
    if target_index == current_index:
        return [_transition(_("The deal is already at «{stage}»", stage=target.name))]

    violations = _outcome_violations(target, request, lost_reasons)
    if target_index < current_index:
        return violations
    if target.final and request.outcome == "lost":
        return violations

    if current_index >= 0 and target_index > current_index + 1:
        current = pipeline.stages[current_index]
        if not pipeline.allow_skip and target.code not in current.allow_skip_to:
            next_stage = pipeline.stages[current_index + 1]
            violations.insert(
                0,
                _transition(
                    _(
                        "«{target}» cannot be reached straight from «{current}»: move to «{next}» first",
                        target=target.name,
                        current=current.name,
                        next=next_stage.name,
                    ),
                    next_stage.code,
                ),
            )
    for stage in pipeline.stages[current_index + 1 : target_index + 1]:
        violations.extend(_stage_violations(stage, state, role_names))
    return violations


def unmet_requirements(
    pipeline: PipelineConfig,
    stage_code: str,
    state: DealState,
    *,
    role_names: Mapping[str, str] | None = None,
) -> list[Violation]:
    """The entry rules of a stage that the deal fails now (for badges and reports).

    The final stage's rules describe a won deal, so they are not held against a lost one.
    """
    stage = pipeline.stage(stage_code)
    if stage.final and state.outcome == "lost":
        return []
    return _stage_violations(stage, state, role_names)


def missing_key_roles(state: DealState, key_roles: Iterable[str]) -> set[str]:
    """The key roles no participant of the deal holds (for the missing-roles report)."""
    held = {role for participant in state.participants for role in participant.roles}
    return set(key_roles) - held


def triggers_for(pipeline: PipelineConfig, stage_code: str) -> list[Trigger]:
    """The triggers the store runs when a deal enters `stage_code`."""
    return list(pipeline.stage(stage_code).on_enter)


def field_name(code: str) -> str:
    """A deal field's display name in the current language (the code itself if unknown)."""
    label = DEAL_FIELDS.get(code)
    return _(label) if label else code


def _outcome_violations(
    target: StageConfig, request: TransitionRequest, lost_reasons: Sequence[str]
) -> list[Violation]:
    if not target.final:
        if request.outcome is not None or request.lost_reason is not None:
            return [
                _outcome(
                    _("An outcome is set only when the deal is closed"),
                    "outcome" if request.outcome is not None else "lost_reason",
                )
            ]
        return []
    if request.outcome is None:
        return [_outcome(_("Choose how the deal ended: won or lost"), "outcome")]
    if request.outcome == "won":
        if request.lost_reason is not None:
            return [_outcome(_("A lost reason is given only for a lost deal"), "lost_reason")]
        return []
    if not request.lost_reason:
        return [_outcome(_("A lost deal needs a reason"), "lost_reason")]
    if request.lost_reason not in lost_reasons:
        return [
            _outcome(
                _(
                    "«{reason}» is not one of the configured lost reasons",
                    reason=request.lost_reason,
                ),
                "lost_reason",
            )
        ]
    return []


def _stage_violations(
    stage: StageConfig, state: DealState, role_names: Mapping[str, str] | None
) -> list[Violation]:
    violations: list[Violation] = []
    for rule in stage.rules:
        violations.extend(_rule_violations(rule, stage, state, role_names))
    return violations


def _rule_violations(
    rule: Rule, stage: StageConfig, state: DealState, role_names: Mapping[str, str] | None
) -> list[Violation]:
    match rule:
        case RequiredFieldsRule():
            return [
                Violation(
                    rule=rule.type,
                    message=_(
                        "{field} is required before «{stage}»",
                        field=field_name(code),
                        stage=stage.name,
                    ),
                    fix=Fix(kind="field", target=code),
                )
                for code in rule.fields
                if _is_blank(state.fields.get(code))
            ]
        case MinContactsWithRolesRule():
            have = sum(1 for participant in state.participants if participant.roles)
            if have >= rule.count:
                return []
            if rule.count == 1:
                message = _(
                    "At least one contact with a role is needed before «{stage}»", stage=stage.name
                )
            else:
                message = _(
                    "At least {count} contacts with roles are needed before «{stage}»; now {have}",
                    count=rule.count,
                    have=have,
                    stage=stage.name,
                )
            return [Violation(rule=rule.type, message=message, fix=Fix(kind="roles"))]
        case RoleRequiredRule():
            if any(rule.role in participant.roles for participant in state.participants):
                return []
            message = _(
                "A contact with the role «{role}» is needed before «{stage}»",
                role=_role_name(rule.role, role_names),
                stage=stage.name,
            )
            return [
                Violation(rule=rule.type, message=message, fix=Fix(kind="roles", target=rule.role))
            ]
        case PrimaryContactRule():
            primaries = sum(1 for participant in state.participants if participant.primary)
            if primaries == 1:
                return []
            if primaries == 0:
                message = _("A primary contact is needed before «{stage}»", stage=stage.name)
            else:
                message = _("Only one contact can be primary; {count} are marked", count=primaries)
            return [
                Violation(rule=rule.type, message=message, fix=Fix(kind="roles", target=PRIMARY))
            ]
        case ApprovalGrantedRule():
            return _approval_violations(rule, stage, state)
        case NoOpenTasksRule():
            open_types = dict.fromkeys(
                task_type
                for task_type in state.open_task_types
                if not rule.task_types or task_type in rule.task_types
            )
            return [
                Violation(
                    rule=rule.type,
                    message=_(
                        "Close the open «{task_type}» tasks before «{stage}»",
                        task_type=_task_type_name(task_type),
                        stage=stage.name,
                    ),
                    fix=Fix(kind="tasks", target=task_type),
                )
                for task_type in open_types
            ]
    raise TypeError(f"unknown rule {rule!r}")


def _approval_violations(
    rule: ApprovalGrantedRule, stage: StageConfig, state: DealState
) -> list[Violation]:
    """The last approval of the rule's kind decides; older ones are history."""
    if rule.when_discount_above is not None:
        discount = _number(state.fields.get("discount"))
        if discount is None or discount <= Decimal(str(rule.when_discount_above)):
            return []
        approval = _("Approval of the {discount}% discount", discount=_format_number(discount))
    elif rule.kind in APPROVAL_KINDS:
        approval = _(APPROVAL_KINDS[rule.kind])
    else:
        approval = _("Approval «{kind}»", kind=rule.kind)
    statuses = [item.status for item in state.approvals if item.kind == rule.kind]
    status = statuses[-1] if statuses else None
    if status == "approved":
        return []
    if status == "pending":
        message = _("{approval} is still pending", approval=approval)
    elif status == "rejected":
        message = _("{approval} was rejected", approval=approval)
    else:
        message = _("{approval} is required before «{stage}»", approval=approval, stage=stage.name)
    return [Violation(rule=rule.type, message=message, fix=Fix(kind="approval", target=rule.kind))]


def _is_blank(value: Any) -> bool:
    """A field counts as filled in unless it is None, blank text or an empty collection."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | tuple | set | frozenset | dict):
        return not value
    return False


def _number(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _format_number(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text.replace(".", ",") if get_language() == "ru" else text


def _role_name(code: str, role_names: Mapping[str, str] | None) -> str:
    if role_names and code in role_names:
        return role_names[code]
    label = DEFAULT_ROLES.get(code)
    return _(label) if label else code


def _task_type_name(code: str) -> str:
    label = TASK_TYPES.get(code)
    return _(label) if label else code


def _transition(message: str, target: str | None = None) -> Violation:
    return Violation(rule="transition", message=message, fix=Fix(kind="transition", target=target))


def _outcome(message: str, target: str) -> Violation:
    return Violation(rule="outcome", message=message, fix=Fix(kind="outcome", target=target))
