"""What a deal must have to stand in a stage, read from the configured stage rules.

Both seeds put deals in every stage, and a deal in a stage must look as if it had been moved
there by the rules: the demo prepares each move with `needs_of`, and the scale seed, which
writes rows directly, builds each deal to `needs_to_reach` its stage. Reading the rules
(rather than hard-coding the shipped pipeline) keeps the seeds right for a tuned config.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from crm_tui.rules.config import (
    ApprovalGrantedRule,
    MinContactsWithRolesRule,
    NoOpenTasksRule,
    PipelineConfig,
    PrimaryContactRule,
    RequiredFieldsRule,
    RoleRequiredRule,
    StageConfig,
)


@dataclass
class StageNeeds:
    """The union of some stages' entry rules, as facts a deal must have."""

    fields: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)
    contacts_with_roles: int = 0
    primary: bool = False
    approvals: list[ApprovalGrantedRule] = field(default_factory=list)
    closed_task_types: set[str] = field(default_factory=set)
    """Task types that may not stay open; see `all_tasks_closed` for "every type"."""
    all_tasks_closed: bool = False

    @property
    def participants(self) -> int:
        """How many participants at least: each counted contact, or one for roles or primary."""
        return max(self.contacts_with_roles, 1 if (self.roles or self.primary) else 0)

    def add(self, stage: StageConfig) -> StageNeeds:
        for rule in stage.rules:
            match rule:
                case RequiredFieldsRule():
                    self.fields.update(rule.fields)
                case RoleRequiredRule():
                    self.roles.add(rule.role)
                case MinContactsWithRolesRule():
                    self.contacts_with_roles = max(self.contacts_with_roles, rule.count)
                case PrimaryContactRule():
                    self.primary = True
                case ApprovalGrantedRule():
                    self.approvals.append(rule)
                case NoOpenTasksRule():
                    if rule.task_types:
                        self.closed_task_types.update(rule.task_types)
                    else:
                        self.all_tasks_closed = True
        return self

    def forbids_open(self, task_type: str) -> bool:
        return self.all_tasks_closed or task_type in self.closed_task_types

    def approval_needed(self, rule: ApprovalGrantedRule, discount: float | None) -> bool:
        """Whether this deal's discount makes the approval rule apply."""
        if rule.when_discount_above is None:
            return True
        return discount is not None and discount > rule.when_discount_above


def needs_of(stage: StageConfig) -> StageNeeds:
    """The entry rules of one stage: what to prepare before moving a deal into it."""
    return StageNeeds().add(stage)


def needs_to_reach(pipeline: PipelineConfig, stage_code: str) -> StageNeeds:
    """Everything checked on the way from the first stage to `stage_code` (won, if final)."""
    needs = StageNeeds()
    for stage in pipeline.stages[1 : pipeline.index(stage_code) + 1]:
        needs.add(stage)
    return needs
