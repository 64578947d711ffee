"""Stage control: the pipeline config, the deal snapshot and the checker that judges moves.

Pure core: no UI and no database code, so every caller (screen, import, script) gets the same
verdict from the same rules.
"""

from crm_tui.rules.checker import (
    Fix,
    Violation,
    check_transition,
    field_name,
    missing_key_roles,
    triggers_for,
    unmet_requirements,
)
from crm_tui.rules.config import (
    LostReasonConfig,
    LostReasons,
    PipelineConfig,
    Pipelines,
    Rule,
    StageConfig,
    Trigger,
    validate_role_references,
)
from crm_tui.rules.defaults import DEFAULT_ROLES, default_lost_reasons, default_pipelines
from crm_tui.rules.state import (
    ApprovalState,
    DealState,
    ParticipantState,
    TransitionRequest,
)

__all__ = [
    "DEFAULT_ROLES",
    "ApprovalState",
    "DealState",
    "Fix",
    "LostReasonConfig",
    "LostReasons",
    "ParticipantState",
    "PipelineConfig",
    "Pipelines",
    "Rule",
    "StageConfig",
    "TransitionRequest",
    "Trigger",
    "Violation",
    "check_transition",
    "default_lost_reasons",
    "default_pipelines",
    "field_name",
    "missing_key_roles",
    "triggers_for",
    "unmet_requirements",
    "validate_role_references",
]
